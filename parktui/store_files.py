"""The files under a store: atomic writes, validated reads, stamps and the writers' lock.

Every file the store writes goes to a temporary file in the same folder, is flushed and
fsynced, and is `os.replace`d into place, so a kill at any moment leaves the old or the new
file, never a mix. `parktui.store` builds the store (manifest and shards) on these.
"""
from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson

Tables = dict[str, dict[str, Any]]

LOCK_TIMEOUT = 60.0
ARTICLES = "articles"
META = "_meta"


class StoreError(Exception):
    """A store that cannot be read or written: `str()` names the file and the reason."""

    def __init__(self, path: Path | str, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def load_json(path: Path, what: str = "store") -> Any:
    """The parsed JSON of one file (None when it does not exist or is empty); StoreError
    naming the file and what to do when it cannot be read or parsed."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise StoreError(path, f"is a directory, not a {what} file") from None
    except PermissionError:
        raise StoreError(path, f"permission denied reading the {what}") from None
    except OSError as exc:
        raise StoreError(path, f"cannot read the {what} ({exc.strerror})") from None
    if not data.strip():
        if data:
            raise StoreError(path, f"{what} file is blank; restore it with `parktui doctor --repair`")
        return None
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        raise StoreError(
            path, f"not a parktui {what} (corrupt or truncated JSON); run `parktui doctor` or use another --db"
        ) from None


def table_damage(tables: dict[str, Any]) -> str:
    """What makes parsed TinyDB tables unusable ('' when none): wrong shapes, missing fields."""
    for name, table in tables.items():
        if not isinstance(table, dict):
            return f"table {name!r} is not an object"
        for doc_id, doc in table.items():
            if not (doc_id.isascii() and doc_id.isdigit()) or not isinstance(doc, dict):
                return f"record {doc_id!r} of table {name!r} is not a numbered object"
    for doc_id, doc in tables.get(ARTICLES, {}).items():
        missing = [f for f in ("title", "text") if not isinstance(doc.get(f), str)]
        if missing:
            return f"article {doc_id} has no {' or '.join(missing)}"
    return ""


def write_failure(exc: OSError) -> str:
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


def write_atomic(path: Path, payload: bytes, backup: bool = False, sync_dir: bool = True,
                 error_path: Path | None = None, fsync: bool = True) -> None:
    """Replace `path` with `payload` (temp file, fsync, os.replace); with `backup`, the
    previous file is kept as `<path>.bak`. StoreError (naming `error_path`) on failure.
    `fsync=False` leaves the flush to the caller (`fsync_file` before the file is relied on)."""
    folder = path.parent
    shown = error_path or path
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise StoreError(shown, write_failure(exc)) from None
    try:
        os.chmod(tmp, 0o666 & ~_UMASK)
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
            out.flush()
            if fsync:
                os.fsync(out.fileno())
        if backup and path.exists():
            link = Path(tmp + ".bak")
            os.link(path, link)
            os.replace(link, path.with_name(path.name + ".bak"))
        os.replace(tmp, path)
        if sync_dir:
            fsync_dir(folder)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise StoreError(shown, write_failure(exc)) from None


def fsync_file(path: Path, error_path: Path | None = None) -> None:
    """Flush a file written with `write_atomic(fsync=False)` to the disk (StoreError on failure)."""
    try:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise StoreError(error_path or path, write_failure(exc)) from None


def fsync_dir(folder: Path) -> None:
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


def file_stamp(path: Path) -> list[int] | None:
    """The identity of a file as it is now (inode, size, mtime); None if it is missing."""
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def tmp_files(path: Path) -> list[Path]:
    """Temporary files a killed write leaves beside `path` (`.<name>.XXXX.tmp`, `.tmp.bak`)."""
    prefix = f".{path.name}."
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    return sorted(path.parent / n for n in names
                  if n.startswith(prefix) and (n.endswith(".tmp") or n.endswith(".tmp.bak")))


@contextmanager
def locked(store_path: Path) -> Iterator[None]:
    """Hold the writers' lock `<store>.lock` (StoreError after LOCK_TIMEOUT seconds)."""
    from filelock import FileLock, Timeout  # here: readers (most commands, the browser's start) never lock

    lock_path = store_path.with_name(store_path.name + ".lock")
    try:
        store_path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(lock_path), timeout=LOCK_TIMEOUT)
        lock.acquire()
    except Timeout:
        raise StoreError(store_path, f"another parktui has held the store lock for {LOCK_TIMEOUT:.0f} s") from None
    except OSError as exc:
        raise StoreError(store_path, write_failure(exc)) from None
    try:
        yield
    finally:
        lock.release()
