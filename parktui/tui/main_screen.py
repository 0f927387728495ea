"""The main screen: article list | reader over the current article's figures.

Below 100 columns the panes show one at a time (the focused one), like newsboat:
Enter opens the reader, Backspace (or 1) goes back to the list, 3 shows the figures.
"""
from __future__ import annotations

from operator import itemgetter

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer

from parktui.tui import keymap
from parktui.tui.data import format_value
from parktui.tui.reader import Reader
from parktui.tui.text import when
from parktui.tui.vtable import Column, VirtualTable

LIST_SORTS = [  # (key, label, reverse)
    ("date", "date", True),
    ("park", "park", False),
    ("title", "title", False),
    ("n_figures", "figures", True),
    ("id", "import order", False),
]

FIGURE_COLUMNS = [
    Column("metric", "metric", 8, flex=2),
    Column("value", "value", 12, justify="right"),
    Column("kind", "kind", 8),
    Column("qualifier", "qual.", 6),
    Column("period", "period", 8),
    Column("park", "park", 6, flex=1),
]

def figure_cells(fig: dict) -> list:
    return [fig.get("metric") or "", format_value(fig), fig.get("kind") or "", fig.get("qualifier") or "",
            str(fig.get("period") or ""), fig.get("park") or ""]


def figure_sort_key(key: str):
    if key == "value":
        return lambda f: (f.get("value") is None, f.get("value") or 0)
    return lambda f: str(f.get(key) or "")


class MainScreen(Screen):
    BINDINGS = keymap.MAIN

    def __init__(self) -> None:
        super().__init__()
        self.article: dict | None = None
        self.sort_index = 0
        self.park_filter = ""
        self.column_filter = ""
        self.figure_sort: str | None = None
        self.figure_reverse = False
        self._preview: Timer | None = None
        self._preview_id: int | None = None
        self.data_loaded = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield VirtualTable(
                [Column("title", "title", 16, flex=1), Column("park", "park", 10),
                 Column("when", "date/src", 10), Column("n", "图", 3, justify="right")],
                self._article_cells, empty="Loading articles…", id="list",
            )
            with Vertical(id="right"):
                yield Reader(id="reader")
                yield VirtualTable(FIGURE_COLUMNS, figure_cells, empty="No article open.", id="figs")
        yield Footer()

    def on_mount(self) -> None:
        lst = self.query_one("#list", VirtualTable)
        lst.border_title = "Articles"
        self.query_one("#reader", Reader).border_title = "Reader"
        self.query_one("#figs", VirtualTable).border_title = "Figures"
        lst.sort_key, _, lst.sort_reverse = LIST_SORTS[self.sort_index]
        lst.focus()
        self._set_pane_class("list")
        self.app.load_data()  # after the titles above are set, so it cannot race them

    @staticmethod
    def _article_cells(s: dict) -> list:
        n = s.get("n_figures") or 0
        return [s.get("title") or "", s.get("park") or "", when(s), str(n) if n else ""]

    # Loading --------------------------------------------------------------------------

    def summaries_loaded(self) -> None:
        """Called by the app once the summaries are in (titles only)."""
        self.data_loaded = True
        self.refresh_list()
        self.call_after_refresh(self.app.mark, "titles_painted")
        if not self.app.library.summaries:
            reader = self.query_one(Reader)
            reader.set_empty("No articles yet.\nImport pages with ctrl+p → “Import”, or from a shell:\n"
                             "  parktui import PAGE.md   (or --sample for the bundled page)")
            self.query_one("#figs", VirtualTable).set_empty("No figures yet: import some articles first.")

    def refresh_list(self, keep_id: int | None = None) -> None:
        lib = self.app.library
        rows = lib.summaries
        if self.park_filter:
            p = self.park_filter
            rows = [s for s in rows if p in (s.get("park") or "") or any(p in a for a in s.get("park_aliases") or ())]
        if self.column_filter:
            rows = [s for s in rows if s.get("column") == self.column_filter]
        key, label, reverse = LIST_SORTS[self.sort_index]
        if key in ("title", "park", "date"):
            rows = sorted(rows, key=lambda s: (s.get(key) or ""), reverse=reverse)
        else:
            rows = sorted(rows, key=itemgetter(key), reverse=reverse)
        lst = self.query_one("#list", VirtualTable)
        lst.sort_key, lst.sort_reverse = {"n_figures": "n", "date": "when"}.get(key, key), reverse
        if not lib.summaries:
            lst.set_empty("No articles yet.\nctrl+p → Import, or\nparktui import PAGE.md")
        else:
            lst.set_empty("No articles match the filter.\nPress x to clear it.")
        keep_id = keep_id if keep_id is not None else (lst.current or {}).get("id")
        cursor = 0
        if keep_id is not None:
            for i, s in enumerate(rows):
                if s["id"] == keep_id:
                    cursor = i
                    break
        lst.set_rows(rows, cursor)
        self._update_list_title()

    def _update_list_title(self) -> None:
        lst = self.query_one("#list", VirtualTable)
        total = len(self.app.library.summaries)
        shown = len(lst.rows)
        bits = [f"{shown}/{total}" if shown != total else str(total)]
        if self.park_filter:
            bits.append(f"park {self.park_filter}")
        if self.column_filter:
            bits.append(f"【{self.column_filter}】")
        lst.border_title = "Articles " + " · ".join(bits)
        _, label, reverse = LIST_SORTS[self.sort_index]
        lst.border_subtitle = f"s: by {label}{' ▼' if reverse else ' ▲'}"

    # Opening articles ------------------------------------------------------------------

    def open_article(self, article_id: int, hits: list[tuple[int, int]] | None = None,
                     figure: tuple[int, int] | None = None, focus: str | None = "reader") -> None:
        """Show an article in the reader (and its figures); select it in the list."""
        lib = self.app.library
        if lib.articles is None and (self.article or {}).get("id") != article_id:
            self._fetch_and_open(article_id, hits, figure, focus)
            return
        article = self.article if (self.article or {}).get("id") == article_id else lib.article(article_id)
        self._show(article, hits, figure, focus)

    @work(thread=True, exclusive=True, group="open")
    def _fetch_and_open(self, article_id, hits, figure, focus) -> None:
        article = self.app.library.article(article_id)
        self.app.call_from_thread(self._show, article, hits, figure, focus)

    def _show(self, article: dict | None, hits, figure, focus) -> None:
        reader = self.query_one(Reader)
        if article is None:
            reader.show(None)
            return
        changed = (self.article or {}).get("id") != article["id"]
        self.article = article
        if changed or hits is not None:
            reader.show(article, hits)
        if changed:
            self._set_figures(article)
            lst = self.query_one("#list", VirtualTable)
            if (lst.current or {}).get("id") != article["id"]:
                for i, s in enumerate(lst.rows):
                    if s["id"] == article["id"]:
                        lst.move_cursor(i, center=True)
                        break
        if figure is not None:
            reader.highlight(*figure)
        self._update_reader_title()
        if focus:
            self.action_focus_pane(focus)

    def _set_figures(self, article: dict) -> None:
        figs = self.query_one("#figs", VirtualTable)
        rows = sorted(article.get("figures") or [], key=lambda f: f.get("start") or 0)
        if self.figure_sort:
            rows.sort(key=figure_sort_key(self.figure_sort), reverse=self.figure_reverse)
        figs.set_empty("No figures in this article.")
        figs.set_rows(rows)
        figs.border_title = f"Figures {len(rows)}" if rows else "Figures"

    def _update_reader_title(self) -> None:
        reader = self.query_one(Reader)
        title = "Reader"
        if self.article:
            title += f" #{self.article['id']}"
        if reader.hits:
            title += f" · hit {reader.hit_index + 1}/{len(reader.hits)} (n/N)"
        reader.border_title = title
        sections = len(reader.sections)
        reader.border_subtitle = f"t: contents ({sections})" if sections else ""

    # Events ------------------------------------------------------------------------------

    @on(VirtualTable.Highlighted, "#list")
    def _list_moved(self, event: VirtualTable.Highlighted) -> None:
        row = event.table.current
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
            self.open_article(row["id"])

    @on(VirtualTable.Selected, "#figs")
    def _figure_selected(self, event: VirtualTable.Selected) -> None:
        fig = event.table.current
        if fig is None or fig.get("start") is None:
            return
        self.query_one(Reader).highlight(fig["start"], fig["end"])
        if self.size.width < self.NARROW:
            self.action_focus_pane("reader")

    @on(Reader.HitMoved)
    def _hit_moved(self, event: Reader.HitMoved) -> None:
        self._update_reader_title()

    def on_descendant_focus(self, event) -> None:
        wid = getattr(event.widget, "id", None)
        if wid in ("list", "reader", "figs"):
            self._set_pane_class({"figs": "figures"}.get(wid, wid))

    NARROW = 100

    def _set_pane_class(self, pane: str) -> None:
        """Below NARROW columns only the focused pane shows. Done with `display` on the
        three panes, not with classes on the screen, which would restyle every widget."""
        self._pane = pane
        narrow = self.size.width < self.NARROW
        shown = {"list": (True, False, False), "reader": (False, True, False),
                 "figures": (False, False, True)}[pane] if narrow else (True, True, True)
        for wid, show in zip(("#list", "#reader", "#figs"), shown, strict=False):
            widget = self.query_one(wid)
            if widget.display != show:
                widget.display = show
        lst = self.query_one("#list")
        if lst.has_class("-alone") != narrow:
            lst.set_class(narrow, "-alone")
        right = self.query_one("#right")
        if right.display != (shown[1] or shown[2]):
            right.display = shown[1] or shown[2]

    def on_resize(self) -> None:
        self._set_pane_class(getattr(self, "_pane", "list"))

    # Actions -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "cycle_sort":
            return self.focused is not None and self.focused.id in ("list", "figs")
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
        focused = self.focused
        if focused is not None and focused.id == "figs":
            keys = [None] + [c.key for c in FIGURE_COLUMNS]
            i = keys.index(self.figure_sort) if self.figure_sort in keys else 0
            self.figure_sort = keys[(i + 1) % len(keys)]
            self.figure_reverse = self.figure_sort == "value"
            figs = self.query_one("#figs", VirtualTable)
            figs.sort_key, figs.sort_reverse = self.figure_sort, self.figure_reverse
            if self.article:
                self._set_figures(self.article)
            self.notify(f"Figures sorted by {self.figure_sort or 'position in the text'}", timeout=2)
            return
        self.sort_index = (self.sort_index + 1) % len(LIST_SORTS)
        self.refresh_list()
        self.notify(f"Articles sorted by {LIST_SORTS[self.sort_index][1]}", timeout=2)

    def action_filter_column(self) -> None:
        columns = self.app.library.columns()
        if not columns:
            self.notify("These articles have no columns (栏目) to filter by.", timeout=3)
            return
        options = [""] + columns
        i = options.index(self.column_filter) if self.column_filter in options else 0
        self.column_filter = options[(i + 1) % len(options)]
        self.refresh_list()

    def action_clear_filters(self) -> None:
        self.park_filter = ""
        self.column_filter = ""
        self.refresh_list()

    def set_park_filter(self, park: str) -> None:
        self.park_filter = park
        self.refresh_list()
        self.action_focus_pane("list")
