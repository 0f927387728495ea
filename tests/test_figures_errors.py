"""An extractor failure is reported (import summary, doctor), never stored as 'no figures'."""
import json

import pytest

import parktui.figures.extract as figures_extract
from parktui import doctor
from parktui.figures import ExtractorError, extract_figures
from parktui.importer import import_paths
from parktui.store import Store


def _fail_on_boom(text, *args):
    if "BOOM" in text:
        raise IndexError("string index out of range")
    return []


def test_a_failure_inside_raises_extractor_error(monkeypatch):
    monkeypatch.setattr(figures_extract, "extract", _fail_on_boom)
    with pytest.raises(ExtractorError, match="IndexError"):
        extract_figures("BOOM 3亿元")
    assert extract_figures("fine") == []


def test_import_reports_the_failure_and_doctor_finds_it(tmp_path, monkeypatch):
    monkeypatch.setattr(figures_extract, "extract", _fail_on_boom)
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps({"title": t, "text": t + "投资3亿元。", "date": "2024-01-01"},
                                        ensure_ascii=False) for t in ("好文章", "BOOM文章")), encoding="utf-8")
    store = Store(tmp_path / "store.json")
    report = import_paths(store, [str(src)])
    assert report.new == 2
    assert "figure extraction failed for 1" in report.summary()
    assert "BOOM" in report.summary()
    failed = [d for d in store.articles() if d["title"] == "BOOM文章"][0]
    assert failed["figures"] is None and "IndexError" in failed["figures_error"]
    problems = " ".join(p.message for p in doctor.check(store).problems)
    assert "figure extraction failed for 1 article" in problems
