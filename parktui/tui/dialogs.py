"""Small modal dialogs: table of contents, export path, import path with progress."""
from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, ProgressBar
from textual.widgets.option_list import Option

from parktui.safetext import visible


class TocScreen(ModalScreen[int | None]):
    """The article's sections; Enter jumps to one, Esc closes."""

    BINDINGS = [
        Binding("escape,t", "dismiss_none", "Close", id="toc.close"),
        Binding("j", "down", "Down", show=False, id="toc.down"),
        Binding("k", "up", "Up", show=False, id="toc.up"),
    ]

    def __init__(self, headings: list[str]) -> None:
        super().__init__()
        self.headings = headings

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Contents — Enter to jump, Esc to close", classes="dialog-title")
            yield OptionList(*[Option(Content(visible(h)), id=str(i)) for i, h in enumerate(self.headings)],
                             id="toc")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def action_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()


class PathScreen(ModalScreen[str | None]):
    """Ask for a path; Enter accepts, Esc cancels."""

    BINDINGS = [Binding("escape", "dismiss_none", "Cancel", id="path.cancel")]

    def __init__(self, title: str, value: str = "", hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(value=self.value, id="path")
            if self.hint:
                yield Label(self.hint, classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        self.dismiss(str(Path(value).expanduser()) if value else None)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class ProgressScreen(ModalScreen[None]):
    """A progress bar for a long import; the app closes it when the worker ends."""

    def __init__(self, title: str, total: int | None) -> None:
        super().__init__()
        self.title_text = title
        self.total = total

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield ProgressBar(total=self.total, id="progress")
            yield Label("", id="progress-name", classes="dialog-hint")

    def advance(self, name: str) -> None:
        self.query_one(ProgressBar).advance(1)
        self.query_one("#progress-name", Label).update(name)
