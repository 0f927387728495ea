"""`parktui doctor --repair`: fix what `parktui.doctor.check` found, safely.

Repairs never discard an article:
- a store whose JSON parses but whose records are damaged (hand edits, another tool) is
  salvaged: every intact article is kept (ids kept, odd ids renumbered, missing keys
  recomputed), the original file is kept as `<store>.broken-<timestamp>`, and the records
  that are not articles at all are listed;
- an unreadable store is moved aside as `<store>.broken-<timestamp>` and the rotating
  backup `<store>.bak` is copied in its place (only when the backup itself is a good store;
  a newer-schema store is never touched: upgrade parktui instead);
- missing keys/hashes are recomputed, broken block offsets rebuilt as plain paragraphs,
  figures re-extracted (importer.reextract_figures);
- broken derived files and leftover temporary files are deleted (they are rebuilt).
Duplicate keys and articles without a title or text are reported, never deleted.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Any

import orjson
from filelock import FileLock, Timeout

from parktui.doctor import (
    CLEAN_TMP,
    DERIVED_SUFFIXES,
    DROP_DERIVED,
    META_FIX,
    REBLOCK,
    REINDEX,
    REKEY,
    RESTORE,
    SALVAGE,
    Report,
    backup_path,
    catalog_problems,
    check,
    derived_problem,
    good_backup,
    offsets_hold,
    parsed_store,
    span_ok,
    tmp_files,
)
from parktui.model import BLOCK_SEP, PARAGRAPH, SCHEMA_VERSION, content_hash, identity_key
from parktui.plural import count
from parktui.store import ARTICLES, LOCK_TIMEOUT, META, SHARDS, Store, StoreError, read_manifest
from parktui.store_files import load_json, table_damage, write_atomic


def repair(store: Store) -> Report:
    """Fix what `check` found that can be fixed safely; returns the report after repairs."""
    before = check(store)
    done: list[str] = []
    fixes = before.fixes()
    if fixes & {RESTORE, SALVAGE, CLEAN_TMP}:
        lock = FileLock(str(store.lock_path), timeout=LOCK_TIMEOUT)
        try:
            lock.acquire()
        except Timeout:
            raise StoreError(store.path, "another parktui holds the store lock; try again when it ends") from None
        try:
            if CLEAN_TMP in fixes:
                removed = 0
                for tmp in tmp_files(store.path):
                    try:
                        tmp.unlink()
                        removed += 1
                    except OSError:
                        pass
                done.append(f"removed {removed} temporary file(s) of an interrupted write")
            if RESTORE in fixes:
                done.append(_restore(store.path))
            if SALVAGE in fixes:
                legacy = ARTICLES in (parsed_store(store.path) or {})
                done.append(_salvage(store.path) if legacy else _salvage_shards(store))
        finally:
            lock.release()
        fixes = check(store).fixes()
    if fixes & {META_FIX, REKEY, REBLOCK}:
        done.extend(_fix_records(store))
        fixes = check(store).fixes()
    if REINDEX in fixes:
        from parktui.importer import reextract_figures

        n_articles, n_figures = reextract_figures(store)
        done.append(f"re-extracted {count(n_figures, 'figure')} from {count(n_articles, 'article')}")
        fixes = check(store).fixes()
    if DROP_DERIVED in fixes:
        for bad in catalog_problems(store):
            bad.unlink()
            done.append(f"deleted catalog/{bad.name} (rebuilt when next needed)")
        for suffix in DERIVED_SUFFIXES:
            derived = store.path.with_name(store.path.name + suffix)
            if derived.exists() and derived_problem(derived):
                derived.unlink()
                done.append(f"deleted {derived.name} (rebuilt when next needed)")
    after = check(store)
    after.repaired = done
    return after


def _restore(path: Path) -> str:
    backup = backup_path(path)
    ok, why = good_backup(path)
    if not ok:
        return f"could not restore: {why}"
    kept = ""
    if path.exists():
        aside = _aside(path)
        os.replace(path, aside)
        kept = f"; the unreadable file is kept as {aside.name}"
    tmp = path.with_name(f".{path.name}.restore.tmp")
    shutil.copy2(backup, tmp)
    with open(tmp, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(tmp, path)
    when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(backup.stat().st_mtime))
    return (f"restored the store from {backup.name} ({why}, saved {when}); "
            f"articles imported after that backup must be imported again{kept}")


def _aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.broken-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.broken-{stamp}-{n}")
    return aside


def _salvage(path: Path) -> str:
    """Keep every intact article of a damaged store; the original is kept aside."""
    raw = parsed_store(path)
    if raw is None:
        return "could not salvage: the store no longer parses"
    kept: dict[str, dict[str, Any]] = {}
    dropped: list[str] = []
    renumbered = rekeyed = 0
    for name, table in raw.items():
        if not isinstance(table, dict):
            dropped.append(f"table {name!r} ({type(table).__name__})")
            continue
        good: dict[str, Any] = {}
        odd: list[dict[str, Any]] = []
        for doc_id, doc in table.items():
            if not isinstance(doc, dict):
                dropped.append(f"{name} record {doc_id!r} ({type(doc).__name__})")
                continue
            if name == ARTICLES:
                if not isinstance(doc.get("title"), str) or not isinstance(doc.get("text"), str):
                    dropped.append(f"article {doc_id!r} (no title or text)")
                    continue
                if not isinstance(doc.get("key"), str):
                    doc["key"], doc["hash"] = identity_key(doc), content_hash(doc)
                    rekeyed += 1
            if doc_id.isascii() and doc_id.isdigit() and int(doc_id) > 0 and str(int(doc_id)) not in good:
                good[str(int(doc_id))] = doc
            else:
                odd.append(doc)
        for doc in odd:  # records with unusable ids get the next free ones
            good[str(max((int(k) for k in good), default=0) + 1)] = doc
            renumbered += 1
        kept[name] = good
    meta = kept.setdefault(META, {}).setdefault("1", {})
    meta.setdefault("schema", SCHEMA_VERSION)
    aside = _aside(path)
    try:
        os.link(path, aside)
    except OSError:
        shutil.copy2(path, aside)
    write_atomic(path, orjson.dumps(kept))  # a first-release store; keep the last good backup as it is
    parts = [f"salvaged {count(len(kept.get(ARTICLES, {})), 'article')}"]
    if renumbered:
        parts.append(f"renumbered {renumbered} record(s) with unusable ids")
    if rekeyed:
        parts.append(f"recomputed {rekeyed} identity key(s)")
    if dropped:
        parts.append(f"left out {len(dropped)} damaged record(s): {'; '.join(dropped[:5])}"
                     + (" …" if len(dropped) > 5 else ""))
    return ", ".join(parts) + f"; the damaged original is kept as {aside.name}"


def _salvage_shards(store: Store) -> str:
    """Keep every article of the shards that read (and the intact ones of a damaged shard
    that parses); each unreadable shard file is kept aside as `<shard>.broken-<time>`."""
    tables = read_manifest(store.path)
    shards = tables.get(SHARDS) or {}
    lost: list[str] = []
    for k, entry in list(shards.items()):
        path = store.shard_dir / entry["file"]
        try:
            raw = load_json(path, "store shard")
        except StoreError:
            raw = None
        docs = raw.get(ARTICLES) if isinstance(raw, dict) else None
        if isinstance(docs, dict) and not table_damage(raw):
            continue
        intact = {i: d for i, d in (docs or {}).items() if i.isdigit() and isinstance(d, dict)
                  and isinstance(d.get("title"), str) and isinstance(d.get("text"), str)}
        if path.exists():
            os.replace(path, _aside(path))
        lost.append(f"{entry['file']} ({len(intact)} intact articles kept)")
        if intact:
            name = entry["file"].replace(".json", "-salvaged.json")
            write_atomic(store.shard_dir / name, orjson.dumps({ARTICLES: intact}), error_path=store.path)
            shards[k] = {"file": name, "count": len(intact)}
        else:
            del shards[k]
    write_atomic(store.path, orjson.dumps(tables))  # keep the last good backup as it is
    return f"kept aside {len(lost)} damaged shard(s): {'; '.join(lost)}"


def _fix_records(store: Store) -> list[str]:
    done = []
    with store.transaction() as txn:  # writes the _meta record when it is missing
        if "schema" not in txn.snapshot.meta:
            done.append("wrote the schema record")
        rekeyed = reblocked = 0
        for doc in txn.snapshot.iter_articles():
            if not isinstance(doc.get("text"), str) or not isinstance(doc.get("title"), str):
                continue
            changed = False
            if not offsets_hold(doc, doc["text"]):
                _rebuild_blocks(doc)
                reblocked += 1
                changed = True
            if doc.get("key") != identity_key(doc) or doc.get("hash") != content_hash(doc):
                doc["key"], doc["hash"] = identity_key(doc), content_hash(doc)
                rekeyed += 1
                changed = True
            if changed:
                txn.replace(doc["id"], doc)
    if reblocked:
        done.append(f"rebuilt the block offsets of {reblocked} article(s) as plain paragraphs")
    if rekeyed:
        done.append(f"recomputed the identity key and hash of {rekeyed} article(s)")
    return done


def _rebuild_blocks(doc: dict[str, Any]) -> None:
    """Blocks from the text itself (paragraphs joined by BLOCK_SEP); sections/captions dropped
    from the offsets only — their text stays in the body."""
    blocks, pos = [], 0
    for piece in doc["text"].split(BLOCK_SEP):
        blocks.append({"type": PARAGRAPH, "start": pos, "end": pos + len(piece)})
        pos += len(piece) + len(BLOCK_SEP)
    doc["blocks"] = blocks
    n = len(doc["text"])
    for name in ("sections", "captions"):
        items = doc.get(name)
        doc[name] = [i for i in items if isinstance(i, dict) and span_ok(i.get("start"), n, n)] \
            if isinstance(items, list) else []
