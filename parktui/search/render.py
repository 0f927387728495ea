"""Rich rendering of search hits for the command line (the TUI draws its own)."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text

from parktui.safetext import visible
from parktui.search.engine import Hit, Snippet

HIGHLIGHT = "bold black on yellow"


def snippet_text(snippet: Snippet) -> Text:
    """The snippet's context with every match in it highlighted."""
    text = Text(visible(snippet.text.replace("\n", " ")), style="default")
    for start, end in snippet.marks or ((snippet.start, snippet.end),):
        lo, hi = start - snippet.offset, end - snippet.offset
        if 0 <= lo < hi <= len(snippet.text):
            text.stylize(HIGHLIGHT, lo, hi)
    return text


def hits_table(hits: list[Hit]) -> Table:
    table = Table(show_lines=True)
    table.add_column("ID", justify="right", style="cyan", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Title / snippets", ratio=1, overflow="fold")
    table.add_column("Park", max_width=12, overflow="ellipsis")
    table.add_column("Score", justify="right")
    for hit in hits:
        title_snip = next((s for s in hit.snippets if s.field == "title"), None)
        cell = snippet_text(title_snip) if title_snip else Text(visible(hit.title))
        cell.stylize("bold")
        for snip in hit.snippets:
            if snip.field != "title":
                cell.append("\n")
                cell.append_text(snippet_text(snip))
        table.add_row(str(hit.article_id), Text(visible(hit.date)), cell, Text(visible(hit.park)), f"{hit.score:.2f}")
    return table
