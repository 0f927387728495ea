"""The identity keys an import compares with (store_derived.KeyTable): a small import asks
the search index for its few keys instead of reading the keys of every shard, and the
index's keys table stays the catalog's, whatever the store went through."""
from __future__ import annotations

import sqlite3

import pytest
from conftest import SAMPLE
from reliability_helpers import synthetic_jsonl

import parktui.importer as importer
import parktui.store_derived as store_derived
from parktui.importer import import_paths, reextract_figures
from parktui.search import index_for, update_index
from parktui.search.index import index_path, key_lookup
from parktui.store import SHARD_SPAN, Store
from parktui.store_derived import KeyTable, key_rows


def index_keys(store: Store) -> list[list]:
    with sqlite3.connect(index_path(store.path)) as conn:
        return [list(r) for r in conn.execute("SELECT id, key, hash, extractor, import FROM keys ORDER BY id")]


def catalog_keys(store: Store) -> list[list]:
    return sorted(key_rows(store.snapshot()), key=lambda r: r[0])


@pytest.fixture
def store(tmp_path) -> Store:
    store = Store(tmp_path / "store.json")
    import_paths(store, [str(synthetic_jsonl(tmp_path / "a.jsonl", SHARD_SPAN + 40))])
    return store


def test_the_index_keys_are_the_catalog_keys_through_imports_deletes_and_reindex(store, tmp_path, monkeypatch):
    assert index_keys(store) == catalog_keys(store)
    import_paths(store, [str(synthetic_jsonl(tmp_path / "b.jsonl", 30, seed=5, tag="补"))])
    assert index_keys(store) == catalog_keys(store)
    store.delete([3, SHARD_SPAN + 7])
    store.delete_import(2)
    update_index(store)
    assert index_keys(store) == catalog_keys(store)
    # a new extractor with the same figures: no article's text or figures change, its key row does
    monkeypatch.setattr(importer, "EXTRACTOR_VERSION", f"{importer.EXTRACTOR_VERSION}-next")
    reextract_figures(store)
    assert {r[3] for r in catalog_keys(store)} == {importer.EXTRACTOR_VERSION}
    assert index_keys(store) == catalog_keys(store)


def test_a_small_import_reads_no_shard_keys_when_the_index_is_current(store, monkeypatch):
    def no_catalog(snap):
        raise AssertionError("read the keys of every shard")

    monkeypatch.setattr(store_derived, "key_rows", no_catalog)
    first = import_paths(store, [str(SAMPLE)])
    again = import_paths(store, [str(SAMPLE)])
    assert first.new > 0 and (again.new, again.updated, again.unchanged) == (0, 0, first.new)


def test_a_stale_or_missing_index_is_not_asked(store):
    stamp = store.snapshot().stamp
    assert key_lookup(store, stamp) is not None
    assert key_lookup(store, stamp + "x") is None           # the index holds another state
    index_for(store).remove()
    assert key_lookup(store, stamp) is None                 # no index: the catalog answers
    report = import_paths(store, [str(SAMPLE)])
    assert report.new > 0 and index_keys(store) == catalog_keys(store)


def test_the_table_keeps_its_changes_when_it_is_read_whole(store, monkeypatch):
    snap = store.snapshot()
    rows = {r[1]: r for r in key_rows(snap)}
    asked: list[str] = []

    def lookup(key):
        asked.append(key)
        return rows.get(key)

    monkeypatch.setattr(store_derived, "LOOKUPS", 3)
    some = list(rows)[:5]
    table = KeyTable(snap, lookup)
    assert table.get(some[0]) == rows[some[0]] and table.get("no such key") is None
    table.drop(some[1])
    table.set("new key", [999, "new key", "h", "", 2])
    assert asked == [some[0], "no such key"]
    assert table.get(some[2]) == rows[some[2]]               # the third key is read whole
    assert table.get(some[3]) == rows[some[3]] and len(asked) == 2
    whole = table.whole()
    assert some[1] not in whole and whole["new key"][0] == 999 and len(whole) == len(rows)


def test_a_failing_lookup_falls_back_to_the_catalog(store):
    snap = store.snapshot()
    key = key_rows(snap)[0][1]

    def broken(_key):
        raise sqlite3.OperationalError("database is locked")

    assert KeyTable(snap, broken).get(key) == next(r for r in key_rows(snap) if r[1] == key)
