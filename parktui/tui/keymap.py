"""Every key binding of the TUI, in one place, each with an id.

Ids are what the config file remaps (`[keymap]` in config.toml, see docs/tui.md):

    [keymap]
    search = "ctrl+f,slash"
    "table.down" = "j,down,ctrl+n"

Vim keys (j/k/g/G) are hidden from the footer; arrows, Home/End still work.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

from textual.binding import Binding, BindingType

if TYPE_CHECKING:
    from textual.app import App

# Tables and lists (article list, figures tables, search results, parks).
TABLE: list[BindingType] = [
    Binding("down,j", "cursor_down", "Down", show=False, id="table.down"),
    Binding("up,k", "cursor_up", "Up", show=False, id="table.up"),
    Binding("pagedown,ctrl+f,space", "page_down", "Page down", show=False, id="table.page_down"),
    Binding("pageup,ctrl+b", "page_up", "Page up", show=False, id="table.page_up"),
    Binding("home,g", "first", "First", show=False, id="table.first"),
    Binding("end,G", "last", "Last", show=False, id="table.last"),
    Binding("enter", "select", "Open", id="table.select"),
    Binding("y", "copy_row", "Copy row", show=False, id="table.copy"),
]

# The reader pane.
READER: list[BindingType] = [
    Binding("down,j", "scroll_down_line", "Down", show=False, id="reader.down"),
    Binding("up,k", "scroll_up_line", "Up", show=False, id="reader.up"),
    Binding("pagedown,space", "page_down", "Page down", show=False, id="reader.page_down"),
    Binding("pageup,b,ctrl+b", "page_up", "Page up", show=False, id="reader.page_up"),
    Binding("home,g", "top", "Top", show=False, id="reader.top"),
    Binding("end,G", "bottom", "Bottom", show=False, id="reader.bottom"),
    Binding("t", "toc", "Contents", id="reader.toc"),
    Binding("right_square_bracket", "next_section", "Next section", show=False, id="reader.next_section"),
    Binding("left_square_bracket", "prev_section", "Prev section", show=False, id="reader.prev_section"),
    Binding("n", "next_hit", "Next hit", id="reader.next_hit"),
    Binding("N", "prev_hit", "Prev hit", id="reader.prev_hit"),
    Binding("escape", "clear_hits", "Clear highlight / back", show=False, id="reader.clear"),
    Binding("ctrl+f", "find", "Find", id="reader.find"),
    Binding("y", "copy", "Copy sentence", show=False, id="reader.copy"),
]

# The main screen (three panes).
MAIN: list[BindingType] = [
    Binding("1", "focus_pane('list')", "Articles", show=False, id="pane.list"),
    Binding("2", "focus_pane('reader')", "Reader", show=False, id="pane.reader"),
    Binding("3", "focus_pane('figures')", "Figures", show=False, id="pane.figures"),
    Binding("s", "cycle_sort", "Sort", id="list.sort"),
    Binding("c", "filter_column", "Column filter", show=False, id="list.column"),
    Binding("x", "clear_filters", "Clear filters", show=False, id="list.clear"),
    Binding("v", "cycle_show", "All/unread/starred", show=False, id="list.show"),
    Binding("u", "toggle_read", "Mark read/unread", show=False, id="article.read"),
    Binding("asterisk", "toggle_star", "Star/unstar", show=False, id="article.star"),
    Binding("backspace", "back", "Back to the list", show=False, id="pane.back"),
    Binding("o", "open_url", "Open in browser", show=False, id="article.open_url"),
    Binding("Y", "copy_url", "Copy URL", show=False, id="article.copy_url"),
    Binding("delete", "delete_article", "Delete article", show=False, id="article.delete"),
]

# The all-figures view.
FIGURES: list[BindingType] = [
    Binding("escape", "close", "Back", id="figures.close"),
    Binding("s", "cycle_sort", "Sort", id="figures.sort"),
    Binding("r", "reverse_sort", "Reverse", id="figures.reverse"),
    Binding("e", "export", "Export", id="export"),
    Binding("slash", "focus_filters", "Filter", id="figures.filter"),
]

# Compare parks (tui/compare_screen.py).
COMPARE: list[BindingType] = [
    Binding("escape", "close", "Back", id="compare.close"),
    Binding("s", "sort", "Sort", id="compare.sort"),
    Binding("c", "chart", "Chart", id="compare.chart"),
    Binding("l", "line", "Park line", id="compare.line"),
    Binding("e", "export", "Export", id="compare.export"),
]
COMPARE_SOURCES: list[BindingType] = [
    Binding("escape", "close", "Close", id="compare.sources.close"),
    Binding("j", "down", "Down", show=False, id="compare.sources.down"),
    Binding("k", "up", "Up", show=False, id="compare.sources.up"),
]

# Search.
SEARCH: list[BindingType] = [
    Binding("escape", "close", "Back", id="search.close"),
    Binding("ctrl+s", "save", "Save search", id="search.save"),
    Binding("down", "results_down", "Down", show=False, id="search.down"),
    Binding("up", "results_up", "Up", show=False, id="search.up"),
]

# Park view.
PARKS: list[BindingType] = [
    Binding("escape", "close", "Back", id="parks.close"),
]

# Everywhere.
APP: list[BindingType] = [
    Binding("q", "quit", "Quit", id="quit"),
    Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="quit.force"),
    Binding("slash", "search", "Search", id="search"),
    Binding("f", "figures", "All figures", id="figures"),
    Binding("p", "parks", "Parks", id="parks"),
    Binding("C", "compare", "Compare parks", show=False, id="compare"),
    Binding("e", "export", "Export", show=False, id="export.article"),
    Binding("question_mark,f1", "help", "Help", id="help"),
    Binding("ctrl+r", "reload", "Reload", show=False, id="reload"),
    Binding("S", "saved_searches", "Saved searches", show=False, id="searches"),
    Binding("H,alt+left", "history_back", "Back", show=False, id="history.back"),
    Binding("L,alt+right", "history_forward", "Forward", show=False, id="history.forward"),
]

ALL: dict[str, Binding] = {b.id: b for group in (TABLE, READER, MAIN, FIGURES, COMPARE, COMPARE_SOURCES, SEARCH,
                                                 PARKS, APP)
                           for b in group if isinstance(b, Binding) and b.id}


def key_display(app: App[Any], binding_id: str, keymap: Mapping[str, str]) -> str:
    """How the first key of a binding is shown (after the user's keymap), e.g. "s" or "^f"."""
    keys = keymap.get(binding_id) or ALL[binding_id].key
    first = keys.split(",")[0].strip()
    return app.get_key_display(Binding(first, ALL[binding_id].action))
