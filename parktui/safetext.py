"""Text from strangers, made safe for a terminal: cleaned once at import, shown harmlessly.

Two functions, one character set (`UNSAFE`): C0 controls except newline and tab, DEL,
C1 controls, bidi overrides/embeddings/isolates and marks, and every other invisible
format character (Unicode category Cf: zero-width spaces, word joiners, BOM, soft hyphen,
tag characters…), plus lone surrogates. A zero-width joiner between two emoji stays
(it builds 👩‍🔬 and 🏳️‍🌈).

- `clean(text)` removes them; `clean_article(article)` does it to every string of a parsed
  article, keeping its block and section offsets pointing at the same characters. The
  importer runs it once, before figures are extracted.
- `visible(text)` replaces each of them with one visible, harmless character (␛ for ESC,
  ␇ for BEL, � for the rest) and a tab with a space: the same length, so offsets into
  the text stay valid. Every human-format output (CLI tables and text, the browser's
  reader and tables) shows article data through it; JSON output stays exact.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from typing import Any

import orjson

# The character class; tests/test_terminal_safety.py checks it against unicodedata
# (every Cc except \t \n, every Cf, every Cs).
_UNSAFE_BMP_CLASS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff"
)
_UNSAFE_ASTRAL_CLASS = (
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
UNSAFE_CLASS = _UNSAFE_BMP_CLASS + _UNSAFE_ASTRAL_CLASS
UNSAFE = re.compile(f"[{UNSAFE_CLASS}]")
# The same test, faster on text without characters beyond U+FFFF (most text): re checks a
# class of only BMP ranges 4x faster than one with astral ranges.
_UNSAFE_BMP = re.compile(f"[{_UNSAFE_BMP_CLASS}]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def has_unsafe(text: str) -> bool:
    """Does `text` hold a character of UNSAFE?"""
    return _UNSAFE_BMP.search(text) is not None or (
        _ASTRAL.search(text) is not None and UNSAFE.search(text) is not None)


ZWJ = "\u200d"
REPLACEMENT = "\ufffd"
_PICTURES = {c: chr(0x2400 + c) for c in range(0x20)} | {0x7F: "\u2421"}


def _emoji(ch: str) -> bool:
    return ch == "\ufe0f" or ord(ch) >= 0x1F000 or unicodedata.category(ch) == "So"


def _joins_emoji(text: str, at: int) -> bool:
    """Is the ZWJ at `at` part of an emoji sequence (an emoji on both sides)?"""
    return 0 < at < len(text) - 1 and _emoji(text[at - 1]) and _emoji(text[at + 1])


def unsafe_positions(text: str) -> list[int]:
    """Offsets of the characters `clean` removes, in order."""
    if not has_unsafe(text):
        return []
    return [m.start() for m in UNSAFE.finditer(text)
            if not (m.group() == ZWJ and _joins_emoji(text, m.start()))]


def _without(text: str, cut: list[int]) -> str:
    pieces, last = [], 0
    for at in cut:
        pieces.append(text[last:at])
        last = at + 1
    pieces.append(text[last:])
    return "".join(pieces)


def clean(text: str) -> str:
    """`text` without its control and invisible format characters."""
    cut = unsafe_positions(text)
    return _without(text, cut) if cut else text


def _picture(text: str, at: int) -> str:
    ch = text[at]
    if ch == ZWJ and _joins_emoji(text, at):
        return ch
    return _PICTURES.get(ord(ch), REPLACEMENT)


def visible(text: str) -> str:
    """`text` with every unsafe character replaced by a visible one, a tab by a space
    (same length). Newlines stay: callers that draw one line replace them."""
    if "\t" in text:
        text = text.replace("\t", " ")
    if not has_unsafe(text):
        return text
    return UNSAFE.sub(lambda m: _picture(text, m.start()), text)


def visible_fields(value: Any) -> Any:
    """`visible` applied to every string inside nested dicts and lists (a copy)."""
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, dict):
        return {k: visible_fields(v) for k, v in value.items()}
    if isinstance(value, list):
        return [visible_fields(v) for v in value]
    return value


# How many characters cleaning removed from an article (set by readers that clean their raw
# input before parsing, and by the importer's extraction step); the import summary counts it.
REMOVED = "_removed"

# Fields of a parsed article that are not text from the input.
_DERIVED = frozenset({"key", "hash"})
_OFFSETS = frozenset({"start", "end"})


def clean_article(article: dict[str, Any]) -> int:
    """Clean every string of a parsed article in place; the number of characters removed.

    The body (`text`) is cleaned with its offsets: every `start`/`end` in the article's
    nested records (blocks, sections, captions) is moved to the same character. The
    identity key and content hash are recomputed when anything was removed.
    """
    removed = 0
    body = article.get("text")
    if isinstance(body, str):
        cut = unsafe_positions(body)
        if cut:
            article["text"] = _without(body, cut)
            for key, value in article.items():
                if key not in _DERIVED and key != "text":
                    _shift_offsets(value, cut)
            removed += len(cut)
    if _may_need_cleaning(article):
        for key, value in list(article.items()):
            if key not in _DERIVED and key != "text":
                article[key], n = _clean_value(value)
                removed += n
    if removed:
        from parktui.model import content_hash, identity_key

        if "key" in article:
            article["key"] = identity_key(article)
        if "hash" in article:
            article["hash"] = content_hash(article)
    return removed


# In the JSON form of the fields, the escapes orjson writes for unsafe characters
# (\b \f \r \u00XX; \n and \t are safe, a false alarm only costs the slow walk).
_UNSAFE_ESCAPE = re.compile(r"\\[bfru]")


def _may_need_cleaning(article: dict[str, Any]) -> bool:
    """False when no field but the body holds a character `clean` removes: one orjson
    serialisation and one search instead of a walk through every nested value."""
    try:
        data = orjson.dumps({k: v for k, v in article.items() if k not in _DERIVED and k != "text"})
    except (TypeError, orjson.JSONEncodeError):
        return True
    fields = data.decode()
    return has_unsafe(fields) or ("\\" in fields and _UNSAFE_ESCAPE.search(fields) is not None)


def _clean_value(value: Any) -> tuple[Any, int]:
    if isinstance(value, str):
        cut = unsafe_positions(value)
        return (_without(value, cut), len(cut)) if cut else (value, 0)
    total = 0
    if isinstance(value, list):
        for i, item in enumerate(value):
            value[i], n = _clean_value(item)
            total += n
    elif isinstance(value, dict):
        for k, item in value.items():
            value[k], n = _clean_value(item)
            total += n
    return value, total


def _shift_offsets(value: Any, cut: list[int]) -> None:
    """Move every int `start`/`end` in nested records past the removed characters."""
    if isinstance(value, list):
        for item in value:
            _shift_offsets(item, cut)
    elif isinstance(value, dict):
        for k, item in value.items():
            if k in _OFFSETS and isinstance(item, int) and not isinstance(item, bool):
                value[k] = item - bisect_left(cut, item)
            else:
                _shift_offsets(item, cut)
