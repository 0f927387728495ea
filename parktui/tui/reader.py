"""The reader: one article laid out by hand for Chinese text (see `reader_layout`).

The article is laid out once per (article, width, highlights); only visible lines are
turned into strips. Search hits and find matches are walked with n/N; Esc clears them
and, after a search hit, goes back to the results.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from parktui.search.engine import find_all
from parktui.search.fold import fold
from parktui.tui import keymap
from parktui.tui.appref import key_of
from parktui.tui.figure_pane import sentence_of
from parktui.tui.nav import GoBack, Span
from parktui.tui.reader_layout import Line, figure_marks, layout_article, layout_message, text_segments

MARGIN = 1


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
        self.article: dict[str, Any] | None = None
        self.hits: list[Span] = []
        self.hits_label = "hit"
        """What the hits are: "hit" (search) or "match" (find in the article)."""
        self.hit_index = -1
        self.current: Span | None = None
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

    def show(self, article: dict[str, Any] | None, hits: list[Span] | None = None, label: str = "hit") -> None:
        self.article = article
        self.hits = sorted(hits or [])
        self.hits_label = label
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
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
        """Esc: clear the highlights; after a search hit (or with nothing to clear) go back."""
        searched = bool(self.hits) and self.hits_label == "hit"
        if self.hits or self.current:
            self.hits = []
            self.hit_index = -1
            self.current = None
            self._layout()
            self.post_message(self.HitMoved(-1, 0))
            if not searched:
                return
        self.post_message(GoBack())

    def action_find(self) -> None:
        from parktui.tui.find_dialog import FindScreen

        if self.article is None:
            self.notify("Open an article first.", timeout=3)
            return

        def found(word: str | None) -> None:
            if word:
                self.find(word)

        walk = f"{key_of(self, 'reader.next_hit')}/{key_of(self, 'reader.prev_hit')}"
        hint = f"Enter finds · {walk} next/previous · Esc cancels"
        self.app.push_screen(FindScreen(hint), found)

    def find(self, word: str) -> None:
        """Mark every occurrence of `word` in the article (n/N walk them)."""
        if self.article is None:
            return
        matches = find_all(fold(self.article.get("text") or ""), fold(word))
        if not matches:
            self.notify(f"“{word}” is not in this article.", timeout=3)
            return
        self.hits, self.hits_label, self.hit_index = matches, "match", -1
        self.goto_hit(0)

    def action_copy(self) -> None:
        """Copy the sentence of the highlighted figure or hit."""
        if self.article is None or self.current is None:
            self.notify("Highlight a figure first (Enter on a figure), then y copies its sentence.", timeout=4)
            return
        sentence = sentence_of(self.article, self.current)
        self.app.copy_to_clipboard(sentence)
        self.notify(f"Copied: {sentence[:40]}{'…' if len(sentence) > 40 else ''}", timeout=3)

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

    def _marks(self, article: dict[str, Any]) -> list[tuple[int, int, Style]]:
        marks = figure_marks(article, self._style("figure"))
        hit = self._style("hit")
        marks += [(a, b, hit) for a, b in self.hits]
        if self.current:
            marks.append((self.current[0], self.current[1], self._style("current")))
        return marks

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        if self.is_mounted:
            self._layout()

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"reader--{name}")

    def _layout(self) -> None:
        width = self.scrollable_content_region.width - 2 * MARGIN
        self._laid_out_for = self.scrollable_content_region.width
        self._strips.clear()
        lines: list[Line] = []
        self._section_lines = []
        article = self.article
        if width < 4:
            lines = []
        elif article is None:
            lines = layout_message(self.empty, width, self._style("empty")).lines
        else:
            layout = layout_article(article, width, self._style, self._marks(article))
            lines, self._section_lines = layout.lines, layout.section_lines
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
