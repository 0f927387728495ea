"""Store writes: one transaction under the writers' lock, committed by replacing the manifest.

    with store.transaction() as txn:
        keys = txn.keys()                 # identity key → [id, key, hash, extractor, import] (.get)
        new_id = txn.insert(article)
        txn.replace(old_id, article)
        txn.delete(some_id)
        number = txn.add_import({...})

Only the shards a transaction touches are read and rewritten, and at most `cached_shards`
of them are held in memory: when more are touched, the least recently used changed shard is
written early under its new name (a name no manifest gives yet, so a kill leaves only a
file the next commit collects) and read back if it is touched again. The commit writes each
changed shard under a new name (`s<k>-g<generation>.json`), then replaces the manifest
atomically (keeping the previous one as `<store>.bak`), then refreshes the derived catalog
of the changed shards and deletes the shard files neither manifest names. An exception
inside the `with` block writes nothing. A first-release store is migrated by the first
transaction: every shard is written, and the old file becomes `<store>.bak`.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Callable

import orjson

from parktui.model import SCHEMA_VERSION
from parktui.store import IMPORTS, META, SHARDS, Snapshot, Store, read_shard, remove_quietly, shard_of
from parktui.store_derived import (
    KEYS,
    SUMMARIES,
    KeyLookup,
    KeyTable,
    key_row,
    newest_date,
    record_dates,
    write_catalog,
)
from parktui.store_files import ARTICLES, Tables, fsync_dir, fsync_file, locked, write_atomic

Doc = dict[str, Any]
KeyRow = list[Any]  # [id, identity key, content hash, extractor, import number]: the catalog's key row
# Shard files and their catalog files; anything else in the folders (a shard kept aside by
# `doctor --repair`) is left alone.
SHARD_FILE = re.compile(r"^(s\d{5}-g\d{6}(?:-salvaged)?\.json)(?:\.(?:keys|sum)\d*)?$")
CACHED_SHARDS = 16  # shards a transaction holds in memory (about 1 MB of JSON each)


class Transaction:
    def __init__(self, store: Store, snapshot: Snapshot, cached_shards: int = CACHED_SHARDS):
        self.store = store
        self.snapshot = snapshot
        self.meta: dict[str, Any] = dict(snapshot.meta)
        self.generation = int(self.meta.get("generation") or 0) + 1  # the one this commit makes
        self.shards: dict[int, dict[str, Any]] = {k: dict(v) for k, v in snapshot.shards.items()}
        self.edited: dict[int, dict[str, Doc]] = {}  # shards in memory, least recently used first
        self.written: dict[int, str] = {}  # changed shards already written early (not in memory)
        self.unsynced: set[str] = set()  # of those, the files the commit must still fsync
        self.newest: dict[str, str] = {}  # shard file written → its newest article date
        self.cached_shards = max(2, cached_shards) if not snapshot.legacy else 1 << 30
        self.dirty: set[int] = set()
        self.tables: dict[str, dict[str, Doc]] = {}
        self.changed = snapshot.legacy or META not in snapshot.tables
        self._keys: KeyTable | None = None
        # Told of every shard file written (shard, file name, written early): a search index
        # feed (parktui.search.feed) indexes them while the transaction goes on.
        self.on_shard_written: Callable[[int, str, bool], None] | None = None
        if snapshot.legacy:  # migration: every shard is written anew
            for k in snapshot.shards:
                self._shard(k)
            self.dirty = set(snapshot.shards)

    # Reading inside the transaction --------------------------------------------------

    def _shard(self, k: int) -> dict[str, Doc]:
        docs = self.edited.pop(k, None)
        if docs is None:
            if k in self.written:
                docs = dict(read_shard(self.store.shard_dir / self.written[k], self.store.path))
            else:
                docs = dict(self.snapshot.shard(k))
        self.edited[k] = docs
        if len(self.edited) > self.cached_shards:
            self._evict(keep=k)
        return docs

    def _evict(self, keep: int) -> None:
        """Drop the least recently used shards from memory, writing the changed ones now."""
        for k in list(self.edited):
            if len(self.edited) <= self.cached_shards // 2 or k == keep:
                break
            docs = self.edited[k]
            if k in self.dirty:
                if not docs:
                    continue  # an emptied shard costs nothing to keep; the commit drops it
                self.written[k] = self._write_shard(k, docs, early=True)
                self._summarise(self.written[k], docs)
            del self.edited[k]

    def get(self, article_id: int) -> Doc | None:
        doc = self._shard(shard_of(article_id)).get(str(article_id))
        return dict(doc, id=article_id) if doc is not None else None

    def keys(self, lookup: KeyLookup | None = None) -> KeyTable:
        """Every article's identity key → its key row (store_derived.KeyTable: looked up by
        `lookup` while few are asked, else the catalog's rows, not copied)."""
        if self._keys is None:
            self._keys = KeyTable(self.snapshot, lookup)
        return self._keys

    def key_rows(self) -> list[KeyRow]:
        return list(self.keys().whole().values())

    # Changes ------------------------------------------------------------------------

    def insert(self, article: Doc) -> int:
        article_id = int(self.meta.get("next_id") or 1)
        self.meta["next_id"] = article_id + 1
        self._put(article_id, article)
        return article_id

    def replace(self, article_id: int, article: Doc) -> None:
        self._put(article_id, article)

    def _put(self, article_id: int, article: Doc) -> None:
        doc = {k: v for k, v in article.items() if k != "id"}
        self._shard(shard_of(article_id))[str(article_id)] = doc
        self.dirty.add(shard_of(article_id))
        if self._keys is not None:
            row = key_row(article_id, doc)
            self._keys.set(row[1], row)
        self.changed = True

    def delete(self, article_id: int) -> bool:
        docs = self._shard(shard_of(article_id))
        doc = docs.pop(str(article_id), None)
        if doc is None:
            return False
        self.dirty.add(shard_of(article_id))
        if self._keys is not None:
            self._keys.drop(key_row(article_id, doc)[1])
        self.changed = True
        return True

    def _table(self, name: str) -> dict[str, Doc]:
        table = self.tables.get(name)
        if table is None:
            table = self.tables[name] = {k: dict(v) for k, v in (self.snapshot.tables.get(name) or {}).items()}
        return table

    def add_import(self, record: Doc) -> int:
        """Number and record one import; its articles carry `import: <number>`."""
        number = int(self.meta.get("next_import") or 1)
        self.meta["next_import"] = number + 1
        self._table(IMPORTS)[str(number)] = dict(record)
        self.changed = True
        return number

    def update_record(self, table: str, record_id: int, fields: Doc) -> None:
        self._table(table)[str(record_id)].update(fields)
        self.changed = True

    def put_record(self, table: str, record: Doc, record_id: int | None = None) -> int:
        rows = self._table(table)
        if record_id is None:
            record_id = max((int(k) for k in rows), default=0) + 1
        rows[str(record_id)] = dict(record)
        self.changed = True
        return record_id

    def remove_record(self, table: str, record_id: int) -> bool:
        removed = self._table(table).pop(str(record_id), None) is not None
        self.changed = self.changed or removed
        return removed

    def set_meta(self, **fields: Any) -> None:
        if any(self.meta.get(k) != v for k, v in fields.items()):
            self.meta.update(fields)
            self.changed = True

    # Commit -------------------------------------------------------------------------

    def discard(self) -> None:
        """Remove the shards written early by a transaction that will not commit."""
        for name in self.written.values():
            remove_quietly(self.store.shard_dir / name)
            for suffix in (SUMMARIES, KEYS):
                remove_quietly(self.store.catalog_dir / (name + suffix))

    def commit(self) -> None:
        if not self.changed:
            return
        self.meta.update(schema=SCHEMA_VERSION, generation=self.generation)
        written = self._write_shards()
        write_atomic(self.store.path, orjson.dumps(self._manifest()), backup=True)
        for name, docs in written:
            self._summarise(name, docs)
        record_dates(self.store, {str(e["file"]) for e in self.shards.values()}, self.newest)
        if self.snapshot.legacy:  # the first release's catalog: summaries are per shard now
            remove_quietly(self.store.path.with_name(self.store.path.name + ".catalog.json"))
        self._collect()

    def _summarise(self, name: str, docs: dict[str, Doc]) -> None:
        """Write the derived catalog of a shard file just written, and note its newest date."""
        self.newest[name] = newest_date(write_catalog(self.store, name, docs)[0])

    def _write_shards(self) -> list[tuple[str, dict[str, Doc]]]:
        """Write the changed shards still in memory (the others were written early)."""
        written = []
        for k in sorted(self.dirty):
            docs = self.edited.get(k)
            if docs is None:
                continue
            if not docs:
                self.shards.pop(k, None)
                continue
            name = self._write_shard(k, docs)
            written.append((name, self.edited[k]))
        for name in sorted(self.unsynced):  # written early: most are on the disk already
            fsync_file(self.store.shard_dir / name, self.store.path)
        if written or self.written:
            fsync_dir(self.store.shard_dir)
        return written

    def _write_shard(self, k: int, docs: dict[str, Doc], early: bool = False) -> str:
        """Write shard k under this commit's name for it (a name no manifest gives yet);
        `early` (evicted before the commit): flushed to the disk by the commit, not now."""
        name = f"s{k:05d}-g{self.generation:06d}.json"
        for suffix in (SUMMARIES, KEYS):  # a catalog left by a killed transaction is not this shard's
            remove_quietly(self.store.catalog_dir / (name + suffix))
        docs = self.edited[k] = dict(sorted(docs.items(), key=lambda item: int(item[0])))
        write_atomic(self.store.shard_dir / name, orjson.dumps({ARTICLES: docs}), sync_dir=False,
                     error_path=self.store.path, fsync=not early)
        (self.unsynced.add if early else self.unsynced.discard)(name)
        self.shards[k] = {"file": name, "count": len(docs)}
        if self.on_shard_written is not None:
            self.on_shard_written(k, name, early)
        return name

    def _manifest(self) -> Tables:
        tables: Tables = {k: dict(v) for k, v in self.snapshot.tables.items() if k not in (ARTICLES,)}
        tables.update(self.tables)
        tables[META] = {"1": self.meta}
        tables[SHARDS] = {str(k): v for k, v in sorted(self.shards.items())}
        return tables

    def _collect(self) -> None:
        """Delete shard and catalog files that neither this manifest nor the backup names."""
        keep = {e["file"] for e in self.shards.values()}
        if not self.snapshot.legacy:
            keep |= {e["file"] for e in self.snapshot.shards.values()}
        for folder, suffixes in ((self.store.shard_dir, ("",)), (self.store.catalog_dir, (SUMMARIES, KEYS))):
            try:
                names = os.listdir(folder)
            except OSError:
                continue
            for name in names:
                shard = SHARD_FILE.match(name)
                stale = shard is not None and (shard.group(1) not in keep or name[len(shard.group(1)):] not in suffixes)
                if stale or name.startswith(".") and name.endswith(".tmp"):
                    remove_quietly(folder / name)


@contextmanager
def transaction(store: Store, cached_shards: int = CACHED_SHARDS) -> Iterator[Transaction]:
    with locked(store.path):
        txn = Transaction(store, store.snapshot(), cached_shards)
        try:
            yield txn
        except BaseException:
            txn.discard()
            raise
        txn.commit()
