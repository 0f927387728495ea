"""Chinese full-text search over the store (core: never imports textual).

    search(store_or_path, "氢能 园区", limit=20) -> list[Hit]
    park_figures(store_or_path, "雄安") -> the figures table's rows for `figures --park`

Exact substring semantics (no word segmentation): every article whose title, subtitle or
body contains each term is found. See `query` for the language, `index` for the SQLite
FTS5 character index beside the store, `engine` for ranking and snippets.
"""
from __future__ import annotations

import os
import sqlite3
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from parktui.search.engine import Hit, Snippet, run
from parktui.search.index import Index, index_path
from parktui.search.query import Query, QueryError, parse

if TYPE_CHECKING:
    from parktui.store import Store

StoreOrPath: TypeAlias = "Store | str | os.PathLike[str]"
"""What the search functions accept: a Store, or the path of its file."""

__all__ = ["Hit", "Snippet", "Query", "QueryError", "parse", "search", "park_figures", "update_index",
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
    parsed = parse(query) if isinstance(query, str) else query
    if not _store_path(store).exists():
        return []  # no store yet: nothing to find, and no index file left behind
    return _answer(store, lambda conn: run(conn, parsed, limit))


def park_figures(store: StoreOrPath, park: str) -> list[dict[str, Any]]:
    """The figures table's rows of the articles whose parks may match `park` (a superset of
    what `FigureFilter(park=park)` keeps), from the index, without reading the store."""
    from parktui.search.index import park_figure_rows

    return _answer(store, lambda conn: park_figure_rows(conn, park))


T = TypeVar("T")


def _answer(store: StoreOrPath, ask: Callable[[sqlite3.Connection], T]) -> T:
    """`ask` the up-to-date index; a damaged index file is rebuilt once."""
    index = index_for(store)
    try:
        return ask(index.fresh())
    except sqlite3.OperationalError:
        raise
    except sqlite3.DatabaseError:
        index.remove()
        return ask(index.fresh())


def update_index(store: StoreOrPath) -> dict[str, int] | None:
    """Sync the index with the store after a write (import, reindex, delete): only the
    shards the write changed are read. Never fails the caller: on an error the index
    stays stale and the next search rebuilds it."""
    try:
        return index_for(store).sync()
    except (sqlite3.Error, OSError) as exc:
        print(f"parktui: warning: search index not updated ({exc}); it will be rebuilt on the next search",
              file=sys.stderr)
        return None
