"""Store commands of `parktui`: `articles` (with filters), `imports`, `delete`.

    parktui articles [--limit N] [--park P] [--since DATE] [--source S] [--format table|json]
    parktui imports [--format table|json]
    parktui delete ID... | --import N

`articles` prints rows as it goes: on a terminal a table whose titles get every cell the
other columns leave (never fewer than 20, longer titles end in …); piped, one plain line
per article (tab-separated id, date, source, park, figures, title; no padding).
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from parktui.safetext import visible, visible_fields

if TYPE_CHECKING:
    from parktui.store import Store

Row = dict[str, Any]
EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
MIN_TITLE = 20
TABLE_BLOCK = 2_000  # rows the table's columns are measured on


def add_commands(sub: Any) -> None:
    """Add `articles`, `imports` and `delete` to the `parktui` subcommand parser."""
    p = sub.add_parser("articles", help="list stored articles",
                       description="List stored articles in id order (import order); filters combine.")
    p.add_argument("--limit", type=int, metavar="N", help="only the N newest (highest ids) that match")
    p.add_argument("--park", help="park name or part of it, e.g. 雄安")
    p.add_argument("--since", metavar="DATE", help="published on or after DATE, e.g. 2024-01 or 2024-01-10")
    p.add_argument("--source", help="paper or site, or part of its name")
    p.add_argument("--format", choices=("table", "json"), default="table")

    p = sub.add_parser("imports", help="list the numbered imports (when, what, how many)")
    p.add_argument("--format", choices=("table", "json"), default="table")

    p = sub.add_parser("delete", help="delete articles by id, or undo a whole import",
                       description="Delete articles (search, lists and figures follow at once). "
                                   "--import N deletes the articles import #N added (see `parktui imports`).")
    p.add_argument("ids", nargs="*", type=int, metavar="ID")
    p.add_argument("--import", dest="import_number", type=int, metavar="N", help="undo import #N")


def article_filter(args: argparse.Namespace) -> Callable[[Row], bool] | None:
    park, source, since = args.park or "", args.source or "", args.since or ""
    if not (park or source or since):
        return None

    def accepts(row: Row) -> bool:
        if park and not any(park in name for name in [row.get("park") or "", *(row.get("park_aliases") or [])]):
            return False
        if source and source not in (row.get("source") or ""):
            return False
        return not since or (row.get("date") or "") >= since

    return accepts


def cmd_articles(store: Store, args: argparse.Namespace, write_json: Callable[[object], None]) -> int:
    if args.limit is not None and args.limit < 0:
        print("parktui: error: articles: --limit must be 0 or more", file=sys.stderr)
        return EXIT_USAGE
    where = article_filter(args)
    if args.format == "json":
        write_json(store.summaries(newest=args.limit, where=where))
        return EXIT_OK
    batches = (iter([store.summaries(newest=args.limit, where=where)]) if args.limit is not None
               else store.summary_batches(where))
    safe = (visible_fields(rows) for rows in batches)  # article text cannot drive the terminal (issue 10)
    out = sys.stdout
    lines = table_lines(safe, last_id=store.meta().get("next_id", 1) - 1) if out.isatty() else plain_lines(safe)
    printed = False
    for line in lines:
        out.write(line + "\n")
        printed = True
    out.flush()
    if not printed:
        filtered = args.park or args.source or args.since
        print("No articles match." if filtered else
              "No articles yet. Import a page: parktui import PAGE.md (or --sample)")
    return EXIT_OK


def plain_lines(batches: Iterable[list[Row]]) -> Iterable[str]:
    for rows in batches:
        for r in rows:
            fields = [str(r["id"]), r.get("date") or "", r.get("source") or "", r.get("park") or "",
                      str(r.get("n_figures") or 0), r.get("title") or ""]
            yield "\t".join(visible(f).replace("\n", " ") for f in fields)


def figure_lines(rows: list[Row]) -> Iterable[str]:
    """Figures as tab-separated lines: article id, metric, value, kind, period, park."""
    from parktui.figures import format_value

    for r in rows:
        fields = [str(r["article_id"]), r.get("metric") or "", str(format_value(r)), r.get("kind") or "",
                  str(r.get("period") or ""), r.get("park") or ""]
        yield "\t".join(visible(f).replace("\n", " ") for f in fields)


def table_lines(batches: Iterable[list[Row]], last_id: int = 0) -> Iterable[str]:
    """Aligned columns in the terminal's width; only the title column gives way. The columns
    are measured on the first `TABLE_BLOCK` rows (ids up to `last_id`), so the first lines
    come before the rest is read; a later park name wider than its column ends in …."""
    import shutil

    from rich.cells import cell_len

    from parktui.cjk import fit

    batches = iter(batches)
    first: list[Row] = []
    for rows in batches:
        first.extend(rows)
        if len(first) >= TABLE_BLOCK:
            break
    if not first:
        return
    width = shutil.get_terminal_size((100, 24)).columns
    heads = [("id", True), ("date", False), ("park", False), ("figures", True)]
    widths = [max(len(str(last_id)), *(len(str(r["id"])) for r in first)),
              max(cell_len(str(r.get("date") or "")) for r in first),
              max(cell_len(fit(r.get("park") or "", 14)) for r in first), 0]
    widths = [max(w, cell_len(head)) for w, (head, _) in zip(widths, heads, strict=True)]
    title_width = max(MIN_TITLE, width - sum(widths) - 2 * len(heads))

    def line(row: Row) -> str:
        values = [str(row["id"]), str(row.get("date") or ""), fit(row.get("park") or "", widths[2]),
                  str(row.get("n_figures") or 0)]
        cells = [pad(v, w, right) for v, w, (_, right) in zip(values, widths, heads, strict=True)]
        return "  ".join([*cells, fit(row.get("title") or "", title_width).rstrip()])

    def pad(text: str, w: int, right: bool) -> str:
        space = " " * max(0, w - cell_len(text))
        return space + text if right else text + space

    yield "  ".join([*(pad(h, w, r) for (h, r), w in zip(heads, widths, strict=True)), "title"])
    yield from (line(row) for row in first)
    for rows in batches:
        yield from (line(row) for row in rows)


def cmd_imports(store: Store, args: argparse.Namespace, write_json: Callable[[object], None]) -> int:
    imports = store.imports()
    if args.format == "json":
        write_json(imports)
        return EXIT_OK
    if not imports:
        print("No imports yet.")
        return EXIT_OK
    for rec in imports:
        undone = f", {rec['undone']} deleted by `delete --import`" if rec.get("undone") is not None else ""
        print(visible(f"#{rec['id']}  {rec.get('when') or '?'}  {rec.get('new', 0)} new, "
                      f"{rec.get('updated', 0)} updated, {rec.get('unchanged', 0)} unchanged{undone}  "
                      f"{rec.get('what') or ''}"))
    return EXIT_OK


def cmd_delete(store: Store, args: argparse.Namespace) -> int:
    from parktui.search import update_index

    if bool(args.ids) == (args.import_number is not None):
        print("parktui: error: delete: give article IDs or --import N (not both)", file=sys.stderr)
        return EXIT_USAGE
    if args.import_number is not None:
        gone = store.delete_import(args.import_number)
        if gone is None:
            print(f"parktui: error: no import #{args.import_number} (see `parktui imports`)", file=sys.stderr)
            return EXIT_REJECTED
        missing: list[int] = []
    else:
        gone = store.delete(args.ids)
        missing = [i for i in args.ids if i not in gone]
    if gone:
        update_index(store)
    for i in missing:
        print(f"parktui: error: no article with id {i} (see `parktui articles`)", file=sys.stderr)
    print(f"deleted {len(gone)} article{'s' if len(gone) != 1 else ''}", file=sys.stderr)
    return EXIT_REJECTED if missing else EXIT_OK
