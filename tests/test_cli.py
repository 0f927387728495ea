"""The command line, end to end on a throw-away store."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from conftest import PAGES, SAMPLE

from parktui import __version__


def test_import_list_show_round_trip(cli):
    code, _, err = cli("import", str(SAMPLE))
    assert code == 0
    assert "imported 5 articles from 1 input: 5 new, 0 unchanged, 0 updated" in err
    articles = cli.json("articles")
    assert [a["id"] for a in articles] == [1, 2, 3, 4, 5]
    first = articles[0]
    for field in ("id", "title", "subtitle", "column", "park", "park_aliases", "reporters",
                  "correspondents", "sections", "captions", "source", "date", "n_figures"):
        assert field in first
    shown = cli.json("show", "2")
    assert shown["title"] == "青岛高新区:服务“全代办”项目见效快"
    assert "外墙铝板安装已完成80%" in shown["text"]
    code, out, _ = cli("show", "2")
    assert code == 0 and "青岛高新区供图" in out and "加速跑 项目进度不断刷新" in out


def test_json_output_is_utf8_not_escaped(cli):
    cli("import", str(SAMPLE))
    code, out, _ = cli("articles", "--format", "json")
    assert "石河子经开区" in out and "\\u" not in out


def test_reimport_is_unchanged_and_edit_is_updated(cli, tmp_path):
    page = tmp_path / "p.md"
    page.write_text("# 杭州高新区：新增企业\n\n◎本报记者 王一\n\n杭州高新区今年新增企业120家。\n", encoding="utf-8")
    assert cli("import", str(page))[0] == 0
    code, _, err = cli("import", str(page))
    assert "0 new, 1 unchanged, 0 updated" in err
    page.write_text("# 杭州高新区：新增企业\n\n◎本报记者 王一\n\n杭州高新区今年新增企业150家。\n", encoding="utf-8")
    code, _, err = cli("import", str(page))
    assert "0 new, 0 unchanged, 1 updated" in err
    (article,) = cli.json("articles")
    assert article["id"] == 1
    assert "150家" in cli.json("show", "1")["text"]


def test_source_and_date_options(cli):
    cli("import", str(PAGES / "layout_benbaoxun.md"), "--source", "科技日报", "--date", "2024年1月10日")
    assert {(a["source"], a["date"]) for a in cli.json("articles")} == {("科技日报", "2024-01-10")}


def test_bad_inputs_are_reported_and_good_ones_still_land(cli, tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    png = tmp_path / "x.md"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    code, _, err = cli("import", str(empty), str(png), str(tmp_path / "missing.md"), str(SAMPLE))
    assert code == 1
    assert f"parktui: error: {empty}: empty file" in err
    assert f"parktui: error: {png}: binary data (a PNG image), not a text page" in err
    assert f"{tmp_path / 'missing.md'}: no such file or directory" in err
    assert len(cli.json("articles")) == 5


def test_jsonl_bad_line_is_skipped_with_its_number(cli, tmp_path):
    lines = [
        json.dumps({"title": "甲高新区动态", "text": "甲高新区新增项目3个。", "date": "2024-01-02", "source": "s"}, ensure_ascii=False),  # noqa: E501
        "{not json",
        json.dumps({"title": "乙经开区动态", "text": "乙经开区投资5亿元。"}, ensure_ascii=False),
    ]
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = cli("import", str(path))
    assert code == 1
    assert f"{path}:2: not valid JSON" in err
    assert [a["title"] for a in cli.json("articles")] == ["甲高新区动态", "乙经开区动态"]


def test_directory_is_imported_recursively(cli, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text((PAGES / "layout_benbaoxun.md").read_text(encoding="utf-8"), encoding="gbk")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    code, _, err = cli("import", str(tmp_path))
    assert code == 0, err
    assert len(cli.json("articles")) == 2


def test_stdin_import(db):
    page = (PAGES / "layout_benbaoxun.md").read_bytes()
    proc = subprocess.run([sys.executable, "-m", "parktui", "--db", str(db), "import", "-"],
                          input=page, capture_output=True)
    assert proc.returncode == 0, proc.stderr
    assert b"2 new" in proc.stderr


def test_figures_formats(cli):
    cli("import", str(SAMPLE))
    rows = cli.json("figures")
    assert rows and {"article_id", "article_title", "raw", "value", "unit", "start", "end"} <= set(rows[0])
    code, out, _ = cli("figures", "--format", "csv")
    assert code == 0 and out.startswith("\ufeffarticle_id,article_title,raw,")
    parsed = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert len(parsed) == len(rows) + 1
    code, out, _ = cli("figures", "--article", "1", "--format", "json")
    assert {r["article_id"] for r in json.loads(out)} == {1}


def test_figures_amount_filters_understand_chinese_scale(cli):
    cli("import", str(SAMPLE))
    big = cli.json("figures", "--min", "100亿")
    assert big and all(r["value"] >= 1e10 for r in big)
    code, _, err = cli("figures", "--min", "lots")
    assert code == 2 and "not an amount" in err


def test_show_unknown_id_is_an_error(cli):
    cli("import", str(SAMPLE))
    code, _, err = cli("show", "99")
    assert code == 1 and "no article with id 99" in err


def test_corrupt_store_is_named_and_left_alone(cli, db):
    db.write_text("{not json", encoding="utf-8")
    code, _, err = cli("import", str(SAMPLE))
    assert code == 1 and str(db) in err and "not a parktui store" in err
    assert db.read_text(encoding="utf-8") == "{not json"


def test_version_and_usage_errors():
    out = subprocess.run([sys.executable, "-m", "parktui", "--version"], capture_output=True, text=True)
    assert out.stdout.strip() == f"parktui {__version__}"
    bad = subprocess.run([sys.executable, "-m", "parktui", "articles", "--format", "xml"], capture_output=True, text=True)  # noqa: E501
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


def test_default_store_starts_with_the_sample(capsys):
    from parktui.cli import main

    assert main(["articles", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 5


def test_symlinked_folder_is_reported_not_followed(cli, tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.md").write_text((PAGES / "layout_benbaoxun.md").read_text(encoding="utf-8"), encoding="utf-8")
    (pages / "loop").symlink_to(pages)
    code, _, err = cli("import", str(pages))
    assert code == 1
    assert f"{pages / 'loop'}: symbolic link to a folder, not followed" in err
    assert len(cli.json("articles")) == 2
