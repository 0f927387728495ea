"""What people reach for in terminal readers: copy, open in the browser, find in the
article, header clicks that sort, saved searches, missing values sorted last (Pilot)."""
from __future__ import annotations

import json

from tui_support import WIDE, make_test_app, sample_articles, settle, sync, wait_until

from parktui.tui.article_list import title_cell
from parktui.tui.figure_pane import figure_cells
from parktui.tui.reader import Reader
from parktui.tui.search_screen import SearchScreen
from parktui.tui.vtable import VirtualTable


async def open_qingdao(app, pilot) -> Reader:
    """The second article (the one with a web address in the frozen store)."""
    await pilot.press("1", "g", "j", "enter")
    await settle(app, pilot)
    reader = app.main.query_one(Reader)
    assert reader.article["url"] == "https://example.com/news/qingdao.html"
    return reader


@sync
async def test_copy_a_figure_row_its_sentence_and_the_url_and_open_the_url(tmp_path):
    app = make_test_app(tmp_path)
    opened: list[str] = []
    app.open_url = lambda url, new_tab=True: opened.append(url)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        reader = await open_qingdao(app, pilot)
        await pilot.press("3", "j", "y")
        fig = app.main.query_one("#figs", VirtualTable).current
        assert app.clipboard.split("\t") == figure_cells(fig) and fig["metric"] in app.clipboard
        await pilot.press("enter", "2", "y")
        start, end = fig["sentence_span"]
        assert app.clipboard == reader.article["text"][start:end].strip()
        assert fig["raw"] in app.clipboard
        await pilot.press("Y")
        assert app.clipboard == "https://example.com/news/qingdao.html"
        await pilot.press("o")
        assert opened == ["https://example.com/news/qingdao.html"]


@sync
async def test_find_in_the_article_walks_its_matches(tmp_path):
    app = make_test_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        reader = await open_qingdao(app, pilot)
        await pilot.press("ctrl+f", *"项目", "enter")
        await settle(app, pilot)
        text = reader.article["text"]
        expected = text.count("项目")
        assert len(reader.hits) == expected > 3 and reader.hits_label == "match"
        assert all(text[a:b] == "项目" for a, b in reader.hits)
        assert "match 1/" in reader.border_title
        await pilot.press("n", "n")
        assert reader.current == reader.hits[2]
        await pilot.press("escape")  # clears the matches; stays in the article
        assert not reader.hits and reader.article["url"] and app.focused is reader


@sync
async def test_clicking_a_header_sorts_and_again_reverses(tmp_path):
    app = make_test_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        lst = app.main.query_one("#list", VirtualTable)
        widths = lst.column_widths(lst.scrollable_content_region.width)
        keys = [c.key for c in lst.columns]

        def x_of(key: str) -> int:  # the border, the columns before it and their gaps, one cell in
            i = keys.index(key)
            return 1 + sum(widths[:i]) + i + 1

        x_title, x_figures = x_of("title"), x_of("n")
        await pilot.click("#list", offset=(x_title, 1))
        await settle(app, pilot)
        assert lst.sort_key == "title" and not lst.sort_reverse
        titles = [r["title"] for r in lst.rows]
        assert titles == sorted(titles)
        await pilot.click("#list", offset=(x_title, 1))
        await settle(app, pilot)
        assert [r["title"] for r in lst.rows] == sorted(titles, reverse=True)
        await pilot.click("#list", offset=(x_figures, 1))
        await settle(app, pilot)
        counts = [r["n_figures"] for r in lst.rows]
        assert lst.sort_key == "n" and counts == sorted(counts, reverse=True)


@sync
async def test_sort_by_park_puts_articles_without_a_park_last(tmp_path):
    articles = sample_articles()
    articles[0] = {**articles[0], "park": "", "park_aliases": []}
    app = make_test_app(tmp_path, articles=articles)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("s")  # by park
        lst = app.main.query_one("#list", VirtualTable)
        parks = [r["park"] for r in lst.rows]
        assert parks[-1] == "" and parks[:-1] == sorted(parks[:-1])
        app.main.sort_reverse = True
        await pilot.pause()
        assert [r["park"] for r in lst.rows][-1] == ""


def test_a_kicker_moves_behind_the_title():
    cell = title_cell("【新思想引领新征程】拓展共建合作新空间")
    assert cell.plain == "拓展共建合作新空间 【新思想引领新征程】"
    assert title_cell("无栏目的标题") == "无栏目的标题"


@sync
async def test_saved_searches_from_config_and_ctrl_s_run_with_one_key(tmp_path):
    app = make_test_app(tmp_path, config_text='[searches]\n"青岛的项目" = "青岛 项目"\n')
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"投资", "ctrl+s")
        state = json.loads((tmp_path / "config" / "state.json").read_text(encoding="utf-8"))
        assert state["searches"] == {"投资": "投资"}
        await pilot.press("escape", "S")
        await pilot.press("enter")  # the config's search comes first
        await settle(app, pilot, 0.3)
        screen = app.screen
        assert isinstance(screen, SearchScreen) and screen.query_one("#query").value == "青岛 项目"
        await wait_until(pilot, lambda: screen.hits, "the saved search found its articles")
        assert all("青岛" in h.title or "青岛" in app.library.article(h.article_id)["text"] for h in screen.hits)
