"""The index feed (parktui.search.feed): a big import indexes the shards it writes while it
stores them, and the index it commits is the one a sync after the import would build."""
from __future__ import annotations

import queue
import shutil
import sqlite3
import threading

import orjson
import pytest
from search_helpers import article

import parktui.search.feed as feed_module
from parktui.import_stream import ImportReport, store_articles
from parktui.importer import import_paths
from parktui.search import index_for, index_path, search
from parktui.search.index import apply_shard, connect, current_stamp, new_counts
from parktui.search.rows import shard_rows, unpack, unpack_figures
from parktui.store import Store

WORDS = ["园区", "氢能", "光伏", "投资", "芯片", "高新区", "经开区", "签约"]
TABLES = ("docs", "bodies", "figs", "figlists", "shards")


def _records(n: int, tag: str = "") -> list[dict]:
    return [{"title": f"第{i}篇{WORDS[i % 8]}{tag}", "text": "，".join(WORDS[(i + j) % 8] for j in range(12)) + "。",
             "date": "2024-03-01", "source": "科技日报"} for i in range(n)]


def _jsonl(path, rows) -> str:
    path.write_bytes(b"\n".join(orjson.dumps(r) for r in rows) + b"\n")
    return str(path)


def _index_rows(store: Store) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(index_path(store.path))
    rows = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in TABLES}
    # Packed blobs compared by what they hold: ISA-L does not always pack the same text into
    # the same bytes in every process (seen: 86 and 89 bytes for one body, both unpacking to it)
    rows["bodies"] = [(i, unpack(blob)) for i, blob in rows["bodies"]]
    rows["figlists"] = [(i, unpack_figures(blob)) for i, blob in rows["figlists"]]
    rows["fts"] = [conn.execute("SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid", (f'"{q}"',)).fetchall()
                   for q in ("高 新 区", "签", "光 伏", "篇")]
    rows["stamp"] = [(current_stamp(conn) == store.stamp(),)]
    return rows


def _rebuilt(store: Store, tmp_path) -> dict[str, list[tuple]]:
    """The index a sync from nothing makes of a copy of the store."""
    copy = tmp_path / "copy"
    shutil.copytree(store.path.parent, copy, ignore=shutil.ignore_patterns("*.search.sqlite*"))
    other = Store(copy / store.path.name)
    index_for(other).sync()
    return _index_rows(other)


@pytest.fixture
def started(monkeypatch) -> list[str]:
    """The feed processes started, each as how it ended: "committed", "failed" or "aborted"."""
    feeds: list[str] = []
    real_finish, real_abort = feed_module.IndexFeed.finish, feed_module.IndexFeed.abort

    def finish(self):
        done = real_finish(self)
        if self._started:
            feeds.append("committed" if done else "failed")
        return done

    def abort(self):
        if self._started:
            feeds.append("aborted")
        real_abort(self)

    monkeypatch.setattr(feed_module.IndexFeed, "finish", finish)
    monkeypatch.setattr(feed_module.IndexFeed, "abort", abort)
    return feeds


def test_a_big_import_is_indexed_as_a_sync_after_it_would(tmp_path, started):
    store = Store(tmp_path / "s" / "store.json")
    store.path.parent.mkdir()
    import_paths(store, [_jsonl(tmp_path / "a.jsonl", _records(900))], cached_shards=2)
    assert started == ["committed"]
    again = _records(900)
    again[5]["text"] = "芯片园区又签约。"  # shard 1, written early, changes
    import_paths(store, [_jsonl(tmp_path / "b.jsonl", again + _records(400, "续"))], cached_shards=2)
    assert started == ["committed", "committed"]
    fed = _index_rows(store)
    assert fed == _rebuilt(store, tmp_path)
    assert fed["stamp"] == [(True,)] and len(fed["docs"]) == 1300
    assert [h.title for h in search(store, "芯片园区又签约")] == ["第5篇高新区"]


def test_a_small_import_starts_no_feed(tmp_path, started):
    store = Store(tmp_path / "store.json")
    import_paths(store, [_jsonl(tmp_path / "a.jsonl", _records(300))], cached_shards=2)
    assert started == []  # two shards: none written early; the sync after the commit indexes them
    assert len(search(store, "签约", limit=0)) == 300


def test_a_shard_written_again_at_the_commit_is_indexed_as_committed(tmp_path):
    """The feed indexed shard 1 as first written; the commit writes it again under the same
    name. The feed forgets it, so its sync reads the committed shard."""
    store = Store(tmp_path / "store.json")
    store_articles(store, [article("旧稿", "园区旧闻。")], ImportReport())
    index_for(store).sync()
    conn = connect(index_path(store.path))
    conn.execute("BEGIN IMMEDIATE")
    after_commit: queue.Queue = queue.Queue()
    committed = threading.Event()

    def written(k: int, name: str, early: bool) -> None:
        if committed.is_set() or not early:
            after_commit.put((k, name))
        else:  # a feed that keeps up: it indexes the shard at once
            apply_shard(conn, k, name, shard_rows((str(store.shard_dir / name), str(store.path))), new_counts())

    with store.transaction(cached_shards=2) as txn:
        txn.on_shard_written = written
        ids = [txn.insert(article(f"新稿{i}", "光伏签约。")) for i in range(700)]  # shards 1-3, 1 and 2 early
        txn.replace(ids[0], article("改稿", "芯片投资。"))  # shard 1 again: written at the commit
    committed.set()
    after_commit.put(None)
    assert feed_module._index_written(conn, store, after_commit, committed, threading.Event())
    conn.execute("COMMIT")
    assert [h.title for h in search(store, "芯片投资")] == ["改稿"]
    assert _index_rows(store) == _rebuilt(store, tmp_path)


def test_an_import_that_fails_leaves_the_index_as_it_was(tmp_path, monkeypatch, started):
    store = Store(tmp_path / "s" / "store.json")
    store.path.parent.mkdir()
    import_paths(store, [_jsonl(tmp_path / "a.jsonl", _records(20))])
    before = _index_rows(store)
    from parktui.store_txn import Transaction

    def failing_commit(self):
        raise OSError("disk full")

    monkeypatch.setattr(Transaction, "commit", failing_commit)
    with pytest.raises(OSError, match="disk full"):
        import_paths(store, [_jsonl(tmp_path / "b.jsonl", _records(900, "补遗"))], cached_shards=2)
    assert started == ["aborted"]  # the feed indexed shards that were never committed, then rolled back
    assert _index_rows(store) == before
    assert len(search(store, "补遗", limit=0)) == 0


def test_when_the_feed_fails_the_import_syncs_the_index_itself(tmp_path, monkeypatch, started):
    def broken(*args):
        raise RuntimeError("feed broke")

    # the feed process (forked) inherits both: it fails whether it reads a shard before the
    # store commits (shard_rows) or only syncs after it (sync_open)
    monkeypatch.setattr(feed_module, "shard_rows", broken)
    monkeypatch.setattr(feed_module, "sync_open", broken)
    store = Store(tmp_path / "s" / "store.json")
    store.path.parent.mkdir()
    import_paths(store, [_jsonl(tmp_path / "a.jsonl", _records(900))], cached_shards=2)
    assert started == ["failed"]
    assert _index_rows(store) == _rebuilt(store, tmp_path)
    assert len(search(store, "篇", limit=0)) == 900


def test_reindex_feeds_the_index_too(tmp_path, monkeypatch, started):
    import parktui.store_txn as store_txn
    from parktui.importer import reextract_figures

    store = Store(tmp_path / "s" / "store.json")
    store.path.parent.mkdir()
    rows = _records(900)
    for r in rows[::3]:
        r["text"] += "园区投资35亿元，同比增长12%。"
    import_paths(store, [_jsonl(tmp_path / "a.jsonl", rows)])
    with store.transaction() as txn:  # figures lost, as if extracted by an older extractor
        for doc in store.articles():
            txn.replace(doc.pop("id"), dict(doc, figures=[]))
    index_for(store).sync()
    monkeypatch.setattr(store_txn, "CACHED_SHARDS", 2)
    assert reextract_figures(store)[1] == 600
    assert started == ["committed"]
    fed = _index_rows(store)
    assert fed == _rebuilt(store, tmp_path) and len(fed["figs"]) == 600


IMPORT_FED = """
import sys
from parktui.importer import import_paths
from parktui.store import Store
import_paths(Store(sys.argv[1]), [sys.argv[2]], cached_shards=2)
"""


@pytest.mark.parametrize("trial", range(8))
def test_an_import_killed_while_feeding_leaves_a_consistent_index(tmp_path, trial):
    """SIGKILL the importer at a random moment (its feed dies with it): the store is before
    or after, and the index, once it has caught up, answers exactly from the store."""
    import random
    import signal
    import subprocess
    import sys
    import time

    from reliability_helpers import env

    db = tmp_path / "store.json"
    import_paths(Store(db), [_jsonl(tmp_path / "base.jsonl", _records(300))])
    source = _jsonl(tmp_path / "more.jsonl", _records(1500, "补遗"))
    proc = subprocess.Popen([sys.executable, "-c", IMPORT_FED, str(db), source], env=env(tmp_path),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(random.Random(trial).uniform(0.25, 0.85))
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    store = Store(db)
    n = len(store.summaries())
    assert n in (300, 1800), n
    assert len(search(store, "补遗", limit=0)) == n - 300
    assert len(search(store, "篇", limit=0)) == n
    assert _index_rows(store) == _rebuilt(store, tmp_path)


def test_where_no_process_can_start_the_import_indexes_after_its_commit(tmp_path, monkeypatch, started):
    import multiprocessing

    def refuse(*args, **kwargs):
        raise OSError("no semaphores here")

    monkeypatch.setattr(multiprocessing.get_context(), "Event", refuse)
    store = Store(tmp_path / "s" / "store.json")
    store.path.parent.mkdir()
    import_paths(store, [_jsonl(tmp_path / "a.jsonl", _records(900))], cached_shards=2)
    assert started == ["failed"]  # tried at the first shard written early, then left to the sync
    assert _index_rows(store) == _rebuilt(store, tmp_path)
