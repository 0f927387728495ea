"""`parktui feeds`: list, add, remove and update feed subscriptions (see parktui.feeds)."""
from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from parktui.safetext import visible

if TYPE_CHECKING:
    from rich.table import Table

FEEDS_HELP = "feed subscriptions: list (default), add URL, remove URL, update"
FEEDS_DESCRIPTION = ("Keep RSS/Atom subscriptions in the store. `feeds add URL` subscribes, `feeds` lists, "
                     "`feeds update` imports the entries not seen before (asking each feed only for what "
                     "changed), `feeds remove URL` unsubscribes (imported articles stay).")


def add_feeds_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("feeds", help=FEEDS_HELP, description=FEEDS_DESCRIPTION)
    p.add_argument("action", nargs="?", choices=("list", "add", "remove", "update"), default="list")
    p.add_argument("url", nargs="?", metavar="URL")
    p.add_argument("--follow", action="store_true", help="update: fetch each new entry's page for the full text")
    p.add_argument("--format", choices=("table", "json"), default="table", help="list: output format")


def cmd_feeds(args: argparse.Namespace) -> int:
    from parktui.cli import EXIT_OK, EXIT_REJECTED, EXIT_USAGE, error, open_store, print_rich, write_json
    from parktui.feeds import add_feed, remove_feed, subscriptions, update_feeds
    from parktui.ingest.errors import InputError
    from parktui.ingest.web import WebReader

    if args.action in ("add", "remove") and not args.url:
        error(f"feeds {args.action}: give the feed's URL")
        return EXIT_USAGE
    store = open_store(args)
    if args.action == "list":
        subs = subscriptions(store)
        if args.format == "json":
            write_json([{k: s.get(k) for k in ("id", "url", "title", "added", "updated")} for s in subs])
        else:
            print_rich(_feeds_table(subs) if subs else "No feeds yet. Subscribe: parktui feeds add URL")
        return EXIT_OK
    if args.action == "remove":
        if remove_feed(store, args.url):
            print(visible(f"unsubscribed from {args.url}"), file=sys.stderr)
            return EXIT_OK
        error(f"feeds remove: no subscription to {args.url} (see `parktui feeds`)")
        return EXIT_REJECTED
    with WebReader(follow=args.follow) as web:
        if args.action == "add":
            try:
                record = add_feed(store, args.url, web)
            except InputError as exc:
                error(str(exc))
                return EXIT_REJECTED
            print(visible(f"subscribed to {record['title'] or args.url}; run `parktui feeds update` to import it"),
                  file=sys.stderr)
            return EXIT_OK
        report = update_feeds(store, web, progress=lambda r, n, total: print(visible(f"[{n}/{total}] {r.line()}"),
                                                                              file=sys.stderr))
    if not report.feeds:
        print("No feeds yet. Subscribe: parktui feeds add URL", file=sys.stderr)
        return EXIT_OK
    for problem in report.imported.errors:
        if all(problem is not f.error for f in report.feeds):  # feed-level errors were printed above
            error(str(problem))
    print(report.imported.summary(), file=sys.stderr)
    return EXIT_REJECTED if report.imported.errors else EXIT_OK


def _feeds_table(subs: list[dict[str, Any]]) -> Table:
    from rich.table import Table

    from parktui.render import cell

    table = Table("id", "title", "url", "updated", box=None)
    for s in subs:
        table.add_row(str(s["id"]), cell(s.get("title")), cell(s["url"]), cell(s.get("updated") or "never"))
    return table
