"""Deleting the selected article from the browser: a confirmation, then the store, list
and search follow at once."""
from __future__ import annotations

from tui_support import make_test_app, settle, sync

from parktui.search import search
from parktui.store import Store
from parktui.tui.article_actions import row_after
from parktui.tui.dialogs import ConfirmScreen
from parktui.tui.vtable import VirtualTable


async def delete_selected(app, pilot):
    """Delete the selected article as a person does: Delete, then y at the confirmation."""
    await pilot.press("delete")
    await settle(app, pilot)
    assert isinstance(app.screen, ConfirmScreen)
    await pilot.press("y")
    await settle(app, pilot)


@sync
async def test_delete_asks_first_and_n_keeps_the_article(tmp_path):
    app = make_test_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("delete")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(app, pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert len(Store(tmp_path / "store.json").summaries()) == 5


@sync
async def test_delete_removes_the_selected_article_everywhere(tmp_path):
    app = make_test_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        table = app.main.query_one("#list", VirtualTable)
        target = table.current
        await delete_selected(app, pilot)
        store = Store(tmp_path / "store.json")
        assert target["id"] not in {r["id"] for r in store.summaries()}
        assert target["id"] not in {r["id"] for r in table.rows}
        assert len(table.rows) == 4
        assert target["id"] not in {h.article_id for h in search(store, target["title"][:4], limit=0)}


@sync
async def test_after_a_delete_the_cursor_stays_in_place_on_the_next_article(tmp_path):
    app = make_test_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        table = app.main.query_one("#list", VirtualTable)
        await pilot.press("j", "j")
        await settle(app, pilot)
        assert table.cursor == 2
        following = table.rows[3]["id"]
        await delete_selected(app, pilot)
        assert (table.cursor, table.current["id"]) == (2, following)
        await pilot.press("G")  # the last row: its place goes to the row before it
        before_last = table.rows[-2]["id"]
        await delete_selected(app, pilot)
        assert table.current["id"] == before_last
        assert table.cursor == len(table.rows) - 1


def test_row_after_is_the_next_row_or_else_the_one_before():
    rows = [{"id": 7}, {"id": 3}, {"id": 9}]
    assert row_after(rows, 7) == 3
    assert row_after(rows, 9) == 3
    assert row_after(rows, 4) is None
    assert row_after([{"id": 7}], 7) is None
