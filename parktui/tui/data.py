"""What the TUI shows, read through the store API (`parktui.store.Store`).

- `load_summaries()`: the article list without bodies, from the store's per-shard catalog
  (with read/starred flags); `load_first(n)` before it reads only the few shards that hold
  the first screen, newest first (at 97,000 articles: 6 shards instead of 407).
- `article(id)`: one article's body, read from its shard when it is opened (the last few
  shards read are kept, so moving through neighbouring articles reads nothing again).
- `figures()`: every figure row, built in a worker when a figures view first needs it.

Nothing here imports Textual; the app calls these from thread workers.
"""
from __future__ import annotations

import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from typing import Any

from parktui.bulk import collector_paused
from parktui.figure_table import add_sort_keys, figure_rows
from parktui.figures import format_value as _format_value
from parktui.ingest.parks import park_info
from parktui.store import Store, shard_of
from parktui.store_derived import shard_ids

Row = dict[str, Any]
CACHED_SHARDS = 8


def format_value(fig: Row) -> str:
    try:
        return str(_format_value(fig))
    except Exception:  # a figure the formatter does not understand: show it as written
        return str(fig.get("raw") or fig.get("value") or "")


@dataclass
class Park:
    name: str
    aliases: set[str] = field(default_factory=set)
    article_ids: list[int] = field(default_factory=list)
    n_figures: int = 0
    province: str = ""          # from the gazetteer (national-level parks); "" for local ones
    type: str = ""              # 高新区, 经开区, 新区, 自贸区…


class Library:
    def __init__(self, store: Store):
        self.store = store
        self.summaries: list[Row] = []
        self.by_id: dict[int, Row] = {}
        self._figures: list[Row] | None = None
        self._shards: OrderedDict[int, dict[int, Row]] = OrderedDict()
        self._lock = threading.Lock()
        self.loaded_stamp: str | None = None
        self.first_only = False  # only the first screen's summaries are in (load_first)

    # Loading ------------------------------------------------------------------------

    def changed_on_disk(self) -> bool:
        return self.store.stamp() != self.loaded_stamp

    def load_first(self, n: int) -> bool:
        """Load the summaries of the list's first `n` rows when sorted newest first (and the
        rest of the few shards holding them), so the first screen need not wait for every
        summary; `load_summaries()` then reads them all. False: nothing loaded (the dates
        are spread over too much of the store for it to be quicker)."""
        rows = self.store.latest_summaries(n)
        if rows is not None:
            self._use(rows, first_only=True)
        return rows is not None

    def load_summaries(self) -> list[Row]:
        self.loaded_stamp = self.store.stamp()
        rows = self.store.summaries()
        self._use(rows, first_only=False)
        return rows

    def _use(self, rows: list[Row], first_only: bool) -> None:
        self.summaries = rows
        self.by_id = {r["id"]: r for r in rows}
        self.first_only = first_only

    def reload(self) -> None:
        """Forget everything (after an import or a delete) and read the summaries again."""
        with self._lock:
            self._figures = None
            self._shards.clear()
        self.load_summaries()

    @property
    def figures_ready(self) -> bool:
        return self._figures is not None

    # Lookups --------------------------------------------------------------------------

    def has_body(self, article_id: int) -> bool:
        """Whether `article(article_id)` answers without reading the store (its shard is cached)."""
        with self._lock:
            return shard_of(article_id) in self._shards

    def article(self, article_id: int) -> Row | None:
        k = shard_of(article_id)
        with self._lock:
            docs = self._shards.get(k)
            if docs is not None:
                self._shards.move_to_end(k)
        if docs is None:
            first, last = shard_ids(k)
            rows = self.store.articles(list(range(first, last + 1)))  # the whole shard
            docs = {a["id"]: a for a in rows}
            with self._lock:
                self._shards[k] = docs
                while len(self._shards) > CACHED_SHARDS:
                    self._shards.popitem(last=False)
        return docs.get(article_id)

    def figures(self) -> list[Row]:
        """Every figure of the store, one row each (figure_table.figure_rows), with
        `display` (the value as people write it) and `sort` (the numeric value)."""
        if self._figures is None:
            with collector_paused():
                rows = figure_rows(self.store.iter_articles())
                add_sort_keys(rows)
            self._figures = rows
        return self._figures

    def park_figures(self, ids: set[int], names: set[str]) -> list[Row]:
        """A park's figures: those of its articles (only their shards are read) and, once
        every figure is loaded, those other articles attribute to one of its `names`."""
        if self._figures is not None:
            return [r for r in self._figures if r["article_id"] in ids or (r.get("park") or "") in names]
        rows = figure_rows(self.store.articles(sorted(ids)))
        add_sort_keys(rows)
        return rows

    # Per-user state and deletion ------------------------------------------------------

    def set_flags(self, article_id: int, read: bool | None = None, starred: bool | None = None) -> None:
        """Mark an article read/starred in the store and in the loaded summaries."""
        flags = self.store.set_flags(article_id, read=read, starred=starred)
        row = self.by_id.get(article_id)
        if row is not None:
            row.update(flags)

    def delete(self, article_id: int) -> bool:
        """Delete one article from the store (search, catalog and figures follow)."""
        from parktui.search import update_index

        gone = self.store.delete([article_id])
        if gone:
            update_index(self.store)
            self.reload()
        return bool(gone)

    # Groupings ----------------------------------------------------------------------------

    def parks(self) -> list[Park]:
        """Parks by canonical name, with every alias the articles used."""
        parks: dict[str, Park] = {}
        for s in self.summaries:
            name = s.get("park") or ""
            if not name:
                continue
            park = parks.get(name)
            if park is None:
                info = park_info(name)
                park = parks[name] = Park(name, province=info.province if info else "",
                                          type=info.type if info else "")
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
