"""One article from two formats: the same page saved as .html and .md, a feed entry and its page.

Two articles of one import are the same when they have the same URL and title, or the
same title and text (whitespace aside). The copy that says more (URL, date, source,
byline, more text) is kept.
"""
from __future__ import annotations

import hashlib
from typing import Any

Doc = dict[str, Any]


def merge_same_articles(articles: list[Doc]) -> tuple[list[Doc], int]:
    """(the articles with each duplicate merged into one, how many were merged)."""
    same = SameArticles()
    for i, article in enumerate(articles):
        same.add(*marks(article), i)
    return [articles[winner] for _first, winner in same.kept()], same.merged


def marks(article: Doc) -> tuple[list[bytes], tuple[int, int]]:
    """What `SameArticles.add` needs of an article: its keys (as short digests) and richness."""
    keys = [hashlib.blake2b(f"{kind}\x1e{value}".encode(), digest_size=16).digest() for kind, value in _keys(article)]
    return keys, _richness(article)


class SameArticles:
    """`merge_same_articles` one article at a time, for imports streamed in pieces: `add`
    each article's marks and its place (any number); `kept()` is then (first place, place
    of the copy kept) for each article, in the order of first places."""

    def __init__(self) -> None:
        self._kept: list[tuple[int, int, tuple[int, int]]] = []  # (first place, kept place, its richness)
        self._index: dict[bytes, int] = {}
        self.merged = 0

    def add(self, keys: list[bytes], richness: tuple[int, int], place: int) -> None:
        at = next((self._index[k] for k in keys if k in self._index), None)
        if at is None:
            at = len(self._kept)
            self._kept.append((place, place, richness))
        else:
            self.merged += 1
            first, _kept, best = self._kept[at]
            if richness > best:
                self._kept[at] = (first, place, richness)
        for key in keys:
            self._index.setdefault(key, at)

    def kept(self) -> list[tuple[int, int]]:
        return [(first, kept) for first, kept, _richness in self._kept]


def _keys(article: Doc) -> list[tuple[str, str]]:
    title = _squash(article.get("title") or "")
    text = hashlib.sha1(_squash(article.get("text") or "").encode()).hexdigest()
    keys = [("text", f"{title}\x1f{text}")]
    if article.get("url"):
        keys.append(("url", f"{article['url']}\x1f{title}"))
    return keys


def _richness(article: Doc) -> tuple[int, int]:
    filled = sum(1 for k in ("url", "date", "source", "reporters", "captions", "sections") if article.get(k))
    return filled, len(article.get("text") or "")


def _squash(text: str) -> str:
    return "".join(text.split())
