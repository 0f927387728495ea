"""Small modal dialogs: a list to pick from (the table of contents), a path (with completion), a yes/no question,
an import's progress."""
from __future__ import annotations

import os
from pathlib import Path
from typing import TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label, OptionList, ProgressBar
from textual.widgets.option_list import Option

from parktui.safetext import visible

PickT = TypeVar("PickT")
Choice = tuple["str | Text", PickT]
"""A line to pick (text from strangers is made visible; a rich Text is shown as it is) and
what picking it returns."""


class PickScreen(ModalScreen[PickT | None]):
    """A list to pick one line from: Enter returns its value, Esc None, j/k move. Subclasses
    give BINDINGS (their own keymap ids) for the actions close, down and up."""

    def __init__(self, title: str, choices: list[Choice[PickT]], list_id: str, hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.list_id = list_id
        self.hint = hint

    def compose(self) -> ComposeResult:
        options = [Option(label if isinstance(label, Text) else Content(visible(label)), id=str(i))
                   for i, (label, _) in enumerate(self.choices)]
        with Vertical(id="dialog"):
            yield Label(Text(visible(self.title_text)), classes="dialog-title")
            yield OptionList(*options, id=self.list_id)
            if self.hint:
                yield Label(self.hint, classes="dialog-hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[event.option_index][1])

    def action_close(self) -> None:
        self.dismiss(None)

    def action_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()


class TocScreen(PickScreen[int]):
    """The article's sections; Enter jumps to one, Esc closes."""

    BINDINGS = [
        Binding("escape,t", "close", "Close", id="toc.close"),
        Binding("j", "down", "Down", show=False, id="toc.down"),
        Binding("k", "up", "Up", show=False, id="toc.up"),
    ]

    def __init__(self, headings: list[str]) -> None:
        super().__init__("Contents — Enter to jump, Esc to close", [(h, i) for i, h in enumerate(headings)], "toc")


class PathScreen(ModalScreen[str | None]):
    """Ask for a path; Enter accepts, Esc cancels; with `complete_paths`, Tab (or →)
    takes the completion shown after the cursor."""

    BINDINGS = [
        Binding("escape", "dismiss_none", "Cancel", id="path.cancel"),
        Binding("tab", "complete", "Complete", priority=True, id="path.complete"),
    ]

    def __init__(self, title: str, value: str = "", hint: str = "", complete_paths: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.hint = hint
        self.complete_paths = complete_paths

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(value=self.value, id="path", placeholder="a path, e.g. ~/news/2024/ or pages.jsonl",
                        suggester=PathSuggester() if self.complete_paths else None)
            if self.hint:
                yield Label(self.hint, classes="dialog-hint")

    def action_complete(self) -> None:
        box = self.query_one("#path", Input)
        box.cursor_position = len(box.value)
        box.action_cursor_right()  # takes the suggestion when one is shown

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
        self.show_step(name)

    def show_step(self, text: str) -> None:
        """What is being done now (a file's name, or a step such as storing)."""
        self.query_one("#progress-name", Label).update(Text(visible(text)))


class PathSuggester(Suggester):
    """Completes the last part of a path from the folder's entries (folders end in /);
    hidden entries only when the typed part starts with a dot."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        return complete_path(value)


def complete_path(value: str) -> str | None:
    """`value` completed to the first folder entry it is the start of, or None."""
    if not value:
        return None
    folder_part, _, prefix = value.rpartition("/")
    folder = Path(folder_part or ("/" if value.startswith("/") else ".")).expanduser()
    try:
        entries = sorted((e for e in os.scandir(folder) if e.name.startswith(prefix)
                          and (prefix.startswith(".") or not e.name.startswith("."))), key=lambda e: e.name)
        names = [e.name + ("/" if e.is_dir() else "") for e in entries]
    except OSError:
        return None
    for name in names:
        if name != prefix:
            return value[:len(value) - len(prefix)] + name
    return None


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question: y answers yes; n or Esc answers no (Enter does nothing, so the
    Enter that ended the path cannot also confirm)."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, hint: str) -> None:
        super().__init__()
        self.question = question
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content(visible(self.question)), classes="dialog-title")
            yield Label(self.hint, classes="dialog-hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
