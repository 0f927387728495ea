"""Text from strangers cannot drive the terminal (issue 10).

Hostile samples carry OSC 52 (clipboard), OSC 0 (window title), ESC[2J, ESC[8m, a C1 CSI
(U+009B), DEL, bidi overrides and isolates and zero-width characters. Imported, they are
cleaned once; in a store made before cleaning existed, every human-format output and the
browser show them as visible, harmless characters; CSV cells cannot be formulas.
"""
from __future__ import annotations

import csv
import io
import sys
import unicodedata

import orjson
import pytest
from tui_support import make_store, make_test_app, settle, sync

from parktui.csv_export import safe_cell
from parktui.figure_table import EXPORT_FIELDS, to_csv
from parktui.figures import extract_figures
from parktui.importer import reextract_figures, with_figures
from parktui.ingest.page import parse_body
from parktui.safetext import UNSAFE, clean, unsafe_positions, visible

TITLE = "园区\x1b]52;c;cHduZWQ=\x07新闻\u202e\x1b]0;pwned\x07\x1b[2J\u2066标题\u2069"
TEXT = ("正文\u009b31m\x1b[8m 园区投资100亿元，同比增长\u200b20%。\r\n\n"
        "第二段\x7f内容\u202d[link=https://evil.example]点击[/link]。👩\u200d🔬\x00")
SOURCE = "日报\x1b[31m"
# What a reader sees of the hostile text: every visible character, in order.
SEEN_TITLE = "园区]52;c;cHduZWQ=新闻]0;pwned[2J标题"
SEEN_TEXT = "正文31m[8m 园区投资100亿元，同比增长20%。"


def terminal_safe(out: str) -> bool:
    """No character that could drive a terminal (newlines, CSV's \\r\\n and its BOM aside)."""
    return not any(unsafe_positions(line.rstrip("\r")) for line in out.lstrip("\ufeff").split("\n"))


def test_the_unsafe_set_is_every_control_and_format_character():
    expected = {chr(c) for c in range(sys.maxunicode + 1)
                if unicodedata.category(chr(c)) in ("Cc", "Cf", "Cs")} - {"\n", "\t"}
    found = {chr(c) for c in range(sys.maxunicode + 1) if UNSAFE.fullmatch(chr(c))}
    assert expected <= found
    # The rest are format characters of later Unicode versions than this Python's.
    assert {unicodedata.category(ch) for ch in found - expected} <= {"Cn"}


def test_clean_removes_controls_and_keeps_the_visible_text_and_emoji():
    assert clean(TITLE) == SEEN_TITLE
    assert clean("👩\u200d🔬 与 🏳️\u200d🌈") == "👩\u200d🔬 与 🏳️\u200d🌈"  # emoji sequences stay joined
    assert clean("园\u200d区") == "园区"
    assert clean("第一行\n\t第二行") == "第一行\n\t第二行"


def test_visible_keeps_the_length_and_shows_every_control():
    shown = visible(TITLE + TEXT)
    assert len(shown) == len(TITLE + TEXT) and terminal_safe(shown)
    assert "␛]52;c;cHduZWQ=␇" in shown and "\t" not in visible("a\tb")


@pytest.fixture
def hostile_jsonl(tmp_path):
    path = tmp_path / "hostile.jsonl"
    path.write_bytes(orjson.dumps({"title": TITLE, "text": TEXT, "source": SOURCE, "date": "2024-01-02\x1b[8m",
                                   "url": "https://example.com/\x07a"}) + b"\n")
    return path


def test_import_stores_clean_text_with_offsets_intact(cli, hostile_jsonl):
    code, _, err = cli("import", str(hostile_jsonl))
    assert code == 0 and "removed 16 control or invisible characters" in err
    article = cli.json("show", "1")
    assert article["title"] == SEEN_TITLE and article["source"] == "日报[31m"
    assert article["date"] == "2024-01-02" and article["url"] == "https://example.com/a"
    assert article["text"].startswith(SEEN_TEXT) and "👩\u200d🔬" in article["text"]
    assert terminal_safe(orjson.dumps(article).decode())
    for fig in article["figures"]:
        assert article["text"][fig["start"]:fig["end"]] == fig["raw"]
    assert {f["raw"] for f in article["figures"]} >= {"100亿元", "20%"}
    for block in article["blocks"]:
        assert article["text"][block["start"]:block["end"]].strip()


def test_a_page_and_its_file_name_are_cleaned(cli, tmp_path):
    page = tmp_path / "园区\x1b[2J快讯.txt"
    page.write_text("园区\x1b]0;x\x07新闻正文，投资\u202e50亿元。\n", encoding="utf-8")
    code, _, err = cli("import", str(page), "--source", "报\x1b[1m")
    assert code == 0, err
    (article,) = cli.json("articles")
    assert article["title"] == "园区[2J快讯" and article["source"] == "报[1m"
    assert cli.json("show", "1")["text"] == "园区]0;x新闻正文，投资50亿元。"
    code, out, _ = cli("imports")
    assert code == 0 and terminal_safe(out) and "园区␛[2J快讯.txt" in out


def uncleaned_article() -> dict:
    """The hostile article as a store written before cleaning existed holds it."""
    article = parse_body(TITLE, TEXT, {"source": SOURCE, "date": "2024-01-02"})
    assert article is not None
    article["figures"] = extract_figures(article["text"])
    return article


def test_a_web_page_is_cleaned(cli, tmp_path):
    from html_fixtures import ARTICLE, ARTICLE_TITLE

    hostile = ARTICLE.replace(ARTICLE_TITLE, "青岛高新区\x1b]0;pwned\x07新签约项目二十个").replace(
        "总投资150亿元", "总投资\u202e150\u200b亿元\u2066\x1b[2J")
    page = tmp_path / "page.html"
    page.write_text(hostile, encoding="utf-8")
    code, _, err = cli("import", str(page))
    assert code == 0 and "removed" in err, err
    article = cli.json("show", "1")
    assert terminal_safe(orjson.dumps(article).decode())
    assert "总投资150亿元[2J" in article["text"]  # the ESC is gone, the visible text stays
    assert article["title"].startswith("青岛高新区]0;pwned")
    assert any(f["raw"] == "150亿元" and article["text"][f["start"]:f["end"]] == "150亿元" for f in article["figures"])


@pytest.fixture
def old_store(db):
    make_store(db, [uncleaned_article()])
    return db


@pytest.mark.parametrize("args", [
    ("articles",), ("show", "1"), ("show", "1", "--format", "text"), ("search", "园区"), ("search", "pwned"),
    ("figures",), ("figures", "--format", "csv"), ("show", "9"), ("imports",),
])
def test_no_human_output_passes_a_control_character(cli, old_store, args):
    code, out, err = cli(*args)
    assert terminal_safe(out) and terminal_safe(err), (out, err)
    if args[0] == "articles":
        assert "]52;c;cHduZWQ=" in out  # shown as harmless text, not dropped


def test_json_output_stays_exact(cli, old_store):
    assert cli.json("show", "1")["title"] == TITLE


def test_reindex_cleans_an_old_store(cli, old_store):
    from parktui.store import Store

    reextract_figures(Store(old_store))
    article = cli.json("show", "1")
    assert article["title"] == SEEN_TITLE and "_removed" not in article
    assert all(article["text"][f["start"]:f["end"]] == f["raw"] for f in article["figures"])


def test_every_article_given_figures_is_cleaned_first():
    article = with_figures(parse_body(TITLE, TEXT, {}) or {})
    assert article["title"] == SEEN_TITLE and article["_removed"] == 14


def test_an_error_naming_a_hostile_file_is_safe(cli, tmp_path):
    code, _, err = cli("import", str(tmp_path / "missing\x1b]0;pwned\x07.md"))
    assert code == 1 and terminal_safe(err) and "missing␛]0;pwned␇.md" in err


@pytest.mark.parametrize("cell, expected", [
    ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"), ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("+1+cmd", "'+1+cmd"), ("-2+3", "'-2+3"), ("\t=1", "' =1"), ("\r=1", "'␍=1"),
    ("-5", "-5"), ("+3.5", "+3.5"), ("-12.5%", "-12.5%"), (-7, -7), ("园区", "园区"), (None, ""),
])
def test_csv_cells_are_never_formulas(cell, expected):
    assert safe_cell(cell) == expected


def test_csv_export_of_a_hostile_row():
    row = dict.fromkeys(EXPORT_FIELDS, "")
    row.update(article_id=1, article_title="@SUM(1+1)*cmd|' /C calc'!A0", metric="=1+1", value=-3)
    data = to_csv([row]).decode("utf-8-sig")
    (parsed,) = list(csv.DictReader(io.StringIO(data)))
    assert parsed["article_title"].startswith("'@") and parsed["metric"] == "'=1+1" and parsed["value"] == "-3"


@sync
async def test_the_browser_renders_the_hostile_article_intact(tmp_path):
    from parktui.tui.reader import Reader
    from parktui.tui.vtable import VirtualTable

    app = make_test_app(tmp_path, [uncleaned_article()])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        reader = app.main.query_one(Reader)
        shown = {}
        for widget in (reader, app.main.query_one("#list", VirtualTable), app.main.query_one("#figs", VirtualTable)):
            lines = ["".join(seg.text for seg in widget.render_line(y)) for y in range(widget.size.height)]
            shown[widget.id] = "\n".join(lines)
            assert terminal_safe(shown[widget.id]), shown[widget.id]
        reading = shown[reader.id].replace(" ", "").replace("\n", "")
        assert "园区投资100亿元，同比增长�20%。" in reading  # the figure's text intact, in place
        assert "␛]52;c;cHduZWQ=␇新闻" in reading
        assert "100亿元" in shown["figs"]
