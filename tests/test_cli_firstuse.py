"""The command line as a first-time user meets it (issue 15): messages, `show` output,
progress bars only on a terminal, help, completion, a missing store."""
from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from reliability_helpers import env, synthetic_jsonl

from parktui.cjk import NO_START
from parktui.cli import build_parser
from parktui.cli_help import EXAMPLES, subcommands

LONG = ("石河子经开区全年预计完成固定资产投资140亿元，同比增长33.3%；招商引资实物量105亿元，同比增长8.5%，"
        "其中工业投资1.45亿元、服务业投资2.37亿元、基础设施投资3.96亿元。") * 3


def run(db: Path, *args: str, tty: str = "", columns: int = 80) -> tuple[int, str, str]:
    """`parktui --db DB ARGS` in a subprocess; `tty` names the streams ("out", "err") that
    are a terminal (a pty) instead of a pipe."""
    e = env(db.parent) | {"COLUMNS": str(columns), "LINES": "40", "TERM": "xterm-256color"}
    e.pop("NO_COLOR", None)
    master, slave = pty.openpty()
    streams = {name: slave if name in tty else subprocess.PIPE for name in ("out", "err")}
    proc = subprocess.Popen([sys.executable, "-m", "parktui", "--db", str(db), *args], env=e, cwd=db.parent,
                            stdin=subprocess.DEVNULL, stdout=streams["out"], stderr=streams["err"])
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    out, err = proc.communicate(timeout=120)
    shown = b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
    return (proc.returncode, shown if "out" in tty else out.decode(), shown if "err" in tty else err.decode())


@pytest.fixture
def one_article(tmp_path) -> Path:
    path = tmp_path / "one.jsonl"
    path.write_bytes(orjson.dumps({"title": "某高新区投资快讯", "text": LONG + "\n\n第二段：新增企业1家。",
                                   "date": "2024-01-10", "source": "科技日报"}) + b"\n")
    return path


def test_one_article_is_singular(cli, one_article):
    code, _, err = cli("import", str(one_article))
    assert code == 0 and "imported 1 article from 1 input: 1 new" in err


def test_search_help_shows_a_single_percent(cli, capsys):
    with pytest.raises(SystemExit):
        cli("search", "--help")
    out = capsys.readouterr().out
    assert ">20%" in out and "%%" not in out


def test_a_bad_option_shows_its_own_commands_usage(cli, capsys):
    with pytest.raises(SystemExit) as stop:
        cli("figures", "--bogus")
    err = capsys.readouterr().err
    assert stop.value.code == 2 and err.startswith("usage: parktui figures") and "--bogus" in err


@pytest.mark.parametrize("args", [("articles",), ("imports",), ("show", "1"), ("figures",), ("search", "园区"),
                                  ("reindex",), ("delete", "1"), ("compare", "固定资产投资")])
def test_a_missing_store_is_named_and_not_created(cli, db, args):
    code, out, err = cli(*args)
    assert code == 1 and "no store" in err and str(db) in err, (out, err)
    assert not db.exists() and not list(db.parent.glob(db.name + "*"))


def test_show_piped_is_the_paragraphs_as_written(tmp_path, one_article):
    db = tmp_path / "store.json"
    run(db, "import", str(one_article))
    for args in (("show", "1"), ("show", "1", "--format", "text")):
        code, out, _ = run(db, *args)
        assert code == 0
        assert out.split("\n\n")[-2:] == [LONG, "第二段：新增企业1家。\n"]
        assert not any(line.endswith(" ") for line in out.splitlines())


@pytest.mark.parametrize("columns", [40, 80, 200])
def test_show_on_a_terminal_wraps_by_the_browsers_rules(tmp_path, one_article, columns):
    db = tmp_path / "store.json"
    run(db, "import", str(one_article))
    code, out, _ = run(db, "show", "1", tty="out", columns=columns)
    lines = [line.rstrip() for line in strip_ansi(out).splitlines()]
    assert code == 0 and len(lines) > 4
    assert not any(line and line[0] in NO_START for line in lines)
    for number in ("1.45亿元", "140亿元", "33.3%", "2.37亿元"):
        assert any(number in line for line in lines), number  # a number is never split
    assert max(len(line) for line in lines) <= columns  # (CJK are 2 cells: a weak bound, made exact below)
    from rich.cells import cell_len

    assert max(cell_len(line) for line in lines) <= columns


def strip_ansi(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07", "", text)


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    return synthetic_jsonl(tmp_path_factory.mktemp("many") / "many.jsonl", 120, seed=3)


def test_import_shows_progress_only_on_a_terminal(tmp_path, many):
    code, _, err = run(tmp_path / "a.json", "import", str(many), tty="err")
    assert code == 0 and "articles" in err and "━" in err and "imported 120 articles" in err
    assert "indexing for search" in err  # the steps after the count have a line of their own
    code, _, err = run(tmp_path / "b.json", "import", str(many))
    assert code == 0 and err == "imported 120 articles from 1 input: 120 new, 0 unchanged, 0 updated (import #1)\n"
    code, _, err = run(tmp_path / "c.json", "import", "--quiet", str(many), tty="err")
    assert code == 0 and "━" not in err


def test_reindex_shows_progress_only_on_a_terminal(tmp_path, many):
    db = tmp_path / "a.json"
    run(db, "import", str(many))
    code, _, err = run(db, "reindex", tty="err")
    assert code == 0 and "━" in err and "from 120 articles" in err and "indexing for search" in err
    code, _, err = run(db, "reindex")
    assert code == 0 and "━" not in err


def test_help_lists_every_command_with_an_example(capsys):
    parser = build_parser()
    text = parser.format_help()
    for name in subcommands(parser):
        assert f"    {name} " in text or f"    {name}\n" in text, name
        assert name in EXAMPLES, f"{name} has no example"
        assert EXAMPLES[name] in text


def test_help_command_shows_a_commands_help(cli, capsys):
    code, via_help, _ = cli("help", "figures")
    assert code == 0
    with pytest.raises(SystemExit):
        cli("figures", "--help")
    assert capsys.readouterr().out == via_help and "--metric" in via_help


@pytest.mark.parametrize("shell, marker", [("bash", "complete"), ("zsh", "#compdef"), ("fish", "complete -c")])
def test_completion_scripts(cli, capsys, shell, marker):
    code, out, _ = cli("--print-completion", shell)
    assert code == 0 and marker in out and "figures" in out and "--metric" in out
