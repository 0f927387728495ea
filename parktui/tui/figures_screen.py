"""Every figure in the store: filter by park, metric, kind and a condition (>100亿),
sort by any column (values numerically), export what is shown, jump to the article."""
from __future__ import annotations

import time
from operator import itemgetter
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Label, Select

from parktui.figure_table import AmountError, FigureFilter, parse_condition
from parktui.tui import keymap
from parktui.tui.appref import key_of, park_app
from parktui.tui.data import format_value
from parktui.tui.nav import GoBack, OpenArticle
from parktui.tui.text import sorted_missing_last
from parktui.tui.vtable import Column, VirtualTable

KINDS = ("amount", "count", "growth", "share", "duration", "other")
COLUMNS = [
    Column("sort", "value", 8, justify="right", fit=28),     # every value as written
    Column("metric", "metric", 8, flex=2),
    Column("kind", "kind", 8),
    Column("period", "period", 8),
    Column("park", "park", 8, flex=1),
    Column("article_title", "article", 10, flex=2),
]
SORTS = [c.key for c in COLUMNS]
Row = dict[str, Any]
DEBOUNCE = 0.2


def _cells(r: Row) -> list[str]:
    return [format_value(r), r.get("metric") or "", r.get("kind") or "", str(r.get("period") or ""),
            r.get("park") or r.get("article_park") or "", r.get("article_title") or ""]


class FiguresScreen(Screen[None]):
    BINDINGS = keymap.FIGURES
    VIEW = "figures"

    def __init__(self, park: str = "") -> None:
        super().__init__()
        self.all_rows: list[Row] | None = None
        self.shown: list[Row] = []
        self.sort_key = "sort"
        self.sort_reverse = True
        self.initial_park = park
        self._timer: Timer | None = None
        self.timings: dict[str, float] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(id="filters"):
            yield Input(value=self.initial_park, placeholder="park", id="f-park")
            yield Input(placeholder="metric", id="f-metric")
            yield Select([(k, k) for k in KINDS], prompt="kind", id="f-kind")
            yield Input(placeholder="value: >100亿", id="f-cond")
        yield Label("Loading figures…", id="status")
        yield VirtualTable(COLUMNS, _cells, empty="Loading figures…", id="allfigs")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#allfigs", VirtualTable)
        table.border_title = "All figures"
        table.sort_key, table.sort_reverse = self.sort_key, self.sort_reverse
        table.focus()
        self.load()

    @work(thread=True, exclusive=True, group="figures")
    def load(self) -> None:
        t0 = time.perf_counter()
        rows = park_app(self).library.figures()
        self.timings["load"] = time.perf_counter() - t0
        self.app.call_from_thread(self._loaded, rows)

    def _loaded(self, rows: list[Row]) -> None:
        self.all_rows = rows
        self.apply()

    # Filtering and sorting ------------------------------------------------------------------

    def current_filter(self) -> FigureFilter | None:
        park = self.query_one("#f-park", Input).value.strip()
        metric = self.query_one("#f-metric", Input).value.strip()
        kind = self.query_one("#f-kind", Select).value
        cond_text = self.query_one("#f-cond", Input).value.strip()
        condition = None
        if cond_text:
            try:
                condition = parse_condition(cond_text)
            except AmountError as exc:
                self.query_one("#status", Label).update(f"[b red]{exc}[/]")
                return None
        return FigureFilter(park=park, metric=metric, kind=kind if isinstance(kind, str) else "",
                            condition=condition)

    def apply(self) -> None:
        if self.all_rows is None:
            return
        flt = self.current_filter()
        if flt is None:
            return
        t0 = time.perf_counter()
        if flt == FigureFilter():
            rows = list(self.all_rows)
        else:
            rows = [r for r in self.all_rows if flt.accepts(r)]
        self.timings["filter"] = time.perf_counter() - t0
        self.shown = rows
        self._sort()

    def _sort(self, keep_cursor: bool = False) -> None:
        t0 = time.perf_counter()
        key = self.sort_key
        if key == "sort":
            self.shown.sort(key=itemgetter("sort"), reverse=self.sort_reverse)
        else:
            self.shown = sorted_missing_last(self.shown, key, self.sort_reverse)
        self.timings["sort"] = time.perf_counter() - t0
        table = self.query_one("#allfigs", VirtualTable)
        table.sort_key, table.sort_reverse = key, self.sort_reverse
        total = len(self.all_rows or [])
        if not total:
            table.set_empty("No figures in the store yet.\nImport articles (ctrl+p → Import) and their figures appear here.")  # noqa: E501
        else:
            table.set_empty("No figures match these filters.\nClear a filter above (Tab to reach it).")
        table.set_rows(self.shown, table.cursor if keep_cursor else 0)
        self._update_status()

    @on(VirtualTable.Highlighted, "#allfigs")
    def _update_status(self) -> None:
        table = self.query_one("#allfigs", VirtualTable)
        total = len(self.all_rows or [])
        label = next(c.label for c in COLUMNS if c.key == self.sort_key)
        keys = " · ".join(f"{key_of(self, i)} {what}" for i, what in
                          (("figures.sort", "sort"), ("figures.reverse", "reverse"), ("export", "export")))
        self.query_one("#status", Label).update(
            f"{len(self.shown):,} of {total:,} figures · by {label} {'▼' if self.sort_reverse else '▲'} · "
            f"{keys} · ⏎ open")
        position = f" {table.cursor + 1:,}/{len(self.shown):,}" if self.shown else ""
        table.border_title = f"All figures{position}"

    @on(VirtualTable.HeaderClicked, "#allfigs")
    def _header_clicked(self, event: VirtualTable.HeaderClicked) -> None:
        if event.key == self.sort_key:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_key, self.sort_reverse = event.key, event.key == "sort"
        self._sort(keep_cursor=False)

    @on(Input.Changed)
    @on(Select.Changed)
    def _filters_changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self.apply)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.apply()
        self.query_one("#allfigs", VirtualTable).focus()

    @on(VirtualTable.Selected, "#allfigs")
    def _open(self, event: VirtualTable.Selected) -> None:
        r = event.table.current
        if r is not None:
            span = (r["start"], r["end"]) if isinstance(r.get("start"), int) else None
            self.post_message(OpenArticle(r["article_id"], span))

    # Actions ----------------------------------------------------------------------------------

    def action_cycle_sort(self) -> None:
        i = SORTS.index(self.sort_key)
        self.sort_key = SORTS[(i + 1) % len(SORTS)]
        self.sort_reverse = self.sort_key == "sort"
        self._sort()

    def action_reverse_sort(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self._sort()

    def action_export(self) -> None:
        from parktui.tui.export import ask_and_export

        ask_and_export(self.app, self.shown, "parktui-figures.csv")

    def action_focus_filters(self) -> None:
        self.query_one("#f-park", Input).focus()

    def action_close(self) -> None:
        if self.focused is not None and self.focused.id != "allfigs":
            self.query_one("#allfigs", VirtualTable).focus()
            return
        self.post_message(GoBack())
