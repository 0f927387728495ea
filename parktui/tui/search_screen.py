"""Search as you type: `/` opens it, Enter opens the article with every hit marked,
Esc returns to where you were. Queries run in a thread worker, debounced."""
from __future__ import annotations

import time

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Label

from parktui.tui import keymap
from parktui.tui.appref import park_app
from parktui.tui.nav import GoBack, OpenArticle
from parktui.tui.search_source import Hit, search
from parktui.tui.vtable import Column, VirtualTable

DEBOUNCE = 0.15
HINT = "Type to search titles and text (all words must appear).\nEnter opens the article, n/N walk its hits, Esc goes back."  # noqa: E501


def _cells(hit: Hit) -> list:
    snippet = Text()
    if hit.snippets:
        s, a, b = hit.snippets[0]
        snippet.append(s[:a])
        snippet.append(s[a:b], style="bold reverse")
        snippet.append(s[b:])
    return [hit.title, snippet, hit.date or hit.park, str(len(hit.matches)) if hit.matches else ""]


class SearchScreen(Screen[None]):
    BINDINGS = keymap.SEARCH
    VIEW = "search"

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial = query
        self._timer: Timer | None = None
        self.hits: list[Hit] = []
        self.last_ms: float | None = None

    def compose(self) -> ComposeResult:
        yield Input(value=self.initial, placeholder="search 园区新闻…", id="query")
        yield Label("", id="status")
        yield VirtualTable([Column("title", "title", 14, flex=2), Column("snippet", "snippet", 16, flex=3),
                            Column("when", "date", 10), Column("n", "hits", 4, justify="right")],
                           _cells, empty=HINT, id="results")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#results", VirtualTable).border_title = "Results"
        self.query_one(Input).focus()
        if self.initial:
            self.run_search(self.initial)

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        value = event.value
        self._timer = self.set_timer(DEBOUNCE, lambda: self.run_search(value))

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        t0 = time.perf_counter()
        hits = search(park_app(self).library, query)
        ms = (time.perf_counter() - t0) * 1000
        self.app.call_from_thread(self._show, query, hits, ms)

    def _show(self, query: str, hits: list[Hit], ms: float) -> None:
        if query != self.query_one(Input).value:
            return  # a newer query is on its way
        self.hits = hits
        self.last_ms = ms
        table = self.query_one("#results", VirtualTable)
        if not query.strip():
            table.set_empty(HINT)
            self.query_one("#status", Label).update("")
        else:
            table.set_empty(f"No articles contain “{query.strip()}”.\nTry fewer or shorter words.")
            self.query_one("#status", Label).update(
                f"{len(hits)} articles{'+' if len(hits) >= 200 else ''} · "
                "↑/↓ choose · Enter open · Esc back")
        table.set_rows(hits)

    @on(Input.Submitted, "#query")
    def _submitted(self) -> None:
        self._open(self.query_one("#results", VirtualTable).current)

    @on(VirtualTable.Selected, "#results")
    def _selected(self, event: VirtualTable.Selected) -> None:
        self._open(event.table.current)

    def _open(self, hit: Hit | None) -> None:
        if hit is None:
            self.notify("No result to open: type a query first.", timeout=3)
            return
        self.post_message(OpenArticle(hit.article_id, hits=hit.matches))

    def action_results_down(self) -> None:
        self.query_one("#results", VirtualTable).action_cursor_down()

    def action_results_up(self) -> None:
        self.query_one("#results", VirtualTable).action_cursor_up()

    def action_close(self) -> None:
        self.post_message(GoBack())
