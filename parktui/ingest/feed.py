"""RSS and Atom feeds (feedparser) → one article per entry: title, link, date, content or summary."""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

import lxml.html

from parktui.ingest.errors import InputError
from parktui.ingest.page import parse_body

FEED_SUFFIXES = (".rss", ".atom", ".xml", ".rdf")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")
_FEED_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.S | re.I)
_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "section")


@dataclass
class Entry:
    title: str
    link: str
    date: str  # YYYY-MM-DD or ''
    text: str  # content, else summary, as plain paragraphs
    key: str  # the entry's id (guid), else its link


@dataclass
class Feed:
    title: str
    entries: list[Entry] = field(default_factory=list)


def looks_like_feed(name: str, data: bytes, content_type: str = "") -> bool:
    """An RSS/Atom document, by its content type or its first element."""
    if content_type in FEED_TYPES:
        return True
    return bool(_FEED_START.match(data[:2048]))


def parse_feed(data: bytes, name: str) -> Feed:
    """The feed's entries; InputError if the bytes are not a feed."""
    import feedparser  # type: ignore[import-untyped]  # no type information published; imported here, for feeds only

    parsed: Any = feedparser.parse(data)
    if not parsed.get("version") and not parsed.entries:
        reason = str(parsed.get("bozo_exception") or "no entries").splitlines()[0][:100]
        raise InputError(name, f"not an RSS or Atom feed ({reason})")
    feed = Feed(title=_plain(parsed.feed.get("title", "")))
    for raw in parsed.entries:
        link = str(raw.get("link") or "")
        entry = Entry(
            title=_plain(raw.get("title", "")),
            link=link,
            date=_date(raw),
            text=_entry_text(raw),
            key=str(raw.get("id") or link or raw.get("title") or ""),
        )
        if entry.title or entry.text:
            feed.entries.append(entry)
    return feed


def entry_article(entry: Entry, source: str, meta: dict[str, str]) -> dict[str, Any] | None:
    """An entry's own text as an article (None when it has no text)."""
    page_meta = {"url": entry.link, "date": entry.date, "source": source}
    page_meta = {k: v for k, v in page_meta.items() if v}
    return parse_body(entry.title or entry.text[:30], entry.text, {**page_meta, **meta})


def _date(raw: Any) -> str:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = raw.get(key)
        if isinstance(value, time.struct_time):
            return time.strftime("%Y-%m-%d", value)
    return ""


def _entry_text(raw: Any) -> str:
    contents = raw.get("content") or []
    html = max((str(c.get("value") or "") for c in contents), key=len, default="")
    if len(_plain(html)) < len(_plain(str(raw.get("summary") or ""))):
        html = str(raw.get("summary") or "")
    return _paragraphs(html)


def _paragraphs(html: str) -> str:
    """HTML of an entry → paragraphs separated by blank lines."""
    if not html.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return _plain(html)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n\n" + (el.tail or "")
        el.text = "\n\n" + (el.text or "")
    text = root.text_content()
    lines = (" ".join(line.split()) for line in re.split(r"\n\s*\n|\n", text))
    return "\n\n".join(line for line in lines if line)


def _plain(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", str(text)).split())
