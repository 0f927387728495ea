"""Where the search screen gets its hits: the search index (`parktui.search`), adapted
to what the screen draws."""
from __future__ import annotations

from dataclasses import dataclass, field

from parktui.search import QueryError
from parktui.search import search as _index_search
from parktui.tui.data import Library
from parktui.tui.text import when

FIRST_PAGE = 200
"""Hits fetched first (shown at once); the rest follow in the same worker."""


@dataclass
class Hit:
    article_id: int
    title: str
    park: str = ""
    date: str = ""
    """The date, else the source (what the list shows to place an article in time)."""
    score: float = 0.0
    snippets: list[tuple[str, int, int]] = field(default_factory=list)
    """(snippet text, start, end): the match is snippet[start:end]."""
    matches: list[tuple[int, int]] = field(default_factory=list)
    """Every match as offsets into the article's text."""


def search(library: Library, query: str, limit: int = FIRST_PAGE) -> list[Hit]:
    """The best `limit` hits (0: every hit)."""
    query = query.strip()
    if not query:
        return []
    return _indexed(library, query, limit)


def _indexed(library: Library, query: str, limit: int) -> list[Hit]:
    """Hits from the search index; a half-typed query (an open quote) finds nothing yet."""
    try:
        found = _index_search(library.store, query, limit)
    except QueryError:
        return []
    out = []
    for h in found:
        # The title is its own column: show the body's context when there is one.
        context = [s for s in h.snippets if s.field != "title"] or h.snippets
        snippets = [(s.text, s.start - s.offset, s.end - s.offset) for s in context]
        summary = library.by_id.get(h.article_id) or {"date": h.date}
        out.append(Hit(h.article_id, h.title, h.park or "", when(summary), h.score,
                       snippets, [(a, b) for a, b in h.matches]))
    return out
