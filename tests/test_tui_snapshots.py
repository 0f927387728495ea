"""How the TUI looks, at 80×24 and 120×40, on the frozen sample store (Pilot tests cover
behaviour; `tui_support.FROZEN` does not change when the extractor does).

Snapshots live in tests/snapshots/; after an intended change of looks, review and run
    .venv/bin/python -m pytest tests/test_tui_snapshots.py --snapshot-update
Noise removed: no cursor blink, workers and debounces finished, no user config.
"""
from __future__ import annotations

import pytest
import pytest_textual_snapshot
from snapshot_support import SIZES, SnapshotsHere
from textual.widgets import Input
from tui_support import make_store, settle, wait_until


@pytest.fixture(autouse=True)
def _snapshot_setup(monkeypatch, tmp_path):
    monkeypatch.setattr(pytest_textual_snapshot, "SVGImageExtension", SnapshotsHere)
    monkeypatch.setenv("PARKTUI_CONFIG", "/nonexistent/parktui/config.toml")  # no user config
    monkeypatch.delenv("NO_COLOR", raising=False)


def _app(tmp_path):
    from parktui.tui.app import make_app

    return make_app(make_store(tmp_path / "store.json"))


def _steady(*keys: str, then=None):
    async def run_before(pilot) -> None:
        app = pilot.app
        await settle(app, pilot)
        for key in keys:
            await pilot.press(key)
            await settle(app, pilot, 0.05)
        if then is not None:
            await then(pilot)
        await settle(app, pilot, 0.3)
        for inp in app.screen.query(Input):
            inp.cursor_blink = False
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_main_screen(snap_compare, tmp_path, size):
    assert snap_compare(_app(tmp_path), terminal_size=SIZES[size], run_before=_steady())


@pytest.mark.parametrize("size", SIZES)
def test_reader_with_caption(snap_compare, tmp_path, size):
    async def scroll_to_caption(pilot) -> None:
        reader = pilot.app.main.query_one("#reader")
        line = next(i for i, t in enumerate(reader.text_lines) if t.startswith("┃"))
        reader.scroll_to(y=max(0, line - 3), animate=False)

    assert snap_compare(_app(tmp_path), terminal_size=SIZES[size],
                        run_before=_steady("j", "enter", then=scroll_to_caption))


def _figure_in_view(app) -> bool:
    reader = app.main.query_one("#reader")
    if reader.current is None or not reader.display or not reader.scrollable_content_region.height:
        return False
    line = reader.line_of(reader.current[0])
    return reader.scroll_y <= line < reader.scroll_y + reader.scrollable_content_region.height


@pytest.mark.parametrize("size", SIZES)
def test_figure_jump(snap_compare, tmp_path, size):
    async def figure_shown(pilot) -> None:
        await wait_until(pilot, lambda: _figure_in_view(pilot.app), "the figure's line is in view")

    assert snap_compare(_app(tmp_path), terminal_size=SIZES[size],
                        run_before=_steady("3", "j", "j", "j", "enter", then=figure_shown))


@pytest.mark.parametrize("size", SIZES)
def test_all_figures_view(snap_compare, tmp_path, size):
    assert snap_compare(_app(tmp_path), terminal_size=SIZES[size], run_before=_steady("f"))


@pytest.mark.parametrize("size", SIZES)
def test_search_results(snap_compare, tmp_path, size):
    assert snap_compare(_app(tmp_path), terminal_size=SIZES[size],
                        run_before=_steady("slash", "项", "目"))


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, tmp_path, size):
    assert snap_compare(_app(tmp_path), terminal_size=SIZES[size], run_before=_steady("question_mark"))
