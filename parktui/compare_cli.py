"""`parktui compare FAMILY`: the league table of one metric family on the command line."""
from __future__ import annotations

import argparse

from parktui.compare_options import BY, COMPARE_KINDS

EXIT_OK, EXIT_USAGE = 0, 2


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "compare", help="league table of one metric family: parks × periods",
        description="One row per park (or province, or period), one column per period (or park), one value "
                    "a cell: the latest report; * marks cells where reports disagree. Families: "
                    "固定资产投资, 营业收入 (营收), 工业总产值, 规上工业增加值, 地区生产总值 (GDP), 实际使用外资, "
                    "进出口总额, 税收, 签约项目, 新增企业, 高新技术企业, 研发投入, 专利授权… "
                    "(add your own under [families] in config.toml).")
    p.add_argument("family", metavar="FAMILY", help="a metric family or any of its spellings, e.g. 营收")
    p.add_argument("--kind", choices=COMPARE_KINDS, help="amount, growth or count (default: the family's first)")
    p.add_argument("--by", choices=BY, default="park",
                   help="rows: park (default), province (amounts and counts added up) or year (periods)")
    p.add_argument("--year", help="only periods of this year, e.g. 2024")
    p.add_argument("--province", help="only parks of this province, e.g. 江苏")
    p.add_argument("--type", dest="park_type", metavar="TYPE", help="only parks of this type, e.g. 经开区, 高新区")
    p.add_argument("--unit", help="compare figures in this unit (default: the most reported one, e.g. 元)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")


def run(args: argparse.Namespace) -> int:
    from parktui.cli import error, open_store, print_rich, write_bytes, write_json
    from parktui.compare import CompareError, CompareQuery, compare
    from parktui.compare_output import csv_bytes, rich_table, to_json
    from parktui.safetext import visible

    query = CompareQuery(family=args.family, kind=args.kind or "", by=args.by, year=args.year or "",
                         province=args.province or "", park_type=args.park_type or "", unit=args.unit or "")
    try:
        comparison = compare(open_store(args).iter_articles(), query)
    except CompareError as exc:
        error(f"compare: {exc}")
        return EXIT_USAGE
    if args.format == "json":
        write_json(to_json(comparison))
    elif args.format == "csv":
        write_bytes(csv_bytes(comparison))
    elif comparison.rows:
        import shutil

        print_rich(rich_table(comparison, width=shutil.get_terminal_size().columns))
    else:
        from rich.text import Text

        print_rich(Text(visible("\n".join([f"No {comparison.family.name} {comparison.kind} figures match.",
                                           *comparison.notes]))))
    return EXIT_OK

