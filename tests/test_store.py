"""The sharded store: migration from the first release, shards touched per write, flags,
delete and undo, user tables, and files that stay TinyDB files."""
from __future__ import annotations

import orjson
import pytest
from reliability_helpers import ROOT, synthetic_jsonl
from tinydb import TinyDB

from parktui.cli import main
from parktui.importer import import_paths
from parktui.store import SHARD_SPAN, Store, StoreError

SAMPLE = ROOT / "data" / "kjrb_yuanqu_sample.md"


def first_release_store(path, n: int) -> dict:
    """A store as the first release wrote it: one TinyDB file holding every article."""
    docs = {str(i): {"title": f"标题{i}", "text": f"园区正文{i}。", "source": "科技日报", "date": "2024-01-02",
                     "key": f"k{i}", "hash": f"h{i}", "figures": []} for i in range(1, n + 1)}
    tables = {"_meta": {"1": {"schema": 1}}, "articles": docs}
    path.write_bytes(orjson.dumps(tables))
    return docs


def test_first_release_store_is_read_then_migrated_by_the_first_write(tmp_path):
    db = tmp_path / "store.json"
    docs = first_release_store(db, SHARD_SPAN + 10)
    old = db.read_bytes()
    store = Store(db)
    assert [r["title"] for r in store.summaries()] == [d["title"] for d in docs.values()]
    assert store.article(SHARD_SPAN + 3)["text"] == docs[str(SHARD_SPAN + 3)]["text"]
    assert db.read_bytes() == old, "reading never rewrites"
    store.set_flags(1, starred=True)
    import_paths(store, [str(SAMPLE)])  # the first write migrates
    assert db.with_name("store.json.bak").read_bytes() == old, "the old file is kept until the next commit"
    assert len(store.snapshot().shards) == 2 and not store.snapshot().legacy
    dump = store.dump()["articles"]
    assert len(dump) == SHARD_SPAN + 10 + 5
    assert all(dump[i] == d for i, d in docs.items())
    assert store.summaries()[0]["starred"]
    assert store.imports()[0]["new"] == 5


def test_a_killed_migration_leaves_the_first_release_file(tmp_path, monkeypatch):
    db = tmp_path / "store.json"
    first_release_store(db, 20)
    old = db.read_bytes()
    import parktui.store_files as files

    real = files.write_atomic

    def die_at_manifest(path, payload, **kw):
        if path == db:
            raise KeyboardInterrupt
        real(path, payload, **kw)

    monkeypatch.setattr(files, "write_atomic", die_at_manifest)
    monkeypatch.setattr("parktui.store_txn.write_atomic", die_at_manifest)
    with pytest.raises(KeyboardInterrupt):
        Store(db).add_articles([{"title": "新", "text": "新的"}])
    monkeypatch.undo()
    assert db.read_bytes() == old
    assert len(Store(db).articles()) == 20
    assert Store(db).add_articles([{"title": "新", "text": "新的"}]) == [21]
    assert len(Store(db).articles()) == 21


def test_one_new_page_writes_one_shard(tmp_path):
    db = tmp_path / "store.json"
    store = Store(db)
    import_paths(store, [str(synthetic_jsonl(tmp_path / "a.jsonl", SHARD_SPAN * 2 + 10, seed=1))])
    before = {k: e["file"] for k, e in store.snapshot().shards.items()}
    report = import_paths(store, [str(SAMPLE)])
    after = {k: e["file"] for k, e in store.snapshot().shards.items()}
    assert report.new == 5 and report.number == 2 and "import #2" in report.summary()
    assert [k for k in after if before.get(k) != after[k]] == [max(after)]
    shard_files = sorted(p.name for p in store.shard_dir.iterdir())
    assert len(shard_files) == len(after) + 1, "the backup manifest's version of the changed shard is kept"


def test_shards_are_tinydb_files(tmp_path):
    store = Store(tmp_path / "store.json")
    import_paths(store, [str(SAMPLE)])
    entry = store.snapshot().shards[1]
    with TinyDB(store.shard_dir / entry["file"], access_mode="r") as db:
        assert [d["title"] for d in db.table("articles").all()] == [a["title"] for a in store.articles()]
    with TinyDB(store.path, access_mode="r") as db:
        assert db.table("shards").get(doc_id=1)["file"] == entry["file"]


def test_delete_and_undo_an_import(tmp_path, capsys):
    db = tmp_path / "store.json"
    assert main(["--db", str(db), "import", str(SAMPLE)]) == 0
    extra = tmp_path / "extra.md"
    extra.write_text("# 青岛高新区新增企业\n\n本报讯 青岛高新区今年新增企业120家，总投资35亿元。\n", encoding="utf-8")
    assert main(["--db", str(db), "import", str(extra)]) == 0
    assert "(import #2)" in capsys.readouterr().err
    assert main(["--db", str(db), "search", "新增企业120家", "--format", "json"]) == 0
    assert len(orjson.loads(capsys.readouterr().out)) == 1
    assert main(["--db", str(db), "imports"]) == 0
    out = capsys.readouterr().out
    assert "extra.md" in out and "kjrb_yuanqu_sample.md" in out
    assert main(["--db", str(db), "delete", "--import", "2"]) == 0
    assert "deleted 1 article" in capsys.readouterr().err
    assert main(["--db", str(db), "search", "新增企业120家", "--format", "json"]) == 0
    assert orjson.loads(capsys.readouterr().out) == []
    assert main(["--db", str(db), "delete", "1", "99"]) == 1
    err = capsys.readouterr().err
    assert "deleted 1 article" in err and "no article with id 99" in err
    assert [a["id"] for a in Store(db).summaries()] == [2, 3, 4, 5]
    assert main(["--db", str(db), "delete", "--import", "7"]) == 1
    assert "no import #7" in capsys.readouterr().err


def test_flags_are_cheap_and_survive_other_writes(tmp_path):
    store = Store(tmp_path / "store.json")
    import_paths(store, [str(SAMPLE)])
    stamp = store.stamp()
    assert store.set_flags(2, read=True) == {"read": True, "starred": False}
    assert store.stamp() == stamp, "a flag is not a store write: search and lists need no refresh"
    store.set_flags(3, starred=True)
    store.set_flags(2, starred=True)
    import_paths(store, [str(SAMPLE)])
    rows = {r["id"]: (r["read"], r["starred"]) for r in store.summaries()}
    assert rows[2] == (True, True) and rows[3] == (False, True) and rows[1] == (False, False)
    store.delete([3])
    assert 3 not in store.flags()


def test_user_tables_live_in_the_manifest(tmp_path):
    store = Store(tmp_path / "store.json")
    n = store.put_record("feeds", {"url": "https://example.org/rss", "title": "园区"})
    store.put_record("feeds", {"url": "https://example.org/rss2"})
    assert store.records("feeds")[n]["title"] == "园区"
    assert store.remove_record("feeds", n) and not store.remove_record("feeds", n)
    assert list(store.records("feeds")) == [2]
    with pytest.raises(ValueError):
        store.records("shards")


def test_a_damaged_shard_is_refused_and_salvaged(tmp_path, capsys):
    db = tmp_path / "store.json"
    store = Store(db)
    store.add_articles([{"title": f"t{i}", "text": "x"} for i in range(SHARD_SPAN + 1)])
    shard = store.shard_dir / store.snapshot().shards[2]["file"]
    shard.write_bytes(b"{broken")
    with pytest.raises(StoreError, match="corrupt or truncated"):
        store.articles()
    assert main(["--db", str(db), "doctor", "--repair"]) == 0
    out = capsys.readouterr().out
    assert "damaged shard" in out and len(store.articles()) == SHARD_SPAN
    assert any(p.name.startswith(shard.name + ".broken-") for p in store.shard_dir.iterdir())


def test_articles_options_and_plain_piped_output(tmp_path, capsys):
    db = tmp_path / "store.json"
    rows = [{"title": f"雄安新区标题{i}" if i % 3 == 0 else f"标题{i}", "text": "今年新增企业12家。",
             "source": "科技日报" if i % 2 else "人民日报", "date": f"2024-01-{i:02d}"} for i in range(1, 21)]
    src = tmp_path / "a.jsonl"
    src.write_bytes(b"\n".join(orjson.dumps(r) for r in rows))
    assert main(["--db", str(db), "import", str(src)]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "articles", "--limit", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["18", "19", "20"]
    assert all(line == line.rstrip() and line.count("\t") == 5 for line in lines)
    assert main(["--db", str(db), "articles", "--park", "雄安", "--source", "科技", "--since", "2024-01-05",
                 "--format", "json"]) == 0
    assert [a["title"] for a in orjson.loads(capsys.readouterr().out)] == ["雄安新区标题9", "雄安新区标题15"]
    assert main(["--db", str(db), "articles", "--park", "雄安", "--limit", "1", "--format", "json"]) == 0
    assert [a["title"] for a in orjson.loads(capsys.readouterr().out)] == ["雄安新区标题18"]


@pytest.mark.parametrize("passes", ["summary_batches", "iter_articles"])
def test_a_pass_over_the_store_goes_on_after_a_writer_collects_its_shard(tmp_path, passes):
    store = Store(tmp_path / "store.json")
    store.add_articles([{"title": f"t{i}", "text": "x"} for i in range(2 * SHARD_SPAN + 10)])
    if passes == "summary_batches":
        ids = (r["id"] for rows in store.summary_batches() for r in rows)
    else:
        ids = (a["id"] for a in store.iter_articles())
    first = [next(ids) for _ in range(SHARD_SPAN)]
    assert first == list(range(1, SHARD_SPAN + 1))
    # two commits rewrite shard 2: the snapshot the pass was reading names a deleted file
    assert store.delete([SHARD_SPAN + 5]) == [SHARD_SPAN + 5]
    assert store.delete([SHARD_SPAN + 6]) == [SHARD_SPAN + 6]
    rest = list(ids)
    expected = [i for i in range(SHARD_SPAN + 1, 2 * SHARD_SPAN + 11) if i not in (SHARD_SPAN + 5, SHARD_SPAN + 6)]
    assert rest == expected


def test_the_articles_table_prints_before_it_has_read_everything(monkeypatch):
    from parktui import cli_store

    monkeypatch.setattr(cli_store, "TABLE_BLOCK", 2)

    def batches():
        yield [{"id": 1, "date": "2024-01-02", "park": "雄安新区", "n_figures": 3, "title": "第一篇"},
               {"id": 2, "date": "2024-01-03", "park": "", "n_figures": 12, "title": "第二篇"}]
        yield [{"id": 30, "date": "2024-01-04", "park": "中关村科技园区海淀园", "n_figures": 0, "title": "第三篇"}]
        raise AssertionError("read beyond what was printed")

    lines = cli_store.table_lines(batches(), last_id=30)
    head = [next(lines) for _ in range(3)]   # header and the first block, the rest unread
    assert head[0].split() == ["id", "date", "park", "figures", "title"]
    third = next(lines)
    assert "中关村" in third and third.endswith("第三篇") and "…" in third   # fitted to the first block's park width
    from rich.cells import cell_len

    title_at = {cell_len(line[:line.index("第")]) for line in [*head[1:], third]}
    assert len(title_at) == 1   # every title starts in the same column
    with pytest.raises(AssertionError, match="read beyond"):
        next(lines)
