"""Stories of a bundle: headline lines become section headings.

Bundles of short news (联播快讯, 园区快讯…) print each story's headline as a line of its own,
separated from the story by blank lines, with no heading markup. An article with at least
two such lines is a bundle: each headline becomes a section heading, so park and period
are found per story and the headline is not glued to the paragraph after it.
"""
from __future__ import annotations

from typing import Any

from parktui.model import PARAGRAPH, SECTION

# A headline ends in no sentence punctuation and has no clause punctuation inside.
_FINAL = set("。！？!?…”’\"」』）)】；;：:.，,、")
_INSIDE = set("。！？!?；;，,")
MAX_HEADLINE = 40
MIN_BUNDLE = 2


def is_headline(text: str, following: str | None) -> bool:
    """A short line without sentence punctuation, followed by a longer paragraph."""
    text = text.strip()
    return (4 <= len(text) <= MAX_HEADLINE and text[-1] not in _FINAL
            and not any(c in _INSIDE for c in text)
            and following is not None and len(following) > len(text))


def mark_headlines(blocks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Draft blocks with a bundle's headline paragraphs turned into sections."""
    found = _headline_indexes([(kind, text) for kind, text in blocks])
    if len(found) < MIN_BUNDLE:
        return blocks
    return [(SECTION, text) if i in found else (kind, text) for i, (kind, text) in enumerate(blocks)]


def _headline_indexes(blocks: list[tuple[str, str]]) -> set[int]:
    found = set()
    for i, (kind, text) in enumerate(blocks):
        if kind != PARAGRAPH:
            continue
        following = blocks[i + 1][1] if i + 1 < len(blocks) and blocks[i + 1][0] == PARAGRAPH else None
        if is_headline(text, following):
            found.add(i)
    return found


def restory(article: dict[str, Any]) -> bool:
    """The same for a stored article (reindex): returns whether its blocks changed."""
    text = article.get("text") or ""
    blocks = article.get("blocks") or []
    pairs = [(b["type"], text[b["start"]:b["end"]]) for b in blocks]
    found = _headline_indexes(pairs)
    if len(found) < MIN_BUNDLE:
        return False
    for i in found:
        blocks[i]["type"] = SECTION
    article["sections"] = [{"heading": text[b["start"]:b["end"]], "start": b["start"]}
                           for b in blocks if b["type"] == SECTION]
    return True


def story_starts(article: dict[str, Any]) -> list[int]:
    """Offsets where an article's stories (sections) start."""
    return [int(s["start"]) for s in article.get("sections") or [] if isinstance(s, dict) and "start" in s]
