"""The command line's help: the command list with an example each (`parktui --help`),
`parktui help COMMAND`, shell completion (`--print-completion bash|zsh|fish`), and
usage errors reported by the command they belong to.

The list is built from the registered subcommands, so a command added anywhere appears
in `--help`, in `help`, and in the completion scripts without further edits; its
example comes from `EXAMPLES` or from the subparser's own `example` default
(`p.set_defaults(example="parktui …")`).
"""
from __future__ import annotations

import argparse
import sys
from typing import Any

SHELLS = ("bash", "zsh", "fish")
EXAMPLES = {
    "import": "parktui import pages/ --source 科技日报 --date 2024-01-10",
    "articles": "parktui articles --park 青岛 --limit 20",
    "imports": "parktui imports",
    "delete": "parktui delete --import 3",
    "show": "parktui show 2",
    "figures": "parktui figures --metric 投资 --min 100亿 --format csv > investment.csv",
    "reindex": "parktui reindex",
    "search": "parktui search '固定资产投资 >100亿'",
    "compare": "parktui compare 固定资产投资 --by park",
    "feeds": "parktui feeds add https://example.com/rss.xml",
    "doctor": "parktui doctor --repair",
    "help": "parktui help figures",
}


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The registered subcommands by name, in the order they were added."""
    for action in parser._actions:  # argparse keeps its subparsers action here (no public API)
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def example_of(name: str, sub: argparse.ArgumentParser) -> str:
    return str(sub.get_default("example") or EXAMPLES.get(name, ""))


def add_help_command(sub: Any) -> None:
    p = sub.add_parser("help", help="show the help of one command", description="Show the help of COMMAND.")
    p.add_argument("topic", nargs="?", metavar="COMMAND", help="a command, e.g. figures")


def finish(parser: argparse.ArgumentParser) -> None:
    """Add the examples epilog and the completion option once every command is registered."""
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("--print-completion", choices=SHELLS, metavar="SHELL",
                        help="print a completion script for bash, zsh or fish and exit (see the README)")
    lines = [f"  {example_of(name, sub)}" for name, sub in subcommands(parser).items() if example_of(name, sub)]
    parser.epilog = ("examples:\n" + "\n".join(lines) +
                     "\n\nEvery command takes --help; `parktui help COMMAND` shows it too.")
    for sub in subcommands(parser).values():
        sub.formatter_class = argparse.RawDescriptionHelpFormatter
    names = list(subcommands(parser))
    for action in subcommands(parser)["help"]._actions:
        if action.dest == "topic":
            action.choices = names  # completion offers them; a wrong one is named by argparse


def parse(parser: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace:
    """Parse `argv`; an unknown option is reported with the usage of its own command."""
    args, extra = parser.parse_known_args(argv)
    if extra:
        owner = subcommands(parser).get(args.command or "", parser)
        owner.error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def run_help(parser: argparse.ArgumentParser, topic: str | None) -> int:
    commands = subcommands(parser)
    if topic is None:
        parser.print_help()
        return 0
    commands[topic].print_help()
    return 0


def print_completion(parser: argparse.ArgumentParser, shell: str) -> int:
    import shtab

    sys.stdout.write(shtab.complete(parser, shell=shell))
    return 0
