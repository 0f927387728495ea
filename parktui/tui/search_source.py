"""Where the search screen gets its hits: `parktui.search` when it is installed, else a
plain substring scan of the loaded articles (fine for small stores).

Keep this tiny: when the search index merges, only `_indexed` may need adjusting.
"""
from __future__ import annotations

from dataclasses import dataclass, field

try:
    from parktui.search import search as _index_search
except ImportError:  # the search branch has not merged yet
    _index_search = None

SNIPPET_BEFORE, SNIPPET_AFTER = 16, 48


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
    if _index_search is not None:
        return _indexed(library, query, limit)
    return scan(library.load_articles().values(), query, limit)


def _indexed(library, query: str, limit: int) -> list[Hit]:
    out = []
    for h in _index_search(library.store, query, limit):
        matches = getattr(h, "matches", None) or getattr(h, "offsets", None) or []
        out.append(Hit(h.article_id, h.title, h.park or "", h.date or "", h.score,
                       [tuple(s) for s in h.snippets], [tuple(m) for m in matches]))
    return out


_lowered: dict[int, str] = {}


def scan(articles, query: str, limit: int = 200) -> list[Hit]:
    """Articles containing every word of `query` (case-insensitive), most matches first."""
    terms = [t for t in query.lower().split() if t]
    cased = any(t != t.upper() for t in terms)
    hits = []
    for a in articles:
        text = a.get("text") or ""
        title = a.get("title") or ""
        if cased:
            hay = _lowered.get(a["id"])
            if hay is None or len(hay) != len(text):
                hay = _lowered[a["id"]] = text.lower()
            title_hay = title.lower()
        else:
            hay, title_hay = text, title
        matches: list[tuple[int, int]] = []
        in_title = 0
        ok = True
        for t in terms:
            found_title = title_hay.count(t)
            pos = hay.find(t)
            if pos < 0 and not found_title:
                ok = False
                break
            in_title += found_title
            while pos >= 0:
                matches.append((pos, pos + len(t)))
                pos = hay.find(t, pos + len(t))
        if not ok:
            continue
        matches.sort()
        snippets = []
        if matches:
            s, e = matches[0]
            a0 = max(0, s - SNIPPET_BEFORE)
            snippet = text[a0:e + SNIPPET_AFTER].replace("\n", " ")
            snippets.append((snippet, s - a0, e - a0))
        hits.append(Hit(a["id"], title, a.get("park") or "", a.get("date") or "",
                        float(len(matches) + 5 * in_title), snippets, matches))
    hits.sort(key=lambda h: (-h.score, h.date), reverse=False)
    return hits[:limit]
