"""A virtual table: draws only the visible rows, so 10^5 rows cost what 40 do.

Toolong's pattern (a `ScrollView` with `render_line` and an LRU cache) instead of one
widget per row or the built-in DataTable, which lays out every row up front. Rows are
any Python objects; `cells(row)` turns one into display cells only when it is drawn.
Widths come from `rich.cells`, so Chinese titles stay aligned and are cut with "…".
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from parktui.cjk import fit
from parktui.safetext import visible
from parktui.tui import keymap


@dataclass
class Column:
    key: str
    label: str
    width: int = 10
    """Fixed width in cells (the minimum width when `flex` is set)."""
    flex: int = 0
    """Share of the width left over by the fixed columns."""
    justify: str = "left"
    fit: int = 0
    """When set: the width follows the content (the widest cell, at most `fit` cells, at
    least `width`), so short columns leave the room to the flexible ones."""


class VirtualTable(ScrollView, can_focus=True):
    """Rows with a sticky header, a cursor row, j/k/g/G and mouse selection."""

    sort_key: reactive[str | None] = reactive(None)
    """The column shown sorted (▲ or ▼ in its header)."""
    sort_reverse: reactive[bool] = reactive(False)

    BINDINGS = keymap.TABLE

    COMPONENT_CLASSES = {
        "vtable--header",
        "vtable--cursor",
        "vtable--cursor-blurred",
        "vtable--empty",
    }

    DEFAULT_CSS = """
    VirtualTable {
        overflow-x: hidden;
        scrollbar-gutter: stable;
        background: $surface;
    }
    VirtualTable > .vtable--header { text-style: bold; color: $text-accent; }
    VirtualTable > .vtable--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    VirtualTable > .vtable--cursor-blurred { background: $block-cursor-blurred-background; }
    VirtualTable > .vtable--empty { color: $text-muted; text-style: italic; }
    """  # noqa: E501

    class Highlighted(Message):
        def __init__(self, table: "VirtualTable", index: int) -> None:
            super().__init__()
            self.table = table
            self.index = index

        @property
        def control(self) -> "VirtualTable":
            return self.table

    class Selected(Highlighted):
        pass

    class HeaderClicked(Message):
        """The header of column `key` was clicked (screens sort by it)."""

        def __init__(self, table: "VirtualTable", key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> "VirtualTable":
            return self.table

    def __init__(
        self,
        columns: Sequence[Column],
        cells: Callable[[Any], Sequence[Any]],
        *,
        empty: str = "Nothing here.",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.columns = list(columns)
        self._cells = cells
        self.rows: Sequence[Any] = []
        self.cursor = 0
        self.empty = empty
        self._generation = 0
        self._cell_cache: LRUCache[tuple[int, int], Sequence[Any]] = LRUCache(512)
        self._widths: list[int] = []
        self._widths_for = -1
        self._fitted: dict[int, int] = {}

    # Data ------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Any], cursor: int | None = None) -> None:
        """Show `rows` (kept by reference, not copied); the cursor moves to `cursor`."""
        self.rows = rows
        self._generation += 1
        self._cell_cache.clear()
        self._fit_columns()
        self.virtual_size = Size(self.size.width, len(rows) + 1)
        self.cursor = max(0, min(cursor or 0, len(rows) - 1))
        self.scroll_to(y=max(0, self.cursor - self._page() // 2), animate=False, immediate=True)
        self.refresh()
        if rows:
            self.post_message(self.Highlighted(self, self.cursor))

    def set_empty(self, text: str) -> None:
        self.empty = text
        if not self.rows:
            self.refresh()

    def refresh_rows(self) -> None:
        """Forget the drawn cells (the rows' content changed in place)."""
        self._generation += 1
        self._cell_cache.clear()
        self.refresh()

    @property
    def current(self) -> Any | None:
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor]
        return None

    # Cursor ----------------------------------------------------------------------

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def move_cursor(self, index: int, *, center: bool = False) -> None:
        if not self.rows:
            return
        index = max(0, min(index, len(self.rows) - 1))
        old = self.cursor
        self.cursor = index
        page = self._page()
        top = int(self.scroll_y)
        if center:
            self.scroll_to(y=max(0, index - page // 2), animate=False, immediate=True)
        elif index < top:
            self.scroll_to(y=index, animate=False, immediate=True)
        elif index >= top + page:
            self.scroll_to(y=index - page + 1, animate=False, immediate=True)
        self.refresh_line(old + 1)
        self.refresh_line(index + 1)
        if old != index:
            self.post_message(self.Highlighted(self, index))

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor - 1)

    def action_page_down(self) -> None:
        page = self._page()
        self.scroll_to(y=self.scroll_y + page, animate=False, immediate=True)
        self.move_cursor(self.cursor + page)

    def action_page_up(self) -> None:
        page = self._page()
        self.scroll_to(y=max(0, self.scroll_y - page), animate=False, immediate=True)
        self.move_cursor(self.cursor - page)

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self.rows) - 1)

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.Selected(self, self.cursor))

    def action_copy_row(self) -> None:
        """Copy the cursor row, cells separated by tabs (OSC 52 through Textual)."""
        if self.current is None:
            return
        cells = [c.plain if isinstance(c, Text) else str(c) for c in self._cells(self.current)]
        self.app.copy_to_clipboard("\t".join(cells))
        self.notify("Copied the row.", timeout=2)

    def column_at(self, x: int) -> str | None:
        """The key of the column drawn at content column `x`."""
        left = 0
        for column, w in zip(self.columns, self.column_widths(self.scrollable_content_region.width), strict=False):
            if left <= x < left + w + 1:
                return column.key
            left += w + 1
        return None

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            key = self.column_at(offset.x)
            if key is not None:
                self.post_message(self.HeaderClicked(self, key))
            return
        index = int(self.scroll_y) + offset.y - 1
        if 0 <= index < len(self.rows):
            self.move_cursor(index)
            if event.chain >= 2:
                self.action_select()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)
        self._widths_for = -1

    def watch_sort_key(self) -> None:
        self._fit_columns()
        self.refresh()

    def watch_sort_reverse(self) -> None:
        self.refresh_line(0)

    # Drawing ---------------------------------------------------------------------

    SAMPLE = 2000

    def _fit_columns(self) -> None:
        """Widths of the `fit` columns from the widest cell of (a sample of) the rows."""
        self._widths_for = -1
        fitted = [i for i, c in enumerate(self.columns) if c.fit]
        if not fitted:
            return
        step = max(1, len(self.rows) // self.SAMPLE)
        widest = {i: cell_len(self.columns[i].label) + (2 if self.columns[i].key == self.sort_key else 0)
                  for i in fitted}  # the sorted column's header needs room for " ▲"
        for row in self.rows[::step]:
            cells = self._cells(row)
            for i in fitted:
                cell = cells[i]
                widest[i] = max(widest[i], cell.cell_len if isinstance(cell, Text) else cell_len(str(cell)))
        self._fitted = {i: max(self.columns[i].width, min(w, self.columns[i].fit)) for i, w in widest.items()}

    def _base_width(self, index: int) -> int:
        return self._fitted.get(index, self.columns[index].width)

    def column_widths(self, width: int) -> list[int]:
        if width == self._widths_for:
            return self._widths
        gaps = max(0, len(self.columns) - 1)
        base = [self._base_width(i) for i in range(len(self.columns))]
        fixed = sum(w for c, w in zip(self.columns, base, strict=True) if not c.flex)
        flex_cols = [c for c in self.columns if c.flex]
        spare = width - gaps - fixed - sum(c.width for c in flex_cols)
        total_flex = sum(c.flex for c in flex_cols) or 1
        widths = []
        given = 0
        for c, w in zip(self.columns, base, strict=True):
            if c.flex:
                extra = max(0, spare) * c.flex // total_flex
                given += extra
                widths.append(c.width + extra)
            else:
                widths.append(w)
        if flex_cols and spare > given:  # rounding leftovers go to the first flex column
            widths[self.columns.index(flex_cols[0])] += spare - given
        if spare < 0:  # too narrow: shrink from the right, keep the first column
            deficit = -spare
            for i in range(len(widths) - 1, 0, -1):
                cut = min(deficit, widths[i])
                widths[i] -= cut
                deficit -= cut
                if not deficit:
                    break
        self._widths, self._widths_for = widths, width
        return widths

    def _row_cells(self, index: int) -> Sequence[Any]:
        key = (self._generation, index)
        cells = self._cell_cache.get(key)
        if cells is None:
            cells = self._cells(self.rows[index])
            self._cell_cache[key] = cells
        return cells

    def _segments(self, cells: Sequence[Any], widths: list[int], base: Style) -> list[Segment]:
        segments: list[Segment] = []
        console = self.app.console
        for i, (cell, column, w) in enumerate(zip(cells, self.columns, widths, strict=False)):
            if i:
                segments.append(Segment(" ", base))
            if w <= 0:
                continue
            if isinstance(cell, Text):
                text = cell.copy()
                text.plain = visible(text.plain)  # same length: the spans still fit
                text.no_wrap = True
                text.truncate(w, overflow="ellipsis", pad=True)
                if column.justify == "right":
                    text.rstrip()
                    text.pad_left(w - text.cell_len)
                for seg in text.render(console):
                    segments.append(Segment(seg.text, base + seg.style if seg.style else base))
            else:
                segments.append(Segment(fit(visible(str(cell)), w, column.justify), base))
        return segments

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            return self._header(width, base)
        index = int(self.scroll_y) + y - 1
        if not self.rows:
            lines = self.empty.split("\n")
            if 1 <= y <= len(lines):
                style = base + self.get_component_rich_style("vtable--empty")
                return Strip([Segment(fit(" " + lines[y - 1], width), style)], width)
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        style = base
        if index == self.cursor:
            cls = "vtable--cursor" if self.has_focus else "vtable--cursor-blurred"
            style = base + self.get_component_rich_style(cls)
        segments = self._segments(self._row_cells(index), self.column_widths(width), style)
        return Strip(segments).adjust_cell_length(width, style)

    def _header(self, width: int, base: Style) -> Strip:
        style = base + self.get_component_rich_style("vtable--header")
        labels = []
        for c in self.columns:
            label = c.label
            if self.sort_key == c.key:
                label += " ▼" if self.sort_reverse else " ▲"
            labels.append(label)
        segments = self._segments(labels, self.column_widths(width), style)
        return Strip(segments).adjust_cell_length(width, style)
