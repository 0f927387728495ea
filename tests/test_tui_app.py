"""Behaviour of the TUI, driven with Textual's Pilot (looks are in test_tui_snapshots.py)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from tui_support import NARROW, WIDE, make_test_app, settle, sync

from parktui.tui.dialogs import PathScreen, TocScreen
from parktui.tui.figures_screen import FiguresScreen
from parktui.tui.help_screen import HelpScreen
from parktui.tui.reader import Reader
from parktui.tui.search_screen import SearchScreen
from parktui.tui.settings import ConfigError, load_settings
from parktui.tui.vtable import VirtualTable


def titles(app) -> list[str]:
    return [s["title"] for s in app.main.query_one("#list", VirtualTable).rows]


async def open_title(app, pilot, fragment: str) -> None:
    """Move the list cursor to the article whose title contains `fragment`, press Enter."""
    await pilot.press("1")
    lst = app.main.query_one("#list", VirtualTable)
    await pilot.press("g")
    for _ in range(len(lst.rows)):
        if fragment in lst.current["title"]:
            break
        await pilot.press("j")
    await pilot.press("enter")
    await settle(app, pilot)


@sync
async def test_list_shows_every_article_and_enter_opens_it(tmp_path):
    app = make_test_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        assert len(titles(app)) == 5
        await open_title(app, pilot, "青岛高新区")
        reader = app.main.query_one(Reader)
        assert reader.article["title"].startswith("青岛高新区")
        assert app.focused is reader
        text = "\n".join(reader.text_lines)
        assert "记者 宋迎迎" in text and "通讯员 肖玲玲" in text
        assert "┃ —— 青岛高新区供图" in text  # the caption is set apart with its credit
        figs = app.main.query_one("#figs", VirtualTable)
        assert len(figs.rows) == len(reader.article["figures"]) == 13 and figs.rows[0]["raw"] == "80%"


@sync
async def test_keys_move_between_panes_and_ends_of_the_list(tmp_path):
    app = make_test_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        lst = app.main.query_one("#list", VirtualTable)
        await pilot.press("G")
        assert lst.cursor == 4
        await pilot.press("k", "k")
        assert lst.cursor == 2
        await pilot.press("g")
        assert lst.cursor == 0
        await pilot.press("2")
        assert app.focused.id == "reader"
        await pilot.press("3")
        assert app.focused.id == "figs"
        await pilot.press("1", "tab")
        assert app.focused.id == "reader"
        await pilot.press("tab")
        assert app.focused.id == "figs"
        await pilot.press("shift+tab")
        assert app.focused.id == "reader"
        await pilot.press("1")
        assert app.focused is lst


@sync
async def test_sort_cycles_and_keeps_the_selected_article(tmp_path):
    app = make_test_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        lst = app.main.query_one("#list", VirtualTable)
        await pilot.press("j")
        chosen = lst.current["id"]
        await pilot.press("s")  # by park
        assert titles(app) == sorted(titles(app), key=lambda t: next(
            s["park"] for s in app.library.summaries if s["title"] == t))
        assert lst.current["id"] == chosen
        await pilot.press("s", "s")  # by number of figures, most first
        counts = [s["n_figures"] for s in lst.rows]
        assert counts == sorted(counts, reverse=True)


@sync
async def test_table_of_contents_jumps_to_a_section(tmp_path):
    app = make_test_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await open_title(app, pilot, "青岛高新区")
        reader = app.main.query_one(Reader)
        assert [h for h, _ in reader.sections] == ["加速跑 项目进度不断刷新", "走出去 招商引资步履不停",
                                                   "优服务 项目审批便捷高效"]
        await pilot.press("t")
        assert isinstance(app.screen, TocScreen)
        await pilot.press("j", "j", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, TocScreen)
        heading, line = reader.sections[2]
        assert reader.scroll_y == min(line - 1, reader.max_scroll_y)
        assert heading in reader.text_lines[line]
        await pilot.press("left_square_bracket")
        assert reader.scroll_y < line - 1


@sync
async def test_enter_on_a_figure_jumps_the_reader_to_its_sentence(tmp_path):
    app = make_test_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await open_title(app, pilot, "青岛高新区")
        await pilot.press("3", "G", "enter")
        reader = app.main.query_one(Reader)
        fig = app.main.query_one("#figs", VirtualTable).current
        assert reader.current == (fig["start"], fig["end"])
        line = reader.line_of(fig["start"])
        height = reader.scrollable_content_region.height
        assert reader.scroll_y <= line < reader.scroll_y + height
        shown = "".join(t.strip() for t in reader.text_lines[line:reader.line_of(fig["end"] - 1) + 1])
        assert fig["raw"] in shown


@sync
async def test_figure_jump_in_the_narrow_layout_scrolls_once_the_reader_shows(tmp_path):
    app = make_test_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await open_title(app, pilot, "青岛高新区")
        await pilot.press("3", "G", "enter")
        await settle(app, pilot)
        reader = app.main.query_one(Reader)
        assert reader.display and not app.main.query_one("#figs").display
        fig = app.main.query_one("#figs", VirtualTable).current
        line = reader.line_of(fig["start"])
        assert reader.scroll_y > 0
        assert reader.scroll_y <= line < reader.scroll_y + reader.scrollable_content_region.height


@sync
async def test_search_as_you_type_then_walk_hits_with_n(tmp_path):
    app = make_test_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"项目")
        await settle(app, pilot, 0.3)
        results = app.screen.query_one("#results", VirtualTable)
        assert results.rows and all("项目" in app.library.article(h.article_id)["text"] for h in results.rows)
        best = results.rows[0]
        await pilot.press("enter")
        await settle(app, pilot)
        reader = app.main.query_one(Reader)
        assert reader.article["id"] == best.article_id
        assert len(reader.hits) == len(best.matches) > 2
        assert reader.hit_index == 0 and reader.current == reader.hits[0]
        await pilot.press("n")
        assert reader.hit_index == 1 and reader.current == reader.hits[1]
        await pilot.press("N", "N")
        assert reader.hit_index == len(reader.hits) - 1
        assert "hit" in reader.border_title


@sync
async def test_search_escape_returns_where_you_were_and_no_hits_says_so(tmp_path):
    app = make_test_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await open_title(app, pilot, "北京经开区")
        await pilot.press("slash", *"不存在的词")
        await settle(app, pilot, 0.3)
        results = app.screen.query_one("#results", VirtualTable)
        assert not results.rows and "No articles contain" in results.empty
        await pilot.press("escape")
        assert not isinstance(app.screen, SearchScreen)
        assert app.focused.id == "reader"
        assert app.main.article["title"].startswith("北京经开区")


@sync
async def test_all_figures_filter_sort_and_jump(tmp_path):
    app = make_test_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("f")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, FiguresScreen)
        table = screen.query_one("#allfigs", VirtualTable)
        total = len(table.rows)
        assert total == sum(len(a.get("figures") or []) for a in app.library.store.articles())
        values = [r["sort"] for r in table.rows]
        assert values == sorted(values, reverse=True)  # by value, 450亿元 above 2万元
        screen.query_one("#f-cond").value = ">100亿"
        await settle(app, pilot, 0.3)
        assert table.rows and all(r["value"] > 1e10 for r in table.rows)
        assert {r["raw"] for r in table.rows} == {"140亿元", "105亿元", "450亿元", "330亿元", "186亿元", "千亿元"}
        screen.query_one("#f-cond").value = ""
        screen.query_one("#f-park").value = "青岛"
        await settle(app, pilot, 0.3)
        assert table.rows and all("青岛" in r["park"] for r in table.rows)
        table.focus()
        await pilot.press("r")  # smallest first
        assert table.rows[0]["sort"] == min(r["sort"] for r in table.rows)
        target = table.rows[0]
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, FiguresScreen)
        reader = app.main.query_one(Reader)
        assert reader.article["id"] == target["article_id"]
        assert reader.current == (target["start"], target["end"])


@sync
async def test_bad_condition_is_reported_not_applied(tmp_path):
    app = make_test_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("f")
        await settle(app, pilot)
        app.screen.query_one("#f-cond").value = ">lots"
        await settle(app, pilot, 0.3)
        assert "not an amount" in str(app.screen.query_one("#status").render())


@pytest.mark.parametrize("suffix", [".csv", ".json"])
@sync
async def test_export_writes_the_rows_shown(tmp_path, suffix):
    app = make_test_app(tmp_path)
    target = tmp_path / f"out{suffix}"
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("f")
        await settle(app, pilot)
        app.screen.query_one("#f-kind").value = "amount"
        await settle(app, pilot, 0.3)
        shown = list(app.screen.shown)
        app.screen.query_one("#allfigs").focus()
        await pilot.press("e")
        assert isinstance(app.screen, PathScreen)
        app.screen.query_one("#path").value = str(target)
        await pilot.press("enter")
        await pilot.pause()
    assert target.exists()
    if suffix == ".json":
        data = json.loads(target.read_bytes())
        assert [d["raw"] for d in data] == [r["raw"] for r in shown]
        assert all(d["kind"] == "amount" for d in data)
    else:
        lines = target.read_bytes().decode("utf-8-sig").splitlines()
        assert len(lines) == len(shown) + 1 and lines[0].startswith("article_id")


@sync
async def test_import_from_the_app_names_the_rejected_file(tmp_path):
    app = make_test_app(tmp_path)
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "good.md").write_text("# 某高新区新闻\n\n某高新区今年新增企业120家。\n", encoding="utf-8")
    (folder / "empty.md").write_text("\n\n", encoding="utf-8")
    from parktui.tui.importing import start_import

    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        start_import(app, str(folder))
        await settle(app, pilot, 0.2)
        messages = [n.message for n in app._notifications]
        assert any("empty.md" in m for m in messages), messages
        assert len(titles(app)) == 6
        assert any("某高新区" in t for t in titles(app))


@sync
async def test_help_lists_the_focused_panes_keys(tmp_path):
    app = make_test_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.plain_text
        assert "Article list" in text and "table.down" in text and "Everywhere" in text
        await pilot.press("escape")
        await pilot.press("2", "f1")
        text = app.screen.plain_text
        assert "Reader" in text and "reader.toc" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


@sync
async def test_command_palette_opens_an_article_by_title(tmp_path):
    app = make_test_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"白银")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.main.article["title"].startswith("白银高新区")


@sync
async def test_command_palette_filters_by_park(tmp_path):
    app = make_test_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"park: 青岛")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert titles(app) == ["青岛高新区:服务“全代办”项目见效快"]
        assert "park 青岛高新区" in app.main.query_one("#list").border_title
        await pilot.press("x")
        assert len(titles(app)) == 5


@sync
async def test_narrow_terminal_shows_one_pane_at_a_time(tmp_path):
    app = make_test_app(tmp_path)
    async with app.run_test(size=NARROW) as pilot:
        await settle(app, pilot)
        lst, reader = app.main.query_one("#list"), app.main.query_one(Reader)
        assert lst.display and not reader.display
        await pilot.press("enter")
        await settle(app, pilot)
        assert reader.display and not lst.display and app.focused is reader
        await pilot.press("backspace")
        assert lst.display and not reader.display


@sync
async def test_empty_store_says_what_to_do(tmp_path):
    app = make_test_app(tmp_path, articles=[])
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        assert "Import" in app.main.query_one("#list", VirtualTable).empty
        assert "parktui import" in "\n".join(app.main.query_one(Reader).text_lines)
        await pilot.press("f")
        await settle(app, pilot)
        assert "No figures in the store" in app.screen.query_one("#allfigs", VirtualTable).empty


@sync
async def test_quit_with_q(tmp_path):
    app = make_test_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


@sync
async def test_keymap_from_config_remaps_a_binding(tmp_path):
    app = make_test_app(tmp_path, config_text='[keymap]\nsearch = "ctrl+s"\n"table.down" = "ctrl+n"\n')
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+n")
        assert app.main.query_one("#list", VirtualTable).cursor == 1
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SearchScreen)


@sync
async def test_theme_is_remembered(tmp_path):
    app = make_test_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        app.theme = "nord"
        await pilot.pause()
    state = json.loads((tmp_path / "config" / "state.json").read_text())
    assert state["theme"] == "nord"
    again = make_test_app(tmp_path)
    async with again.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


def test_config_errors_and_warnings(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("theme = \n", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.toml"):
        load_settings(bad)
    odd = tmp_path / "odd.toml"
    odd.write_text('colour = 1\n[keymap]\nnope = "x"\nquit = "ctrl+c"\n', encoding="utf-8")
    settings = load_settings(odd)
    assert settings.keymap == {"quit": "ctrl+c"}
    assert any("nope" in w for w in settings.warnings) and any("colour" in w for w in settings.warnings)


@sync
async def test_articles_imported_by_another_process_appear_without_a_restart(tmp_path):
    app = make_test_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        lst = app.main.query_one("#list", VirtualTable)
        assert len(lst.rows) == 5
        page = tmp_path / "new.md"
        page.write_text("# 杭州高新区：新增企业120家\n\n◎本报记者 王一\n\n杭州高新区今年新增企业120家。\n",
                        encoding="utf-8")
        proc = subprocess.run([sys.executable, "-m", "parktui", "--db", str(app.store.path), "import", str(page)],
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        app._watch_store()  # what the 2-second timer does
        await settle(app, pilot)
        assert len(lst.rows) == 6
        assert any(r["title"].startswith("杭州高新区") for r in lst.rows)
        assert not app.library.changed_on_disk()
