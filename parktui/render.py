"""Rich renderings for the command line: the article list, one article, the figures table."""
from __future__ import annotations

from typing import Any

from rich.console import Group, JustifyMethod, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from parktui.figures import format_value
from parktui.model import CAPTION, SECTION, Article, Figure, byline_text, paragraphs


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
        table.add_row(str(a["id"]), a["title"], a.get("park") or "", a.get("column") or "",
                      a.get("date") or a.get("source") or "", str(a.get("n_figures", 0)))
    return table


def article_view(article: Article) -> Group:
    parts: list[RenderableType] = [Text(article["title"], style="bold")]
    if article.get("subtitle"):
        parts.append(Text(article["subtitle"], style="italic"))
    info = [x for x in (article.get("column") and f"【{article['column']}】", byline_text(article),
                        article.get("park"), article.get("source"), article.get("date")) if x]
    if info:
        parts.append(Text("  ·  ".join(info), style="dim"))
    parts.append(Text(""))
    captions = iter(article.get("captions") or [])
    for block in paragraphs(article):
        if block["type"] == SECTION:
            parts.append(Text("\n" + block["text"], style="bold underline"))
        elif block["type"] == CAPTION:
            cap = next(captions, {"credit": ""})
            body = Text(block["text"], style="italic")
            if cap.get("credit"):
                body.append(f"\n{cap['credit']}", style="dim")
            parts.append(Panel(body, title="图片说明", title_align="left", border_style="dim"))
        else:
            parts.append(Padding(Text(block["text"]), (0, 0, 1, 0)))
    return Group(*parts)


def figures_table(rows: list[Figure]) -> Table:
    """`rows`: figures, each with its `article_id`."""
    table = Table(show_edge=False, header_style="bold", pad_edge=False)
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("article", "right"), ("metric", "left"), ("value", "right"),
        ("kind", "left"), ("period", "left"), ("park", "left"))
    for name, justify in columns:
        table.add_column(name, justify=justify, overflow="fold")
    for r in rows:
        table.add_row(str(r["article_id"]), r.get("metric") or "", format_value(r), r.get("kind") or "",
                      str(r.get("period") or ""), r.get("park") or "")
    return table
