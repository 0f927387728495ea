"""HTML import: headline, date, source, byline, paragraphs, what is left out, charsets, bad pages."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from html_fixtures import ARTICLE, ARTICLE_TITLE, INDEX, LOGIN, gbk_article

from parktui.ingest.errors import InputError
from parktui.ingest.html import html_articles, looks_like_html
from parktui.ingest.html_decode import decode_html
from parktui.ingest.html_rules import ends_article, is_noise, meta_fields, title_parts

SHARED_HTML = Path(__file__).resolve().parents[2] / "shared" / "eval" / "html"


def article_of(data: bytes, name: str = "page.html", charset: str | None = None) -> dict:
    articles = html_articles(name, data, {}, charset)
    assert len(articles) == 1
    return articles[0]


def test_article_fields():
    a = article_of(ARTICLE.encode())
    assert a["title"] == ARTICLE_TITLE
    assert a["date"] == "2024-01-10"
    assert a["source"] == "科技日报"
    assert a["url"] == "https://news.example.cn/2024/0110/a1.html"
    assert a["reporters"] == ["李四"]
    assert a["text"].startswith("新华社青岛1月10日电（记者 李四）1月9日")
    assert a["text"].endswith("早见效。")
    assert [s["heading"] for s in a["sections"]] == ["产业链招商见成效"]
    assert [c["text"] for c in a["captions"]] == ["图为签约仪式现场"]


@pytest.mark.parametrize("left_out", ["原标题", "责任编辑", "相关新闻", "另一篇园区新闻", "3条评论", "版权所有",
                                      "当前位置", "首页", "ICP"])
def test_furniture_left_out(left_out):
    assert left_out not in article_of(ARTICLE.encode())["text"]


def test_gbk_page_with_meta_charset():
    assert article_of(gbk_article())["title"] == ARTICLE_TITLE


def test_http_header_charset_wins():
    data = ARTICLE.replace("©", "(c)").encode("gbk")  # declares utf-8 in <meta>, is GBK
    assert article_of(data, charset="GBK")["title"] == ARTICLE_TITLE


def test_utf8_bytes_that_declare_gb2312():
    data = ARTICLE.replace('charset="utf-8"', 'charset="gb2312"').encode()
    assert decode_html(data, "x.html").count(ARTICLE_TITLE) == 2


def test_mhtml_page():
    body = ARTICLE.replace("=", "=3D")
    mhtml = ("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n--B\r\n"
             "Content-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
             f"{body}\r\n--B--\r\n")
    assert article_of(mhtml.encode(), "saved.mhtml")["title"] == ARTICLE_TITLE


@pytest.mark.parametrize("page", [INDEX, LOGIN], ids=["index", "login"])
def test_not_an_article(page):
    with pytest.raises(InputError, match="not an article"):
        html_articles("page.html", page.encode(), {})


def test_deeply_nested_page_is_refused_with_a_reason():
    deep = "<html><body>" + "<div>" * 50000 + "<p>正文。</p>" + "</div>" * 50000 + "</body></html>"
    with pytest.raises(InputError, match="page.html: "):
        html_articles("page.html", deep.encode(), {})


def test_html_recognised_by_content():
    assert looks_like_html("page.md", b"\n<!DOCTYPE html><html>")
    assert looks_like_html("page", b"<html lang=zh>")
    assert not looks_like_html("page.md", b"# title\n\ntext")


def test_rules():
    assert title_parts("共享充电宝涨价_10%公司_澎湃新闻-The Paper")[0] == "共享充电宝涨价"
    assert meta_fields("2019-09-07 10:23:45 来源: 新京报") == {"date": "2019-09-07", "source": "新京报"}
    assert meta_fields("据介绍，这批项目涵盖新一代信息技术。") is None
    assert ends_article("责任编辑：王五") and ends_article("相关新闻")
    assert not ends_article("高新区相关新闻发布会召开。")
    assert is_noise("3条评论") and is_noise("【打印】【关闭】") and not is_noise("园区评论员文章。")


def test_cli_imports_html_folder_and_md_copy_of_a_page(cli, tmp_path):
    (tmp_path / "a.html").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.htm").write_bytes(gbk_article())
    (tmp_path / "a-saved-as.md").write_text(ARTICLE, encoding="utf-8")
    code, _, err = cli("import", str(tmp_path))
    assert code == 0, err
    code, out, _ = cli("articles", "--format", "json")
    articles = json.loads(out)
    assert [a["title"] for a in articles] == [ARTICLE_TITLE]  # one article from three files
    assert "<" not in json.loads(cli("show", str(articles[0]["id"]), "--format", "json")[1])["text"]


def test_cli_reports_index_page_not_stored(cli, tmp_path):
    (tmp_path / "index.html").write_text(INDEX, encoding="utf-8")
    code, _, err = cli("import", str(tmp_path / "index.html"))
    assert code == 1
    assert "index.html: not an article" in err
    assert not cli.db.exists()  # nothing stored: not even an empty store


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_HTML.is_dir(), reason="shared eval pages absent")
def test_eval_pages_score():
    gold = json.loads((SHARED_HTML / "gold.json").read_text(encoding="utf-8"))["pages"]
    right = 0
    scored = [g for g in gold if g["kind"] == "article"]
    for g in scored:
        try:
            a = article_of((SHARED_HTML / "pages" / g["file"]).read_bytes(), g["file"])
        except InputError:
            continue
        text = "".join(a["text"].split())
        right += (a["title"] == g["title"] and "".join(g["first"].split()) in text
                  and "".join(g["last"].split()) in text)
    assert right / len(scored) >= 0.85
