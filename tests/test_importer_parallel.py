"""Big imports extract figures on every core; the result equals the one-core path."""
from __future__ import annotations

import copy

from conftest import SAMPLE

import parktui.importer as importer
from parktui.ingest.page import parse_page


def test_parallel_extraction_equals_serial(monkeypatch):
    articles = parse_page(SAMPLE.read_text(encoding="utf-8")) * 3
    serial = [importer.with_figures(copy.deepcopy(a)) for a in articles]
    monkeypatch.setattr(importer, "PARALLEL_MIN", 2)
    parallel = importer.with_figures_many([copy.deepcopy(a) for a in articles])
    assert [a["figures"] for a in parallel] == [a["figures"] for a in serial]
    assert all(a["extractor"] == importer.EXTRACTOR_VERSION for a in parallel)
