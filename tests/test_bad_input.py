"""The catalogue of hostile and broken inputs: each with its message, exit status and store."""
from __future__ import annotations

import io
import os
import random
import subprocess
import sys
import zipfile

import orjson
import pytest
from reliability_helpers import ROOT, cli_cmd, env, run_cli, tables

import parktui.ingest.sources as sources
from parktui.cli import main
from parktui.ingest.decode import decode_bytes
from parktui.ingest.page import parse_page
from parktui.plural import count

SAMPLE = ROOT / "data" / "kjrb_yuanqu_sample.md"
PAGE = ("# 青岛高新区新增企业\n\n本报讯（记者 张三）青岛高新区今年新增企业120家，总投资35亿元。\n\n"
        "园区还将建设标准厂房20万平方米，同比增长12.5%。\n")
BODY = "青岛高新区今年新增企业120家，总投资35亿元。\n\n园区还将建设标准厂房20万平方米，同比增长12.5%。"


@pytest.fixture
def db(tmp_path):
    db = tmp_path / "store.json"
    assert main(["--db", str(db), "import", str(SAMPLE)]) == 0
    return db


def imp(db, capsys, *paths) -> tuple[int, str]:
    code = main(["--db", str(db), "import", *map(str, paths)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


def articles(db) -> list[dict]:
    return list(tables(db)["articles"].values())


def rejected(db, capsys, path, reason: str) -> None:
    """The input is refused with `parktui: error: <path>: <reason>`, exit 1, store unchanged."""
    before = db.read_bytes()
    code, err = imp(db, capsys, path)
    assert code == 1
    assert f"parktui: error: {path}: {reason}" in err, err
    assert "1 rejected" in err
    assert db.read_bytes() == before


def imported(db, capsys, path, n: int = 1) -> list[dict]:
    """The input imports with exit 0; returns the new articles."""
    before = len(articles(db))
    code, err = imp(db, capsys, path)
    assert code == 0, err
    assert f"imported {count(n, 'article')} from 1 input" in err, err
    after = articles(db)
    assert len(after) == before + n
    return after[before:]


def _write(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


# Empty, whitespace, binary ----------------------------------------------------------------

def test_empty_file(db, tmp_path, capsys):
    rejected(db, capsys, _write(tmp_path, "empty.md", b""), "empty file")


@pytest.mark.parametrize("data", [b"   ", b"\n\n\t\n", " \u3000\n\r\n".encode(), b"\xef\xbb\xbf  \n"])
def test_whitespace_only(db, tmp_path, capsys, data):
    rejected(db, capsys, _write(tmp_path, "ws.md", data), "file holds only whitespace")


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06" + bytes(64)


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("page.md", PAGE)
    return buf.getvalue()


def _elf() -> bytes:
    for candidate in ("/bin/true", "/usr/bin/true", sys.executable):
        try:
            data = open(candidate, "rb").read(65536)
        except OSError:
            continue
        if data.startswith(b"\x7fELF"):
            return data
    return b"\x7fELF\x02\x01\x01" + bytes(200)


@pytest.mark.parametrize("name,data,what", [
    ("img.png", _png(), "a PNG image"),
    ("prog.md", _elf(), "an ELF executable"),
    ("pages.zip.md", _zip(), "a zip archive"),
])
def test_binary(db, tmp_path, capsys, name, data, what):
    rejected(db, capsys, _write(tmp_path, name, data), f"binary data ({what}), not a text page")


def test_random_binary_without_magic(db, tmp_path, capsys):
    data = random.Random(0).randbytes(20000)
    path = _write(tmp_path, "noise.md", data)
    before = db.read_bytes()
    code, err = imp(db, capsys, path)
    assert code == 1 and f"parktui: error: {path}: " in err
    assert "binary data" in err or "undecodable bytes" in err
    assert db.read_bytes() == before


# Encodings --------------------------------------------------------------------------------

def test_truncated_utf8_at_the_end(db, tmp_path, capsys):
    """A file cut inside its last character imports without that character."""
    data = PAGE.encode() + "园区".encode()[:-1]
    (art,) = imported(db, capsys, _write(tmp_path, "cut.md", data))
    assert art["text"] == BODY + "园"


def test_corrupt_utf8_inside(db, tmp_path, capsys):
    """A bad byte inside a UTF-8 page (that is not GB18030 either) names its offset."""
    data = PAGE.encode()
    data = data[:40] + b"\xff" + data[40:]
    rejected(db, capsys, _write(tmp_path, "bad.md", data), "undecodable bytes at offset 40")


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "gb2312"])
def test_gb_encodings_import_correctly(db, tmp_path, capsys, encoding):
    text = PAGE if encoding != "gb18030" else PAGE.replace("标准厂房", "标准厂房𠀀䶮")  # 4-byte codes
    (art,) = imported(db, capsys, _write(tmp_path, f"{encoding}.md", text.encode(encoding)))
    expected = BODY if encoding != "gb18030" else BODY.replace("标准厂房", "标准厂房𠀀䶮")
    assert art["text"] == expected
    assert art["title"] == "青岛高新区新增企业"
    assert art["park"] == "青岛高新区"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_bom_encodings(db, tmp_path, capsys, encoding):
    data = PAGE.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    (art,) = imported(db, capsys, _write(tmp_path, f"{encoding}.md", data))
    assert art["text"] == BODY and art["title"] == "青岛高新区新增企业"


def test_gbk_jsonl(db, tmp_path, capsys):
    line = orjson.dumps({"title": "园区新闻", "text": "青岛高新区投资35亿元。"}).decode()
    (art,) = imported(db, capsys, _write(tmp_path, "gbk.jsonl", (line + "\n").encode("gbk")))
    assert art["text"] == "青岛高新区投资35亿元。"


def test_crlf_and_cr_line_ends(db, tmp_path, capsys):
    for i, sep in enumerate(("\r\n", "\r")):
        text = PAGE.replace("\n", sep).replace("青岛高新区新增企业", f"青岛高新区新增企业{i}", 1)
        (art,) = imported(db, capsys, _write(tmp_path, f"crlf{i}.md", text.encode()))
        assert art["text"] == BODY


# Size ---------------------------------------------------------------------------------------

def test_50_mb_page_is_refused_quickly(db, tmp_path, capsys):
    para = "青岛高新区今年新增企业120家，总投资35亿元，同比增长12.5%。" * 20 + "\n\n"
    data = ("# 大页面\n\n" + para * (50 * 2**20 // len(para.encode()) + 1)).encode()
    assert len(data) >= 50 * 2**20
    rejected(db, capsys, _write(tmp_path, "huge.md", data),
             "page is too large (50 MB, the limit is 16 MB); split it into pages")


def test_huge_jsonl_line_is_reported_with_its_number(db, tmp_path, capsys, monkeypatch):
    import parktui.importer as importer

    monkeypatch.setattr(importer, "MAX_PAGE_BYTES", 2**20)  # the same rule, 1 MB instead of 16
    big = orjson.dumps({"title": "大", "text": "园区投资5亿元。" * 80000}).decode()
    small = orjson.dumps({"title": "小", "text": "园区投资6亿元。"}).decode()
    path = _write(tmp_path, "big.jsonl", f"{small}\n{big}\n".encode())
    code, err = imp(db, capsys, path)
    assert code == 1
    assert f"parktui: error: {path}:2: article is too large (2 MB, the limit is 1 MB)" in err
    assert [a["title"] for a in articles(db)][-1] == "小"


def test_10_mb_single_line_parses(tmp_path):
    """Decoding and the page parser stay linear on a 10 MB line (no paragraph breaks)."""
    sentence = "青岛高新区今年新增企业120家，总投资35亿元，同比增长12.5%。"
    line = sentence * (10 * 2**20 // len(sentence.encode()) + 1)
    data = f"# 一行\n\n{line}\n".encode()
    assert len(data) >= 10 * 2**20
    (art,) = parse_page(decode_bytes(data, "line.md"), "line")
    assert art["text"] == line and art["title"] == "一行"


def test_single_line_page_imports(db, tmp_path, capsys):
    """The whole import (figures too) of a 100 KB single-line page (see the slow 10 MB test)."""
    sentence = "青岛高新区今年新增企业120家，总投资35亿元，同比增长12.5%。"
    line = sentence * (100_000 // len(sentence.encode()))
    (art,) = imported(db, capsys, _write(tmp_path, "line.md", f"# 一行\n\n{line}\n".encode()))
    assert art["text"] == line and len(art["figures"]) >= 3 * (line.count("。") - 1)


@pytest.mark.slow
def test_10_mb_single_line_imports(tmp_path):
    sentence = "青岛高新区今年新增企业120家，总投资35亿元，同比增长12.5%。"
    line = sentence * (10 * 2**20 // len(sentence.encode()) + 1)
    page = _write(tmp_path, "line.md", f"# 一行\n\n{line}\n".encode())
    proc = run_cli(tmp_path / "store.json", "import", str(page), timeout=120)
    assert proc.returncode == 0, proc.stderr
    (art,) = articles(tmp_path / "store.json")
    assert art["text"] == line


# Odd text -------------------------------------------------------------------------------------

def test_a_few_nul_bytes_are_dropped(db, tmp_path, capsys):
    data = PAGE.encode().replace("。".encode(), b"\x00" + "。".encode(), 1)
    (art,) = imported(db, capsys, _write(tmp_path, "nul.md", data))
    assert art["text"] == BODY


def test_many_nul_bytes_are_binary(db, tmp_path, capsys):
    data = b"\x00" * 200 + PAGE.encode()
    rejected(db, capsys, _write(tmp_path, "nuls.md", data), "binary data (NUL bytes), not a text page")


def test_control_characters_are_binary(db, tmp_path, capsys):
    data = ("\x01\x02\x03\x04\x05\x06\x07\x08" * 40 + PAGE).encode()
    rejected(db, capsys, _write(tmp_path, "ctl.md", data), "binary data, not a text page")


def test_headings_only(db, tmp_path, capsys):
    data = "# 一\n\n## 二\n\n### 三\n\n二级标题\n---\n".encode()
    rejected(db, capsys, _write(tmp_path, "heads.md", data), "no article found (no paragraphs of text)")


def test_headings_nested_6_deep(db, tmp_path, capsys):
    heads = "".join(f"{'#' * k} 第{k}级\n\n" for k in range(1, 7))
    data = (heads + "青岛高新区新增企业120家，总投资35亿元。\n\n###### 再一个\n\n正文二。\n").encode()
    arts = imported(db, capsys, _write(tmp_path, "deep.md", data), n=2)
    assert "".join(a["text"] for a in arts) == "青岛高新区新增企业120家，总投资35亿元。正文二。"
    assert {a["title"] for a in arts} == {"第6级", "再一个"}


def test_markdown_tables_images_links_html(db, tmp_path, capsys):
    data = """# 青岛高新区一季度数据

| 指标 | 数值 |
|:---|---:|
| 产值 | 100亿元 |

![园区全景](https://example.com/a.png "title")

详见[园区官网](https://example.com/a_(b))。<b>粗体</b>与<i>斜体</i>，**强调**，~~删除~~，&nbsp;正文30亿元。

<div class="x">
<p>园区新增企业20家。</p>
</div>

<!-- 注释 -->
<br/>
""".encode()
    (art,) = imported(db, capsys, _write(tmp_path, "md.md", data))
    text = art["text"]
    for leftover in ("](", "![", "<b>", "</p>", "<div", "**", "~~", "&nbsp;", "|", ":---"):
        assert leftover not in text, leftover
    for kept in ("产值", "100亿元", "园区官网", "粗体", "斜体", "强调", "正文30亿元", "园区新增企业20家"):
        assert kept in text, kept


# JSON Lines -----------------------------------------------------------------------------------

def test_jsonl_with_bad_lines(db, tmp_path, capsys):
    lines = [
        orjson.dumps({"title": "甲", "text": "甲园区投资5亿元。", "date": "2024年1月10日"}).decode(),
        '{"title": "broken',
        orjson.dumps({"title": "乙", "text": "乙园区投资6亿元。"}).decode(),
        "[1, 2]",
        '{"title": "丙"}',
        orjson.dumps({"title": "丁", "text": "   "}).decode(),
        "",
        orjson.dumps({"text": "没有标题的文章，园区投资7亿元。"}).decode(),
    ]
    path = _write(tmp_path, "mixed.jsonl", "\n".join(lines).encode())
    before = len(articles(db))
    code, err = imp(db, capsys, path)
    assert code == 1
    assert f"parktui: error: {path}:2: not valid JSON" in err
    assert f"parktui: error: {path}:4: not a JSON object" in err
    assert f'parktui: error: {path}:5: no "text" field' in err
    assert f'parktui: error: {path}:6: no "text" field' in err
    assert "imported 3 articles from 1 input: 3 new, 0 unchanged, 0 updated; 4 rejected" in err
    new = articles(db)[before:]
    assert [a["title"] for a in new] == ["甲", "乙", "没有标题的文章，园区投资7亿元。"]
    assert new[0]["date"] == "2024-01-10"


def test_jsonl_all_bad(db, tmp_path, capsys):
    path = _write(tmp_path, "bad.jsonl", b"{\n[\n")
    before = db.read_bytes()
    code, err = imp(db, capsys, path)
    assert code == 1 and f"{path}:1: not valid JSON" in err and f"{path}:2: not valid JSON" in err
    assert db.read_bytes() == before


# Paths --------------------------------------------------------------------------------------

def test_missing_path(db, tmp_path, capsys):
    rejected(db, capsys, tmp_path / "nope.md", "no such file or directory")


def test_folder_with_unreadable_files_and_symlink_loops(db, tmp_path, capsys, monkeypatch):
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.md").write_text(PAGE, encoding="utf-8")
    secret = folder / "secret.md"
    secret.write_text(PAGE.replace("青岛", "西安"), encoding="utf-8")
    os.symlink("loop.md", folder / "loop.md")  # a link to itself
    os.symlink("a.md", folder / "b.md")
    os.symlink("b.md", folder / "a.md")  # a two-link cycle
    os.symlink("missing.md", folder / "dangling.md")
    os.symlink("..", folder / "sub" / "up")  # a folder loop
    os.mkfifo(folder / "pipe.md")  # reading it would block forever
    (folder / "picture.png").write_bytes(_png())  # not a page suffix: not read at all
    secret.chmod(0)
    if os.access(secret, os.R_OK):  # running as root: make reading it fail the same way
        real = sources.Path.read_bytes

        def read_bytes(self):
            if self.name == "secret.md":
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(sources.Path, "read_bytes", read_bytes)
    try:
        before = len(articles(db))
        code, err = imp(db, capsys, folder)
    finally:
        secret.chmod(0o644)
    assert code == 1
    assert f"parktui: error: {secret}: permission denied" in err
    assert f"parktui: error: {folder / 'loop.md'}: symbolic link loop" in err
    assert f"parktui: error: {folder / 'a.md'}: symbolic link loop" in err
    assert f"parktui: error: {folder / 'dangling.md'}: broken symbolic link" in err
    assert f"parktui: error: {folder / 'pipe.md'}: not a regular file" in err
    assert f"parktui: skipped {folder / 'picture.png'}: not a page" in err  # issue 12: named, not an error
    new = articles(db)[before:]
    assert [a["title"] for a in new] == ["青岛高新区新增企业"]


def test_folder_without_pages(db, tmp_path, capsys):
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "x.png").write_bytes(_png())
    rejected(db, capsys, folder, "folder holds no pages")


# Standard input -------------------------------------------------------------------------------

def test_stdin_page(tmp_path):
    db = tmp_path / "store.json"
    proc = run_cli(db, "import", "-", input=PAGE.encode("gbk"))
    assert proc.returncode == 0, proc.stderr
    assert [a["text"] for a in articles(db)] == [BODY]


def test_stdin_empty(tmp_path):
    db = tmp_path / "store.json"
    proc = run_cli(db, "import", "-", stdin=subprocess.DEVNULL)
    assert proc.returncode == 1
    assert proc.stderr.decode().startswith("parktui: error: <stdin>: empty file")
    assert not db.exists()


def test_stdin_closed(tmp_path):
    db = tmp_path / "store.json"
    proc = subprocess.run(cli_cmd(db, "import", "-"), capture_output=False, stdin=None,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env(tmp_path),
                          preexec_fn=lambda: os.close(0), timeout=60)
    err = proc.stderr.decode()
    assert proc.returncode == 1, err
    assert err.startswith("parktui: error: <stdin>: standard input is closed"), err
    assert "Traceback" not in err
    assert not db.exists()


def test_stdin_closed_in_process(db, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", None)
    before = db.read_bytes()
    code, err = imp(db, capsys, "-")
    assert code == 1 and "parktui: error: <stdin>: standard input is closed" in err
    assert db.read_bytes() == before
