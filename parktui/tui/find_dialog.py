"""ctrl+f in the reader: ask for a word to find in the open article."""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class FindScreen(ModalScreen[str | None]):
    """Enter finds (n/N then walk the matches), Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="find.cancel")]

    def __init__(self, hint: str) -> None:
        super().__init__()
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Find in this article", classes="dialog-title")
            yield Input(placeholder="word or phrase", id="find")
            yield Label(self.hint, classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#find")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
