"""Derived data kept beside the shards: per-shard summaries and identity keys.

`<store>.d/catalog/<shard file>.sum<V>` holds the summaries of that shard's articles (what
lists show: no body, no figures) and `<shard file>.keys<V>`
their identity keys, content hashes, extractor versions and import numbers (what an import
compares with). V is CATALOG_VERSION: a catalog of another version is rebuilt. Shard files never
change under one name, so a catalog file named after its shard is never stale: it is
written by the transaction that writes the shard, rebuilt from the shard when missing or
unreadable, and deleted with the shard. A first-release store is summarised in memory.

`<store>.d/catalog/dates.json` maps each shard file to the newest date among its articles,
so that the list's first screen (newest first) reads only the shards that can hold it
(`latest_summaries`). It is written with each commit; a shard it does not name counts as
holding the newest articles, so a missing or old file costs time, never a wrong row.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import orjson

from parktui.bulk import collector_paused
from parktui.model import summary
from parktui.store import Snapshot, Store, shard_of
from parktui.store_files import write_atomic

Doc = dict[str, Any]
CATALOG_VERSION = 2
SUMMARIES, KEYS = f".sum{CATALOG_VERSION}", f".keys{CATALOG_VERSION}"
DATES = "dates.json"


def summary_row(article_id: int, doc: Doc) -> Doc:
    row = summary(dict(doc, id=article_id))
    row["import"] = doc.get("import")
    return row


def key_row(article_id: int, doc: Doc) -> list[Any]:
    from parktui.model import identity_key

    key = doc.get("key") if isinstance(doc.get("key"), str) else identity_key(doc)
    return [article_id, key, doc.get("hash") or "", doc.get("extractor") or "", doc.get("import")]


def write_catalog(store: Store, name: str, docs: dict[str, Doc]) -> tuple[list[Doc], list[list[Any]]]:
    """Summarise one shard and keep the result beside it (a read-only folder keeps nothing)."""
    rows = [summary_row(int(i), doc) for i, doc in docs.items()]
    keys = [key_row(int(i), doc) for i, doc in docs.items()]
    try:
        write_atomic(store.catalog_dir / (name + SUMMARIES), orjson.dumps(rows), sync_dir=False, fsync=False)
        write_atomic(store.catalog_dir / (name + KEYS), orjson.dumps(keys), sync_dir=False, fsync=False)
    except Exception:  # derived data: nothing is lost without it
        pass
    return rows, keys


def _cached(snap: Snapshot, k: int, suffix: str) -> Any:
    name = snap.shards[k]["file"]
    try:
        return orjson.loads((snap.store.catalog_dir / (name + suffix)).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None


def _shard_rows(snap: Snapshot, k: int, keys: bool) -> list[Any]:
    if snap.legacy:
        docs = snap.shard(k)
        make = key_row if keys else summary_row
        return [make(int(i), doc) for i, doc in docs.items()]
    cached = _cached(snap, k, KEYS if keys else SUMMARIES)
    if isinstance(cached, list):
        return cached
    built = write_catalog(snap.store, snap.shards[k]["file"], snap.shard(k))
    return built[1] if keys else built[0]


def shard_summaries(snap: Snapshot, where: Callable[[Doc], bool] | None = None,
                    after: int = 0) -> Iterator[list[Doc]]:
    """Summaries in id order, one shard's at a time (those `where` accepts, with ids above
    `after`): what a list can print before it has read the whole store."""
    dates: dict[str, str] = {}
    for k in sorted(snap.shards):
        if shard_ids(k)[1] <= after:
            continue
        rows = _shard_rows(snap, k, keys=False)
        dates[str(snap.shards[k]["file"])] = newest_date(rows)
        rows = [r for r in rows if r["id"] > after and (where is None or where(r))]
        if rows:
            yield rows
    if not snap.legacy:
        _complete_dates(snap, dates)


def summaries(snap: Snapshot, newest: int | None = None,
              where: Callable[[Doc], bool] | None = None) -> list[Doc]:
    """Summaries in id order (those `where` accepts); with `newest`, only that many of the
    highest ids, read from as few shards as hold them (newest first, then put in order)."""
    if newest is None:
        return [row for rows in shard_summaries(snap, where) for row in rows]
    picked: list[list[Doc]] = []
    total = 0
    for k in sorted(snap.shards, reverse=True):
        if total >= newest:
            break
        rows = _shard_rows(snap, k, keys=False)
        if where is not None:
            rows = [r for r in rows if where(r)]
        picked.append(rows)
        total += len(rows)
    out = [row for rows in reversed(picked) for row in rows]
    return out[-newest:] if newest > 0 else []


def newest_date(rows: list[Doc]) -> str:
    """The newest date of some summaries ("" when none has one)."""
    return max((str(r.get("date") or "") for r in rows), default="")


def record_dates(store: Store, files: set[str], written: dict[str, str]) -> None:
    """Keep the newest date of each shard file the manifest names (`files`): those just
    `written` and those already recorded."""
    path = store.catalog_dir / DATES
    dates = {name: date for name, date in {**_read_dates(path), **written}.items() if name in files}
    try:
        write_atomic(path, orjson.dumps(dates), sync_dir=False, fsync=False)
    except Exception:  # derived data: without it the first screen waits for every summary
        pass


def _read_dates(path: Any) -> dict[str, str]:
    try:
        dates = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    return {str(k): str(v) for k, v in dates.items()} if isinstance(dates, dict) else {}


def _complete_dates(snap: Snapshot, dates: dict[str, str]) -> None:
    """After reading every summary: record the newest dates a store written before
    `dates.json` (or a rebuilt catalog) lacks."""
    if set(dates) - set(_read_dates(snap.store.catalog_dir / DATES)):
        record_dates(snap.store, set(dates), dates)


def latest_summaries(snap: Snapshot, n: int) -> list[Doc] | None:
    """Summaries (in id order) of the shards that hold the `n` newest-dated articles, enough
    that sorting them newest first gives the same first `n` rows as sorting all of them;
    None when that takes more than `FIRST_SHARDS` shards (a store whose dates are spread
    over every shard: the first screen then waits for all of them, as it always did)."""
    if snap.legacy:
        return None
    known = _read_dates(snap.store.catalog_dir / DATES)
    newest = {k: known.get(str(entry["file"]), "\uffff") for k, entry in snap.shards.items()}  # unknown first
    order = sorted(newest, key=lambda k: newest[k], reverse=True)
    picked: list[Doc] = []
    for i, k in enumerate(order[:FIRST_SHARDS]):  # at most 8,192 rows: counting again is cheap
        picked.extend(_shard_rows(snap, k, keys=False))
        unread_newest = newest[order[i + 1]] if i + 1 < len(order) else ""
        if i + 1 == len(order) or sum(str(r.get("date") or "") > unread_newest for r in picked) >= n:
            return sorted(picked, key=lambda r: int(r["id"]))
    return None


FIRST_SHARDS = 32


def key_rows(snap: Snapshot) -> list[list[Any]]:
    """[id, identity key, content hash, extractor, import number] of every article."""
    rows: list[list[Any]] = []
    for k in sorted(snap.shards):
        rows.extend(_shard_rows(snap, k, keys=True))
    return rows


KeyLookup = Callable[[str], "list[Any] | None"]
LOOKUPS = 1_000  # keys asked one by one before the table is read whole


class KeyTable:
    """Identity key → key row (`key_row`) of every article of a snapshot, as an import asks
    for them. With a `lookup` (the search index, when it holds exactly this snapshot) the
    first `LOOKUPS` keys are looked up one by one, so a small import never reads the keys of
    every shard; after that, or when a lookup fails, the table is read whole from the catalog.
    Changes made by the transaction (`set`, `drop`) are kept over either."""

    def __init__(self, snap: Snapshot, lookup: KeyLookup | None = None) -> None:
        self.snap = snap
        self.lookup = lookup
        self._all: dict[str, list[Any]] | None = None
        self._known: dict[str, list[Any] | None] = {}  # looked up, set or dropped (None)

    def get(self, key: str) -> list[Any] | None:
        if self._all is not None:
            return self._all.get(key)
        if key not in self._known:
            if self.lookup is None or len(self._known) >= LOOKUPS:
                return self.whole().get(key)
            try:
                self._known[key] = self.lookup(key)
            except Exception:  # noqa: BLE001 - derived data: the catalog answers instead
                return self.whole().get(key)
        return self._known[key]

    def set(self, key: str, row: list[Any]) -> None:
        (self._all if self._all is not None else self._known)[key] = row

    def drop(self, key: str) -> None:
        if self._all is not None:
            self._all.pop(key, None)
        else:
            self._known[key] = None

    def whole(self) -> dict[str, list[Any]]:
        """Every key (the catalog's rows, with this transaction's changes)."""
        if self._all is None:
            with collector_paused():  # at 97k: 0.34 -> 0.22 s
                table = {row[1]: row for row in key_rows(self.snap)}
            for key, row in self._known.items():
                if row is None:
                    table.pop(key, None)
                else:
                    table[key] = row
            self._all, self.lookup = table, None
        return self._all


def shard_ids(k: int) -> tuple[int, int]:
    """The first and last article id shard k can hold."""
    from parktui.store import SHARD_SPAN  # read when called, as shard_of does (tests make shards small)

    return (k - 1) * SHARD_SPAN + 1, k * SHARD_SPAN


__all__ = ["KeyTable", "key_rows", "latest_summaries", "newest_date", "record_dates", "shard_ids", "shard_of",
           "shard_summaries", "summaries", "summary_row", "write_catalog"]
