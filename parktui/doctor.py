"""`parktui doctor`: check a store and its derived files; `--repair` fixes what it safely can.

Checks, in order:
- the store file reads as a parktui store (not blank, truncated, garbage, foreign or newer);
- its `_meta` record names the schema;
- every article is an object with a numeric id, a title and a text, a current identity key
  and content hash, block/section/caption offsets inside the text, and figures whose
  offsets hold (`text[start:end] == raw`) from the current extractor version;
- no two articles share an identity key;
- every shard file the manifest names reads (the store is sharded: see parktui.store);
- no temporary files of an interrupted write are left beside the store or its shards;
- derived files (the per-shard catalog, `<store>.search.sqlite`), when present, are
  readable (a stale index is only noted: it catches up by itself).

`parktui doctor --repair` is in `parktui.repair`.
"""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from parktui.model import SCHEMA_VERSION, content_hash, identity_key
from parktui.plural import count
from parktui.store import ARTICLES, META, Store, StoreError, file_stamp, read_manifest
from parktui.store_files import tmp_files as _tmp_beside

DERIVED_SUFFIXES = (".catalog.json", ".search.sqlite")  # .catalog.json: the first release's

# Repair actions, in the order they run.
RESTORE, SALVAGE, META_FIX, REKEY, REBLOCK, REINDEX, CLEAN_TMP, DROP_DERIVED = (
    "restore", "salvage", "meta", "rekey", "reblock", "reindex", "tmp", "derived")


@dataclass
class Problem:
    message: str
    fix: str = ""  # one of the actions above; "" when doctor cannot repair it

    @property
    def repairable(self) -> bool:
        return bool(self.fix)


@dataclass
class Report:
    path: Path
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    articles: int = 0
    figures: int = 0

    @property
    def healthy(self) -> bool:
        return not self.problems

    def add(self, message: str, fix: str = "") -> None:
        self.problems.append(Problem(message, fix))

    def fixes(self) -> set[str]:
        return {p.fix for p in self.problems if p.fix}

    def lines(self) -> list[str]:
        out = [f"store: {self.path}"]
        out += [f"  note: {n}" for n in self.notes]
        out += [f"  repaired: {r}" for r in self.repaired]
        for p in self.problems:
            hint = "" if p.repairable else " (not repairable by doctor)"
            out.append(f"  problem: {p.message}{hint}")
        if self.healthy:
            out.append(f"ok: {count(self.articles, 'article')}, {count(self.figures, 'figure')}, no problems found")
        else:
            n = len(self.problems)
            fixable = sum(p.repairable for p in self.problems)
            tail = " run `parktui doctor --repair`" if fixable and not self.repaired else ""
            out.append(f"{n} problem{'s' if n != 1 else ''} found, {fixable} repairable;{tail}".rstrip(";"))
        return out


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def tmp_files(path: Path) -> list[Path]:
    """Temporary files a killed write leaves (`.<file>.XXXX.tmp` and their `.bak` links)
    beside the store and in its shard and catalog folders."""
    store = Store(path)
    found = _tmp_beside(path)
    for folder in (store.folder, store.shard_dir, store.catalog_dir):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        found += [folder / n for n in names if n.startswith(".") and (n.endswith(".tmp") or n.endswith(".tmp.bak"))]
    return sorted(found)


def _newer_schema(path: Path) -> bool:
    try:
        tables = orjson.loads(path.read_bytes())
        schema = tables[META]["1"]["schema"]
    except Exception:
        return False
    return isinstance(schema, int) and schema > SCHEMA_VERSION


def parsed_store(path: Path) -> dict[str, Any] | None:
    """The raw tables of a file that parses as a parktui store's JSON (maybe damaged inside)."""
    try:
        tables = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    if isinstance(tables, dict) and (META in tables or ARTICLES in tables):
        return tables
    return None


def _intact_articles(raw: dict[str, Any]) -> int:
    table = raw.get(ARTICLES)
    if not isinstance(table, dict):
        return 0
    return sum(isinstance(d, dict) and isinstance(d.get("title"), str) and isinstance(d.get("text"), str)
               for d in table.values())


def good_backup(path: Path) -> tuple[bool, str]:
    backup = backup_path(path)
    if not backup.exists():
        return False, f"no backup {backup.name}"
    try:
        snap = Store(path).snapshot(backup)
        for k in snap.shards:
            snap.shard(k)
    except StoreError as exc:
        return False, f"the backup is unusable too ({exc.reason})"
    except FileNotFoundError:
        return False, "the backup names shard files that are gone"
    if not snap.tables:
        return False, "the backup is empty"
    return True, f"{count(snap.count(), 'article')} in {backup.name}"


def check(store: Store) -> Report:
    """Everything wrong with the store and its derived files (reads only)."""
    path = store.path
    report = Report(path)
    leftovers = tmp_files(path)
    if leftovers:
        size = sum(p.stat().st_size for p in leftovers if p.exists())
        report.add(f"{len(leftovers)} temporary file(s) of an interrupted write ({size} bytes)", CLEAN_TMP)
    if not path.exists():
        if backup_path(path).exists():
            ok, why = good_backup(path)
            report.add(f"the store file is missing but a backup exists ({why})", RESTORE if ok else "")
        else:
            report.notes.append("no store file yet (nothing to check)")
        return report
    try:
        read_manifest(path)
        tables = _read_all(store)
    except StoreError as exc:
        if _newer_schema(path):
            report.add(f"{exc.reason}; doctor will not touch a newer store")
            return report
        if path.is_dir() or not os.access(path, os.R_OK):
            report.add(exc.reason)
            return report
        reason = exc.reason.split("; run `parktui doctor")[0]
        ok, why = good_backup(path)
        if exc.path != path:  # a shard: restore the last backup, else keep the other shards
            reason = f"shard {exc.path.name}: {reason}"
            report.add(f"{reason} — " + (f"can restore the last backup ({why})" if ok else
                                         "can keep the articles of the other shards"), RESTORE if ok else SALVAGE)
            return report
        raw = parsed_store(path)
        if raw is not None and (_intact_articles(raw) or not ok):
            report.add(f"{reason} — can salvage its {_intact_articles(raw)} intact articles", SALVAGE)
            return report
        report.add(f"{reason} — " + (f"can restore the last backup ({why})" if ok else why),
                   RESTORE if ok else "")
        return report
    _check_tables(tables, report)
    _check_derived(path, report)
    return report


def _read_all(store: Store) -> dict[str, Any]:
    try:
        return store.dump()
    except FileNotFoundError as exc:
        raise StoreError(store.path, f"shard {Path(str(exc.args[0])).name} is missing") from None


def _check_tables(tables: dict[str, Any], report: Report) -> None:
    from parktui.figures import EXTRACTOR_VERSION

    meta = (tables.get(META) or {}).get("1")
    if tables and (not isinstance(meta, dict) or "schema" not in meta):
        report.add("no schema record (_meta)", META_FIX)
    articles = tables.get(ARTICLES) or {}
    if not isinstance(articles, dict):
        report.add(f"the articles table is a {type(articles).__name__}, not an object")
        return
    stale_extractor = isinstance(meta, dict) and articles and meta.get("extractor") != EXTRACTOR_VERSION
    counts: dict[str, list[str]] = {REKEY: [], REBLOCK: [], REINDEX: []}
    keys: dict[str, list[str]] = {}
    failed: list[tuple[str, str]] = []     # (id, reason): the figure extractor failed on these
    for doc_id, doc in articles.items():
        if not doc_id.isdigit() or int(doc_id) < 1:
            report.add(f"article id {doc_id!r} is not a positive number")
            continue
        if not isinstance(doc, dict):
            report.add(f"article {doc_id} is a {type(doc).__name__}, not an object")
            continue
        text, title = doc.get("text"), doc.get("title")
        if not isinstance(text, str) or not isinstance(title, str):
            missing = [f for f, v in (("title", title), ("text", text)) if not isinstance(v, str)]
            report.add(f"article {doc_id} has no {' or '.join(missing)}")
            continue
        report.articles += 1
        if doc.get("key") != identity_key(doc) or doc.get("hash") != content_hash(doc):
            counts[REKEY].append(doc_id)
        keys.setdefault(identity_key(doc), []).append(doc_id)
        if not offsets_hold(doc, text):
            counts[REBLOCK].append(doc_id)
        figures = doc.get("figures")
        if doc.get("figures_error"):
            failed.append((doc_id, str(doc["figures_error"])))
        elif not isinstance(figures, list) or doc.get("extractor") != EXTRACTOR_VERSION \
                or not all(_figure_holds(f, text) for f in figures):
            counts[REINDEX].append(doc_id)
        else:
            report.figures += len(figures)
    messages = {
        REKEY: "identity key or content hash missing or out of date",
        REBLOCK: "block, section or caption offsets outside the text",
        REINDEX: "figures missing, from an old extractor, or with offsets that do not hold",
    }
    for fix, ids in counts.items():
        if ids:
            report.add(f"{len(ids)} article(s) with {messages[fix]} (ids {_ids(ids)})", fix)
    if failed:
        report.add(f"figure extraction failed for {len(failed)} article(s) (ids {_ids([i for i, _ in failed])}): "
                   f"{failed[0][1]}", REINDEX)
    if stale_extractor and isinstance(meta, dict) and not counts[REINDEX]:
        report.add(f"store records extractor {meta.get('extractor')!r}, current is {EXTRACTOR_VERSION}", REINDEX)
    for _key, ids in keys.items():
        if len(ids) > 1:
            report.add(f"articles {_ids(ids)} share one identity (source, date, title); "
                       "compare them with `parktui show` — doctor does not delete articles")


def _ids(ids: list[str]) -> str:
    return ", ".join(ids[:10]) + (f" and {len(ids) - 10} more" if len(ids) > 10 else "")


def span_ok(start: object, end: object, n: int) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= n


def offsets_hold(doc: dict[str, Any], text: str) -> bool:
    n = len(text)
    blocks = doc.get("blocks")
    if not isinstance(blocks, list):
        return False
    for b in blocks:
        if not isinstance(b, dict) or not span_ok(b.get("start"), b.get("end"), n):
            return False
    for name in ("sections", "captions"):
        items = doc.get(name, [])
        if not isinstance(items, list):
            return False
        for item in items:
            if not isinstance(item, dict) or not span_ok(item.get("start"), n, n):
                return False
    return True


def _figure_holds(fig: object, text: str) -> bool:
    if not isinstance(fig, dict):
        return False
    start, end = fig.get("start"), fig.get("end")
    if not span_ok(start, end, len(text)):
        return False
    raw = fig.get("raw")
    return raw is None or text[start:end] == raw


def catalog_problems(store: Store) -> list[Path]:
    """Catalog files that do not parse as a list (they are rebuilt from their shard), or
    the shards' newest dates not as a mapping (recorded again by the next full listing)."""
    from parktui.store_derived import DATES

    bad = []
    try:
        names = sorted(os.listdir(store.catalog_dir))
    except OSError:
        return []
    for name in names:
        if name.startswith("."):
            continue
        try:
            ok = isinstance(orjson.loads((store.catalog_dir / name).read_bytes()), dict if name == DATES else list)
        except (OSError, orjson.JSONDecodeError):
            ok = False
        if not ok:
            bad.append(store.catalog_dir / name)
    return bad


def _check_derived(path: Path, report: Report) -> None:
    """Derived files that are damaged are problems; stale ones are notes (they catch up
    by themselves: the catalog on the next listing, the search index on the next search)."""
    store = Store(path)
    for bad in catalog_problems(store):
        report.add(f"catalog/{bad.name}: unreadable; it is rebuilt when deleted", DROP_DERIVED)
    for suffix in DERIVED_SUFFIXES:
        derived = path.with_name(path.name + suffix)
        if not derived.exists():
            continue
        broken, stale = _derived_state(derived, store)
        if broken:
            report.add(f"{derived.name}: {broken}; it is rebuilt when deleted", DROP_DERIVED)
        elif stale:
            report.notes.append(f"{derived.name} is behind the store; it catches up on next use")


def derived_problem(derived: Path) -> str:
    """What is broken about a derived file ('' when nothing)."""
    return _derived_state(derived, None)[0]


def _derived_state(derived: Path, store: Store | None) -> tuple[str, bool]:
    """(what is broken about a derived file or '', whether it was built from an older store
    than `store` — by the stamp it recorded, the store's own `stamp()` for the index)."""
    try:
        if derived.name.endswith(".json"):  # the first release's catalog
            data = orjson.loads(derived.read_bytes())
            if not isinstance(data, dict) or not isinstance(data.get("articles", []), list):
                return "not a catalog", False
            stamp = data.get("stamp")
            return "", store is not None and stamp is not None and stamp != file_stamp(store.path)
        con = sqlite3.connect(f"file:{derived}?mode=ro", uri=True)
        try:
            row = con.execute("PRAGMA quick_check").fetchone()
            if not row or row[0] != "ok":
                return f"damaged index ({row[0] if row else 'no answer'})", False
            has_meta = con.execute("SELECT 1 FROM sqlite_master WHERE name='meta'").fetchone()
            built = con.execute("SELECT value FROM meta WHERE key='stamp'").fetchone() if has_meta else None
        finally:
            con.close()
        return "", store is not None and (built is None or built[0] != store.stamp())
    except (OSError, orjson.JSONDecodeError, sqlite3.Error) as exc:
        return f"unreadable ({exc})", False
