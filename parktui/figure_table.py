"""The figures table across articles: rows, filters, amounts typed by people, export.

Shared by `parktui figures` and the TUI's all-figures view.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Iterable

import orjson

from parktui.families import family_of_row
from parktui.model import figures_of

FIELDS = ("raw", "value", "unit", "qualifier", "low", "high", "kind", "metric", "family", "park",
          "period", "period_basis", "sentence", "start", "end")
EXPORT_FIELDS = ("article_id", "article_title") + FIELDS

_SCALE = {"": 1, "十": 10, "百": 100, "千": 1000, "万": 10**4, "十万": 10**5, "百万": 10**6,
          "千万": 10**7, "亿": 10**8, "十亿": 10**9, "百亿": 10**10, "千亿": 10**11, "万亿": 10**12,
          "k": 10**3, "m": 10**6, "b": 10**9}
_AMOUNT = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*(万亿|[十百千]?[万亿]|[十百千]|[kmb])?\s*(.*?)\s*$", re.I)
_CONDITION = re.compile(r"^\s*(>=|<=|>|<|=|≥|≤)\s*(.+)$")


class AmountError(ValueError):
    pass


def parse_amount(text: str) -> tuple[float, str]:
    """`100亿` → (1e10, ""), `20%` → (20, "%"), `3.5万元` → (35000, "元")."""
    t = text.strip().translate(str.maketrans("０１２３４５６７８９．％", "0123456789.%"))
    m = _AMOUNT.match(t)
    if not m:
        raise AmountError(f"not an amount: {text!r} (try 100亿, 2万, 20%)")
    number = float(m.group(1)) * _SCALE[(m.group(2) or "").lower()]
    unit = m.group(3).replace("人民币", "")
    return number, unit


def parse_condition(text: str) -> tuple[str, float, str]:
    """`>100亿` → (">", 1e10, ""); the operator defaults to >=."""
    m = _CONDITION.match(text)
    op, rest = (m.group(1), m.group(2)) if m else (">=", text)
    op = {"≥": ">=", "≤": "<="}.get(op, op)
    value, unit = parse_amount(rest)
    return op, value, unit


def _passes(value: float, op: str, bound: float) -> bool:
    return {">": value > bound, ">=": value >= bound, "<": value < bound, "<=": value <= bound,
            "=": abs(value - bound) <= 1e-9 * max(1.0, abs(bound))}[op]


@dataclass
class FigureFilter:
    park: str = ""
    metric: str = ""
    family: str = ""
    kind: str = ""
    minimum: float | None = None
    maximum: float | None = None
    article: int | None = None
    condition: tuple[str, float, str] | None = None

    def accepts(self, row: dict) -> bool:
        if self.article is not None and row["article_id"] != self.article:
            return False
        if self.kind and row.get("kind") != self.kind:
            return False
        if self.park and self.park not in (row.get("park") or "") and self.park not in row.get("article_park", ""):
            return False
        if self.metric and self.metric not in (row.get("metric") or ""):
            return False
        if self.family and family_of_row(row) != self.family:
            return False
        value = row.get("value")
        if self.minimum is not None and (value is None or value < self.minimum):
            return False
        if self.maximum is not None and (value is None or value > self.maximum):
            return False
        if self.condition is not None:
            op, bound, unit = self.condition
            if value is None or not _passes(float(value), op, bound):
                return False
            if unit and unit not in (row.get("unit") or ""):
                return False
        return True


def figure_rows(articles: Iterable[dict]) -> list[dict]:
    """One dict per figure, with `article_id`, `article_title` and the FIGURES.md fields."""
    rows = []
    for article in articles:
        for fig in figures_of(article):
            row = {"article_id": article["id"], "article_title": article["title"]}
            row.update({k: fig.get(k) for k in FIELDS})
            row["article_park"] = article.get("park") or ""
            rows.append(row)
    return rows


def to_json(rows: list[dict]) -> bytes:
    return orjson.dumps([{k: r.get(k) for k in EXPORT_FIELDS} for r in rows], option=orjson.OPT_INDENT_2)


def to_csv(rows: list[dict]) -> bytes:
    """UTF-8 with a BOM and one header row, so spreadsheet programs read the Chinese."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(EXPORT_FIELDS)
    for r in rows:
        writer.writerow(["" if r.get(k) is None else r.get(k) for k in EXPORT_FIELDS])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
