"""The article store: the one way in for reading, writing, validation, snapshots and stamps.

A store named `store.json` is a small TinyDB file, the *manifest*, plus a folder
`store.json.d/` of TinyDB *shard* files (docs/store.md has the reasoning and numbers):

- the manifest holds `_meta` (schema, generation, next article id, next import number,
  extractor), `shards` (shard number → file name and article count), `imports` (one
  record per numbered import) and small user tables such as `feeds`;
- shard *k* holds the articles with ids `(k-1)*SHARD_SPAN+1 … k*SHARD_SPAN` in an
  `articles` table; shard files are never changed in place: a write makes new files under
  new names and commits by atomically replacing the manifest (the previous one is kept as
  `<store>.bak`, and the shards it names are kept too), so a kill leaves the old or the new
  store, never a mix;
- writers hold `<store>.lock` and start from the manifest as it is under the lock, so
  concurrent importers lose nothing; readers need no lock;
- a corrupt, foreign or newer manifest or shard is refused with StoreError, never
  overwritten; a store of the first release (one TinyDB file holding every article) is
  read as it is and migrated in place by the first write (`parktui.store_migrate`).

Per-user article state (read/unread, starred) lives in `store.json.d/flags.json`; derived
data (per-shard summaries and identity keys) in `store.json.d/catalog/` (`store_derived`).
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from parktui.model import SCHEMA_VERSION
from parktui.store_files import (
    ARTICLES,
    LOCK_TIMEOUT,
    META,
    StoreError,
    Tables,
    file_stamp,
    load_json,
    locked,
    table_damage,
    write_atomic,
)

__all__ = ["ARTICLES", "META", "LOCK_TIMEOUT", "SHARD_SPAN", "Store", "StoreError", "Snapshot", "file_stamp"]

SHARDS = "shards"
IMPORTS = "imports"
FLAGS = "flags"
SHARD_SPAN = 256  # article ids per shard: a shard is about 1 MB of articles
RESERVED = {META, SHARDS, IMPORTS, ARTICLES}
RETRIES = 5  # a reader whose shard was collected re-reads the manifest this often


def shard_of(article_id: int) -> int:
    return (article_id - 1) // SHARD_SPAN + 1


def read_manifest(path: Path) -> Tables:
    """The validated tables of a store file ({} when it does not exist): a manifest, or a
    first-release store (with an `articles` table). StoreError when it is unusable."""
    tables = load_json(path)
    if tables is None:
        return {}
    if not isinstance(tables, dict) or (tables and META not in tables and ARTICLES not in tables):
        raise StoreError(path, "not a parktui store (a JSON file of another program); use another --db")
    meta = tables.get(META)
    meta = meta.get("1") if isinstance(meta, dict) else None
    schema = meta.get("schema", SCHEMA_VERSION) if isinstance(meta, dict) else SCHEMA_VERSION
    if not isinstance(schema, int) or schema > SCHEMA_VERSION:
        raise StoreError(
            path, f"store schema {schema} is newer than this parktui ({SCHEMA_VERSION}); upgrade parktui"
        )
    damage = table_damage(tables) or _manifest_damage(tables)
    if damage:
        raise StoreError(path, f"damaged store ({damage}); run `parktui doctor --repair`")
    return tables


def _manifest_damage(tables: Tables) -> str:
    for k, entry in (tables.get(SHARDS) or {}).items():
        name = entry.get("file")
        if not isinstance(name, str) or "/" in name or not name.startswith(f"s{int(k):05d}-"):
            return f"shard {k} has no usable file name"
    return ""


def read_shard(path: Path, store_path: Path) -> dict[str, dict[str, Any]]:
    """The `articles` table of one shard file; StoreError naming the shard when unusable."""
    tables = load_json(path, "store shard")
    if tables is None:
        if path.exists():
            return {}
        raise FileNotFoundError(path)
    if not isinstance(tables, dict) or ARTICLES not in tables:
        raise StoreError(path, "not a parktui store shard; run `parktui doctor`")
    damage = table_damage(tables)
    if damage:
        raise StoreError(path, f"damaged store shard ({damage}); run `parktui doctor --repair`")
    articles: dict[str, dict[str, Any]] = tables[ARTICLES]
    return articles


def with_id(doc: dict[str, Any], article_id: int, copy: bool) -> dict[str, Any]:
    """The article with its `id`: a copy when `doc` is kept elsewhere (a first-release
    snapshot holds its articles), else `doc` itself, just read from its shard."""
    if copy:
        return dict(doc, id=article_id)
    doc["id"] = article_id
    return doc


class Snapshot:
    """The store as one manifest names it. A first-release store is one in-memory shard set."""

    def __init__(self, store: Store, tables: Tables, stamp: str):
        self.store = store
        self.tables = tables
        self.stamp = stamp
        self.legacy = ARTICLES in tables and SHARDS not in tables
        meta = (tables.get(META) or {}).get("1") or {}
        self.meta: dict[str, Any] = dict(meta)
        self.shards: dict[int, dict[str, Any]] = {int(k): v for k, v in (tables.get(SHARDS) or {}).items()}
        if self.legacy:
            self._legacy_shards()

    def _legacy_shards(self) -> None:
        self.legacy_docs: dict[int, dict[str, dict[str, Any]]] = {}
        for doc_id, doc in (self.tables.get(ARTICLES) or {}).items():
            self.legacy_docs.setdefault(shard_of(int(doc_id)), {})[doc_id] = doc
        self.shards = {k: {"file": "", "count": len(docs)} for k, docs in sorted(self.legacy_docs.items())}
        ids = [int(i) for i in self.tables.get(ARTICLES) or {}]
        self.meta.setdefault("next_id", max(ids, default=0) + 1)

    def shard(self, k: int) -> dict[str, dict[str, Any]]:
        """Shard k's articles by id string ({} for a shard the manifest does not name)."""
        if self.legacy:
            return self.legacy_docs.get(k, {})
        entry = self.shards.get(k)
        if entry is None:
            return {}
        return read_shard(self.store.shard_dir / entry["file"], self.store.path)

    def article(self, article_id: int) -> dict[str, Any] | None:
        doc = self.shard(shard_of(article_id)).get(str(article_id))
        return dict(doc, id=article_id) if doc is not None else None

    def iter_articles(self, shards: list[int] | None = None) -> Iterator[dict[str, Any]]:
        """Every article (each with its `id`), shard by shard, in id order."""
        for k in sorted(self.shards) if shards is None else shards:
            for doc_id, doc in self.shard(k).items():
                yield dict(doc, id=int(doc_id))

    def records(self, table: str) -> dict[int, dict[str, Any]]:
        return {int(k): dict(v) for k, v in (self.tables.get(table) or {}).items()}

    def count(self) -> int:
        return sum(int(e.get("count") or 0) for e in self.shards.values())


class Store:
    """One store. Reads take a `snapshot()`; writes go through `transaction()` (store_txn)."""

    def __init__(self, path: Path | str):
        self.path = Path(path).expanduser()
        self.folder = self.path.with_name(self.path.name + ".d")
        self.shard_dir = self.folder / "shards"
        self.catalog_dir = self.folder / "catalog"
        self.flags_path = self.folder / "flags.json"
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.backup_path = self.path.with_name(self.path.name + ".bak")

    def exists(self) -> bool:
        return self.path.exists()

    def stamp(self) -> str:
        """The store's identity now: it changes whenever any process commits a write."""
        st = file_stamp(self.path)
        return "absent" if st is None else ":".join(map(str, st))

    # Reading ------------------------------------------------------------------------

    def snapshot(self, manifest: Path | None = None) -> Snapshot:
        """The store as its manifest names it now (or as another manifest, e.g. the backup, does)."""
        stamp = self.stamp()
        return Snapshot(self, read_manifest(manifest or self.path), stamp)

    def _retrying(self, read: Any) -> Any:
        """Run `read(snapshot)`, taking a new snapshot if a writer collected its shards."""
        for attempt in range(RETRIES):
            try:
                return read(self.snapshot())
            except FileNotFoundError:
                if attempt == RETRIES - 1:
                    raise self._missing_shard() from None
        raise AssertionError("unreachable")

    def _missing_shard(self) -> StoreError:
        return StoreError(self.path, "a shard named by the manifest is missing; run `parktui doctor --repair`")

    def meta(self) -> dict[str, Any]:
        return self.snapshot().meta

    def article(self, article_id: int) -> dict[str, Any] | None:
        doc: dict[str, Any] | None = self._retrying(lambda snap: snap.article(article_id))
        return doc

    def articles(self, ids: list[int] | None = None) -> list[dict[str, Any]]:
        """Every article (or those of `ids`), each with its `id`, in id order."""
        return list(self.iter_articles(ids))

    def iter_articles(self, ids: list[int] | None = None) -> Iterator[dict[str, Any]]:
        """`articles(ids)` one at a time, reading one shard at a time: what a pass over the
        whole store uses, so that it never holds more than a shard of bodies."""
        wanted = None if ids is None else set(ids)

        def shards(snap: Snapshot, after: int) -> Iterator[list[dict[str, Any]]]:
            ks = sorted(snap.shards) if wanted is None else sorted({shard_of(i) for i in wanted} & set(snap.shards))
            for k in ks:
                docs = [with_id(doc, int(i), copy=snap.legacy) for i, doc in snap.shard(k).items()
                        if int(i) > after and (wanted is None or int(i) in wanted)]
                if docs:
                    yield docs

        for docs in self._resuming(shards):
            yield from docs

    def summaries(self, newest: int | None = None,
                  where: Callable[[dict[str, Any]], bool] | None = None) -> list[dict[str, Any]]:
        """Article summaries (no body, no figures) in id order, with `read` and `starred`;
        `where` filters them; `newest` keeps only that many of the highest ids (reading
        only the shards that hold them)."""
        from parktui.store_derived import summaries

        rows: list[dict[str, Any]] = self._retrying(lambda snap: summaries(snap, newest, where))
        return self._with_flags(rows)

    def summary_batches(self, where: Callable[[dict[str, Any]], bool] | None = None) -> Iterator[list[dict[str, Any]]]:
        """`summaries(where=...)` one shard's rows at a time, as they are read."""
        from parktui.store_derived import shard_summaries

        flags = self.flags()
        for rows in self._resuming(lambda snap, after: shard_summaries(snap, where, after)):
            yield self._with_flags(rows, flags)

    def _resuming(self, batches: Callable[[Snapshot, int], Iterator[list[dict[str, Any]]]]
                  ) -> Iterator[list[dict[str, Any]]]:
        """The id-ordered batches `batches(snapshot, after)` gives, over a whole pass: if a
        writer collects a shard meanwhile, they go on from a new snapshot after the last id given."""
        after = 0
        for attempt in range(RETRIES):
            try:
                for rows in batches(self.snapshot(), after):
                    yield rows
                    after = rows[-1]["id"]
                return
            except FileNotFoundError:
                if attempt == RETRIES - 1:
                    raise self._missing_shard() from None

    def latest_summaries(self, n: int) -> list[dict[str, Any]] | None:
        """Summaries (as `summaries()`) of the few shards that hold the `n` newest-dated
        articles: sorted newest first, their first `n` rows are those of every summary (the
        list's first screen). None when the dates are spread over too many shards."""
        from parktui.store_derived import latest_summaries

        rows: list[dict[str, Any]] | None = self._retrying(lambda snap: latest_summaries(snap, n))
        return None if rows is None else self._with_flags(rows)

    def _with_flags(self, rows: list[dict[str, Any]],
                    flags: dict[int, dict[str, bool]] | None = None) -> list[dict[str, Any]]:
        flags = self.flags() if flags is None else flags
        for row in rows:
            f = flags.get(row["id"]) or {}
            row["read"] = bool(f.get("read"))
            row["starred"] = bool(f.get("starred"))
        return rows

    def imports(self) -> list[dict[str, Any]]:
        """Every import record (`id`, `when`, `what`, `new`, `updated`, `unchanged`)."""
        return [dict(rec, id=n) for n, rec in sorted(self.snapshot().records(IMPORTS).items())]

    def records(self, table: str) -> dict[int, dict[str, Any]]:
        """A small user table kept in the manifest (e.g. `feeds`), by record id."""
        _check_user_table(table)
        return self.snapshot().records(table)

    def dump(self) -> Tables:
        """The store's logical content as first-release tables (`_meta`, `articles`,
        `imports`, user tables): for doctor, tests and exports."""
        snap = self._retrying(lambda s: (s, {str(a.pop("id")): a for a in s.iter_articles()}))
        tables: Tables = {k: v for k, v in snap[0].tables.items() if k != SHARDS}
        tables[ARTICLES] = snap[1]
        return tables

    # Per-user article state ---------------------------------------------------------

    def flags(self) -> dict[int, dict[str, bool]]:
        """Read/starred state by article id (articles never marked are left out)."""
        data = load_json(self.flags_path, "flags")
        table = data.get(FLAGS) if isinstance(data, dict) else None
        if data is not None and not isinstance(table, dict):
            raise StoreError(self.flags_path, "damaged flags file; run `parktui doctor --repair`")
        return {int(k): v for k, v in (table or {}).items() if k.isdigit() and isinstance(v, dict)}

    def set_flags(self, article_id: int, read: bool | None = None, starred: bool | None = None) -> dict[str, bool]:
        """Mark one article read/unread and/or starred/unstarred (None leaves it); returns its flags.
        Costs one small file write, whatever the size of the store."""
        with locked(self.path):
            flags = self.flags()
            f = dict(flags.get(article_id) or {"read": False, "starred": False})
            if read is not None:
                f["read"] = read
            if starred is not None:
                f["starred"] = starred
            flags[article_id] = f
            self._write_flags(flags)
        return f

    def _write_flags(self, flags: dict[int, dict[str, bool]]) -> None:
        import orjson

        kept = {str(k): v for k, v in sorted(flags.items()) if v.get("read") or v.get("starred")}
        write_atomic(self.flags_path, orjson.dumps({FLAGS: kept}), error_path=self.path)

    # Writing ------------------------------------------------------------------------

    def transaction(self, cached_shards: int | None = None) -> Any:
        """`with store.transaction() as txn:` — see `parktui.store_txn.Transaction`
        (`cached_shards`: how many shards it may hold in memory)."""
        from parktui.store_txn import CACHED_SHARDS, transaction

        return transaction(self, cached_shards or CACHED_SHARDS)

    def add_articles(self, articles: list[dict[str, Any]]) -> list[int]:
        """Store articles as they are (new ids, no comparison with stored ones): for tools
        and tests; imports go through `parktui.importer`."""
        with self.transaction() as txn:
            return [txn.insert(a) for a in articles]

    def delete(self, ids: list[int]) -> list[int]:
        """Delete articles by id; returns the ids that were there (and are gone now)."""
        with self.transaction() as txn:
            gone = [i for i in ids if txn.delete(i)]
        self._forget_flags(gone)
        return gone

    def delete_import(self, number: int) -> list[int] | None:
        """Undo import `number`: delete the articles it added (None: no such import)."""
        with self.transaction() as txn:
            if number not in txn.snapshot.records(IMPORTS):
                return None
            ids = [i for i, _key, _hash, _extractor, n in txn.key_rows() if n == number]
            gone = [i for i in ids if txn.delete(i)]
            txn.update_record(IMPORTS, number, {"undone": len(gone)})
        self._forget_flags(gone)
        return gone

    def _forget_flags(self, ids: list[int]) -> None:
        if not ids or not self.flags_path.exists():
            return
        with locked(self.path):
            flags = self.flags()
            if any(i in flags for i in ids):
                self._write_flags({k: v for k, v in flags.items() if k not in set(ids)})

    def put_record(self, table: str, record: dict[str, Any], record_id: int | None = None) -> int:
        """Add (or with `record_id`, replace) a record of a small user table; returns its id."""
        _check_user_table(table)
        with self.transaction() as txn:
            number: int = txn.put_record(table, record, record_id)
        return number

    def remove_record(self, table: str, record_id: int) -> bool:
        _check_user_table(table)
        with self.transaction() as txn:
            removed: bool = txn.remove_record(table, record_id)
        return removed


def _check_user_table(table: str) -> None:
    if table in RESERVED or not table.isidentifier():
        raise ValueError(f"{table!r} is not a user table name")


def shard_path(store: Store, name: str) -> Path:
    return store.shard_dir / name


def remove_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
