"""`parktui search`: JSON and table output, --limit, errors."""
from __future__ import annotations

import orjson
from search_helpers import article, put

from parktui.cli import main
from parktui.store import Store


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def make(tmp_path):
    db = tmp_path / "s.json"
    put(Store(db), [article(f"园区新闻{i:02d}", f"氢能项目第{i:02d}期开工。", date=f"2024-01-{i + 1:02d}") for i in range(25)])  # noqa: E501
    return str(db)


def test_json_hits(tmp_path, capsys):
    db = make(tmp_path)
    code, out, err = run(capsys, "--db", db, "search", "氢能", "--format", "json")
    assert code == 0, err
    hits = orjson.loads(out)
    assert len(hits) == 20
    assert set(hits[0]) >= {"article_id", "title", "park", "date", "score", "snippets"}
    snip = hits[0]["snippets"][0]
    assert set(snip) >= {"text", "start", "end"}
    assert "\\u" not in out and "氢能" in out  # UTF-8, not escapes
    assert hits[0]["date"] == "2024-01-25"  # equal scores: newest first


def test_limit_zero_is_every_hit(tmp_path, capsys):
    db = make(tmp_path)
    _, out, _ = run(capsys, "--db", db, "search", "氢能", "--limit", "0", "--format", "json")
    assert len(orjson.loads(out)) == 25
    _, out, _ = run(capsys, "--db", db, "search", "氢能", "--limit", "3", "--format", "json")
    assert len(orjson.loads(out)) == 3


def test_query_words_are_joined(tmp_path, capsys):
    db = make(tmp_path)
    _, out, _ = run(capsys, "--db", db, "search", "氢能", "第03期", "--format", "json")
    assert [h["title"] for h in orjson.loads(out)] == ["园区新闻03"]


def test_table_output(tmp_path, capsys):
    db = make(tmp_path)
    code, out, _ = run(capsys, "--db", db, "search", "第03期")
    assert code == 0
    assert "园区新闻03" in out
    code, out, _ = run(capsys, "--db", db, "search", "火星")
    assert code == 0 and "No articles match" in out


def test_malformed_query_exits_2_with_one_line(tmp_path, capsys):
    db = make(tmp_path)
    code, out, err = run(capsys, "--db", db, "search", '"氢能')
    assert code == 2
    assert err.startswith("parktui: error: ") and err.count("\n") == 1
    assert "Traceback" not in err
    code, _, err = run(capsys, "--db", db, "search", "park:")
    assert code == 2 and "empty filter" in err
    code, _, err = run(capsys, "--db", db, "search", "氢能", "--limit", "-1")
    assert code == 2


def test_a_broken_store_is_an_error_not_a_traceback(tmp_path, capsys):
    db = tmp_path / "s.json"
    db.write_text("{not json")
    code, _, err = run(capsys, "--db", str(db), "search", "氢能")
    assert code == 1 and err.startswith("parktui: error: ")
