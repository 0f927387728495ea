"""Page text → a flat list of blocks (headings, paragraphs, metadata lines).

Markdown that newspaper conversions and web pages leave in (images, links, HTML, emphasis,
tables, rules, setext headings) is reduced to its text here, so the parser sees prose.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from parktui.ingest.meta import meta_field

HEADING = "heading"
PARA = "para"
META = "meta"


@dataclass
class Block:
    kind: str
    text: str
    level: int = 0
    lines: tuple[str, ...] = ()


_ATX = re.compile(r"^\s{0,3}(#{1,6})\s*(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)")
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,500}>")
_ANCHOR = re.compile(r"\s*\{#[^}]*\}")
_EMPHASIS = re.compile(r"(\*\*|__|~~)")
# The first characters of the lines _ATX, _SETEXT, _RULE and _TABLE_RULE match (once stripped).
_MARK_START = frozenset("#=-|:*_")
_ROW = "\x1e"  # marks a line that was a table row, so rows stay apart when joined


# A character one of the substitutions below needs; most lines of prose have none.
_MARKUP = re.compile(r"[\[<{*_~&\u3000]")


def clean_inline(line: str) -> str:
    if not _MARKUP.search(line):
        return line.rstrip()
    line = _IMAGE.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _TAG.sub("", line)
    line = _ANCHOR.sub("", line)
    line = _EMPHASIS.sub("", line)
    return line.replace("&nbsp;", " ").replace("\u3000", " ").rstrip()


def _join_lines(lines: list[str]) -> str:
    """Lines of one paragraph → one string; no space between CJK pieces (table rows keep one)."""
    if len(lines) == 1:
        return lines[0].strip()
    out = ""
    for line in lines:
        piece = line.strip()
        if not piece:
            continue
        ascii_pair = out and out[-1].isascii() and out[-1].isalnum() and piece[0].isascii() and piece[0].isalnum()
        if out and (ascii_pair or line.startswith(_ROW)):
            out += " "
        out += piece
    return out


_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)


def lex(text: str) -> list[Block]:
    if "<" in text:
        text = _SCRIPT.sub("", text)  # code and style sheets are not prose
    blocks: list[Block] = []
    para: list[str] = []
    raw: list[str] = []

    def flush() -> None:
        if para:
            fields = [meta_field(line) if not line.startswith(_ROW) else None for line in para]
            if all(fields):
                for key, value in fields:  # type: ignore[misc]
                    blocks.append(Block(META, f"{key}={value}", 0, tuple(raw)))
            else:
                joined = _join_lines(para)
                if joined:
                    blocks.append(Block(PARA, joined, 0, tuple(raw)))
        para.clear()
        raw.clear()

    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if stripped.startswith(">"):
            stripped = stripped.lstrip("> ").strip()
            if not stripped:
                continue
        if stripped[0] in _MARK_START:     # a heading, an underline, a rule or a table rule
            m = _ATX.match(stripped)
            if m and stripped.startswith("#"):
                flush()
                heading = clean_inline(m.group(2)).strip()
                if heading:
                    blocks.append(Block(HEADING, heading, len(m.group(1)), (line,)))
                continue
            if _SETEXT.match(stripped) and len(para) == 1 and not _TABLE_RULE.match(para[0]):
                level = 1 if stripped.startswith("=") else 2
                heading = clean_inline(para[0]).strip()
                para.clear()
                raw.clear()
                if heading:
                    blocks.append(Block(HEADING, heading, level, (line,)))
                continue
            if _TABLE_RULE.match(stripped) and para:
                continue
            if _RULE.match(stripped) or _TABLE_RULE.match(stripped):
                flush()
                continue
        cleaned = clean_inline(stripped)
        if stripped.startswith("|"):
            cleaned = _ROW + " ".join(c.strip() for c in cleaned.strip("|").split("|"))
        if cleaned.strip():
            para.append(cleaned)
            raw.append(line)
    flush()
    return blocks
