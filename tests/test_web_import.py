"""URL and feed import, and feed subscriptions, against a local HTTP server (no internet)."""
from __future__ import annotations

import json

import pytest
from html_fixtures import ARTICLE, ARTICLE_TITLE, INDEX, entry_page, feed, gbk_article
from tui_support import make_test_app, settle, sync
from web_server import LocalServer

from parktui.ingest import fetch


@pytest.fixture
def server():
    with LocalServer() as s:
        yield s


def titles(cli) -> list[str]:
    return sorted(a["title"] for a in json.loads(cli("articles", "--format", "json")[1]))


def test_import_url(cli, server):
    url = server.add("/a1.html", ARTICLE)
    code, _, err = cli("import", url)
    assert code == 0, err
    articles = json.loads(cli("articles", "--format", "json")[1])
    assert [a["title"] for a in articles] == [ARTICLE_TITLE]
    assert articles[0]["url"] == "https://news.example.cn/2024/0110/a1.html"  # the page's canonical link
    assert articles[0]["date"] == "2024-01-10"


def test_import_url_gzip_redirect_and_header_charset(cli, server):
    server.add("/gbk.html", gbk_article(), content_type="text/html; charset=GBK", gzip=True)
    url = server.add("/old", b"", status=301, headers={"Location": "/gbk.html"})
    code, _, err = cli("import", url)
    assert code == 0, err
    assert titles(cli) == [ARTICLE_TITLE]


@pytest.mark.parametrize("path, reason", [
    ("/missing.html", "HTTP 404"),
    ("/index.html", "not an article"),
])
def test_url_errors_are_one_line_per_url(cli, server, path, reason):
    server.add("/index.html", INDEX)
    good = server.add("/a1.html", ARTICLE)
    code, _, err = cli("import", server.base + path, good)
    assert code == 1
    lines = [line for line in err.splitlines() if line.startswith("parktui: error:")]
    assert lines == [f"parktui: error: {server.base}{path}: {lines[0].split(': ', 3)[-1]}"]
    assert reason in lines[0]
    assert titles(cli) == [ARTICLE_TITLE]  # the good URL still landed


def test_url_too_large(cli, server, monkeypatch):
    monkeypatch.setattr(fetch, "MAX_FETCH_BYTES", 1000)
    url = server.add("/big.html", ARTICLE + "<!--" + "x" * 5000 + "-->")
    code, _, err = cli("import", url)
    assert code == 1 and "too large" in err


def test_url_timeout(cli, server, monkeypatch):
    monkeypatch.setattr(fetch, "TIMEOUT", (0.2, 0.2))
    url = server.add("/slow.html", ARTICLE, delay=1.0)
    code, _, err = cli("import", url)
    assert code == 1 and "timeout" in err


def test_unreachable_server(cli):
    code, _, err = cli("import", "http://127.0.0.1:9/a.html")
    assert code == 1 and "http://127.0.0.1:9/a.html: cannot connect" in err


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_import_feed_url_entries(cli, server, kind):
    url = server.add(f"/feed.{kind}", feed(server.base, 2, kind), content_type="application/xml")
    code, _, err = cli("import", url)
    assert code == 0, err
    articles = json.loads(cli("articles", "--format", "json")[1])
    assert sorted(a["title"] for a in articles) == ["园区新闻1", "园区新闻2"]
    assert {a["date"] for a in articles} == {"2024-01-11", "2024-01-12"}
    assert {a["url"] for a in articles} == {f"{server.base}/a1.html", f"{server.base}/a2.html"}
    assert all(a["source"] == "示例园区订阅" for a in articles)


def test_import_feed_file_with_follow(cli, server, tmp_path):
    for i in (1, 2):
        server.add(f"/a{i}.html", entry_page(i))
    path = tmp_path / "feed.xml"
    path.write_text(feed(server.base, 2), encoding="utf-8")
    code, _, err = cli("import", "--follow", str(path))
    assert code == 0, err
    shown = json.loads(cli("show", "1", "--format", "json")[1])
    assert "全文" in shown["text"]  # the page's full text, not the feed's summary


def test_follow_failure_keeps_summary(cli, server):
    url = server.add("/feed.rss", feed(server.base, 1), content_type="application/rss+xml")
    code, _, err = cli("import", "--follow", url)
    assert code == 1 and "a1.html: HTTP 404" in err and "summary" in err
    assert titles(cli) == ["园区新闻1"]


def test_feeds_add_list_update_conditional(cli, server):
    url = server.add("/feed.rss", feed(server.base, 1), content_type="application/rss+xml",
                     headers={"ETag": '"v1"'})
    assert cli("feeds", "add", url)[0] == 0
    assert cli("feeds", "add", url)[0] == 1  # already subscribed
    listed = json.loads(cli("feeds", "--format", "json")[1])
    assert [(f["url"], f["title"]) for f in listed] == [(url, "示例园区订阅")]

    code, _, err = cli("feeds", "update")
    assert code == 0, err
    assert "1 new entry" in err
    assert titles(cli) == ["园区新闻1"]

    code, _, err = cli("feeds", "update")  # same ETag: 304, nothing fetched again
    assert code == 0 and "not modified" in err
    assert server.requests[-1][1].get("If-None-Match") == '"v1"'

    server.add("/feed.rss", feed(server.base, 3), content_type="application/rss+xml", headers={"ETag": '"v2"'})
    code, _, err = cli("feeds", "update")
    assert code == 0 and "2 new entries" in err
    assert titles(cli) == ["园区新闻1", "园区新闻2", "园区新闻3"]

    assert cli("feeds", "remove", url)[0] == 0
    assert json.loads(cli("feeds", "--format", "json")[1]) == []
    assert len(titles(cli)) == 3  # articles stay


def test_feeds_add_refuses_a_page(cli, server):
    url = server.add("/a1.html", ARTICLE)
    code, _, err = cli("feeds", "add", url)
    assert code == 1 and "not an RSS or Atom feed" in err


@sync
async def test_browser_updates_feeds_with_progress(tmp_path, server):
    from parktui.feeds import add_feed
    from parktui.ingest.web import WebReader

    app = make_test_app(tmp_path)
    url = server.add("/feed.rss", feed(server.base, 2), content_type="application/rss+xml")
    with WebReader() as web:
        add_feed(app.store, url, web)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app._update_feeds()
        await settle(app, pilot, 0.2)
        titles = [a["title"] for a in app.store.summaries()]
        assert "园区新闻1" in titles and "园区新闻2" in titles
        assert any("imported 2 articles" in n.message for n in app._notifications)
