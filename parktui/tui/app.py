"""The parktui Textual app.

`make_app(store, ...)` builds exactly the app users get; `run(store)` (called by the
CLI) and the tests both go through it. The first screen paints before the store is
read: summaries (titles) load in a thread worker, then every full article.
"""
from __future__ import annotations

import gc
import sys
import threading
import time
from functools import partial
from pathlib import Path
from typing import Any, Iterable

from textual import work
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.theme import Theme

from parktui.bulk import collector_paused
from parktui.store import Store, StoreError
from parktui.tui import keymap
from parktui.tui.commands import ArticleCommands, ParkCommands
from parktui.tui.data import Library
from parktui.tui.main_screen import MainScreen
from parktui.tui.nav import MAIN, VIEWS, FilterPark, GoBack, History, OpenArticle, Place, ShowView
from parktui.tui.settings import ConfigError, Settings, load_settings, load_state, save_state, state_path

WATCH_SECONDS = 2.0  # how often the app looks whether another process changed the store
FIRST_ROWS = 200  # rows of the list painted before every summary is loaded (more than a screen)

DEFAULT_THEME = "textual-dark"


class ParkApp(App[None]):
    TITLE = "parktui"
    CSS_PATH = "app.tcss"
    BINDINGS = keymap.APP
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {ArticleCommands, ParkCommands}

    def __init__(self, store: Store, settings: Settings | None = None, state_file: Path | None = None):
        super().__init__()
        self.store = store
        self.library = Library(store)
        self.settings = settings or Settings()
        self.state_file = state_file
        self.timings: dict[str, float] = {}
        self.articles_ready = False
        self._painted = threading.Event()
        self.history = History()

    # Start-up ------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        return MainScreen()

    @property
    def main(self) -> MainScreen:
        return self.get_default_screen_instance()

    def get_default_screen_instance(self) -> MainScreen:
        return self.screen_stack[0]  # type: ignore[return-value]

    def on_mount(self) -> None:
        self._apply_theme()
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        for warning in self.settings.warnings:
            self.notify(warning, title="config", severity="warning", timeout=8)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        # Another process (`parktui import`) may add to the store while the app is open.
        self.set_interval(WATCH_SECONDS, self._watch_store)

    def _watch_store(self) -> None:
        if self.articles_ready and not self.workers_busy("import", "reload") \
                and self.library.changed_on_disk():
            self.action_reload()

    def workers_busy(self, *groups: str) -> bool:
        return any((w.group in groups or w.name in groups) and not w.is_finished for w in self.workers)

    def action_reload(self) -> None:
        """Read the store again (after another process imported into it)."""
        self._reload()

    @work(thread=True, exclusive=True, group="reload")
    def _reload(self) -> None:
        lib = self.library
        before = len(lib.summaries)
        try:
            lib.reload()
        except StoreError as exc:
            self.call_from_thread(self.notify, str(exc), title="store", severity="error", timeout=30)
            return
        added = len(lib.summaries) - before
        self.call_from_thread(self._reloaded, added)

    def _reloaded(self, added: int) -> None:
        self.main.summaries_loaded()
        for name in VIEWS:  # views not on screen are rebuilt from the new store when next opened
            if self.is_screen_installed(name) and self.get_screen(name) not in self.screen_stack:
                self.uninstall_screen(name)
        what = f"{added} new articles" if added > 0 else "store changed"
        self.notify(f"Reloaded: {what} ({len(self.library.summaries)} in all)", title="store", timeout=4)

    def _apply_theme(self) -> None:
        remembered = load_state(self.state_file).get("theme") if self.state_file else None
        for name in (self.settings.theme, remembered):
            if not name:
                continue
            if name in self.available_themes:
                self.theme = name
                return
            self.notify(f"unknown theme {name!r}; using {self.theme}. Pick one with ctrl+p → Theme.",
                        title="config", severity="warning", timeout=8)

    def _remember_theme(self, theme: Theme) -> None:
        if self.state_file:
            save_state(self.state_file, theme=theme.name)

    @work(thread=True, exclusive=True, group="load")
    def load_data(self) -> None:
        with collector_paused():  # loading makes millions of objects; collecting midway only slows it
            self._load(self.library)

    def _load(self, lib: Library) -> None:
        try:
            if self.main.shows_newest_first() and lib.load_first(FIRST_ROWS):
                self.call_from_thread(self.main.summaries_loaded)  # the first screen, exact
            lib.load_summaries()
        except StoreError as exc:
            self.call_from_thread(self.notify, str(exc), title="store", severity="error", timeout=30)
            lib.summaries = []
            self.call_from_thread(self.main.summaries_loaded)
            return
        self.call_from_thread(self.main.summaries_loaded)
        self.call_from_thread(self._articles_loaded)

    def _articles_loaded(self) -> None:
        # Many long-lived objects (every summary): without this the garbage collector
        # walks them all now and then, a stall mid-keypress.
        gc.freeze()
        self.articles_ready = True
        self.call_after_refresh(self.mark, "articles_ready")

    def mark(self, name: str) -> None:
        """Record when something happened (wall clock, for bench/tui_bench.py)."""
        self.timings.setdefault(name, time.time())
        if name == "titles_painted":
            self._painted.set()

    # Navigation -------------------------------------------------------------------------

    def on_open_article(self, message: OpenArticle) -> None:
        self._leave_view()
        self.history.visit(Place(MAIN, message.article_id, message.span, tuple(message.hits or ())))
        self._to_main()
        self.main.open_article(message.article_id, hits=message.hits, figure=message.span,
                               focus="reader" if message.focus else None)
        self.main.mark_read(message.article_id)

    def on_filter_park(self, message: FilterPark) -> None:
        self._leave_view()
        self.history.visit(Place())
        self._to_main()
        self.main.set_park_filter(message.name)

    def on_show_view(self, message: ShowView) -> None:
        self.show_view(message.name)

    def on_go_back(self, message: GoBack) -> None:
        self.action_history_back()

    def _leave_view(self) -> None:
        """Record the view on top (if any) so that back returns to it as it is now."""
        name = getattr(self.screen, "VIEW", None)
        if name in VIEWS:
            self.history.visit(Place(name))

    def show_view(self, name: str) -> None:
        """Open a view; the same screen each time, so it keeps its filters, sort and cursor."""
        if getattr(self.screen, "VIEW", None) == name:
            return
        self._leave_view()
        self.history.visit(Place(name))
        self._push_view(name)

    def _push_view(self, name: str) -> None:
        if not self.is_screen_installed(name):
            self.install_screen(self._make_view(name), name)
        self._to_main()
        self.push_screen(name)

    @staticmethod
    def _make_view(name: str) -> Screen[None]:
        from parktui.tui.compare_screen import CompareScreen
        from parktui.tui.figures_screen import FiguresScreen
        from parktui.tui.park_screen import ParkScreen
        from parktui.tui.search_screen import SearchScreen

        views = {"search": SearchScreen, "figures": FiguresScreen, "parks": ParkScreen, "compare": CompareScreen}
        return views[name]()

    def action_history_back(self) -> None:
        place = self.history.back()
        if place is None:
            self._to_main()
            self.main.action_focus_pane("list")
            return
        self._go(place)

    def action_history_forward(self) -> None:
        place = self.history.forward()
        if place is None:
            self.notify("Nothing ahead in the history.", timeout=2)
            return
        self._go(place)

    def _go(self, place: Place) -> None:
        if place.view in VIEWS:
            self._push_view(place.view)
            return
        self._to_main()
        if place.article_id is None:
            self.main.action_focus_pane("list")
            return
        self.main.open_article(place.article_id, hits=list(place.hits) or None, figure=place.span)

    def action_search(self) -> None:
        self.show_view("search")

    def action_saved_searches(self) -> None:
        from parktui.tui.saved_searches import SavedSearchesScreen, saved_searches

        searches = saved_searches(self.settings, self.state_file)
        if not searches:
            self.notify("No saved searches yet: ctrl+s in the search view saves one "
                        "(or add [searches] name = \"query\" to config.toml).", timeout=5)
            return
        self.push_screen(SavedSearchesScreen(searches), self.run_search)

    def run_search(self, query: str | None) -> None:
        """Open the search view on `query`."""
        if not query:
            return
        self.show_view("search")
        from parktui.tui.search_screen import SearchScreen

        screen = self.get_screen("search")
        if isinstance(screen, SearchScreen):
            screen.set_query(query)

    def action_figures(self) -> None:
        self.show_view("figures")

    def action_parks(self) -> None:
        self.show_view("parks")

    def action_compare(self) -> None:
        self.show_view("compare")

    def _to_main(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_help(self) -> None:
        from parktui.tui.help_screen import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def action_export(self) -> None:
        """Export the figures of the open article (the all-figures view exports its rows)."""
        article = self.main.article
        if not article or not article.get("figures"):
            self.notify("Open an article with figures first, or press f for all figures.", timeout=4)
            return
        from parktui.figure_table import figure_rows
        from parktui.tui.export import ask_and_export

        ask_and_export(self, figure_rows([article]), f"parktui-article-{article['id']}-figures.csv")

    def action_import(self) -> None:
        from parktui.tui.importing import ask_and_import

        ask_and_import(self)

    def action_clear_filters(self) -> None:
        self._to_main()
        self.main.action_clear_filters()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Search articles", "Full-text search (/)", self.action_search)
        yield SystemCommand("All figures", "Every figure in the store: filter, sort, export (f)",
                            self.action_figures)
        yield SystemCommand("Parks", "Articles and figures by park (p)", self.action_parks)
        yield SystemCommand("Compare parks", "League table and chart of one metric family (C)",
                            self.action_compare)
        yield SystemCommand("Import file, folder or URL", "Import pages, web pages, feeds or JSON Lines",
                            self.action_import)
        yield SystemCommand("Update feeds", "Import new entries of the subscribed feeds (parktui feeds add URL)",
                            self._update_feeds)
        yield SystemCommand("Export figures", "Export figures shown to CSV or JSON (e)", self._export_here)
        yield SystemCommand("Clear filters", "Show every article again", self.action_clear_filters)
        yield SystemCommand("Articles pane", "Focus the article list (1)",
                            lambda: self._focus_main("list"))
        yield SystemCommand("Reader pane", "Focus the reader (2)", lambda: self._focus_main("reader"))
        yield SystemCommand("Figures pane", "Focus the figures of the article (3)",
                            lambda: self._focus_main("figures"))
        yield SystemCommand("Help", "Keys of the focused pane (?)", self.action_help)
        yield SystemCommand("Saved searches", "Run a saved search (S)", self.action_saved_searches)
        from parktui.tui.saved_searches import saved_searches

        for name, query in saved_searches(self.settings, self.state_file).items():
            yield SystemCommand(f"search: {name}", f"Run the saved search “{query}”",
                                partial(self.run_search, query))

    def _update_feeds(self) -> None:
        from parktui.tui.importing import start_feeds_update

        start_feeds_update(self)

    def _export_here(self) -> None:
        from parktui.tui.figures_screen import FiguresScreen

        if isinstance(self.screen, FiguresScreen):
            self.screen.action_export()
        else:
            self.action_export()

    def _focus_main(self, pane: str) -> None:
        self._to_main()
        self.main.action_focus_pane(pane)


def make_app(store: Store, *, config: Path | None = None, settings: Settings | None = None) -> ParkApp:
    """The app, with settings read from `config` (default: the user config file)."""
    settings = settings or load_settings(config)
    return ParkApp(store, settings, state_path(settings.path))


def run(store: Store) -> int:
    try:
        app = make_app(store)
    except ConfigError as exc:
        print(f"parktui: error: {exc}", file=sys.stderr)
        return 2
    app.run()
    return app.return_code or 0
