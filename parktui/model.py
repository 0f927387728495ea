"""The article record: what the importer produces and the store keeps.

Articles are plain dicts (they go straight into TinyDB as JSON); this module names
their fields and builds them, so every layer agrees on one shape.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import orjson

SCHEMA_VERSION = 2  # 1: one TinyDB file; 2: a manifest and shards (parktui.store)

Article = dict[str, Any]
"""A stored article: the JSON object TinyDB keeps (fields named in this module)."""
Figure = dict[str, Any]
"""One figure of an article, with the fields of FIGURES.md."""

# Block types inside an article's body, in reading order.
PARAGRAPH = "p"
SECTION = "h"
CAPTION = "caption"

BLOCK_SEP = "\n\n"


@dataclass
class Caption:
    text: str
    credit: str = ""


@dataclass
class ArticleDraft:
    """An article as the page parser builds it, before it is frozen into a dict."""

    title: str
    subtitle: str = ""
    kicker: str = ""  # 引题, the line above the title
    column: str = ""
    dateline: str = ""
    reporters: list[str] = field(default_factory=list)
    correspondents: list[str] = field(default_factory=list)
    blocks: list[tuple[str, str]] = field(default_factory=list)  # (type, text)
    captions: list[Caption] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)

    def add_names(self, role: str, names: list[str]) -> None:
        bucket = self.correspondents if role == "correspondent" else self.reporters
        for name in names:
            if name not in bucket:
                bucket.append(name)


def build_article(draft: ArticleDraft, park: str, park_aliases: list[str]) -> Article:
    """Freeze a draft into the stored dict: body text, block offsets, sections, captions.
    The caller sets `hash` (content_hash) once the article is complete."""
    blocks: list[dict[str, Any]] = []
    sections: list[dict[str, Any]] = []
    pieces: list[str] = []
    pos = 0
    caption_starts: list[int] = []
    for kind, text in draft.blocks:
        if pieces:
            pos += len(BLOCK_SEP)
        blocks.append({"type": kind, "start": pos, "end": pos + len(text)})
        if kind == SECTION:
            sections.append({"heading": text, "start": pos})
        elif kind == CAPTION:
            caption_starts.append(pos)
        pieces.append(text)
        pos += len(text)
    text = BLOCK_SEP.join(pieces)
    captions = [
        {"text": c.text, "credit": c.credit, "start": start}
        for c, start in zip(draft.captions, caption_starts, strict=False)
    ]
    meta = draft.meta
    article: Article = {
        "title": draft.title,
        "subtitle": draft.subtitle,
        "kicker": draft.kicker,
        "column": draft.column,
        "park": park,
        "park_aliases": park_aliases,
        "reporters": draft.reporters,
        "correspondents": draft.correspondents,
        "dateline": draft.dateline,
        "sections": sections,
        "captions": captions,
        "blocks": blocks,
        "text": text,
        "source": meta.get("source", ""),
        "date": meta.get("date", ""),
        "page": meta.get("page", ""),
        "url": meta.get("url", ""),
        "origin": meta.get("origin", ""),
    }
    article["key"] = identity_key(article)
    return article


def identity_key(article: Article) -> str:
    """Which stored article a re-imported one replaces: same source, date and title."""
    return "\x1f".join((article.get("source", ""), article.get("date", ""), article["title"]))


_HASHED = ("title", "subtitle", "kicker", "column", "park", "park_aliases", "reporters", "correspondents",
           "dateline", "sections", "captions", "blocks", "text", "source", "date", "page", "url")


def content_hash(article: Article) -> str:
    payload = orjson.dumps({k: article.get(k) for k in _HASHED}, option=orjson.OPT_SORT_KEYS)
    return hashlib.sha1(payload).hexdigest()


def paragraphs(article: Article) -> list[dict[str, Any]]:
    """The body blocks with their text, for readers and renderers."""
    text = article["text"]
    return [dict(b, text=text[b["start"]:b["end"]]) for b in article.get("blocks", [])]


SUMMARY_FIELDS = ("id", "title", "subtitle", "column", "park", "park_aliases", "reporters",
                  "correspondents", "sections", "captions", "source", "date", "page", "url",
                  "n_figures")


def summary(article: Article) -> dict[str, Any]:
    """The fields `parktui articles` lists (everything but the body)."""
    out = {k: article.get(k) for k in SUMMARY_FIELDS}
    out["n_figures"] = len(article.get("figures") or [])
    return out


def compact_sentence(text: str, fig: Figure) -> None:
    """Store a figure's sentence as offsets into the text (`sentence_span`), not a copy."""
    sentence = fig.get("sentence")
    if not sentence:
        return
    at = text.find(sentence, max(0, fig["start"] - len(sentence)))
    if 0 <= at <= fig["start"] and fig["end"] <= at + len(sentence):
        del fig["sentence"]
        fig["sentence_span"] = [at, at + len(sentence)]


def figures_of(article: Article) -> list[Figure]:
    """The article's figures with every FIGURES.md field, `sentence` restored from its span."""
    text = article.get("text", "")
    out = []
    for fig in article.get("figures") or ():
        full = dict(fig)
        span = full.pop("sentence_span", None)
        if span is not None:
            full["sentence"] = text[span[0]:span[1]]
        out.append(full)
    return out


def byline_text(article: Article) -> str:
    """`记者 朱彤  通讯员 赵优 赵海忠`: the reporters and correspondents as a reader sees them."""
    parts = []
    if article.get("reporters"):
        parts.append("记者 " + " ".join(article["reporters"]))
    if article.get("correspondents"):
        parts.append("通讯员 " + " ".join(article["correspondents"]))
    return "  ".join(parts)
