"""The parktui Textual app."""
from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header

from parktui.store import Store


class ParkApp(App):
    TITLE = "parktui"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, store: Store):
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("title", "park", "figures")
        for a in self.store.articles():
            table.add_row(a["title"], a.get("park") or "", str(len(a.get("figures") or [])))


def run(store: Store) -> int:
    ParkApp(store).run()
    return 0
