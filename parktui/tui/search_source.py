"""Where the search screen gets its hits: the search index (`parktui.search`), adapted
to what the screen draws."""
from __future__ import annotations

from dataclasses import dataclass, field

from parktui.search import QueryError
from parktui.search import search as _index_search


@dataclass
class Hit:
    article_id: int
    title: str
    park: str = ""
    date: str = ""
    score: float = 0.0
    snippets: list[tuple[str, int, int]] = field(default_factory=list)
    """(snippet text, start, end): the match is snippet[start:end]."""
    matches: list[tuple[int, int]] = field(default_factory=list)
    """Every match as offsets into the article's text."""


def search(library, query: str, limit: int = 200) -> list[Hit]:
    query = query.strip()
    if not query:
        return []
    return _indexed(library, query, limit)


def _indexed(library, query: str, limit: int) -> list[Hit]:
    """Hits from the search index; a half-typed query (an open quote) finds nothing yet."""
    try:
        found = _index_search(library.store, query, limit)
    except QueryError:
        return []
    out = []
    for h in found:
        snippets = [(s.text, s.start - s.offset, s.end - s.offset) for s in h.snippets]
        out.append(Hit(h.article_id, h.title, h.park or "", h.date or "", h.score,
                       snippets, [tuple(m) for m in h.matches]))
    return out
