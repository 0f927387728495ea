"""The rich progress bars of `cli_progress.progress_bars` (imported only when they are
drawn: a piped or `--quiet` command does not load rich's progress machinery)."""
from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from parktui.safetext import visible


class RateColumn(ProgressColumn):
    """Articles (or files) per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f}/s" if speed else "", style="progress.data.speed")


class CountColumn(MofNCompleteColumn):
    """done/total; blank while there is no total (a step's line, or before counting)."""

    def render(self, task: Task) -> Text:
        return Text("") if task.total is None else super().render(task)


class Bars:
    """The importer's progress callbacks, drawn as rich progress bars."""

    def __init__(self, progress: Progress, files: int | None) -> None:
        self.progress = progress
        self.files: TaskID | None = None
        if files is not None:
            self.files = progress.add_task("files", total=files)
        self.articles = progress.add_task("articles", total=None)
        self.base = 0
        self.step: TaskID | None = None

    def file_done(self, name: str, n_articles: int) -> None:
        """After each input is parsed and its figures extracted."""
        if self.files is not None:
            self.progress.update(self.files, advance=1, description=f"files [dim]{escape(visible(_short(name)))}[/]")

    def extracting(self, done: int, of: int) -> None:
        """`done` of a batch of `of` articles have their figures (0 when a batch starts)."""
        if done == 0:
            self.base = int(self.progress.tasks[self.articles].completed)
        self.progress.update(self.articles, total=self.base + of, completed=self.base + done)

    def stage(self, what: str) -> None:
        """A step without a count has begun (storing, indexing): one line, a pulsing bar."""
        if self.step is None:
            self.step = self.progress.add_task(what, total=None)
        else:
            self.progress.update(self.step, description=what)


def _short(name: str, width: int = 30) -> str:
    name = Path(name).name or name
    return name if len(name) <= width else "…" + name[-(width - 1):]


def make_progress() -> Progress:
    """Bars on standard error, gone when the work ends."""
    columns = (TextColumn("{task.description}"), BarColumn(), CountColumn(), RateColumn(),
               TimeRemainingColumn())
    return Progress(*columns, console=Console(stderr=True), transient=True)
