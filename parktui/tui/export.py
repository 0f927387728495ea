"""Export figure rows to CSV or JSON, the format chosen by the file's extension."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App

from parktui.figure_table import to_csv, to_json


def write_rows(rows: list[dict[str, Any]], path: Path) -> int:
    """Write `rows` to `path` (.json → JSON, anything else → CSV); the number written."""
    data = to_json(rows) if path.suffix.lower() == ".json" else to_csv(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return len(rows)


def ask_and_export(app: App[Any], rows: list[dict[str, Any]], default_name: str) -> None:
    """Ask for a path (prefilled in the current folder), write, and say what happened."""
    from parktui.tui.dialogs import PathScreen

    if not rows:
        app.notify("Nothing to export: no figures are shown.", severity="warning", timeout=4)
        return
    default = str(Path.cwd() / default_name)

    def done(path: str | None) -> None:
        if not path:
            return
        target = Path(path)
        try:
            n = write_rows(rows, target)
        except OSError as exc:
            app.notify(f"{target}: {exc.strerror or exc}", title="export failed", severity="error", timeout=8)
            return
        kind = "JSON" if target.suffix.lower() == ".json" else "CSV"
        app.notify(f"{n} figures → {target}", title=f"exported {kind}", timeout=6)

    app.push_screen(PathScreen(f"Export {len(rows)} figures", default,
                               "⏎ writes · a name ending in .json writes JSON, else CSV · Esc cancels"), done)
