"""How the reader lays out one article: lines that know which characters of the article's
`text` they show, so an offset (a figure, a search hit) maps straight to a line.

Paragraphs are wrapped by `cjk.wrap_offsets` (cell widths, no line starting with closing
punctuation) rather than by Rich, which only breaks at spaces.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from parktui.cjk import wrap_offsets
from parktui.model import CAPTION, SECTION, byline_text
from parktui.safetext import visible, visible_fields
from parktui.tui.text import meta_line

StyleOf = Callable[[str], Style]
"""The style of a part of the article ("title", "section", "figure", …)."""


def text_segments(text: Text, base: Style) -> list[Segment]:
    """Segments of a one-line Text whose styles are Style objects (faster than
    Text.render, which goes through the console for every line)."""
    plain = text.plain
    style = base + text.style if isinstance(text.style, Style) else base
    spans = [s for s in text.spans if s.end > s.start]
    if not spans:
        return [Segment(plain, style)]
    cuts = sorted({0, len(plain), *(min(max(s.start, 0), len(plain)) for s in spans),
                   *(min(max(s.end, 0), len(plain)) for s in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a == b:
            continue
        st = style
        for s in spans:
            if s.start <= a and s.end >= b and isinstance(s.style, Style):
                st = st + s.style
        out.append(Segment(plain[a:b], st))
    return out


@dataclass
class Line:
    text: Text
    start: int = -1
    """Offset in the article text of the first character shown (-1: not body text)."""
    end: int = -1
    indent: int = 0
    style_class: str = ""


@dataclass
class Layout:
    lines: list[Line] = field(default_factory=list)
    section_lines: list[int] = field(default_factory=list)
    """The line of each section heading."""


def wrapped(text: Text, width: int, start: int, indent: int = 0) -> list[Line]:
    text.plain = visible(text.plain)  # same length: offsets and spans still fit
    out = []
    for a, b in wrap_offsets(text.plain, width - indent):
        out.append(Line(text[a:b], start + a if start >= 0 else -1, start + b if start >= 0 else -1, indent))
    return out


def layout_message(message: str, width: int, style: Style) -> Layout:
    lines = [Line(Text(""))]
    for para in message.split("\n"):
        lines += wrapped(Text(para, style=style), width, -1)
    return Layout(lines)


def layout_article(article: dict[str, Any], width: int, style: StyleOf,
                   marks: list[tuple[int, int, Style]]) -> Layout:
    """The article in lines of `width` cells; `marks` are (start, end, style) spans of the
    text to highlight (figures, hits, the current one)."""
    article = visible_fields(article)  # same lengths: offsets still fit; before Text() drops some
    layout = Layout()
    lines = layout.lines
    lines += wrapped(Text(article.get("title") or "", style=style("title")), width, -1)
    if article.get("subtitle"):
        lines += wrapped(Text(article["subtitle"], style=style("subtitle")), width, -1)
    for info in (meta_line(article), byline_text(article)):
        if info:
            lines += wrapped(Text(info, style=style("meta")), width, -1)
    lines.append(Line(Text("")))

    body = article.get("text") or ""
    captions = {c.get("start"): c for c in article.get("captions") or ()}
    for block in article.get("blocks") or ():
        start, end, kind = block["start"], block["end"], block.get("type")
        text = Text(body[start:end])
        for a, b, mark in marks:
            if b > start and a < end:
                text.stylize(mark, max(a, start) - start, min(b, end) - start)
        if kind == SECTION:
            text.stylize(style("section"))
            if lines and lines[-1].text.plain:
                lines.append(Line(Text("")))
            layout.section_lines.append(len(lines))
            lines += wrapped(text, width, start)
        elif kind == CAPTION:
            text.stylize(style("caption"))
            first = len(lines)
            lines += wrapped(text, width, start, indent=2)
            credit = (captions.get(start) or {}).get("credit")
            if credit:
                lines += wrapped(Text("—— " + credit, style=style("credit")), width, -1, indent=2)
            for ln in lines[first:]:
                ln.style_class = "bar"
            lines.append(Line(Text("")))
        else:
            lines += wrapped(text, width, start)
            lines.append(Line(Text("")))
    while lines and not lines[-1].text.plain:
        lines.pop()
    return layout


def figure_marks(article: dict[str, Any], style: Style) -> list[tuple[int, int, Style]]:
    return [(f["start"], f["end"], style) for f in article.get("figures") or ()
            if isinstance(f.get("start"), int) and isinstance(f.get("end"), int)]
