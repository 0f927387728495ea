"""Rich renderings for the command line: the article list, one article, the figures table."""
from __future__ import annotations

from typing import Any, Iterator

from rich.console import JustifyMethod
from rich.table import Table
from rich.text import Text

from parktui.cjk import wrap
from parktui.figures import format_value
from parktui.model import CAPTION, SECTION, Article, Figure, byline_text, paragraphs
from parktui.safetext import visible, visible_fields


def cell(value: object) -> Text:
    """A table cell from article data: never markup, never a control character."""
    return Text(visible("" if value is None else str(value)))


def articles_table(articles: list[dict[str, Any]]) -> Table:
    """`articles`: model.summary of each article, with its id."""
    table = Table(show_edge=False, header_style="bold", pad_edge=False)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("title", overflow="fold", ratio=3)
    table.add_column("park", no_wrap=True)
    table.add_column("column", no_wrap=True)
    table.add_column("date / source", no_wrap=True)
    table.add_column("figures", justify="right", no_wrap=True)
    for a in articles:
        table.add_row(str(a["id"]), cell(a["title"]), cell(a.get("park")), cell(a.get("column")),
                      cell(a.get("date") or a.get("source")), str(a.get("n_figures", 0)))
    return table


def article_paragraphs(article: Article) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The article's (text, style) paragraphs, shown through `visible`: the head (title,
    subtitle, column/byline/park/source/date) and the body blocks in reading order."""
    a: Article = visible_fields(article)
    head = [(a["title"], "bold")]
    if a.get("subtitle"):
        head.append((a["subtitle"], "italic"))
    info = [x for x in (a.get("column") and f"【{a['column']}】", byline_text(a),
                        a.get("park"), a.get("source"), a.get("date")) if x]
    if info:
        head.append(("  ·  ".join(info), "dim"))
    body: list[tuple[str, str]] = []
    captions: Iterator[dict[str, Any]] = iter(a.get("captions") or [])
    for block in paragraphs(a):
        if block["type"] == SECTION:
            body.append((block["text"], "bold underline"))
        elif block["type"] == CAPTION:
            credit = next(captions, {}).get("credit")
            body.append(("图片说明：" + block["text"] + (f"\n—— {credit}" if credit else ""), "italic"))
        else:
            body.append((block["text"], ""))
    return head, body


def article_plain(article: Article) -> str:
    """The article as plain text: its paragraphs as written, a blank line between them."""
    head, body = article_paragraphs(article)
    return "\n".join(t for t, _ in head) + "\n\n" + "\n\n".join(t for t, _ in body) + "\n"


def article_wrapped(article: Article, width: int) -> Text:
    """The article for a terminal `width` cells wide, wrapped by the browser's rules
    (parktui.cjk: no line starts with closing punctuation, numbers stay whole)."""
    head, body = article_paragraphs(article)
    out = Text()
    for group, sep in ((head, "\n"), (body, "\n\n")):
        for i, (para, style) in enumerate(group):
            if i:
                out.append(sep)
            out.append("\n".join(wrap(para, width)), style=style)
        if group is head:
            out.append("\n\n")
    return out


def figures_table(rows: list[Figure]) -> Table:
    """`rows`: figures, each with its `article_id`."""
    table = Table(show_edge=False, header_style="bold", pad_edge=False)
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("article", "right"), ("metric", "left"), ("value", "right"),
        ("kind", "left"), ("period", "left"), ("park", "left"))
    for name, justify in columns:
        table.add_column(name, justify=justify, overflow="fold", no_wrap=name == "value")
    for r in rows:
        table.add_row(str(r["article_id"]), cell(r.get("metric")), cell(format_value(r)), cell(r.get("kind")),
                      cell(r.get("period")), cell(r.get("park")))
    return table
