"""Chinese full-text search over the store (core: never imports textual).

    search(store_or_path, "氢能 园区", limit=20) -> list[Hit]

Exact substring semantics (no word segmentation): every article whose title, subtitle or
body contains each term is found. See `query` for the language, `index` for the SQLite
FTS5 character index beside the store, `engine` for ranking and snippets.
"""
from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from parktui.search.engine import Hit, Snippet, run
from parktui.search.index import Index, index_path
from parktui.search.query import Query, QueryError, parse

if TYPE_CHECKING:
    from parktui.store import Store

StoreOrPath: TypeAlias = "Store | str | os.PathLike[str]"
"""What the search functions accept: a Store, or the path of its file."""

__all__ = ["Hit", "Snippet", "Query", "QueryError", "parse", "search", "update_index",
           "index_for", "index_path"]

_lock = threading.Lock()
_indexes: dict[str, Index] = {}


def _store_path(store: StoreOrPath) -> Path:
    if isinstance(store, (str, os.PathLike)):
        return Path(store).expanduser()
    return store.path.expanduser()


def index_for(store: StoreOrPath) -> Index:
    """The (shared, thread-safe) index object of a store or store path."""
    path = str(_store_path(store).absolute())
    with _lock:
        index = _indexes.get(path)
        if index is None:
            index = _indexes[path] = Index(path)
        return index


def search(store: StoreOrPath, query: str | Query, limit: int = 20) -> list[Hit]:
    """Hits for `query`, best first (`limit` 0: all). QueryError for a malformed query.

    Safe to call from any thread: each thread gets its own SQLite connection. The index is
    brought up to date first when the store changed since it was built.
    """
    import sqlite3

    parsed = parse(query) if isinstance(query, str) else query
    if not _store_path(store).exists():
        return []  # no store yet: nothing to find, and no index file left behind
    index = index_for(store)
    try:
        return run(index.fresh(), parsed, limit)
    except sqlite3.OperationalError:
        raise
    except sqlite3.DatabaseError:  # a damaged index file: rebuild it once
        index.remove()
        return run(index.fresh(), parsed, limit)


def update_index(store: StoreOrPath) -> dict[str, int] | None:
    """Sync the index with the store after a write (import, reindex, delete): only the
    shards the write changed are read. Never fails the caller: on an error the index
    stays stale and the next search rebuilds it."""
    import sqlite3

    try:
        return index_for(store).sync()
    except (sqlite3.Error, OSError) as exc:
        print(f"parktui: warning: search index not updated ({exc}); it will be rebuilt on the next search",
              file=sys.stderr)
        return None
