"""Reading from the web during one import: pages and feeds by URL, feed entries' pages (--follow)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from parktui.ingest.errors import InputError
from parktui.ingest.feed import Feed, entry_article, parse_feed
from parktui.ingest.fetch import Fetched, fetch, is_url, make_client
from parktui.ingest.html import html_articles
from parktui.model import content_hash, identity_key

if TYPE_CHECKING:
    import httpx


class WebReader:
    """One HTTP client for an import run (opened on first use); `follow` fetches entries' pages."""

    def __init__(self, follow: bool = False, client: httpx.Client | None = None):
        self.follow = follow
        self._client = client

    def __enter__(self) -> WebReader:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def get(self, url: str, etag: str = "", last_modified: str = "") -> Fetched:
        if self._client is None:
            self._client = make_client()
        return fetch(self._client, url, etag, last_modified)

    def feed_articles(self, name: str, data: bytes, meta: dict[str, str],
                      feed: Feed | None = None) -> tuple[list[dict[str, Any]], list[InputError]]:
        """One article per entry (its page's with --follow, else the entry's own text)."""
        feed = feed or parse_feed(data, name)
        source = meta.get("source") or feed.title
        articles: list[dict[str, Any]] = []
        errors: list[InputError] = []
        for entry in feed.entries:
            entry_meta = {k: v for k, v in meta.items() if k != "source"}
            if self.follow and is_url(entry.link):
                try:
                    articles.extend(self.page_articles(entry.link, {"date": entry.date, **entry_meta},
                                                       fill_only=("date",)))
                    continue
                except InputError as exc:
                    errors.append(InputError(exc.name, f"{exc.reason}; kept the feed's summary instead"))
            article = entry_article(entry, source, entry_meta)
            if article is not None:
                articles.append(article)
        if not articles and not errors:
            raise InputError(name, "feed has no entries with text")
        return articles, errors

    def page_articles(self, url: str, meta: dict[str, str], fill_only: tuple[str, ...] = ()) -> list[dict[str, Any]]:
        """The article of the page at url; `fill_only` fields of meta only fill gaps."""
        fetched = self.get(url)
        return fetched_articles(fetched, meta, fill_only)


def fetched_articles(fetched: Fetched, meta: dict[str, str], fill_only: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """A fetched page's article; its URL is the page's canonical link, else the address fetched."""
    fill = {**{k: meta[k] for k in fill_only if meta.get(k)}, "url": fetched.url}
    given = {k: v for k, v in meta.items() if k not in fill and v}
    articles = html_articles(fetched.url, fetched.data, given, fetched.charset)
    for article in articles:
        missing = {k: v for k, v in fill.items() if not article.get(k)}
        if missing:
            article.update(missing)
            article["key"] = identity_key(article)
            article["hash"] = content_hash(article)
    return articles
