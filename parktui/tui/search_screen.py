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
from textual.worker import get_current_worker

from parktui.tui import keymap
from parktui.tui.appref import key_of, park_app
from parktui.tui.article_list import title_cell
from parktui.tui.nav import GoBack, OpenArticle
from parktui.tui.search_source import FIRST_PAGE, Hit, search
from parktui.tui.vtable import Column, VirtualTable

DEBOUNCE = 0.15


def _cells(hit: Hit) -> list[str | Text]:
    snippet = Text()
    if hit.snippets:
        s, a, b = hit.snippets[0]
        snippet.append(s[:a])
        snippet.append(s[a:b], style="bold reverse")
        snippet.append(s[b:])
    return [title_cell(hit.title), snippet, hit.date, str(len(hit.matches)) if hit.matches else ""]


class SearchScreen(Screen[None]):
    BINDINGS = keymap.SEARCH
    VIEW = "search"

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial = query
        self._timer: Timer | None = None
        self.hits: list[Hit] = []
        self.shown_query = ""
        self.complete = True
        self.last_ms: float | None = None

    def compose(self) -> ComposeResult:
        yield Input(value=self.initial, placeholder="search 园区新闻…", id="query")
        yield Label("", id="status")
        yield VirtualTable([Column("title", "title", 14, flex=2), Column("snippet", "snippet", 16, flex=3),
                            Column("when", "date/src", 4, fit=10), Column("n", "hits", 4, justify="right")],
                           _cells, empty=self._hint(), id="results")
        yield Footer()

    def _hint(self) -> str:
        walk = f"{key_of(self, 'reader.next_hit')}/{key_of(self, 'reader.prev_hit')}"
        return ("Type to search titles and text (all words must appear).\n"
                f"Enter opens the article, {walk} walk its hits, {key_of(self, 'search.close')} goes back.")

    def on_screen_resume(self) -> None:
        self.query_one(Input).focus()

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
        """The first page of hits at once, then (unless a newer query came) every hit."""
        library = park_app(self).library
        t0 = time.perf_counter()
        hits = search(library, query)
        ms = (time.perf_counter() - t0) * 1000
        complete = len(hits) < FIRST_PAGE
        self.app.call_from_thread(self._show, query, hits, ms, complete)
        if complete or get_current_worker().is_cancelled:
            return
        every = search(library, query, limit=0)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, query, every, ms, True)

    def _show(self, query: str, hits: list[Hit], ms: float, complete: bool) -> None:
        if query != self.query_one(Input).value:
            return  # a newer query is on its way
        self.hits = hits
        self.last_ms = ms
        self.complete = complete
        table = self.query_one("#results", VirtualTable)
        if not query.strip():
            table.set_empty(self._hint())
        else:
            table.set_empty(f"No articles contain “{query.strip()}”.\nTry fewer or shorter words.")
        table.set_rows(hits, table.cursor if query == self.shown_query else 0)
        self.shown_query = query
        self._update_status()

    @on(VirtualTable.Highlighted, "#results")
    def _update_status(self) -> None:
        table = self.query_one("#results", VirtualTable)
        status = self.query_one("#status", Label)
        if not self.query_one(Input).value.strip():
            status.update("")
            return
        count = f"{len(self.hits):,}{'' if self.complete else '+'} articles"
        where = f" · {table.cursor + 1:,}/{len(self.hits):,}" if self.hits else ""
        status.update(f"{count}{where} · ↑/↓ choose · ⏎ open · {key_of(self, 'search.close')} back")

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

    def set_query(self, query: str) -> None:
        """Search for `query` now (a saved search), as if typed."""
        self.query_one(Input).value = query
        if self._timer is not None:
            self._timer.stop()
        self.run_search(query)

    def action_save(self) -> None:
        from parktui.tui.saved_searches import save_search

        query = self.query_one(Input).value.strip()
        app = park_app(self)
        if not query or app.state_file is None:
            self.notify("Type a query first, then save it.", timeout=3)
            return
        save_search(app.state_file, query, query)
        self.notify(f"Saved “{query}”: {key_of(self, 'searches')} lists saved searches.", timeout=4)

    def action_results_down(self) -> None:
        self.query_one("#results", VirtualTable).action_cursor_down()

    def action_results_up(self) -> None:
        self.query_one("#results", VirtualTable).action_cursor_up()

    def action_close(self) -> None:
        self.post_message(GoBack())
