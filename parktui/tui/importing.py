"""Import from inside the app.

The path box starts empty and completes paths (Tab or →). A folder is listed with the
importer's own walk (`parktui.ingest.sources.walk_folder`, the same files and skips as
`parktui import`); more than 200 files or 50 MB asks for confirmation first. The import
runs in a thread worker with a progress bar; every rejected file is named in a
notification, then the list reloads.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from parktui.ingest.errors import InputError
from parktui.plural import count
from parktui.safetext import visible

if TYPE_CHECKING:
    from parktui.importer import ImportReport
    from parktui.tui.app import ParkApp
    from parktui.tui.dialogs import ProgressScreen

CONFIRM_FILES = 200
CONFIRM_BYTES = 50 * 2**20


@dataclass
class ImportPlan:
    """What importing `target` would read: how many files, how many bytes."""

    target: Path
    files: int = 0
    size: int = 0
    notes: list[InputError] = field(default_factory=list)

    @property
    def big(self) -> bool:
        return self.files > CONFIRM_FILES or self.size > CONFIRM_BYTES

    def describe(self) -> str:
        files = "file" if self.files == 1 else "files"
        return f"{self.files} {files}, {self.size / 2**20:.1f} MB"


def plan_import(target: Path) -> ImportPlan:
    from parktui.ingest.sources import walk_folder

    plan = ImportPlan(target)
    paths = [target]
    if target.is_dir():
        paths, plan.notes = walk_folder(target)
    plan.files = len(paths)
    for path in paths:
        try:
            plan.size += path.stat().st_size
        except OSError:
            pass  # the import names the problem
    return plan


def ask_and_import(app: ParkApp) -> None:
    from parktui.tui.dialogs import PathScreen

    def chosen(path: str | None) -> None:
        if path:
            check_and_import(app, path)

    app.push_screen(PathScreen("Import a page, a folder, JSON Lines, or a URL (web page or feed)", "",
                               "Tab completes · Enter imports · Esc cancels", complete_paths=True), chosen)


def check_and_import(app: ParkApp, path: str) -> None:
    """List what `path` holds (in a thread), confirm a big import, then import."""
    from parktui.ingest.fetch import is_url

    if is_url(path):  # a page or a feed on the web
        start_import(app, path)
        return
    target = Path(path)
    if not target.exists():
        notify_error(app, f"{target}: no such file or folder", "import")
        return
    app.run_worker(lambda: _plan_then_confirm(app, target), thread=True, exclusive=True, group="import",
                   name="import-plan")


def _plan_then_confirm(app: ParkApp, target: Path) -> None:
    plan = plan_import(target)
    app.call_from_thread(_confirm, app, plan)


def _confirm(app: ParkApp, plan: ImportPlan) -> None:
    from parktui.tui.dialogs import ConfirmScreen

    if plan.files == 0:
        notify_error(app, f"{plan.target}: nothing to import (no pages or JSON Lines files)", "import")
        return
    if not plan.big:
        start_import(app, str(plan.target))
        return

    def answered(yes: bool | None) -> None:
        if yes:
            start_import(app, str(plan.target))

    app.push_screen(ConfirmScreen(f"Import {plan.describe()} from {plan.target}?",
                                  "This is a big import. y imports · n or Esc cancels"), answered)


def notify_error(app: ParkApp, message: str, title: str) -> None:
    app.notify(visible(message), title=title, severity="error", timeout=10, markup=False)


def start_import(app: ParkApp, path: str) -> None:
    from parktui.importer import import_paths
    from parktui.ingest.fetch import is_url

    if is_url(path):
        _start(app, f"Fetching {path}…", 1, path,
               lambda step, stage: import_paths(app.store, [path], progress=step, stage=stage))
        return
    target = Path(path)
    if not target.exists():
        notify_error(app, f"{target}: no such file or folder", "import")
        return
    _start(app, f"Importing {target.name or target}…", plan_import(target).files or None, str(target),
           lambda step, stage: import_paths(app.store, [str(target)], progress=step, stage=stage))


def start_feeds_update(app: ParkApp) -> None:
    """`parktui feeds update` behind the same progress bar: one step per subscribed feed."""
    from parktui.feeds import subscriptions, update_feeds
    from parktui.ingest.web import WebReader

    subs = subscriptions(app.store)
    if not subs:
        app.notify("No feeds yet. Subscribe: parktui feeds add URL", title="feeds", timeout=6)
        return

    def update(step: Step, stage: Stage) -> ImportReport:
        with WebReader() as web:
            return update_feeds(app.store, web, lambda result, n, total: step(result.line(), -1)).imported

    _start(app, f"Updating {len(subs)} feeds…", len(subs), "feeds update", update)


Step = Callable[[str, int], None]
Stage = Callable[[str], None]
Work = Callable[[Step, Stage], "ImportReport"]


def _start(app: ParkApp, title: str, total: int | None, label: str, work: Work) -> None:
    from parktui.tui.dialogs import ProgressScreen

    progress = ProgressScreen(title, total)
    app.push_screen(progress)
    app.run_worker(lambda: _run(app, progress, label, work), thread=True, exclusive=True, group="import",
                   name="import")


def _run(app: ParkApp, progress: ProgressScreen, label: str, work: Work) -> None:
    """`work(step, stage)` in the worker thread; `step(name, n)` advances the bar (n < 0: no
    count), `stage(what)` names a step that has no count (storing, indexing)."""
    from parktui.store import StoreError

    def step(name: str, n_articles: int) -> None:
        app.call_from_thread(progress.advance, name if n_articles < 0 else f"{name}: {count(n_articles, 'article')}")

    def stage(what: str) -> None:
        app.call_from_thread(progress.show_step, what)

    try:
        report = work(step, stage)
    except StoreError as exc:
        app.call_from_thread(_finish, app, progress, None, str(exc))
        return
    except Exception as exc:  # an importer bug must not kill the app
        app.call_from_thread(_finish, app, progress, None, f"{label}: {exc}")
        return
    app.library.reload()
    app.call_from_thread(_finish, app, progress, report, None)


def _finish(app: ParkApp, progress: ProgressScreen, report: ImportReport | None, error: str | None) -> None:
    if progress.is_current:
        app.pop_screen()
    if error or report is None:
        notify_error(app, error or "import failed", "import failed")
        return
    for exc in report.errors:
        notify_error(app, str(exc), "import: file rejected")
    app.notify(visible(report.summary()), title="import", markup=False,
               severity="warning" if report.errors else "information", timeout=6)
    app.main.summaries_loaded()
