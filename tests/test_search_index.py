"""The index stays consistent with the store: import, re-import, reindex, outside
writes, a missing, damaged or foreign index."""
from __future__ import annotations

import os
import random
import sqlite3

import orjson
from search_helpers import article, put

from parktui.importer import import_paths, reextract_figures
from parktui.search import index_for, index_path, search
from parktui.search.index import current_stamp
from parktui.store import Store


def jsonl(path, rows):
    path.write_bytes(b"\n".join(orjson.dumps(r) for r in rows) + b"\n")
    return str(path)


def titles(store, q):
    return sorted(h.title for h in search(store, q, limit=0))


def test_import_builds_and_stamps_the_index(tmp_path):
    store = Store(tmp_path / "s.json")
    src = jsonl(tmp_path / "a.jsonl", [
        {"title": "氢能园区开工", "text": "园区氢能项目开工建设。", "date": "2024-01-02", "source": "科技日报"},
        {"title": "光伏基地投产", "text": "光伏组件下线。", "date": "2024-01-03", "source": "科技日报"},
    ])
    import_paths(store, [src])
    conn = sqlite3.connect(index_path(store.path))
    assert conn.execute("SELECT count(*) FROM docs").fetchone()[0] == 2
    assert conn.execute("SELECT value FROM meta WHERE key='stamp'").fetchone()[0] == store.stamp()
    assert titles(store, "氢能") == ["氢能园区开工"]


def test_reimport_replaces_changed_articles(tmp_path):
    store = Store(tmp_path / "s.json")
    rows = [{"title": "氢能园区开工", "text": "园区氢能项目开工建设。", "date": "2024-01-02", "source": "科技日报"}]
    import_paths(store, [jsonl(tmp_path / "a.jsonl", rows)])
    rows[0]["text"] = "园区储能项目开工建设。"
    import_paths(store, [jsonl(tmp_path / "b.jsonl", rows)])
    assert titles(store, "储能") == ["氢能园区开工"]
    assert titles(store, "氢能项目") == []
    assert len(store.articles()) == 1
    import_paths(store, [jsonl(tmp_path / "b.jsonl", rows)])  # unchanged: still consistent
    assert titles(store, "储能") == ["氢能园区开工"]


def test_reextract_figures_refreshes_index(tmp_path):
    store = Store(tmp_path / "s.json")
    import_paths(store, [jsonl(tmp_path / "a.jsonl", [
        {"title": "投资", "text": "完成投资120亿元。", "date": "2024-01-02", "source": "科技日报"}])])
    with store.transaction() as txn:  # figures lost outside parktui's importer
        txn.replace(1, dict(txn.get(1), figures=[]))
    reextract_figures(store)
    conn = sqlite3.connect(index_path(store.path))
    n_store = sum(len(a["figures"]) for a in store.articles())
    assert n_store > 0
    assert conn.execute("SELECT count(*) FROM figs").fetchone()[0] == n_store
    assert current_stamp(conn) == store.stamp()


def test_a_write_behind_the_index_is_seen_by_the_next_search(tmp_path):
    store = Store(tmp_path / "s.json")
    put(store, [article("第一篇", "园区文字。")])
    assert titles(store, "园区") == ["第一篇"]
    put(store, [article("第二篇", "更多园区文字。")])  # no index update
    assert titles(store, "园区") == ["第一篇", "第二篇"]
    store.delete([1])
    assert titles(store, "园区") == ["第二篇"]
    assert titles(store, "第一") == []


def test_sync_replaces_only_what_changed(tmp_path):
    store = Store(tmp_path / "s.json")
    put(store, [article(f"第{i}篇", f"园区文字{i}。") for i in range(50)])
    index = index_for(store)
    index.sync()
    with store.transaction() as txn:
        txn.replace(7, dict(txn.get(7), text="新的园区文字。", hash="changed"))
    counts = index.sync()
    assert counts == {"added": 0, "replaced": 1, "removed": 0, "figures": 0}
    assert titles(store, "新的") == ["第6篇"]
    assert index.sync() == {"added": 0, "replaced": 0, "removed": 0, "figures": 0}


def test_missing_index_is_rebuilt(tmp_path):
    store = Store(tmp_path / "s.json")
    put(store, [article("第一篇", "园区文字。")])
    assert titles(store, "园区") == ["第一篇"]
    index_for(store).remove()
    assert not index_path(store.path).exists()
    assert titles(store, "园区") == ["第一篇"]
    assert index_path(store.path).exists()


def test_damaged_index_is_rebuilt(tmp_path):
    store = Store(tmp_path / "s.json")
    put(store, [article("第一篇", "园区文字。")])
    index_for(store).close()
    index_path(store.path).write_bytes(b"this is not sqlite at all" * 100)
    assert titles(store, "园区") == ["第一篇"]


def test_index_of_another_layout_is_rebuilt(tmp_path):
    store = Store(tmp_path / "s.json")
    put(store, [article("第一篇", "园区文字。")])
    search(store, "园区")
    index_for(store).close()
    conn = sqlite3.connect(index_path(store.path))
    conn.execute("PRAGMA user_version=999")
    conn.close()
    assert titles(store, "园区") == ["第一篇"]


def test_read_only_folder_still_searches(tmp_path):
    import os

    folder = tmp_path / "ro"
    folder.mkdir()
    store = Store(folder / "s.json")
    put(store, [article("第一篇", "园区文字。")])
    os.chmod(folder, 0o555)
    try:
        if os.access(folder, os.W_OK):  # root ignores permissions
            return
        assert titles(store, "园区") == ["第一篇"]
    finally:
        os.chmod(folder, 0o755)


def test_free_pages_go_back_after_a_sync(tmp_path):
    rng = random.Random(11)
    store = Store(tmp_path / "s.json")
    put(store, [article(f"第{i}篇", "".join(chr(0x4E00 + rng.randrange(3000)) for _ in range(8000)))
                for i in range(300)])
    index = index_for(store)
    index.sync()
    store.delete(list(range(1, 300)))
    index.sync()
    conn = sqlite3.connect(index_path(store.path))
    assert conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 2  # incremental
    assert conn.execute("PRAGMA freelist_count").fetchone()[0] <= 256


def test_a_big_sync_on_worker_processes_equals_one_in_this_process(tmp_path, monkeypatch):
    import parktui.search.index as index_module

    rng = random.Random(5)
    words = ["园区", "氢能", "光伏", "投资", "芯片", "高新区", "经开区", "签约"]
    docs = [article(f"第{i}篇{rng.choice(words)}", "，".join(rng.choice(words) for _ in range(30)) + "。")
            for i in range(1100)]  # five shards

    pools: list[int] = []
    real_pool = index_module.worker_pool

    def counted_pool(workers: int):
        pools.append(workers)
        return real_pool(workers)

    monkeypatch.setattr(index_module, "worker_pool", counted_pool)

    def build(name: str, parallel_from: int) -> list[tuple]:
        store = Store(tmp_path / name / "s.json")
        store.path.parent.mkdir()
        put(store, docs)
        monkeypatch.setattr(index_module, "PARALLEL_SHARDS", parallel_from)
        assert index_for(store).sync()["added"] == 1100
        assert titles(store, "高新区") == sorted(d["title"] for d in docs if "高新区" in d["title"] + d["text"])
        conn = sqlite3.connect(index_path(store.path))
        return conn.execute("SELECT * FROM docs JOIN bodies USING (id) ORDER BY id").fetchall()

    assert build("workers", 2) == build("here", 10**6)
    assert pools == [min(2, os.cpu_count() or 1), 1]
