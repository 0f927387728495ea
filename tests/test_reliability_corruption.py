"""Damaged stores: a clear error naming the file and what to do; doctor finds and repairs."""
from __future__ import annotations

import os
import shutil

import pytest
from reliability_helpers import ROOT, edit_articles, tables

from parktui import doctor
from parktui.cli import main
from parktui.importer import import_paths
from parktui.store import Store

SAMPLE = ROOT / "data" / "kjrb_yuanqu_sample.md"
SQLITE = b"SQLite format 3\x00" + bytes(200)

# name → (file bytes, words the error must contain)
DAMAGE = {
    "truncated": (None, "corrupt or truncated JSON"),
    "garbage": (bytes(range(256)) * 8, "corrupt or truncated JSON"),
    "zeros": (bytes(4096), "corrupt or truncated JSON"),  # a power loss on some file systems
    "blank": (b"  \n\n", "blank"),
    "foreign-json": (b'{"name": "left-pad", "version": "1.3.0"}', "another program"),
    "json-list": (b"[1, 2, 3]", "another program"),
    "sqlite": (SQLITE, "corrupt or truncated JSON"),
    "newer-schema": (b'{"_meta": {"1": {"schema": 99}}, "articles": {}}', "newer than this parktui"),
    "bad-table": (b'{"_meta": {"1": {"schema": 1}}, "articles": [1, 2]}', "damaged store"),
    "bad-id": (b'{"articles": {"x": {"title": "t", "text": "b", "key": "k"}}}', "damaged store"),
    "bad-record": (b'{"articles": {"1": "hello"}}', "damaged store"),
    "no-text": (b'{"articles": {"1": {"title": "t"}}}', "damaged store"),
    "text-not-string": (b'{"articles": {"1": {"title": "t", "text": 5}}}', "damaged store"),
}


@pytest.fixture
def good(tmp_path):
    """A store written twice (so <store>.bak holds the first import), and its tables."""
    db = tmp_path / "store.json"
    store = Store(db)
    import_paths(store, [str(SAMPLE)])
    first = tables(db)
    extra = tmp_path / "extra.md"
    extra.write_text("# 青岛高新区新增企业\n\n本报讯 青岛高新区今年新增企业120家，总投资35亿元。\n", encoding="utf-8")
    import_paths(store, [str(extra)])
    return db, first, tables(db)


def _damage(db, name) -> bytes:
    data, _ = DAMAGE[name]
    if data is None:
        data = db.read_bytes()[: len(db.read_bytes()) // 2]
    db.write_bytes(data)
    return data


@pytest.mark.parametrize("name", sorted(DAMAGE))
@pytest.mark.parametrize("command", [["articles"], ["show", "1"], ["figures"], ["reindex"],
                                     ["import", str(SAMPLE)]])
def test_every_command_refuses_clearly(good, capsys, name, command):
    db, _, _ = good
    data = _damage(db, name)
    code = main(["--db", str(db), *command])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith(f"parktui: error: {db}: "), err
    assert DAMAGE[name][1] in err
    assert any(hint in err for hint in ("parktui doctor", "another --db", "upgrade parktui")), err
    assert "Traceback" not in err
    assert db.read_bytes() == data, "a damaged store must never be overwritten"


@pytest.mark.parametrize("name", sorted(DAMAGE))
def test_doctor_reports_then_repairs(good, capsys, name):
    db, first, _ = good
    data = _damage(db, name)
    assert main(["--db", str(db), "doctor"]) == 1
    out = capsys.readouterr().out
    assert f"store: {db}" in out and "problem:" in out
    code = main(["--db", str(db), "doctor", "--repair"])
    out = capsys.readouterr().out
    broken = [p for p in db.parent.iterdir() if p.name.startswith("store.json.broken-")]
    if name == "newer-schema":  # never touched: upgrading parktui is the fix
        assert code == 1 and "upgrade parktui" in out
        assert db.read_bytes() == data and not broken
        return
    assert code == 0, out
    assert "repaired:" in out
    assert len(broken) == 1 and broken[0].read_bytes() == data, "the damaged file is kept aside"
    state = tables(db)
    if name == "bad-id":  # parses, holds an intact article: salvaged in place
        assert "salvaged 1 article, renumbered 1 record(s)" in out
        assert [a["title"] for a in state["articles"].values()] == ["t"]
    else:  # restored from the rotating backup, which held the first import
        assert "restored the store from store.json.bak" in out
        assert state == first
    assert main(["--db", str(db), "doctor"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "articles", "--format", "json"]) == 0


def test_repair_without_backup_changes_nothing(tmp_path, capsys):
    db = tmp_path / "store.json"
    db.write_bytes(b"{not json")
    assert main(["--db", str(db), "doctor", "--repair"]) == 1
    out = capsys.readouterr().out
    assert "no backup store.json.bak" in out and "not repairable" in out
    assert db.read_bytes() == b"{not json"
    assert [p.name for p in tmp_path.iterdir()] == ["store.json"]


def test_foreign_file_without_backup_is_left_alone(tmp_path, capsys):
    db = tmp_path / "package.json"
    db.write_bytes(b'{"name": "x"}')
    assert main(["--db", str(db), "import", str(SAMPLE)]) == 1
    assert "another program" in capsys.readouterr().err
    assert main(["--db", str(db), "doctor", "--repair"]) == 1
    assert db.read_bytes() == b'{"name": "x"}'


def test_store_is_a_directory(tmp_path, capsys):
    db = tmp_path / "store.json"
    db.mkdir()
    assert main(["--db", str(db), "articles"]) == 1
    assert f"parktui: error: {db}: is a directory" in capsys.readouterr().err
    assert main(["--db", str(db), "doctor", "--repair"]) == 1
    assert db.is_dir()


def test_missing_store_with_backup(good, capsys):
    db, first, _ = good
    os.unlink(db)
    assert main(["--db", str(db), "doctor"]) == 1
    assert main(["--db", str(db), "doctor", "--repair"]) == 0
    assert tables(db) == first  # the backup manifest held the first import
    capsys.readouterr()


# Problems inside a readable store ----------------------------------------------------------

def _edit(db, fn) -> None:
    edit_articles(db, lambda docs: fn({"articles": docs}))


def test_healthy_store(good, capsys):
    db, _, _ = good
    assert main(["--db", str(db), "doctor"]) == 0
    assert "no problems found" in capsys.readouterr().out


def test_figure_offsets_and_extractor_are_rebuilt(good, capsys):
    db, _, after = good

    def damage(t):
        arts = t["articles"]
        first = next(a for a in arts.values() if a["figures"])
        first["figures"][0]["start"] += 3  # offsets no longer hold
        second = list(arts.values())[1]
        second["extractor"] = -1  # an older extractor
        del list(arts.values())[2]["figures"]

    _edit(db, damage)
    report = doctor.check(Store(db))
    assert [p.fix for p in report.problems] == [doctor.REINDEX]
    assert "3 article(s)" in report.problems[0].message
    assert main(["--db", str(db), "doctor", "--repair"]) == 0
    assert "re-extracted" in capsys.readouterr().out
    assert tables(db)["articles"] == after["articles"]


def test_missing_key_hash_and_bad_blocks_are_rebuilt(good, capsys):
    db, _, after = good

    def damage(t):
        a = t["articles"]["1"]
        a["hash"] = "0"
        a["blocks"][0]["end"] = len(a["text"]) + 10

    _edit(db, damage)
    fixes = {p.fix for p in doctor.check(Store(db)).problems}
    assert fixes == {doctor.REKEY, doctor.REBLOCK}
    assert main(["--db", str(db), "doctor", "--repair"]) == 0
    state = tables(db)
    assert len(state["articles"]) == len(after["articles"])
    assert state["articles"]["1"]["text"] == after["articles"]["1"]["text"]
    assert main(["--db", str(db), "show", "1"]) == 0
    capsys.readouterr()


def test_article_without_key_still_imports(good, capsys):
    """Records written by other tools may lack the identity key: import works, doctor adds it."""
    db, _, after = good
    _edit(db, lambda t: t["articles"]["1"].pop("key"))
    assert main(["--db", str(db), "import", str(SAMPLE)]) == 0
    assert len(tables(db)["articles"]) == len(after["articles"])
    assert main(["--db", str(db), "doctor", "--repair"]) == 0
    assert tables(db)["articles"]["1"]["key"] == after["articles"]["1"]["key"]
    capsys.readouterr()


def test_duplicate_keys_are_reported_never_deleted(good, capsys):
    db, _, after = good

    def damage(t):
        t["articles"]["99"] = dict(t["articles"]["1"])

    _edit(db, damage)
    assert main(["--db", str(db), "doctor", "--repair"]) == 1
    out = capsys.readouterr().out
    assert "share one identity" in out and "1, 99" in out
    assert len(tables(db)["articles"]) == len(after["articles"]) + 1


def test_leftover_temp_files_are_removed(good, capsys):
    db, _, after = good
    tmp = db.with_name(f".{db.name}.abc123.tmp")
    tmp.write_bytes(b'{"half": ')
    assert main(["--db", str(db), "doctor"]) == 1
    assert "temporary file" in capsys.readouterr().out
    assert main(["--db", str(db), "doctor", "--repair"]) == 0
    assert not tmp.exists() and tables(db) == after
    capsys.readouterr()


@pytest.mark.parametrize("content", [b"{broken", b"[1, 2]", b'{"articles": 5}'])
def test_broken_catalog_is_deleted(good, capsys, content):
    db, _, _ = good
    catalog = db.with_name(db.name + ".catalog.json")
    catalog.write_bytes(content)
    assert main(["--db", str(db), "doctor"]) == 1
    assert "store.json.catalog.json" in capsys.readouterr().out
    assert main(["--db", str(db), "doctor", "--repair"]) == 0
    assert not catalog.exists()
    capsys.readouterr()


@pytest.mark.parametrize("content", [b"{broken", b"[1, 2]"])
def test_broken_shard_dates_are_deleted_and_recorded_again(good, capsys, content):
    from parktui.store_derived import DATES

    db, _, after = good
    dates = Store(db).catalog_dir / DATES
    assert dates.exists() and main(["--db", str(db), "doctor"]) == 0  # as every commit writes it
    dates.write_bytes(content)
    assert main(["--db", str(db), "doctor"]) == 1
    assert f"catalog/{DATES}" in capsys.readouterr().out
    assert main(["--db", str(db), "doctor", "--repair"]) == 0
    assert not dates.exists() and tables(db) == after
    Store(db).summaries()  # a full listing records them again
    assert dates.exists() and main(["--db", str(db), "doctor"]) == 0
    capsys.readouterr()


def test_stale_catalog_and_index_are_notes(good, capsys):
    """Derived files behind the store catch up by themselves: healthy, with a note."""
    import sqlite3

    db, _, _ = good
    db.with_name(db.name + ".catalog.json").write_bytes(b'{"stamp": [1, 2, 3], "articles": []}')
    index = db.with_name(db.name + ".search.sqlite")
    sqlite3.connect(index).close()
    with Store(db).transaction() as txn:  # a write the index has not seen: its stamp is older
        txn.add_import({})
    assert main(["--db", str(db), "doctor"]) == 0
    out = capsys.readouterr().out
    assert "note: store.json.catalog.json is behind the store" in out
    assert "note: store.json.search.sqlite is behind the store" in out


def test_broken_search_index_is_deleted(good, capsys):
    db, _, _ = good
    index = db.with_name(db.name + ".search.sqlite")
    index.write_bytes(b"not a database at all" * 100)
    assert main(["--db", str(db), "doctor"]) == 1
    assert "store.json.search.sqlite" in capsys.readouterr().out
    assert main(["--db", str(db), "doctor", "--repair"]) == 0
    assert not index.exists()
    capsys.readouterr()


def test_fresh_search_index_is_kept(good, capsys):
    import sqlite3

    db, _, _ = good
    index = db.with_name(db.name + ".search.sqlite")
    con = sqlite3.connect(index)
    con.execute("create table t (x)")
    con.commit()
    con.close()
    assert main(["--db", str(db), "doctor"]) == 0
    assert index.exists()
    capsys.readouterr()


def test_repair_of_a_kept_broken_store_is_idempotent(good, capsys):
    db, first, _ = good
    _damage(db, "truncated")
    assert main(["--db", str(db), "doctor", "--repair"]) == 0
    assert main(["--db", str(db), "doctor", "--repair"]) == 0
    assert tables(db) == first
    shutil.rmtree(db.parent)
    capsys.readouterr()
