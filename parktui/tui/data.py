"""What the TUI shows, read from the store in two steps.

1. `load_summaries()`: the article list without bodies (fast: the store's catalog when
   `Store.summaries()` exists, else built from the full articles).
2. `load_articles()`: every full article, kept in memory by id, read in a worker after
   the first paint. Opening an article is then a dict lookup, not a 50 MB re-read.

Nothing here imports Textual; the app calls these from thread workers.
"""
from __future__ import annotations

import json
import os
import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

import orjson

from parktui.figure_table import add_sort_keys, figure_rows
from parktui.model import SCHEMA_VERSION, summary
from parktui.store import ARTICLES, Store, read_store_file

try:  # the figures package (other branch) knows how people write values
    from parktui.figures import format_value as _format_value
except ImportError:  # pragma: no cover - until it merges
    _format_value = None


def format_value(fig: dict) -> str:
    if _format_value is not None:
        try:
            return _format_value(fig)
        except Exception:  # a figure the formatter does not understand: show it as written
            pass
    return str(fig.get("raw") or fig.get("value") or "")


# Chunked loading -----------------------------------------------------------------------
#
# One orjson.loads of a 50 MB store holds the GIL for ~0.5 s (2.5 s at 5x), freezing the UI
# thread. The store is written by orjson (compact), where a quote inside a string is always
# escaped, so `},"123":{` outside strings can only be the boundary between two articles:
# the articles table is parsed in batches, yielding the GIL between them. Anything
# unexpected falls back to `read_store_file`, which also gives the proper errors.

_TABLE = re.compile(rb'(?<!\\)"articles":\{')
_ENTRY = re.compile(rb'\},"(\d+)":\{')
_META = re.compile(rb'(?<!\\)"_meta":')
BATCH = 400


class _Fallback(Exception):
    pass


def load_articles_chunked(path, batch: int = BATCH) -> dict[int, dict]:
    try:
        return _chunked(path.read_bytes(), batch)
    except (_Fallback, ValueError, KeyError, TypeError, OSError):
        tables = read_store_file(path)
        docs = tables.get(ARTICLES) or {}
        return {int(k): dict(v, id=int(k)) for k, v in docs.items()}


def _chunked(data: bytes, batch: int) -> dict[int, dict]:
    if not data.startswith(b"{"):
        raise _Fallback
    meta = _META.search(data)
    if meta:
        text = data[meta.end():meta.end() + 4096].decode("utf-8", "ignore")
        value, _ = json.JSONDecoder().raw_decode(text)
        schema = (value.get("1") or {}).get("schema", SCHEMA_VERSION)
        if not isinstance(schema, int) or schema > SCHEMA_VERSION:
            raise _Fallback  # read_store_file says what is wrong
    table = _TABLE.search(data)
    if table is None:
        if meta is None:
            raise _Fallback
        return {}
    first = table.end()
    if data[first:first + 1] == b"}":
        return {}
    limit = meta.start() if meta and meta.start() > first else len(data)
    starts = [first] + [m.start() + 2 for m in _ENTRY.finditer(data, first, limit)]
    # The last article ends where its JSON value ends: parse just that value to find it.
    key_end = data.index(b":", starts[-1]) + 1
    tail = data[key_end:].decode("utf-8")
    _, consumed = json.JSONDecoder().raw_decode(tail)
    end = key_end + len(tail[:consumed].encode("utf-8"))
    starts.append(end + 1)
    out: dict[int, dict] = {}
    for i in range(0, len(starts) - 1, batch):
        j = min(i + batch, len(starts) - 1)
        chunk = b"{" + data[starts[i]:starts[j] - 1] + b"}"
        docs = orjson.loads(chunk)
        for k, v in docs.items():
            v["id"] = int(k)
            out[int(k)] = v
        time.sleep(0)  # let the UI thread run
    return out


@dataclass
class Park:
    name: str
    aliases: set[str] = field(default_factory=set)
    article_ids: list[int] = field(default_factory=list)
    n_figures: int = 0


class Library:
    def __init__(self, store: Store):
        self.store = store
        self.summaries: list[dict] = []
        self.by_id: dict[int, dict] = {}
        self.articles: dict[int, dict] | None = None
        self._figures: list[dict] | None = None
        self._lock = threading.Lock()
        self.loaded_stamp: tuple[int, int, int] | None = None

    # Loading ------------------------------------------------------------------------

    def store_stamp(self) -> tuple[int, int, int] | None:
        """The store file's identity: it changes whenever any process writes the store."""
        try:
            st = os.stat(self.store.path)
        except OSError:
            return None
        return st.st_ino, st.st_size, st.st_mtime_ns

    def changed_on_disk(self) -> bool:
        return self.store_stamp() != self.loaded_stamp

    def load_summaries(self) -> list[dict]:
        self.loaded_stamp = self.store_stamp()
        fast = getattr(self.store, "summaries", None)
        if fast is not None:
            rows = [dict(r) for r in fast()]
        else:
            rows = [summary(a) for a in self.load_articles().values()]
        for r in rows:
            r.setdefault("n_figures", 0)
        self.summaries = rows
        self.by_id = {r["id"]: r for r in rows}
        return rows

    def load_articles(self) -> dict[int, dict]:
        with self._lock:
            if self.articles is None:
                self.articles = load_articles_chunked(self.store.path)
            return self.articles

    def reload(self) -> None:
        """Forget everything (after an import) and read the summaries again."""
        with self._lock:
            self.articles = None
            self._figures = None
        self.load_summaries()

    # Lookups --------------------------------------------------------------------------

    def article(self, article_id: int) -> dict | None:
        if self.articles is not None:
            return self.articles.get(article_id)
        return self.store.article(article_id)

    def figures(self) -> list[dict]:
        """Every figure of the store, one row each (figure_table.figure_rows), with
        `display` (the value as people write it) and `sort` (the numeric value)."""
        if self._figures is None:
            rows = figure_rows(self.load_articles().values())
            add_sort_keys(rows)
            self._figures = rows
        return self._figures

    def parks(self) -> list[Park]:
        """Parks by canonical name, with every alias the articles used."""
        parks: dict[str, Park] = {}
        for s in self.summaries:
            name = s.get("park") or ""
            if not name:
                continue
            park = parks.get(name)
            if park is None:
                park = parks[name] = Park(name)
            park.aliases.update(a for a in (s.get("park_aliases") or ()) if a and a != name)
            park.article_ids.append(s["id"])
            park.n_figures += s.get("n_figures") or 0
        return sorted(parks.values(), key=lambda p: (-len(p.article_ids), p.name))

    def columns(self) -> list[str]:
        counts: dict[str, int] = defaultdict(int)
        for s in self.summaries:
            if s.get("column"):
                counts[s["column"]] += 1
        return sorted(counts, key=lambda c: -counts[c])
