"""The main screen: article list | reader over the current article's figures.

Below 100 columns the panes show one at a time (the focused one), like newsboat:
Enter opens the reader, Backspace (or 1) goes back to the list, 3 shows the figures.
What the list shows (filters, sort) is reactive state: setting it redraws the list.
"""
from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import DescendantFocus
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer

from parktui.tui import keymap
from parktui.tui.appref import key_of, park_app
from parktui.tui.article_actions import ArticleActions
from parktui.tui.article_list import (
    COLUMNS,
    LIST_SORTS,
    SHOW,
    SORT_OF_COLUMN,
    article_cells,
    filter_articles,
    sort_articles,
)
from parktui.tui.figure_pane import FIGURE_COLUMNS, FIGURE_SORTS, figure_cells, sorted_figures
from parktui.tui.flags import ArticleFlags
from parktui.tui.nav import OpenArticle, Span
from parktui.tui.reader import Reader
from parktui.tui.vtable import VirtualTable

Article = dict[str, Any]


class MainScreen(ArticleFlags, ArticleActions, Screen[None]):
    BINDINGS = keymap.MAIN
    NARROW = 100

    sort_key: reactive[str] = reactive("date", init=False)
    sort_reverse: reactive[bool] = reactive(True, init=False)
    park_filter: reactive[str] = reactive("", init=False)
    column_filter: reactive[str] = reactive("", init=False)
    show_only: reactive[str] = reactive("", init=False)
    """"", "unread" or "starred" (article_list.SHOW)."""
    figure_sort: reactive[str | None] = reactive(None, init=False)
    figure_reverse: reactive[bool] = reactive(False, init=False)

    def __init__(self) -> None:
        super().__init__()
        self.article: Article | None = None
        self._preview: Timer | None = None
        self._preview_id: int | None = None
        self._pane = "list"
        self.data_loaded = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield VirtualTable(COLUMNS, article_cells, empty="Loading articles…", id="list")
            with Vertical(id="right"):
                yield Reader(id="reader")
                yield VirtualTable(FIGURE_COLUMNS, figure_cells, empty="No article open.", id="figs")
        yield Footer()

    @property
    def article_list(self) -> VirtualTable:
        return self.query_one("#list", VirtualTable)

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    @property
    def figures_pane(self) -> VirtualTable:
        return self.query_one("#figs", VirtualTable)

    def on_mount(self) -> None:
        lst = self.article_list
        lst.border_title = "Articles"
        self.reader.border_title = "Reader"
        self.figures_pane.border_title = "Figures"
        lst.focus()
        self._set_pane_class("list")
        park_app(self).load_data()  # after the titles above are set, so it cannot race them

    # Loading --------------------------------------------------------------------------

    def summaries_loaded(self, keep_id: int | None = None) -> None:
        """Called by the app once the summaries are in (titles only); the cursor stays on
        `keep_id` (default: the row it is on)."""
        self.data_loaded = True
        self.refresh_list(keep_id)
        app = park_app(self)
        self.call_after_refresh(app.mark, "titles_painted")
        if not app.library.summaries:
            self.reader.set_empty("No articles yet.\nImport pages with ctrl+p → “Import”, or from a shell:\n"
                                  "  parktui import PAGE.md   (or --sample for the bundled page)")
            self.figures_pane.set_empty("No figures yet: import some articles first.")

    def shows_newest_first(self) -> bool:
        """Whether the list shows every article, newest first (as it starts)."""
        return (self.sort_key == "date" and self.sort_reverse and not self.park_filter and not self.column_filter
                and not self.show_only)

    def watch_sort_key(self) -> None:
        self.refresh_list()

    def watch_sort_reverse(self) -> None:
        self.refresh_list()

    def watch_park_filter(self) -> None:
        self.refresh_list()

    def watch_column_filter(self) -> None:
        self.refresh_list()

    def watch_show_only(self) -> None:
        self.refresh_list()

    def refresh_list(self, keep_id: int | None = None) -> None:
        if not self.data_loaded:
            return
        summaries = park_app(self).library.summaries
        rows = sort_articles(filter_articles(summaries, self.park_filter, self.column_filter, self.show_only),
                             self.sort_key, self.sort_reverse)
        lst = self.article_list
        sort = next((s for s in LIST_SORTS if s.key == self.sort_key), None)
        lst.sort_key, lst.sort_reverse = (sort.column if sort else None), self.sort_reverse
        if not summaries:
            lst.set_empty("No articles yet.\nctrl+p → Import, or\nparktui import PAGE.md")
        else:
            lst.set_empty(f"No articles match the filter.\nPress {key_of(self, 'list.clear')} to clear it.")
        keep_id = keep_id if keep_id is not None else (lst.current or {}).get("id")
        cursor = next((i for i, s in enumerate(rows) if s["id"] == keep_id), 0) if keep_id is not None else 0
        lst.set_rows(rows, cursor)
        self._update_list_title()

    def _update_list_title(self) -> None:
        lst = self.article_list
        library = park_app(self).library
        total = len(library.summaries)
        shown = len(lst.rows)
        position = f"{lst.cursor + 1:,}/{shown:,}" if shown else "0"
        bits = [position if shown == total else f"{position} of {total:,}"]
        if library.first_only:  # the rest of the list is still being read
            bits = [f"{lst.cursor + 1:,} · loading…"]
        if self.park_filter:
            bits.append(f"park {self.park_filter}")
        if self.column_filter:
            bits.append(f"【{self.column_filter}】")
        if self.show_only:
            bits.append(self.show_only)
        lst.border_title = "Articles " + " · ".join(bits)
        sort = next((s for s in LIST_SORTS if s.key == self.sort_key), LIST_SORTS[0])
        lst.border_subtitle = f"{key_of(self, 'list.sort')}: by {sort.label}{' ▼' if self.sort_reverse else ' ▲'}"

    # Opening articles ------------------------------------------------------------------

    def open_article(self, article_id: int, hits: list[Span] | None = None,
                     figure: Span | None = None, focus: str | None = "reader") -> None:
        """Show an article in the reader (and its figures); select it in the list."""
        lib = park_app(self).library
        if not lib.has_body(article_id) and (self.article or {}).get("id") != article_id:
            self._fetch_and_open(article_id, hits, figure, focus)
            return
        article = self.article if (self.article or {}).get("id") == article_id else lib.article(article_id)
        self._show(article, hits, figure, focus)

    @work(thread=True, exclusive=True, group="open")
    def _fetch_and_open(self, article_id: int, hits: list[Span] | None, figure: Span | None,
                        focus: str | None) -> None:
        article = park_app(self).library.article(article_id)
        self.app.call_from_thread(self._show, article, hits, figure, focus)

    def _show(self, article: Article | None, hits: list[Span] | None, figure: Span | None,
              focus: str | None) -> None:
        reader = self.reader
        if article is None:
            reader.show(None)
            return
        changed = (self.article or {}).get("id") != article["id"]
        self.article = article
        if changed or hits is not None or (figure is None and reader.current):
            reader.show(article, hits)
        if changed:
            self._set_figures(article)
            lst = self.article_list
            if (lst.current or {}).get("id") != article["id"]:
                index = next((i for i, s in enumerate(lst.rows) if s["id"] == article["id"]), None)
                if index is not None:
                    lst.move_cursor(index, center=True)
        if figure is not None:
            reader.highlight(*figure)
        self._update_reader_title()
        if focus:
            self.action_focus_pane(focus)

    def _set_figures(self, article: Article) -> None:
        figs = self.figures_pane
        rows = sorted_figures(article, self.figure_sort, self.figure_reverse)
        figs.set_empty("No figures in this article.")
        figs.set_rows(rows)
        figs.sort_key, figs.sort_reverse = self.figure_sort, self.figure_reverse
        figs.border_title = f"Figures {len(rows)}" if rows else "Figures"

    def _update_reader_title(self) -> None:
        reader = self.reader
        title = "Reader"
        if self.article:
            title += f" #{self.article['id']}"
        if reader.hits:
            keys = f"{key_of(self, 'reader.next_hit')}/{key_of(self, 'reader.prev_hit')}"
            title += f" · {reader.hits_label} {reader.hit_index + 1}/{len(reader.hits)} ({keys})"
        reader.border_title = title
        sections = len(reader.sections)
        reader.border_subtitle = f"{key_of(self, 'reader.toc')}: contents ({sections})" if sections else ""

    # Events ------------------------------------------------------------------------------

    @on(VirtualTable.Highlighted, "#list")
    def _list_moved(self, event: VirtualTable.Highlighted) -> None:
        row = event.table.current
        self._update_list_title()
        if row is None:
            return
        self._preview_id = row["id"]
        if self._preview is not None:
            self._preview.stop()
        self._preview = self.set_timer(0.12, self._do_preview)

    def _do_preview(self) -> None:
        self._preview = None
        if self._preview_id is not None and self._preview_id != (self.article or {}).get("id"):
            self.open_article(self._preview_id, focus=None)

    @on(VirtualTable.Selected, "#list")
    def _list_selected(self, event: VirtualTable.Selected) -> None:
        row = event.table.current
        if row is not None:
            if self._preview is not None:
                self._preview.stop()
                self._preview = None
            self.post_message(OpenArticle(row["id"]))

    @on(VirtualTable.Selected, "#figs")
    def _figure_selected(self, event: VirtualTable.Selected) -> None:
        fig = event.table.current
        if fig is None or fig.get("start") is None or self.article is None:
            return
        self.post_message(OpenArticle(self.article["id"], (fig["start"], fig["end"]),
                                      focus=self.size.width < self.NARROW))

    @on(VirtualTable.HeaderClicked, "#list")
    def _list_header(self, event: VirtualTable.HeaderClicked) -> None:
        sort = SORT_OF_COLUMN.get(event.key)
        if sort is None:
            return
        if sort.key == self.sort_key:
            self.sort_reverse = not self.sort_reverse
        else:
            self.set_reactive(MainScreen.sort_reverse, sort.reverse)
            self.sort_key = sort.key

    @on(VirtualTable.HeaderClicked, "#figs")
    def _figures_header(self, event: VirtualTable.HeaderClicked) -> None:
        if event.key == self.figure_sort:
            self.figure_reverse = not self.figure_reverse
        else:
            self.set_reactive(MainScreen.figure_reverse, event.key == "value")
            self.figure_sort = event.key

    def watch_figure_sort(self) -> None:
        if self.article:
            self._set_figures(self.article)

    def watch_figure_reverse(self) -> None:
        if self.article:
            self._set_figures(self.article)

    @on(Reader.HitMoved)
    def _hit_moved(self, event: Reader.HitMoved) -> None:
        self._update_reader_title()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        wid = event.widget.id
        if wid in ("list", "reader", "figs"):
            self._set_pane_class({"figs": "figures"}.get(wid, wid))
            self.refresh_bindings()

    def _set_pane_class(self, pane: str) -> None:
        """Below NARROW columns only the focused pane shows. Done with `display` on the
        three panes, not with classes on the screen, which would restyle every widget."""
        self._pane = pane
        narrow = self.size.width < self.NARROW
        shown = {"list": (True, False, False), "reader": (False, True, False),
                 "figures": (False, False, True)}[pane] if narrow else (True, True, True)
        for wid, show in zip(("#list", "#reader", "#figs"), shown, strict=True):
            widget = self.query_one(wid)
            if widget.display != show:
                widget.display = show
        lst = self.article_list
        if lst.has_class("-alone") != narrow:
            lst.set_class(narrow, "-alone")
        right = self.query_one("#right")
        if right.display != (shown[1] or shown[2]):
            right.display = shown[1] or shown[2]

    def on_resize(self) -> None:
        self._set_pane_class(self._pane)

    # Actions -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys work (and show in help) only in the pane they act on."""
        focused = self.focused.id if self.focused is not None else None
        if action == "cycle_sort":
            return focused in ("list", "figs")
        if action in ("filter_column", "clear_filters", "cycle_show"):
            return focused == "list"
        if action in ("open_url", "copy_url", "toggle_read", "toggle_star"):
            return self.article is not None
        return True

    def action_focus_pane(self, pane: str) -> None:
        target = {"list": "#list", "reader": "#reader", "figures": "#figs"}[pane]
        self._set_pane_class(pane)
        # set_focus now, not widget.focus() (scheduled): a key typed right after "3"
        # must already go to the figures pane.
        self.set_focus(self.query_one(target))

    def action_back(self) -> None:
        self.action_focus_pane("list")

    def action_cycle_sort(self) -> None:
        if self.focused is not None and self.focused.id == "figs":
            i = FIGURE_SORTS.index(self.figure_sort) if self.figure_sort in FIGURE_SORTS else 0
            key = FIGURE_SORTS[(i + 1) % len(FIGURE_SORTS)]
            self.set_reactive(MainScreen.figure_reverse, key == "value")
            self.figure_sort = key
            self.notify(f"Figures sorted by {key or 'position in the text'}", timeout=2)
            return
        i = next((n for n, s in enumerate(LIST_SORTS) if s.key == self.sort_key), -1)
        sort = LIST_SORTS[(i + 1) % len(LIST_SORTS)]
        self.set_reactive(MainScreen.sort_reverse, sort.reverse)
        self.sort_key = sort.key
        self.notify(f"Articles sorted by {sort.label}", timeout=2)

    def action_cycle_show(self) -> None:
        self.show_only = SHOW[(SHOW.index(self.show_only) + 1) % len(SHOW)]
        self.notify(f"Showing {self.show_only or 'all'} articles", timeout=2)

    def action_filter_column(self) -> None:
        columns = park_app(self).library.columns()
        if not columns:
            self.notify("These articles have no columns (栏目) to filter by.", timeout=3)
            return
        options = [""] + columns
        i = options.index(self.column_filter) if self.column_filter in options else 0
        self.column_filter = options[(i + 1) % len(options)]

    def action_clear_filters(self) -> None:
        self.set_reactive(MainScreen.park_filter, "")
        self.set_reactive(MainScreen.column_filter, "")
        self.set_reactive(MainScreen.show_only, "")
        self.refresh_list()

    def set_park_filter(self, park: str) -> None:
        self.park_filter = park
        self.action_focus_pane("list")
