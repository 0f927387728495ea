"""Feed subscriptions kept in the store (like newsboat): add, list, remove, update.

`update` asks each feed only for what changed (ETag / Last-Modified, a 304 costs nothing),
imports the entries it has not seen, and remembers them. Subscriptions live in the store's
`feeds` table (a small user table of the store: records / put_record / remove_record).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable

from parktui.importer import ImportReport, store_articles, with_figures_many
from parktui.ingest.errors import InputError
from parktui.ingest.feed import Feed, parse_feed
from parktui.ingest.fetch import is_url
from parktui.ingest.web import WebReader
from parktui.store import Store

FEEDS = "feeds"
# How many entry keys a subscription remembers (feeds list their latest few dozen entries).
MAX_SEEN = 2000


@dataclass
class FeedUpdate:
    """What `update` did with one feed."""

    url: str
    title: str = ""
    new_entries: int = 0
    not_modified: bool = False
    error: InputError | None = None

    def line(self) -> str:
        name = self.title or self.url
        if self.error is not None:
            return f"{name}: {self.error.reason}"
        if self.not_modified:
            return f"{name}: not modified"
        entries = "entry" if self.new_entries == 1 else "entries"
        return f"{name}: {self.new_entries} new {entries}"


@dataclass
class UpdateReport:
    feeds: list[FeedUpdate] = field(default_factory=list)
    imported: ImportReport = field(default_factory=ImportReport)


def subscriptions(store: Store) -> list[dict[str, Any]]:
    """Every subscription (url, title, added, updated, entries seen), in the order added."""
    if not store.exists():
        return []
    return [dict(record, id=n) for n, record in sorted(store.records(FEEDS).items())]


def add_feed(store: Store, url: str, web: WebReader) -> dict[str, Any]:
    """Subscribe to a feed after checking that the address serves one; InputError if not."""
    if not is_url(url):
        raise InputError(url, "not an http:// or https:// address")
    if any(sub["url"] == url for sub in subscriptions(store)):
        raise InputError(url, "already subscribed")
    fetched = web.get(url)
    feed = parse_feed(fetched.data, url)
    record = {"url": url, "title": feed.title, "added": _now(), "updated": "", "etag": "",
              "last_modified": "", "seen": []}
    store.put_record(FEEDS, record)
    return record


def remove_feed(store: Store, url: str) -> bool:
    """Unsubscribe (its imported articles stay); False if there was no such subscription."""
    ids = [sub["id"] for sub in subscriptions(store) if sub["url"] == url]
    return any([store.remove_record(FEEDS, n) for n in ids])


def update_feeds(store: Store, web: WebReader,
                 progress: Callable[[FeedUpdate, int, int], None] | None = None) -> UpdateReport:
    """Fetch every subscription (conditionally), import new entries, remember what was seen."""
    report = UpdateReport()
    subs = subscriptions(store)
    for n, sub in enumerate(subs, start=1):
        result, articles, state = _update_one(sub, web, report.imported.errors)
        report.imported.inputs += 1
        report.feeds.append(result)
        if articles:
            store_articles(store, with_figures_many(articles), report.imported, sub["url"])
        if state:
            store.put_record(FEEDS, {**{k: v for k, v in sub.items() if k != "id"}, **state}, sub["id"])
        if progress:
            progress(result, n, len(subs))
    if report.imported.total:
        from parktui.search import update_index

        update_index(store)
    return report


def _update_one(sub: dict[str, Any], web: WebReader,
                errors: list[InputError]) -> tuple[FeedUpdate, list[dict[str, Any]], dict[str, Any]]:
    """One feed: (what happened, the articles of its new entries, the state to remember)."""
    result = FeedUpdate(sub["url"], sub.get("title", ""))
    try:
        fetched = web.get(sub["url"], sub.get("etag", ""), sub.get("last_modified", ""))
        if fetched.not_modified:
            result.not_modified = True
            return result, [], {"updated": _now()}
        feed = parse_feed(fetched.data, sub["url"])
        seen = set(sub.get("seen") or [])
        fresh = [e for e in feed.entries if e.key not in seen]
        result.new_entries = len(fresh)
        articles: list[dict[str, Any]] = []
        if fresh:
            articles, entry_errors = web.feed_articles(sub["url"], b"", {}, Feed(feed.title, fresh))
            errors.extend(entry_errors)
    except InputError as exc:
        result.error = exc
        errors.append(exc)
        return result, [], {}
    keys = [e.key for e in feed.entries] + [k for k in sub.get("seen") or [] if k not in {e.key for e in feed.entries}]
    state = {"updated": _now(), "etag": fetched.etag, "last_modified": fetched.last_modified,
             "title": feed.title or sub.get("title", ""), "seen": keys[:MAX_SEEN]}
    return result, articles, state


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M")
