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
    kept: list[Doc] = []
    index: dict[tuple[str, str], int] = {}
    merged = 0
    for article in articles:
        keys = _keys(article)
        at = next((index[k] for k in keys if k in index), None)
        if at is None:
            at = len(kept)
            kept.append(article)
        else:
            merged += 1
            if _richness(article) > _richness(kept[at]):
                kept[at] = article
        for key in keys:
            index.setdefault(key, at)
    return kept, merged


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
