"""The reader: one article laid out by hand for Chinese text.

The article is laid out once per (article, width, highlights) into lines, each knowing
which characters of the article's `text` it shows, so a figure or search hit (an offset
into the text) maps straight to a line to scroll to. Paragraphs are wrapped by
`cjk.wrap_offsets` (cell widths, no line starting with closing punctuation) rather than
by Rich, which only breaks at spaces. Only visible lines are turned into strips.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from parktui.cjk import wrap_offsets
from parktui.model import CAPTION, SECTION, byline_text
from parktui.safetext import visible, visible_fields
from parktui.tui import keymap
from parktui.tui.text import meta_line

MARGIN = 1


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


class Reader(ScrollView, can_focus=True):
    BINDINGS = keymap.READER

    COMPONENT_CLASSES = {
        "reader--title",
        "reader--subtitle",
        "reader--meta",
        "reader--section",
        "reader--caption",
        "reader--credit",
        "reader--bar",
        "reader--figure",
        "reader--current",
        "reader--hit",
        "reader--empty",
    }

    DEFAULT_CSS = """
    Reader { overflow-x: hidden; scrollbar-gutter: stable; background: $surface; }
    Reader > .reader--title { text-style: bold; color: $text; }
    Reader > .reader--subtitle { text-style: italic; color: $text-secondary; }
    Reader > .reader--meta { color: $text-muted; }
    Reader > .reader--section { text-style: bold; color: $text-accent; }
    Reader > .reader--caption { color: $text-muted; text-style: italic; }
    Reader > .reader--credit { color: $text-muted; }
    Reader > .reader--bar { color: $accent; }
    Reader > .reader--figure { color: $text-success; text-style: bold; }
    Reader > .reader--current { background: $warning; color: $background; text-style: bold; }
    Reader > .reader--hit { background: $warning-muted; text-style: bold; }
    Reader > .reader--empty { color: $text-muted; text-style: italic; }
    """

    class HitMoved(Message):
        def __init__(self, index: int, total: int) -> None:
            super().__init__()
            self.index = index
            self.total = total

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article: dict | None = None
        self.hits: list[tuple[int, int]] = []
        self.hit_index = -1
        self.current: tuple[int, int] | None = None
        self.empty = "Select an article and press Enter."
        self._lines: list[Line] = []
        self._starts: list[int] = []  # body lines: start offsets, for bisect
        self._starts_line: list[int] = []
        self._section_lines: list[int] = []
        self._strips: dict[int, Strip] = {}
        self._laid_out_for = -1
        self._pending_offset: int | None = None
        self._bindings_shown = (False, False)

    # Public API -----------------------------------------------------------------------

    def show(self, article: dict | None, hits: list[tuple[int, int]] | None = None) -> None:
        self.article = article
        self.hits = sorted(hits or [])
        self.hit_index = -1
        self.current = None
        self._layout()
        self.scroll_to(y=0, animate=False, immediate=True)
        if self.hits:
            self.goto_hit(0)

    def set_empty(self, text: str) -> None:
        self.empty = text
        if self.article is None:
            self._layout()

    def highlight(self, start: int, end: int) -> None:
        """Mark text[start:end] as the current span and scroll it into view."""
        self.current = (start, end)
        self._layout()
        self.scroll_to_offset(start)

    def scroll_to_offset(self, offset: int) -> None:
        if not self.scrollable_content_region.height:
            # Hidden (the narrow layout shows one pane): scroll when it is shown.
            self._pending_offset = offset
            return
        line = self.line_of(offset)
        height = self.scrollable_content_region.height or 10
        # force: just after the pane is shown its scrollbars are not yet recomputed.
        self.scroll_to(y=max(0, line - height // 3), animate=False, immediate=True, force=True)

    def line_of(self, offset: int) -> int:
        i = bisect_right(self._starts, offset) - 1
        return self._starts_line[i] if i >= 0 else 0

    def goto_hit(self, index: int) -> None:
        if not self.hits:
            return
        self.hit_index = index % len(self.hits)
        start, end = self.hits[self.hit_index]
        self.highlight(start, end)
        self.post_message(self.HitMoved(self.hit_index, len(self.hits)))

    @property
    def sections(self) -> list[tuple[str, int]]:
        """(heading, line) of every section of the article."""
        if not self.article:
            return []
        heads = [s["heading"] for s in self.article.get("sections") or ()]
        return list(zip(heads, self._section_lines, strict=False))

    def goto_section(self, index: int) -> None:
        lines = self._section_lines
        if 0 <= index < len(lines):
            self.scroll_to(y=max(0, lines[index] - 1), animate=False, immediate=True)

    @property
    def text_lines(self) -> list[str]:
        """The laid-out lines as plain text (for tests)."""
        return [("┃" + " " * (ln.indent - 1) if ln.style_class == "bar" else " " * ln.indent) + ln.text.plain
                for ln in self._lines]

    # Actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("next_hit", "prev_hit") and not self.hits:
            return False  # hidden from the footer until there are hits
        if action == "toc" and not self.sections:
            return False
        return True

    def action_scroll_down_line(self) -> None:
        self.scroll_to(y=self.scroll_y + 1, animate=False, immediate=True)

    def action_scroll_up_line(self) -> None:
        self.scroll_to(y=self.scroll_y - 1, animate=False, immediate=True)

    def action_page_down(self) -> None:
        self.scroll_to(y=self.scroll_y + max(1, self.scrollable_content_region.height - 2), animate=False,
                       immediate=True)

    def action_page_up(self) -> None:
        self.scroll_to(y=self.scroll_y - max(1, self.scrollable_content_region.height - 2), animate=False,
                       immediate=True)

    def action_top(self) -> None:
        self.scroll_to(y=0, animate=False, immediate=True)

    def action_bottom(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    def action_next_section(self) -> None:
        top = int(self.scroll_y) + 1
        for i, line in enumerate(self._section_lines):
            if line > top:
                self.goto_section(i)
                return

    def action_prev_section(self) -> None:
        top = int(self.scroll_y) + 1
        for i in range(len(self._section_lines) - 1, -1, -1):
            if self._section_lines[i] < top:
                self.goto_section(i)
                return
        self.action_top()

    def action_next_hit(self) -> None:
        if self.hits:
            self.goto_hit(self.hit_index + 1)
        else:
            self.notify("No search hits in this article. Press / to search.", timeout=3)

    def action_prev_hit(self) -> None:
        if self.hits:
            self.goto_hit(self.hit_index - 1)
        else:
            self.notify("No search hits in this article. Press / to search.", timeout=3)

    def action_clear_hits(self) -> None:
        if self.hits or self.current:
            self.hits = []
            self.hit_index = -1
            self.current = None
            self._layout()

    def action_toc(self) -> None:
        from parktui.tui.dialogs import TocScreen

        sections = self.sections
        if not sections:
            self.notify("This article has no sections.", timeout=3)
            return

        def jump(index: int | None) -> None:
            if index is not None:
                self.goto_section(index)

        self.app.push_screen(TocScreen([h for h, _ in sections]), jump)

    # Layout -------------------------------------------------------------------------------

    def on_resize(self) -> None:
        pending, self._pending_offset = self._pending_offset, None
        if pending is not None and self.scrollable_content_region.height:
            self._layout()
            self.call_after_refresh(self.scroll_to_offset, pending)
            return
        if self.scrollable_content_region.width != self._laid_out_for:
            keep = self._lines[int(self.scroll_y)].start if self._lines and self.scroll_y < len(self._lines) else -1
            self._layout()
            if keep >= 0:
                self.scroll_to(y=self.line_of(keep), animate=False, immediate=True)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        if self.is_mounted:
            self._layout()

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"reader--{name}")

    def _wrapped(self, text: Text, width: int, start: int, indent: int = 0) -> list[Line]:
        text.plain = visible(text.plain)  # same length: offsets and spans still fit
        out = []
        for a, b in wrap_offsets(text.plain, width - indent):
            out.append(Line(text[a:b], start + a if start >= 0 else -1, start + b if start >= 0 else -1, indent))
        return out

    def _layout(self) -> None:
        width = self.scrollable_content_region.width - 2 * MARGIN
        self._laid_out_for = self.scrollable_content_region.width
        self._strips.clear()
        lines: list[Line] = []
        self._section_lines = []
        article = self.article
        if width < 4:
            self._lines = []
        elif article is None:
            lines.append(Line(Text("")))
            for para in self.empty.split("\n"):
                lines += self._wrapped(Text(para, style=self._style("empty")), width, -1)
        else:
            lines = self._layout_article(article, width)
        self._lines = lines
        self._starts = []
        self._starts_line = []
        for i, ln in enumerate(lines):
            if ln.start >= 0:
                self._starts.append(ln.start)
                self._starts_line.append(i)
        self.virtual_size = Size(self.scrollable_content_region.width, len(lines))
        self.refresh()
        shown = (bool(self.hits), bool(self._section_lines))
        if shown != self._bindings_shown:  # the footer rebuilds on this: only when it changes
            self._bindings_shown = shown
            self.refresh_bindings()

    def _layout_article(self, article: dict, width: int) -> list[Line]:
        article = visible_fields(article)  # same lengths: offsets still fit; before Text() drops some
        lines: list[Line] = []
        lines += self._wrapped(Text(article.get("title") or "", style=self._style("title")), width, -1)
        if article.get("subtitle"):
            lines += self._wrapped(Text(article["subtitle"], style=self._style("subtitle")), width, -1)
        for info in (meta_line(article), byline_text(article)):
            if info:
                lines += self._wrapped(Text(info, style=self._style("meta")), width, -1)
        lines.append(Line(Text("")))

        body = article.get("text") or ""
        spans = self._spans(article)
        captions = {c.get("start"): c for c in article.get("captions") or ()}
        for block in article.get("blocks") or ():
            start, end, kind = block["start"], block["end"], block.get("type")
            text = Text(body[start:end])
            for a, b, style in spans:
                if b > start and a < end:
                    text.stylize(style, max(a, start) - start, min(b, end) - start)
            if kind == SECTION:
                text.stylize(self._style("section"))
                if lines and lines[-1].text.plain:
                    lines.append(Line(Text("")))
                self._section_lines.append(len(lines))
                lines += self._wrapped(text, width, start)
            elif kind == CAPTION:
                text.stylize(self._style("caption"))
                first = len(lines)
                lines += self._wrapped(text, width, start, indent=2)
                credit = (captions.get(start) or {}).get("credit")
                if credit:
                    lines += self._wrapped(Text("—— " + credit, style=self._style("credit")), width, -1, indent=2)
                for ln in lines[first:]:
                    ln.style_class = "bar"
                lines.append(Line(Text("")))
            else:
                lines += self._wrapped(text, width, start)
                lines.append(Line(Text("")))
        while lines and not lines[-1].text.plain:
            lines.pop()
        return lines

    def _spans(self, article: dict) -> list[tuple[int, int, Style]]:
        spans = []
        figure = self._style("figure")
        for fig in article.get("figures") or ():
            if isinstance(fig.get("start"), int) and isinstance(fig.get("end"), int):
                spans.append((fig["start"], fig["end"], figure))
        hit = self._style("hit")
        spans += [(a, b, hit) for a, b in self.hits]
        if self.current:
            spans.append((self.current[0], self.current[1], self._style("current")))
        return spans

    # Drawing -------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_y) + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        strip = self._strips.get(index)
        if strip is None:
            line = self._lines[index]
            segments = [Segment(" " * MARGIN, base)]
            if line.indent:
                if line.style_class == "bar":
                    segments.append(Segment("┃" + " " * (line.indent - 1), base + self._style("bar")))
                else:
                    segments.append(Segment(" " * line.indent, base))
            segments += text_segments(line.text, base)
            strip = Strip(segments).adjust_cell_length(width, base)
            self._strips[index] = strip
        return strip
