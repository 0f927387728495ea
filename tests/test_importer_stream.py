"""A JSON Lines import streamed in small pieces stores exactly what a whole import stores.

The pieces are made small by parameters (lines per worker job, shards the transaction holds
in memory, articles per shard), never by timing. The reference is the import as it was
before streaming: every input parsed whole, merged (`merge_same_articles`), then stored.
"""
from __future__ import annotations

import os
import random
from pathlib import Path

import orjson
import pytest
from conftest import SAMPLE
from reliability_helpers import synthetic_article

import parktui.importer as importer
import parktui.store as store_module
from parktui.ingest.dedupe import merge_same_articles
from parktui.store import Store
from parktui.store_txn import Transaction

SPAN = 8  # articles per shard in these tests: 60 articles are 8 shards


@pytest.fixture(autouse=True)
def small_shards(monkeypatch):
    monkeypatch.setattr(store_module, "SHARD_SPAN", SPAN)


def _lines(n: int, seed: int = 3) -> list[dict]:
    rng = random.Random(seed)
    records = [synthetic_article(rng, i, "流") for i in range(n)]
    records[40] = dict(records[5], text=records[5]["text"] + "\n\n补充一段新的内容。")  # same key: later wins
    records[45] = dict(records[7], url="https://example.com/7")  # the same article, richer: merged
    return records


def _write(path: Path, records: list[dict], bad: bool = True, end: bytes = b"\n") -> Path:
    lines = [orjson.dumps(r) for r in records]
    if bad:
        lines[12:12] = [b"{not json", b"", b"[1, 2]"]
    path.write_bytes(end.join(lines) + end)
    return path


def _reference(db: Path, paths: list[Path]) -> importer.ImportReport:
    """The import before streaming: each input parsed whole, merged, stored in one transaction."""
    report = importer.ImportReport()
    parsed = []
    for path in paths:
        articles, errors = importer.parse_input(str(path), path.read_bytes(), {})
        report.inputs += 1
        report.cleaned += sum(a.pop(importer.REMOVED, 0) for a in articles)
        report.errors.extend(errors)
        parsed.extend(articles)
    parsed, report.merged = merge_same_articles(parsed)
    importer.store_articles(Store(db), parsed, report, "ref")
    return report


def _articles(db: Path) -> dict:
    return Store(db).dump()["articles"]


def _counts(report: importer.ImportReport) -> tuple:
    return (report.new, report.unchanged, report.updated, report.merged, report.cleaned, report.inputs,
            [str(e) for e in report.errors], report.ids)


@pytest.mark.parametrize("parallel", [False, True])
def test_streamed_import_equals_the_whole_import(tmp_path, monkeypatch, parallel):
    if parallel and (os.cpu_count() or 1) < 2:
        pytest.skip("the pool runs only on two cores")
    monkeypatch.setattr(importer, "PARALLEL_MIN", 10 if parallel else 10**9)
    jsonl = _write(tmp_path / "a.jsonl", _lines(60))
    page = tmp_path / "sample.md"
    page.write_bytes(SAMPLE.read_bytes())
    ref = _reference(tmp_path / "ref.json", [jsonl, page])
    got = importer.import_paths(Store(tmp_path / "new.json"), [str(jsonl), str(page)], chunk_lines=7,
                                cached_shards=2)
    assert _articles(tmp_path / "new.json") == _articles(tmp_path / "ref.json")
    assert _counts(got) == _counts(ref)
    assert got.merged == 1 and got.unchanged == 1 and len(got.errors) == 2
    assert [e.line for e in got.errors] == [13, 15]
    assert len(Store(tmp_path / "new.json").snapshot().shards) > 4  # several shards, written early


def test_reimport_updates_across_shards_written_early(tmp_path):
    records = _lines(60)
    db = tmp_path / "store.json"
    importer.import_paths(Store(db), [str(_write(tmp_path / "a.jsonl", records, bad=False))], chunk_lines=5,
                          cached_shards=2)
    changed = [dict(r, text=r["text"] + "\n\n又一段。") if i % 3 == 0 else r for i, r in enumerate(records)]
    again = importer.import_paths(Store(db), [str(_write(tmp_path / "b.jsonl", changed, bad=False))],
                                  chunk_lines=5, cached_shards=2)
    ref = tmp_path / "ref.json"
    _reference(ref, [tmp_path / "a.jsonl"])
    ref_again = _reference(ref, [tmp_path / "b.jsonl"])
    assert _counts(again) == _counts(ref_again)
    assert again.updated > 15 and again.new == 0
    assert _articles(db) == _articles(ref)


def test_a_crash_mid_stream_leaves_the_store_as_before(tmp_path, monkeypatch):
    db = tmp_path / "store.json"
    importer.import_paths(Store(db), [str(SAMPLE)])
    before = Store(db).dump()
    shard_dir = Store(db).shard_dir
    files_before = sorted(os.listdir(shard_dir))
    real = Transaction._write_shard
    calls = []

    def crash_on_the_fourth(self, k, docs, early=False):
        calls.append(k)
        if len(calls) == 4:
            raise KeyboardInterrupt  # as Ctrl+C (or a kill) in the middle of the store phase
        return real(self, k, docs, early)

    monkeypatch.setattr(Transaction, "_write_shard", crash_on_the_fourth)
    monkeypatch.setattr(Transaction, "discard", lambda self: None)  # as a kill: nothing cleans up
    with pytest.raises(KeyboardInterrupt):
        importer.import_paths(Store(db), [str(_write(tmp_path / "a.jsonl", _lines(60)))], cached_shards=2)
    assert Store(db).dump() == before
    assert len(os.listdir(shard_dir)) > len(files_before)  # the early shards, named by no manifest
    monkeypatch.undo()
    monkeypatch.setattr(store_module, "SHARD_SPAN", SPAN)
    importer.import_paths(Store(db), [str(tmp_path / "a.jsonl")], cached_shards=2)  # the next commit collects
    named = {e["file"] for e in Store(db).snapshot().shards.values()}
    backup = {e["file"] for e in Store(db).snapshot(Store(db).backup_path).shards.values()}
    assert set(os.listdir(shard_dir)) == named | backup


def test_a_failed_store_phase_removes_its_early_shards(tmp_path, monkeypatch):
    db = tmp_path / "store.json"
    importer.import_paths(Store(db), [str(SAMPLE)])
    files_before = sorted(os.listdir(Store(db).shard_dir))
    real = Transaction._write_shard

    def full_disk(self, k, docs, early=False):
        if len(self.written) == 3:
            raise OSError(28, "No space left on device")
        return real(self, k, docs, early)

    monkeypatch.setattr(Transaction, "_write_shard", full_disk)
    with pytest.raises(OSError):
        importer.import_paths(Store(db), [str(_write(tmp_path / "a.jsonl", _lines(60)))], cached_shards=2)
    assert sorted(os.listdir(Store(db).shard_dir)) == files_before


def test_crlf_and_bom_lines_import_as_lf_lines(tmp_path):
    records = _lines(60)[:20]
    lf = _write(tmp_path / "lf.jsonl", records)
    crlf = _write(tmp_path / "crlf.jsonl", records, end=b"\r\n")  # read whole, as before
    bom = tmp_path / "bom.jsonl"
    bom.write_bytes(b"\xef\xbb\xbf" + lf.read_bytes())  # streamed: the BOM is dropped
    reports = {}
    for path in (lf, crlf, bom):
        reports[path.name] = importer.import_paths(Store(tmp_path / f"{path.stem}.json"), [str(path)], chunk_lines=3)
    texts = {name: [(a["title"], a["text"]) for a in _articles(tmp_path / f"{Path(name).stem}.json").values()]
             for name in reports}
    assert texts["lf.jsonl"] == texts["crlf.jsonl"] == texts["bom.jsonl"]
    assert [[e.line for e in r.errors] for r in reports.values()] == [[13, 15]] * 3


def test_progress_counts_every_line_of_a_streamed_file(tmp_path):
    path = _write(tmp_path / "a.jsonl", _lines(60)[:30], bad=False)
    calls: list[tuple[int, int]] = []
    importer.import_paths(Store(tmp_path / "s.json"), [str(path)], extracting=lambda d, o: calls.append((d, o)),
                          chunk_lines=4)
    lines = path.read_bytes().count(b"\n") + 1
    assert calls[0] == (0, lines) and calls[-1] == (lines, lines)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_a_jsonl_file_without_articles_is_rejected(tmp_path):
    path = tmp_path / "blank.jsonl"
    path.write_bytes(b"\n\n  \n" * 3)
    report = importer.import_paths(Store(tmp_path / "s.json"), [str(path)])
    assert [str(e) for e in report.errors] == [f"{path}: file holds only whitespace"]
    path.write_text("\ufeff\n \ufeff\n", encoding="utf-8")  # streamed: no line holds an article
    report = importer.import_paths(Store(tmp_path / "s.json"), [str(path)])
    assert [str(e) for e in report.errors] == [f"{path}: no article found"]
    with pytest.raises(importer.InputError, match="no article found"):
        importer.parse_input(str(path), path.read_bytes(), {})
    assert not (tmp_path / "s.json").exists()


def test_shards_written_early_reach_the_disk_before_the_manifest_names_them(tmp_path, monkeypatch):
    import parktui.store_txn as store_txn

    events: list[tuple[str, str]] = []
    real_write, real_fsync = store_txn.write_atomic, store_txn.fsync_file

    def write(path, payload, **kw):
        events.append(("write-nosync" if kw.get("fsync") is False else "write", path.name))
        return real_write(path, payload, **kw)

    def fsync(path, error_path=None):
        events.append(("fsync", path.name))
        return real_fsync(path, error_path)

    monkeypatch.setattr(store_txn, "write_atomic", write)
    monkeypatch.setattr(store_txn, "fsync_file", fsync)
    db = tmp_path / "store.json"
    importer.import_paths(Store(db), [str(_write(tmp_path / "a.jsonl", _lines(60)))], cached_shards=2)
    manifest = events.index(("write", "store.json"))
    early = {name for kind, name in events if kind == "write-nosync"}
    assert early and early <= {name for kind, name in events[:manifest] if kind == "fsync"}


def test_without_processes_the_import_runs_here_with_the_same_result(tmp_path, monkeypatch):
    import parktui.workers as workers

    def no_processes(*args, **kwargs):
        raise OSError(38, "Function not implemented")  # a sandbox without sem_open / fork

    path = _write(tmp_path / "a.jsonl", _lines(60))
    monkeypatch.setattr(importer, "PARALLEL_MIN", 10)
    ref = _reference(tmp_path / "ref.json", [path])
    monkeypatch.setattr(workers, "_process_pool", no_processes)
    got = importer.import_paths(Store(tmp_path / "new.json"), [str(path)], chunk_lines=7)
    assert _counts(got) == _counts(ref)
    assert _articles(tmp_path / "new.json") == _articles(tmp_path / "ref.json")


@pytest.mark.parametrize("parallel", [False, True])
def test_reindex_a_few_shards_at_a_time_equals_a_fresh_import(tmp_path, monkeypatch, parallel):
    if parallel and (os.cpu_count() or 1) < 2:
        pytest.skip("the pool runs only on two cores")
    path = _write(tmp_path / "a.jsonl", _lines(60))
    db = tmp_path / "store.json"
    importer.import_paths(Store(db), [str(path)], cached_shards=2)
    fresh = _articles(db)
    with Store(db).transaction() as txn:  # as an older extractor left them: no figures, no park names
        for article in txn.snapshot.iter_articles():
            txn.replace(article["id"], dict(article, figures=[], park_names=None, extractor="v0"))
    monkeypatch.setattr(importer, "PARALLEL_MIN", 10 if parallel else 10**9)
    calls: list[tuple[int, int]] = []
    n_articles, n_figures = importer.reextract_figures(Store(db), lambda d, o: calls.append((d, o)), batch_shards=1)
    assert n_articles == len(fresh) and n_figures == sum(len(a["figures"]) for a in fresh.values())
    assert _articles(db) == fresh
    assert calls[0] == (0, len(fresh)) and calls[-1] == (len(fresh), len(fresh))


KILLED_IMPORT = r"""
import sys
import parktui.store as store_module
store_module.SHARD_SPAN = 8
from parktui.importer import import_paths
from parktui.store import Store
import_paths(Store(sys.argv[1]), [sys.argv[2]], chunk_lines=5, cached_shards=2)
"""


def test_sigkill_while_shards_are_written_early_leaves_before_or_after(tmp_path):
    """A real kill (SIGKILL) of an import whose transaction writes shards early: the store
    is the one before or the one after the whole import, never a mix, and the next import
    collects the files the killed one left."""
    import shutil
    import subprocess
    import sys
    import time

    from reliability_helpers import env

    rng = random.Random(11)
    path = _write(tmp_path / "a.jsonl", [synthetic_article(rng, i, "杀") for i in range(200)], bad=False)
    base = tmp_path / "base" / "store.json"
    base.parent.mkdir()
    importer.import_paths(Store(base), [str(SAMPLE)])
    after = tmp_path / "after" / "store.json"
    shutil.copytree(base.parent, after.parent)
    subprocess.run([sys.executable, "-c", KILLED_IMPORT, str(after), str(path)], check=True, env=env(tmp_path))
    states = {"before": _articles(base), "after": _articles(after)}
    seen = []
    for trial in range(4):
        db = tmp_path / f"t{trial}" / "store.json"
        shutil.copytree(base.parent, db.parent)
        shard_dir = Store(db).shard_dir
        files = set(os.listdir(shard_dir))
        proc = subprocess.Popen([sys.executable, "-c", KILLED_IMPORT, str(db), str(path)], env=env(tmp_path))
        deadline = time.monotonic() + 120
        while proc.poll() is None and len(set(os.listdir(shard_dir)) - files) < 2 and time.monotonic() < deadline:
            time.sleep(0.002)  # until the transaction has written shards early
        time.sleep(rng.uniform(0, 0.05) * trial)
        proc.kill()
        proc.wait()
        state = _articles(db)
        assert state in states.values(), f"trial {trial}: a mixed store"
        seen.append("before" if state == states["before"] else "after")
        if seen[-1] == "before":
            subprocess.run([sys.executable, "-c", KILLED_IMPORT, str(db), str(path)], check=True, env=env(tmp_path))
        assert _articles(db) == states["after"]
        named = {e["file"] for e in Store(db).snapshot().shards.values()}
        backup = {e["file"] for e in Store(db).snapshot(Store(db).backup_path).shards.values()}
        assert set(os.listdir(shard_dir)) == named | backup
    assert "before" in seen  # at least one kill fell inside the store phase
