"""Read/unread and starred: kept in the store, shown in the list, filtered with v (Pilot)."""
from __future__ import annotations

from tui_support import WIDE, make_test_app, settle, sync, wait_until

from parktui.store import Store
from parktui.tui.app import make_app
from parktui.tui.vtable import VirtualTable


@sync
async def test_open_marks_read_u_and_star_toggle_and_v_filters_and_the_store_keeps_them(tmp_path):
    app = make_test_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        lst = app.main.query_one("#list", VirtualTable)
        first = lst.current["id"]
        await pilot.press("enter")  # opening marks read
        await settle(app, pilot)
        await pilot.press("1", "j", "asterisk")  # star the second
        second = lst.current["id"]
        await pilot.press("j", "u", "u")  # read, then unread again
        third = lst.current["id"]
        await settle(app, pilot)
        await wait_until(pilot, lambda: app.store.flags().get(second, {}).get("starred"), "the star is stored")
        flags = app.store.flags()
        assert flags[first]["read"] and not flags[first]["starred"]
        assert flags[second]["starred"] and not flags[second]["read"]
        assert not flags.get(third, {}).get("read")
        assert lst.rows[1]["starred"] and app.main.query_one("#list").render_line(2).text.lstrip().startswith("*")
        await pilot.press("v")  # unread only
        assert first not in {r["id"] for r in lst.rows} and len(lst.rows) == 4
        assert "unread" in lst.border_title
        await pilot.press("v")  # starred only
        assert [r["id"] for r in lst.rows] == [second]
        await pilot.press("v")
        assert len(lst.rows) == 5

    again = make_app(Store(app.store.path), config=tmp_path / "config" / "config.toml")  # a new session
    async with again.run_test(size=WIDE) as pilot:
        await settle(again, pilot)
        rows = {r["id"]: r for r in again.main.query_one("#list", VirtualTable).rows}
        assert rows[first]["read"] and rows[second]["starred"] and not rows[third]["read"]
