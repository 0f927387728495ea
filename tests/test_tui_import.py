"""The browser's import dialog (issue 10): starts empty, completes paths, skips what a
folder import skips, and asks before a big import."""
from __future__ import annotations

from tui_support import make_test_app, settle, sync

from parktui.tui.dialogs import ConfirmScreen, PathScreen, complete_path
from parktui.tui.importing import CONFIRM_FILES, ask_and_import, plan_import

PAGE = "# 某高新区新闻{i}\n\n某高新区今年新增企业{i}家。\n"


def n_articles(app) -> int:
    return len(app.library.summaries)


def test_completion_takes_the_first_entry_and_marks_folders(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news.md").write_text("x", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    assert complete_path(f"{tmp_path}/ne") == f"{tmp_path}/news/"
    assert complete_path(f"{tmp_path}/news/") is None  # an empty folder: nothing to add
    assert complete_path(f"{tmp_path}/.h") == f"{tmp_path}/.hidden/"
    assert complete_path(f"{tmp_path}/") == f"{tmp_path}/news/"  # hidden entries only when asked for
    assert complete_path(f"{tmp_path}/zz") is None and complete_path("") is None


def test_the_plan_counts_what_the_import_would_read(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.md").write_text("x", encoding="utf-8")
    (tmp_path / "a.md").write_text("abc", encoding="utf-8")
    (tmp_path / "b.bin").write_bytes(b"\0" * 100)
    plan = plan_import(tmp_path)
    assert (plan.files, plan.size, plan.big) == (1, 3, False)


@sync
async def test_import_starts_empty_and_enter_imports_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.md").write_text(PAGE.format(i=1), encoding="utf-8")
    app = make_test_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        before = n_articles(app)
        ask_and_import(app)
        await pilot.pause()
        assert isinstance(app.screen, PathScreen) and app.screen.query_one("#path").value == ""
        await pilot.press("enter")
        await settle(app, pilot, 0.2)
        assert not isinstance(app.screen, PathScreen) and n_articles(app) == before


@sync
async def test_tab_completes_the_path(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "one.md").write_text(PAGE.format(i=1), encoding="utf-8")
    app = make_test_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        ask_and_import(app)
        await pilot.pause()
        box = app.screen.query_one("#path")
        box.value = f"{tmp_path}/pa"
        await settle(app, pilot, 0.2)
        await pilot.press("tab")
        assert box.value == f"{folder}/"
        await pilot.press("o", "tab")
        assert box.value == f"{folder}/one.md"


@sync
async def test_a_big_folder_asks_first(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(CONFIRM_FILES + 1):
        (folder / f"p{i:03d}.md").write_text(PAGE.format(i=i), encoding="utf-8")
    app = make_test_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        before = n_articles(app)
        for answer in ("enter", "n"):  # Enter does not confirm; n cancels
            ask_and_import(app)
            await pilot.pause()
            app.screen.query_one("#path").value = str(folder)
            await pilot.press("enter")
            await settle(app, pilot, 0.2)
            assert isinstance(app.screen, ConfirmScreen)
            assert f"Import {CONFIRM_FILES + 1} files" in str(app.screen.query_one(".dialog-title").render())
            await pilot.press(answer)
            await settle(app, pilot, 0.2)
            if answer == "enter":
                assert isinstance(app.screen, ConfirmScreen)
                await pilot.press("escape")
                await settle(app, pilot)
            assert n_articles(app) == before
        ask_and_import(app)
        await pilot.pause()
        app.screen.query_one("#path").value = str(folder)
        await pilot.press("enter")
        await settle(app, pilot, 0.2)
        await pilot.press("y")
        await settle(app, pilot, 0.5)
        assert n_articles(app) == before + CONFIRM_FILES + 1


@sync
async def test_the_progress_dialog_names_the_steps_after_reading(tmp_path, monkeypatch):
    from parktui.tui.dialogs import ProgressScreen
    from parktui.tui.importing import start_import

    shown: list[str] = []
    real = ProgressScreen.show_step
    monkeypatch.setattr(ProgressScreen, "show_step", lambda self, text: (shown.append(text), real(self, text)))
    (tmp_path / "page.md").write_text(PAGE.format(i=1), encoding="utf-8")
    app = make_test_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        start_import(app, str(tmp_path / "page.md"))
        await settle(app, pilot, 0.3)
    assert shown == [f"{tmp_path / 'page.md'}: 1 article", "storing 1 article", "indexing for search"]
