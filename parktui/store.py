"""The local article store: a TinyDB file that survives kills and concurrent writers.

- Every write goes to a temporary file in the same folder, is flushed and fsynced, and
  `os.replace`d over the store, so a kill at any moment leaves the old or the new file.
  Before the replace, the previous file is kept as `<store>.bak` (one rotating backup).
- Writers take an inter-process lock (`<store>.lock`) around the whole read-modify-write
  and read the file afresh inside it, so concurrent importers never lose each other's work.
- Readers need no lock: they always see a complete file.
- A `_meta` table records the schema version; a newer or foreign file is refused, never
  overwritten.
- Beside the store, `<store>.catalog.json` holds the article summaries (no bodies) stamped
  with the store file's identity, so lists open without parsing every article. It is
  derived data: when missing or stale it is rebuilt from the store.
"""
from __future__ import annotations

import errno
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import orjson
from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.storages import Storage

from parktui.model import SCHEMA_VERSION, summary

ARTICLES = "articles"
META = "_meta"
LOCK_TIMEOUT = 60.0


class StoreError(Exception):
    """A store that cannot be read or written: `str()` names the file and the reason."""

    def __init__(self, path: Path | str, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def read_store_file(path: Path) -> dict:
    """The raw tables of a store file ({} when it does not exist); StoreError if unusable."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except IsADirectoryError:
        raise StoreError(path, "is a directory, not a store file") from None
    except PermissionError:
        raise StoreError(path, "permission denied reading the store") from None
    except OSError as exc:
        raise StoreError(path, f"cannot read the store ({exc.strerror})") from None
    if not data.strip():
        if data:
            raise StoreError(path, "store file is blank; restore it with `parktui doctor --repair`")
        return {}
    try:
        tables = orjson.loads(data)
    except orjson.JSONDecodeError:
        raise StoreError(
            path, "not a parktui store (corrupt or truncated JSON); run `parktui doctor` or use another --db"
        ) from None
    if not isinstance(tables, dict) or (tables and META not in tables and ARTICLES not in tables):
        raise StoreError(path, "not a parktui store (a JSON file of another program); use another --db")
    meta = tables.get(META)
    meta = meta.get("1") if isinstance(meta, dict) else None
    schema = meta.get("schema", SCHEMA_VERSION) if isinstance(meta, dict) else SCHEMA_VERSION
    if not isinstance(schema, int) or schema > SCHEMA_VERSION:
        raise StoreError(
            path, f"store schema {schema} is newer than this parktui ({SCHEMA_VERSION}); upgrade parktui"
        )
    damage = store_damage(tables)
    if damage:
        raise StoreError(path, f"damaged store ({damage}); run `parktui doctor --repair`")
    return tables


REQUIRED = ("title", "text")


def store_damage(tables: dict) -> str:
    """What makes parsed store tables unusable ('' when none): wrong shapes, missing fields."""
    for name, table in tables.items():
        if not isinstance(table, dict):
            return f"table {name!r} is not an object"
        for doc_id, doc in table.items():
            if not (doc_id.isascii() and doc_id.isdigit()) or not isinstance(doc, dict):
                return f"record {doc_id!r} of table {name!r} is not a numbered object"
    for doc_id, doc in tables.get(ARTICLES, {}).items():
        missing = [f for f in REQUIRED if not isinstance(doc.get(f), str)]
        if missing:
            return f"article {doc_id} has no {' or '.join(missing)}"
    return ""


def write_store_file(path: Path, tables: dict, keep_backup: bool = True) -> None:
    """Atomically replace `path` with `tables` (temp file, fsync, os.replace)."""
    payload = orjson.dumps(tables)
    _write_atomic(path, payload, keep_backup)


def _write_atomic(path: Path, payload: bytes, keep_backup: bool) -> None:
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise StoreError(path, _write_failure(exc)) from None
    try:
        os.chmod(tmp, 0o666 & ~_UMASK)
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        if keep_backup and path.exists():
            backup = path.with_name(path.name + ".bak")
            link = Path(tmp + ".bak")
            os.link(path, link)
            os.replace(link, backup)
        os.replace(tmp, path)
        _fsync_dir(folder)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise StoreError(path, _write_failure(exc)) from None


def _write_failure(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "no space left on device; the store was not changed"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "the store's folder is read-only; the store was not changed"
    return f"cannot write the store ({exc.strerror or exc}); the store was not changed"


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def file_stamp(path: Path) -> list[int] | None:
    """The identity of a file as it is now (inode, size, mtime); None if it is missing."""
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class _SnapshotStorage(Storage):
    """TinyDB storage over tables already in memory; `Store` decides when they hit disk."""

    def __init__(self, tables: dict):
        self.tables = tables
        self.dirty = False

    def read(self) -> dict:
        return self.tables

    def write(self, data: dict) -> None:
        self.tables = data
        self.dirty = True


class Store:
    """One store file. `read()` for a consistent snapshot, `write()` for a transaction."""

    def __init__(self, path: Path | str):
        self.path = Path(path).expanduser()
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.catalog_path = self.path.with_name(self.path.name + ".catalog.json")
        self.last_write: tuple[dict, os.stat_result] | None = None

    @contextmanager
    def read(self) -> Iterator[TinyDB]:
        """A TinyDB over a snapshot of the file (no lock; writes are atomic)."""
        tables = read_store_file(self.path)
        yield TinyDB(storage=_SnapshotStorage, tables=tables)  # type: ignore[call-arg]

    @contextmanager
    def write(self) -> Iterator[TinyDB]:
        """Lock, read afresh, yield a TinyDB, and write once at the end if anything changed."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock = FileLock(str(self.lock_path), timeout=LOCK_TIMEOUT)
            lock.acquire()
        except Timeout:
            raise StoreError(self.path, f"another parktui has held the store lock for {LOCK_TIMEOUT:.0f} s") from None
        except OSError as exc:
            raise StoreError(self.path, _write_failure(exc)) from None
        try:
            tables = read_store_file(self.path)
            db = TinyDB(storage=_SnapshotStorage, tables=tables)  # type: ignore[call-arg]
            storage: _SnapshotStorage = db.storage  # type: ignore[assignment]
            meta = db.table(META)
            if not meta.get(doc_id=1):
                meta.insert({"schema": SCHEMA_VERSION})
            yield db
            if storage.dirty:
                write_store_file(self.path, storage.tables)
                self._write_catalog(storage.tables)
                # What was written and the identity of that very file (still locked), so
                # derived data can be brought up to date without reading the store again.
                self.last_write = (storage.tables, os.stat(self.path))
        finally:
            lock.release()

    def exists(self) -> bool:
        return self.path.exists()

    # Convenience reads -------------------------------------------------------------

    def meta(self) -> dict:
        with self.read() as db:
            return dict(db.table(META).get(doc_id=1) or {})

    def articles(self) -> list[dict]:
        """Every article, each with its `id`, in id order."""
        with self.read() as db:
            return [dict(doc, id=doc.doc_id) for doc in db.table(ARTICLES).all()]

    def summaries(self) -> list[dict]:
        """Every article's summary (no body, no figures), from the catalog when it is fresh."""
        stamp = file_stamp(self.path)
        if stamp is None:
            return []
        try:
            catalog = orjson.loads(self.catalog_path.read_bytes())
            if catalog.get("stamp") == stamp:
                return catalog["articles"]
        except (OSError, orjson.JSONDecodeError, AttributeError, KeyError):
            pass
        tables = read_store_file(self.path)
        return self._write_catalog(tables, stamp)

    def _write_catalog(self, tables: dict, stamp: list[int] | None = None) -> list[dict]:
        """Rewrite the catalog, reusing the rows of articles whose content did not change."""
        try:
            old = orjson.loads(self.catalog_path.read_bytes())
            old_rows = {row["id"]: row for row in old["articles"]}
            old_versions = old["versions"]
        except (OSError, orjson.JSONDecodeError, KeyError, TypeError):
            old_rows, old_versions = {}, {}
        rows, versions = [], {}
        for doc_id, doc in (tables.get(ARTICLES) or {}).items():
            version = f"{doc.get('hash')}/{len(doc.get('figures') or ())}"
            versions[doc_id] = version
            row = old_rows.get(int(doc_id)) if old_versions.get(doc_id) == version else None
            rows.append(row if row is not None else summary(dict(doc, id=int(doc_id))))
        rows.sort(key=lambda r: r["id"])
        stamp = stamp or file_stamp(self.path)
        try:
            payload = orjson.dumps({"stamp": stamp, "articles": rows, "versions": versions})
            _write_atomic(self.catalog_path, payload, False)
        except StoreError:
            pass  # derived data: a read-only folder just means no cache
        return rows

    def article(self, article_id: int) -> dict | None:
        with self.read() as db:
            doc = db.table(ARTICLES).get(doc_id=article_id)
            return dict(doc, id=doc.doc_id) if doc is not None else None
