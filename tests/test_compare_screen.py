"""The compare view (tui/compare_screen.py): league table, sort, charts, sources, export;
snapshots at 80×24 and 120×40 on the compare test pages (frozen in compare_support)."""
from __future__ import annotations

import pytest
import pytest_textual_snapshot
from compare_support import compare_articles
from snapshot_support import SIZES, SnapshotsHere
from textual.widgets import DataTable, OptionList
from tui_support import make_test_app, settle, sync, wait_until

from parktui.tui.compare_screen import CompareScreen, SourcesScreen, bar_lines


@pytest.fixture(autouse=True)
def _no_user_config(monkeypatch):
    monkeypatch.setattr(pytest_textual_snapshot, "SVGImageExtension", SnapshotsHere)
    monkeypatch.delenv("NO_COLOR", raising=False)


def _app(tmp_path):
    return make_test_app(tmp_path, compare_articles())


async def _open(app, pilot, *keys: str) -> CompareScreen:
    await settle(app, pilot)
    await pilot.press("C")
    await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen) and app.screen.comparison is not None,
                     "the compare view has loaded")
    for key in keys:
        await pilot.press(key)
        await settle(app, pilot, 0.05)
    return app.screen


def _table_text(screen: CompareScreen) -> list[list[str]]:
    table = screen.query_one("#compare-table", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


@sync
async def test_league_table_and_sort_by_any_column(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open(app, pilot)
        assert _table_text(screen) == [["苏州工业园区", "655*", "610"], ["北京经开区", "460", "420"],
                                       ["青岛高新区", "200", "180"]]
        await pilot.press("right", "right", "s")          # sort by 2023, largest first
        assert [r[0] for r in _table_text(screen)] == ["苏州工业园区", "北京经开区", "青岛高新区"]
        await pilot.press("s")                             # again: smallest first
        assert [r[0] for r in _table_text(screen)] == ["青岛高新区", "北京经开区", "苏州工业园区"]
        await pilot.press("left", "left", "s")             # by park name
        assert [r[0] for r in _table_text(screen)] == sorted(["苏州工业园区", "北京经开区", "青岛高新区"])


@sync
async def test_kind_switch_shows_growth_rates(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open(app, pilot)
        screen.query_one("#c-kind").value = "growth"
        await wait_until(pilot, lambda: screen.comparison is not None and screen.comparison.kind == "growth",
                         "growth rates loaded")
        await settle(app, pilot)
        assert _table_text(screen) == [["青岛高新区", "11.1", ""], ["北京经开区", "9.5", "12.5"],
                                       ["苏州工业园区", "", "6.1"]]


@sync
async def test_enter_lists_sources_and_opens_the_article(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(app, pilot, "right", "enter")
        assert isinstance(app.screen, SourcesScreen)
        assert [r.article_id for r in app.screen.reports] == [5, 4]   # the latest, then the conflicting one
        app.screen.query_one(OptionList).highlighted = 1
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.main.article["id"] == 4


@sync
async def test_chart_toggles_and_export_writes_what_is_shown(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open(app, pilot, "right", "c")
        assert screen.query_one("#compare-views").current == "compare-bars"
        await pilot.press("escape")
        assert screen.query_one("#compare-views").current == "compare-table"
        await pilot.press("l")
        assert screen.query_one("#compare-views").current == "compare-chart"
        await pilot.press("escape", "e")
        await settle(app, pilot)
        target = tmp_path / "shown.csv"
        app.screen.query_one("Input").value = str(target)
        await pilot.press("enter")
        await settle(app, pilot)
        assert target.read_bytes().decode("utf-8-sig").splitlines()[1] == "苏州工业园区,655,610"


def test_bars_are_as_long_as_their_values_and_names_line_up():
    text = bar_lines(["苏州工业园区", "北京经开区"], [655.0, -327.5], ["655", "-327.5"], 40).plain.splitlines()
    assert [line.index("█") for line in text] == [len("苏州工业园区 "), len("北京经开区   ")]
    assert (text[0].count("█"), text[1].count("█"), text[1][text[1].rindex("█") + 1]) == (19, 9, "▌")  # half


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("view", ["table", "bars", "line"])
def test_snapshot(snap_compare, tmp_path, size, view):
    keys = {"table": (), "bars": ("right", "c"), "line": ("down", "l")}[view]

    async def run_before(pilot) -> None:
        await _open(pilot.app, pilot, *keys)
        await settle(pilot.app, pilot, 0.3)

    assert snap_compare(_app(tmp_path), terminal_size=SIZES[size], run_before=run_before)
