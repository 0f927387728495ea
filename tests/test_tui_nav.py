"""Navigation that remembers: history (back/forward), views that keep their state,
Esc after a search hit, and hints that follow the keymap (Pilot tests)."""
from __future__ import annotations

from tui_support import WIDE, make_test_app, settle, sync

from parktui.tui.figures_screen import FiguresScreen
from parktui.tui.help_screen import HelpScreen
from parktui.tui.reader import Reader
from parktui.tui.search_screen import SearchScreen
from parktui.tui.vtable import VirtualTable


async def to_title(app, pilot, fragment: str) -> None:
    lst = app.main.query_one("#list", VirtualTable)
    await pilot.press("1", "g")
    while fragment not in lst.current["title"]:
        await pilot.press("j")


@sync
async def test_back_and_forward_walk_list_article_figure_other_article(tmp_path):
    app = make_test_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await to_title(app, pilot, "青岛高新区")
        await pilot.press("enter")
        await settle(app, pilot)
        reader = app.main.query_one(Reader)
        first = reader.article["id"]
        await pilot.press("3", "j", "enter")  # a figure: its sentence is highlighted
        fig = app.main.query_one("#figs", VirtualTable).current
        await pilot.press("f")
        await settle(app, pilot)
        table = app.screen.query_one("#allfigs", VirtualTable)
        other = next(i for i, r in enumerate(table.rows) if r["article_id"] != first)
        table.move_cursor(other)
        await pilot.press("enter")
        await settle(app, pilot)
        assert reader.article["id"] != first
        await pilot.press("H")  # back to the all-figures view
        await settle(app, pilot)
        assert isinstance(app.screen, FiguresScreen)
        assert app.screen.query_one("#allfigs", VirtualTable).cursor == other
        await pilot.press("H")  # back to the figure
        await settle(app, pilot)
        assert reader.article["id"] == first and reader.current == (fig["start"], fig["end"])
        await pilot.press("H")  # back to the article, nothing highlighted
        await settle(app, pilot)
        assert reader.article["id"] == first and reader.current is None
        await pilot.press("H")  # back to the list
        assert app.focused is app.main.query_one("#list")
        await pilot.press("L", "L")
        await settle(app, pilot)
        assert reader.current == (fig["start"], fig["end"])


@sync
async def test_escape_after_a_search_hit_goes_back_to_the_results(tmp_path):
    app = make_test_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"项目")
        await settle(app, pilot, 0.3)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        reader = app.main.query_one(Reader)
        assert reader.hits and "hit 1/" in reader.border_title and "(n/N)" in reader.border_title
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#query").value == "项目"
        assert app.screen.query_one("#results", VirtualTable).cursor == 1
        assert not reader.hits and "hit" not in reader.border_title


@sync
async def test_all_figures_view_keeps_its_filters_and_cursor(tmp_path):
    app = make_test_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("f")
        await settle(app, pilot)
        app.screen.query_one("#f-park").value = "青岛"
        await settle(app, pilot, 0.3)
        table = app.screen.query_one("#allfigs", VirtualTable)
        table.focus()
        await pilot.press("s", "j", "j")
        kept = (list(table.rows), table.cursor, table.sort_key)
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, FiguresScreen)
        await pilot.press("f")
        await settle(app, pilot)
        assert app.screen.query_one("#f-park").value == "青岛"
        table = app.screen.query_one("#allfigs", VirtualTable)
        assert (list(table.rows), table.cursor, table.sort_key) == kept


@sync
async def test_hints_and_help_follow_the_keymap_and_the_focused_pane(tmp_path):
    app = make_test_app(tmp_path, config_text='[keymap]\n"list.sort" = "z"\n"reader.next_hit" = "ctrl+n"\n')
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        lst = app.main.query_one("#list", VirtualTable)
        assert lst.border_subtitle.startswith("z: by date")
        await pilot.press("z")
        assert lst.border_subtitle.startswith("z: by park")
        await pilot.press("2", "question_mark")
        text = app.screen.plain_text
        assert isinstance(app.screen, HelpScreen)
        for absent in ("list.sort", "list.column", "list.clear"):
            assert absent not in text  # they do nothing in the reader
        assert "reader.find" in text and "history.back" in text
        await pilot.press("escape", "1", "question_mark")
        assert "list.sort" in app.screen.plain_text and "  z " in app.screen.plain_text
        await pilot.press("escape")
        await pilot.press("slash", *"项目")
        await settle(app, pilot, 0.3)
        await pilot.press("enter")
        await settle(app, pilot)
        assert "(^n/N)" in app.main.query_one(Reader).border_title


@sync
async def test_list_title_shows_the_position(tmp_path):
    app = make_test_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        lst = app.main.query_one("#list", VirtualTable)
        assert lst.border_title == "Articles 1/5"
        await pilot.press("j", "j")
        assert lst.border_title == "Articles 3/5"
