"""The `parktui` command: a thin layer over the core for people, scripts and tests.

No command opens the TUI. The commands and their options are the registered subparsers
(`parktui --help`, `parktui help COMMAND`), so this docstring does not repeat them.
Exit status: 0 success, 1 an input or the store was rejected, 2 usage error.
"""
from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from parktui import __version__
from parktui.feeds_cli import add_feeds_parser, cmd_feeds

if TYPE_CHECKING:  # imported lazily at run time: `parktui --version` stays fast
    from rich.console import RenderableType

    from parktui.store import Store

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parktui",
        description="A terminal browser for Chinese industrial-park news (园区新闻). "
                    "Without a command, opens the browser.",
    )
    parser.add_argument("--version", action="version", version=f"parktui {__version__}")
    parser.add_argument("--db", metavar="PATH",
                        help="store file (default: $PARKTUI_DB, else the user data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    p = sub.add_parser("import", help="import pages (Markdown/text/HTML), JSON Lines, URLs or feeds",
                       description="Import newspaper pages, web pages (.html, .htm, .mhtml), folders of them "
                                   "(recursively), JSON Lines files (one article per line), http(s):// "
                                   "addresses of pages or RSS/Atom feeds, or - for standard input.")
    p.add_argument("paths", nargs="*", metavar="PATH|URL")
    p.add_argument("--source", help="the paper or site, e.g. 科技日报 (overrides the page's own)")
    p.add_argument("--date", help="publication date, e.g. 2024-01-10 (overrides the page's own)")
    p.add_argument("--sample", action="store_true", help="also import the bundled sample page")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary (errors still)")
    p.add_argument("--follow", action="store_true",
                   help="for feeds (RSS/Atom): fetch each entry's page for the full text")

    from parktui.cli_store import add_commands

    add_commands(sub)  # articles, imports, delete

    p = sub.add_parser("show", help="show one article")
    p.add_argument("id", type=int)
    p.add_argument("--format", choices=("text", "json"),
                   help="text: the paragraphs as written (the default when piped; on a terminal the "
                        "article is wrapped to its width); json: every stored field")

    p = sub.add_parser("figures", help="list the figures of stored articles",
                       description="Every figure (quantity) found in the stored articles. "
                                   "Amounts accept 亿/万: --min 100亿.")
    p.add_argument("--park", help="park name or part of it, e.g. 青岛")
    p.add_argument("--province", help="province of the figure's park (national-level parks), e.g. 河北")
    p.add_argument("--metric", help="text the metric contains, e.g. 投资")
    p.add_argument("--family", help="metric family (any spelling), e.g. 固定资产投资, 营收")
    p.add_argument("--kind", choices=("amount", "count", "growth", "share", "duration", "other"))
    p.add_argument("--min", dest="minimum", metavar="V", help="smallest value, e.g. 100亿 or 20")
    p.add_argument("--max", dest="maximum", metavar="V", help="largest value")
    p.add_argument("--value", dest="condition", metavar="COND",
                   help="a condition on the value, as in search: '>20%%', '>=100亿', '<5万元'")
    p.add_argument("--article", type=int, metavar="ID")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")

    p = sub.add_parser("reindex", help="re-extract the figures of every stored article")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")

    p = sub.add_parser("search", help="full-text search (Chinese, exact substrings)",
                       description="Search titles, subtitles, body text and captions. Terms are ANDed; "
                                   '"a phrase"; -term excludes; a OR b; filters park: year: source: '
                                   "column:; figure search: 固定资产投资 >100亿, >20%.")
    p.add_argument("query", nargs="+", metavar="QUERY")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="hits to show (0: all; default 20)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    add_feeds_parser(sub)
    from parktui.compare_cli import add_parser as add_compare_parser

    add_compare_parser(sub)
    p = sub.add_parser("doctor", help="check the store and its derived files",
                       description="Check the store (readable, schema, article fields, figure offsets, "
                                   "unique keys, extractor version, derived files). Exit 0 healthy, 1 problems.")
    p.add_argument("--repair", action="store_true",
                   help="restore an unreadable store from <store>.bak (keeping it as <store>.broken-TIME), "
                        "rebuild figures and derived files; never deletes articles")
    from parktui import cli_help

    cli_help.add_help_command(sub)
    cli_help.finish(parser)  # the examples, completion; after every command is registered
    return parser


def error(message: str) -> None:
    """One line on stderr; file names and article text in it are shown harmlessly."""
    from parktui.safetext import visible

    print(f"parktui: error: {visible(message)}", file=sys.stderr)


def open_store(args: argparse.Namespace) -> Store:
    """The store named by --db / PARKTUI_DB, or the default one (seeded with the sample)."""
    from parktui.locations import db_path_from, sample_page
    from parktui.store import Store

    path, is_default = db_path_from(args.db)
    store = Store(path)
    if is_default and not store.exists():
        from parktui.importer import import_paths

        import_paths(store, [str(sample_page())])
    return store


# Commands that only read (or change) an existing store: on a missing one they say so.
NEEDS_STORE = frozenset({"articles", "imports", "delete", "show", "figures", "reindex", "search", "compare"})


def missing_store(args: argparse.Namespace) -> str | None:
    """Why a store-reading command cannot run (its named store does not exist), or None."""
    from parktui.locations import db_path_from

    path, is_default = db_path_from(args.db)
    if args.command not in NEEDS_STORE or is_default or path.exists():
        return None
    return (f"{path}: no store here (check --db or PARKTUI_DB; to start one: "
            f"parktui --db {path} import PAGE.md)")


def main(argv: list[str] | None = None) -> int:
    from parktui import cli_help

    parser = build_parser()
    args = cli_help.parse(parser, argv)
    if args.print_completion:
        return cli_help.print_completion(parser, args.print_completion)
    if args.command == "help":
        return cli_help.run_help(parser, args.topic)
    problem = missing_store(args)
    if problem:
        error(problem)
        return EXIT_REJECTED
    from parktui.families import FamilyError
    from parktui.figure_table import AmountError
    from parktui.store import StoreError

    try:
        if args.command is None:
            from parktui.tui.app import run

            return run(open_store(args))
        command = COMMANDS[args.command]
        return command(args)
    except StoreError as exc:
        error(str(exc))
        return EXIT_REJECTED
    except FamilyError as exc:
        error(str(exc))
        return EXIT_USAGE
    except AmountError as exc:
        error(str(exc))
        return EXIT_USAGE
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


def write_json(obj: object) -> None:
    import orjson

    write_bytes(orjson.dumps(obj, option=orjson.OPT_INDENT_2))


def print_rich(renderable_or_message: RenderableType) -> None:
    from rich.console import Console

    Console().print(renderable_or_message)


def write_bytes(data: bytes) -> None:
    sys.stdout.buffer.write(data)
    if not data.endswith(b"\n"):
        sys.stdout.buffer.write(b"\n")
    sys.stdout.flush()


def cmd_import(args: argparse.Namespace) -> int:
    from parktui.importer import import_paths
    from parktui.locations import sample_page

    paths = list(args.paths)
    if args.sample:
        paths.append(str(sample_page()))
    if not paths:
        error("import: give at least one PATH (or - for standard input, or --sample)")
        return EXIT_USAGE
    from parktui.cli_progress import count_inputs, progress_bars, wanted

    store = open_store(args)
    with progress_bars(wanted(args.quiet), count_inputs(paths)) as bars:
        report = import_paths(store, paths, source=args.source, date=args.date, follow=args.follow,
                              progress=bars.file_done if bars else None,
                              extracting=bars.extracting if bars else None, stage=bars.stage if bars else None)
    for exc in report.errors:
        error(str(exc))
    if not args.quiet:
        for item in report.skipped:
            print(f"parktui: skipped {item}", file=sys.stderr)
        print(report.summary(), file=sys.stderr)
    return EXIT_REJECTED if report.errors else EXIT_OK


def cmd_articles(args: argparse.Namespace) -> int:
    from parktui import cli_store

    return cli_store.cmd_articles(open_store(args), args, write_json)


def cmd_imports(args: argparse.Namespace) -> int:
    from parktui import cli_store

    return cli_store.cmd_imports(open_store(args), args, write_json)


def cmd_delete(args: argparse.Namespace) -> int:
    from parktui import cli_store

    return cli_store.cmd_delete(open_store(args), args)


def cmd_show(args: argparse.Namespace) -> int:
    article = open_store(args).article(args.id)
    if article is None:
        error(f"no article with id {args.id} (see `parktui articles`)")
        return EXIT_REJECTED
    if args.format == "json":
        from parktui.model import figures_of

        article["figures"] = figures_of(article)
        write_json(article)
        return EXIT_OK
    from parktui.render import article_plain, article_wrapped

    if args.format == "text" or not sys.stdout.isatty():
        sys.stdout.write(article_plain(article))
        sys.stdout.flush()
        return EXIT_OK
    from rich.console import Console

    console = Console()
    console.print(article_wrapped(article, console.width), soft_wrap=True)
    return EXIT_OK


def cmd_figures(args: argparse.Namespace) -> int:
    from parktui.families import families
    from parktui.figure_table import (
        AmountError,
        FigureFilter,
        parse_amount,
        parse_condition,
        to_csv,
        to_json,
    )

    try:
        condition = parse_condition(args.condition) if args.condition else None
    except AmountError as exc:
        print(f"parktui figures: --value: {exc}", file=sys.stderr)
        return EXIT_USAGE
    flt = FigureFilter(
        park=args.park or "", province=args.province or "", metric=args.metric or "", kind=args.kind or "",
        article=args.article,
        family=families().require(args.family).name if args.family else "",
        minimum=parse_amount(args.minimum)[0] if args.minimum else None,
        maximum=parse_amount(args.maximum)[0] if args.maximum else None, condition=condition,
    )
    rows = [r for r in _figure_rows(open_store(args), args) if flt.accepts(r)]
    if args.format == "json":
        write_bytes(to_json(rows))
    elif args.format == "csv":
        sys.stdout.buffer.write(to_csv(rows))
        sys.stdout.flush()
    elif rows and not sys.stdout.isatty():  # piped: one plain line per figure, fast at any size
        from parktui.cli_store import figure_lines

        sys.stdout.write("".join(line + "\n" for line in figure_lines(rows)))
        sys.stdout.flush()
    else:
        from parktui.render import figures_table

        print_rich(figures_table(rows) if rows else "No figures match.")
    return EXIT_OK


def _figure_rows(store: Store, args: argparse.Namespace) -> list[dict[str, Any]]:
    """The rows the filters may keep: with --article, that article's; with --park, those the
    search index lists for the park (its figure rows, without reading the store); else all."""
    from parktui.bulk import collector_paused
    from parktui.figure_table import figure_rows

    if args.article is not None:
        return figure_rows(store.articles([args.article]))
    if args.park:
        from parktui.search import park_figures

        return park_figures(store, args.park)
    with collector_paused():
        return figure_rows(store.iter_articles())


def cmd_reindex(args: argparse.Namespace) -> int:
    from parktui.cli_progress import progress_bars, wanted
    from parktui.importer import reextract_figures
    from parktui.plural import count

    with progress_bars(wanted(args.quiet)) as bars:
        n_articles, n_figures = reextract_figures(open_store(args), extracting=bars.extracting if bars else None,
                                                  stage=bars.stage if bars else None)
    if not args.quiet:
        print(f"re-extracted {count(n_figures, 'figure')} from {count(n_articles, 'article')}", file=sys.stderr)
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from parktui.locations import db_path_from
    from parktui.search import QueryError, search

    if args.limit < 0:
        error("search: --limit must be 0 (all hits) or more")
        return EXIT_USAGE
    path, is_default = db_path_from(args.db)
    store = open_store(args) if is_default else path
    try:
        hits = search(store, " ".join(args.query), limit=args.limit)
    except QueryError as exc:
        error(f"search: {exc}")
        return EXIT_USAGE
    if args.format == "json":
        write_json([h.to_json() for h in hits])
        return EXIT_OK
    from parktui.search.render import hits_table

    print_rich(hits_table(hits) if hits else "No articles match.")
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    from parktui.compare_cli import run

    return run(args)


def cmd_doctor(args: argparse.Namespace) -> int:
    from parktui.doctor import check
    from parktui.locations import db_path_from
    from parktui.repair import repair
    from parktui.store import Store

    store = Store(db_path_from(args.db)[0])
    try:
        report = repair(store) if args.repair else check(store)
    except OSError as exc:
        error(f"{exc.filename or store.path}: {exc.strerror or exc}")
        return EXIT_REJECTED
    print("\n".join(report.lines()))
    return EXIT_OK if report.healthy else EXIT_REJECTED


COMMANDS = {
    "import": cmd_import,
    "articles": cmd_articles,
    "imports": cmd_imports,
    "delete": cmd_delete,
    "show": cmd_show,
    "figures": cmd_figures,
    "reindex": cmd_reindex,
    "search": cmd_search,
    "doctor": cmd_doctor,
    "feeds": cmd_feeds,
    "compare": cmd_compare,
}

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
