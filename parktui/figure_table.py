"""The figures table across articles: rows, filters, amounts typed by people, export.

Shared by `parktui figures` and the TUI's all-figures view.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, NamedTuple

import orjson

from parktui.csv_export import to_csv_bytes
from parktui.families import family_of_row
from parktui.ingest.parks import in_province, park_matches
from parktui.model import figures_of

FIELDS = ("raw", "value", "unit", "qualifier", "low", "high", "kind", "metric", "family", "park",
          "period", "period_basis", "sentence", "start", "end")
EXPORT_FIELDS = ("article_id", "article_title") + FIELDS
ROW_FIELDS = EXPORT_FIELDS + ("article_park",)

_SCALE = {"": 1, "十": 10, "百": 100, "千": 1000, "万": 10**4, "十万": 10**5, "百万": 10**6,
          "千万": 10**7, "亿": 10**8, "十亿": 10**9, "百亿": 10**10, "千亿": 10**11, "万亿": 10**12,
          "k": 10**3, "m": 10**6, "b": 10**9}
# 千 before 瓦/伏/米/克 belongs to the unit (千瓦时 is stored as written); k before a letter too (kWh)
_KILO_UNIT = r"(?![瓦伏米克])"
_AMOUNT = re.compile(rf"^\s*([-+]?\d+(?:\.\d+)?)\s*(万亿|(?:[十百]|千{_KILO_UNIT})?[万亿]|[十百]|千{_KILO_UNIT}"
                     r"|[kmb](?![a-z]))?\s*(.*?)\s*$", re.I)
_CONDITION = re.compile(r"^\s*(>=|<=|>|<|=|≥|≤)\s*(.+)$")
_UNIT_ALIASES = {"％": "%", "人民币": "元", "元人民币": "元", "美金": "美元"}


class AmountError(ValueError):
    pass


def parse_amount(text: str) -> tuple[float, str]:
    """`100亿` → (1e10, ""), `20%` → (20, "%"), `3.5万元` → (35000, "元"), `1万千瓦时` → (1e4, "千瓦时")."""
    t = text.strip().translate(str.maketrans("０１２３４５６７８９．％", "0123456789.%"))
    m = _AMOUNT.match(t)
    if not m:
        raise AmountError(f"not an amount: {text!r} (try 100亿, 2万, 20%)")
    number = float(m.group(1)) * _SCALE[(m.group(2) or "").lower()]
    unit = _UNIT_ALIASES.get(m.group(3), m.group(3))
    return number, unit


class Condition(NamedTuple):
    """A figure condition typed by a person (`>100亿`, `>=20%`, `<5万元`): the one rule used by
    the figures filter (CLI and browser) and by `parktui search` (registered in SQLite).
    A unit, when given, must be the figure's unit: `>20%` is about percentages, never about
    个百分点 or 倍; money compares in 元 whatever the text wrote (万元, 亿元 are folded)."""
    op: str
    bound: float
    unit: str

    def accepts(self, value: object, unit: object) -> bool:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return False
        if self.unit and self.unit != (unit or ""):
            return False
        v, b = float(value), self.bound
        if self.op == "=":
            return abs(v - b) <= 1e-9 * max(1.0, abs(b))
        return {">": v > b, ">=": v >= b, "<": v < b, "<=": v <= b}[self.op]


def parse_condition(text: str) -> Condition:
    """`>100亿` → Condition(">", 1e10, ""); the operator defaults to >=."""
    m = _CONDITION.match(text)
    op, rest = (m.group(1), m.group(2)) if m else (">=", text)
    op = {"≥": ">=", "≤": "<="}.get(op, op)
    value, unit = parse_amount(rest)
    return Condition(op, value, unit)


@dataclass
class FigureFilter:
    park: str = ""
    province: str = ""
    metric: str = ""
    family: str = ""
    kind: str = ""
    minimum: float | None = None
    maximum: float | None = None
    article: int | None = None
    condition: Condition | None = None

    def accepts(self, row: dict[str, Any]) -> bool:
        if self.article is not None and row["article_id"] != self.article:
            return False
        if self.kind and row.get("kind") != self.kind:
            return False
        if self.park and not (park_matches(self.park, row.get("park") or "")
                              or park_matches(self.park, row.get("article_park") or "")):
            return False
        if self.province and not in_province(row.get("park") or "", self.province):
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
        return self.condition is None or self.condition.accepts(value, row.get("unit"))


def add_sort_keys(rows: list[dict[str, Any]]) -> None:
    """Give each row `sort` = (unit rank, value): values compare within one unit only (money is
    folded to 元, so 万元 and 亿元 compare; FLOPs never against kWh). The most common unit ranks
    highest, so a descending sort starts with it; rows without a value sort last in their unit."""
    counts = Counter(str(r.get("unit") or "") for r in rows)
    rank = {u: i for i, (u, _) in enumerate(sorted(counts.items(), key=lambda kv: (kv[1], kv[0]), reverse=False))}
    for r in rows:
        value = r.get("value")
        number = float(value) if isinstance(value, (int, float)) else float("-inf")
        r["sort"] = (rank[str(r.get("unit") or "")], number)


def figure_rows(articles: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One dict per figure, with `article_id`, `article_title` and the FIGURES.md fields."""
    rows: list[dict[str, Any]] = []
    for article in articles:
        head, park = (article["id"], article["title"]), article.get("park") or ""
        rows.extend(dict(zip(ROW_FIELDS, (*head, *map(fig.get, FIELDS), park), strict=True))
                    for fig in figures_of(article))
    return rows


def to_json(rows: list[dict[str, Any]]) -> bytes:
    return orjson.dumps([{k: r.get(k) for k in EXPORT_FIELDS} for r in rows], option=orjson.OPT_INDENT_2)


def to_csv(rows: list[dict[str, Any]]) -> bytes:
    """The rows as formula-safe CSV (see parktui.csv_export)."""
    return to_csv_bytes(EXPORT_FIELDS, ([r.get(k) for k in EXPORT_FIELDS] for r in rows))
