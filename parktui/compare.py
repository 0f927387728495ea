"""League tables of one metric family: parks (or provinces) × periods, one value a cell.

    from parktui.compare import CompareQuery, compare, compare_rows
    table = compare(store.articles(), CompareQuery("固定资产投资", kind="amount", by="park"))
    table = compare_rows(figure_rows, dates, query)    # rows of figure_table.figure_rows

Every figure of the family and kind becomes a `Report`; reports of the same park and period
make one `Cell`: the latest report's value (same value reported twice is one value), with the
other values listed as a `conflict`. Money is compared in 元 (a table shows one scale, 亿元 or
万元); counts with counts; one unit a table, so a growth rate never meets an amount. Parks are
named by the gazetteer's short name. `--by province` adds up the parks' cells (amounts and
counts only); `--by year` turns the park table round: one row a period, one column a park.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from parktui.bulk import collector_paused
from parktui.compare_options import BY
from parktui.families import Family, families, family_of_row
from parktui.figure_table import figure_rows
from parktui.gazetteer import lookup

COUNT = "count"
_PERIOD = re.compile(r"^(\d{4})(?:H([12])|Q([1-4])(?:-Q([1-4]))?|-(\d{2})(?:~(\d{2}))?)?$")
_SAME = 1e-9


class CompareError(ValueError):
    """A comparison that cannot be made (a kind the family lacks, rates added up)."""


@dataclass(frozen=True)
class CompareQuery:
    family: str
    kind: str = ""
    by: str = "park"
    year: str = ""
    province: str = ""
    park_type: str = ""
    unit: str = ""


@dataclass
class Report:
    """One figure behind a cell."""

    value: float
    unit: str
    raw: str
    display: str
    metric: str
    park: str
    period: str
    article_id: int
    article_title: str
    date: str
    sentence: str
    start: int

    def source(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "article_title": self.article_title, "date": self.date,
                "raw": self.raw, "metric": self.metric, "sentence": self.sentence, "start": self.start}


@dataclass
class Cell:
    value: float
    reports: list[Report]                 # the reports of the chosen value, latest first
    others: list[list[Report]] = field(default_factory=list)   # one list per other value
    parts: list[tuple[str, Cell]] = field(default_factory=list)  # a province's park cells

    @property
    def conflict(self) -> bool:
        return bool(self.others) or any(cell.conflict for _, cell in self.parts)


@dataclass
class Comparison:
    family: Family
    kind: str
    unit: str
    by: str
    rows: list[str]
    columns: list[str]
    cells: dict[tuple[str, str], Cell]
    notes: list[str] = field(default_factory=list)
    places: dict[str, tuple[str, str]] = field(default_factory=dict)   # park → (province, type)


def compare(articles: Iterable[dict[str, Any]], query: CompareQuery) -> Comparison:
    """The comparison over stored articles (each with `id`, `date` and `figures`)."""
    dates: dict[int, str] = {}

    def dated() -> Iterator[dict[str, Any]]:
        for article in articles:
            dates[int(article["id"])] = str(article.get("date") or "")
            yield article

    with collector_paused():
        rows = figure_rows(dated())
    return compare_rows(rows, dates, query)


def compare_rows(rows: Iterable[dict[str, Any]], dates: dict[int, str], query: CompareQuery) -> Comparison:
    """The comparison over figure rows (figure_table.figure_rows); `dates`: article id → date."""
    family = families().require(query.family)
    kind = query.kind or family.kinds[0]
    if kind not in family.kinds:
        raise CompareError(f"{family.name} has no {kind} figures (its kinds: {', '.join(family.kinds)})")
    if query.by not in BY:
        raise CompareError(f"--by must be one of {', '.join(BY)}")
    if query.by == "province" and kind not in ("amount", COUNT):
        raise CompareError(f"{kind} figures cannot be added up by province; compare them --by park")
    notes: list[str] = []
    places: dict[str, tuple[str, str]] = {}
    reports = _reports(rows, dates, family, kind, query, notes, places)
    unit = _choose_unit(reports, kind, query.unit, notes)
    reports = [r for r in reports if unit_key(r.unit, kind) == unit]
    park_cells = {key: _cell(group) for key, group in _group(reports).items()}
    comparison = Comparison(family, kind, unit, query.by, [], [], {}, notes, places)
    if query.by == "province":
        _fill_provinces(comparison, park_cells)
    else:
        _fill_parks(comparison, park_cells)
    return comparison


# Reports ------------------------------------------------------------------------------------

def _reports(rows: Iterable[dict[str, Any]], dates: dict[int, str], family: Family, kind: str,
             query: CompareQuery, notes: list[str], places: dict[str, tuple[str, str]]) -> list[Report]:
    out: list[Report] = []
    no_park = no_period = ahead = elsewhere = 0
    for fig in rows:
        if fig.get("kind") != kind or fig.get("value") is None or family_of_row(fig) != family.name:
            continue
        period = str(fig.get("period") or "")
        park = _park_name(str(fig.get("park") or ""), places)
        if not park:
            no_park += 1
        elif not _PERIOD.match(period):
            no_period += 1
        elif _after(period, dates.get(int(fig["article_id"]), "")):
            ahead += 1
        elif not _wanted(park, period, query, places):
            elsewhere += 1
        else:
            out.append(_report(fig, dates.get(int(fig["article_id"]), ""), park, period))
    for n, what in ((no_park, "belong to no park"), (no_period, "have no dated period (e.g. 2023年以来)"),
                    (ahead, "are targets (a period after the article's year)")):
        if n:
            notes.append(f"{n} {family.name} {kind} figures {what} and are not in the table")
    if elsewhere:
        notes.append(f"{elsewhere} figures outside the chosen year, province or park type")
    return out


def _park_name(name: str, places: dict[str, tuple[str, str]]) -> str:
    """The park's short name from the gazetteer (any spelling), else the name as stored."""
    park = lookup(name) if name else None
    if park is None:
        return name
    places[park.short] = (park.province, park.type)
    return park.short


def _after(period: str, date: str) -> bool:
    """A period in a year after the article's: a target or forecast, not a report."""
    return bool(date[:4].isdigit()) and int(period[:4]) > int(date[:4])


def _wanted(park: str, period: str, query: CompareQuery, places: dict[str, tuple[str, str]]) -> bool:
    province, park_type = places.get(park, ("", ""))
    if query.year and not period.startswith(query.year):
        return False
    if query.province and not province.startswith(query.province):
        return False
    return not (query.park_type and park_type != query.park_type)


def _report(fig: dict[str, Any], date: str, park: str, period: str) -> Report:
    from parktui.figures import format_value  # the extractor's package: loaded only when comparing

    return Report(value=float(fig["value"]), unit=str(fig.get("unit") or ""), raw=str(fig.get("raw") or ""),
                  display=format_value(fig), metric=str(fig.get("metric") or ""), park=park, period=period,
                  article_id=int(fig["article_id"]), article_title=str(fig.get("article_title") or ""),
                  date=date, sentence=str(fig.get("sentence") or ""), start=int(fig.get("start") or 0))


def unit_key(unit: str, kind: str) -> str:
    """What may be compared with what: counts of things (个 家 项 户) with each other, else one unit."""
    return COUNT if kind == COUNT else unit


def _choose_unit(reports: list[Report], kind: str, wanted: str, notes: list[str]) -> str:
    counts = Counter(unit_key(r.unit, kind) for r in reports)
    if wanted:
        unit = unit_key(wanted, kind)
    elif counts:
        unit = max(counts, key=lambda u: (counts[u], u == "元", u == "%"))
    else:
        unit = {"amount": "元", "growth": "%", "share": "%"}.get(kind, COUNT)
    for other, n in sorted(counts.items()):
        if other != unit:
            notes.append(f"{n} figures in {other} are not in the table (see them with --unit {other})")
    return unit


# Cells ---------------------------------------------------------------------------------------

def _group(reports: list[Report]) -> dict[tuple[str, str], list[Report]]:
    groups: dict[tuple[str, str], list[Report]] = {}
    for r in reports:
        groups.setdefault((r.park, r.period), []).append(r)
    return groups


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= _SAME * max(1.0, abs(a), abs(b))


def _cell(reports: list[Report]) -> Cell:
    """The latest report's value; other values are the conflict, each with its reports."""
    ordered = sorted(reports, key=lambda r: (r.date, r.article_id, -r.start), reverse=True)
    values: list[list[Report]] = []
    for r in ordered:
        for group in values:
            if _same(group[0].value, r.value):
                group.append(r)
                break
        else:
            values.append([r])
    return Cell(values[0][0].value, values[0], values[1:])


def _fill_parks(comparison: Comparison, park_cells: dict[tuple[str, str], Cell]) -> None:
    parks = sorted({p for p, _ in park_cells}, key=lambda p: _park_order(p, park_cells))
    periods = sorted({q for _, q in park_cells}, key=period_order, reverse=True)
    if comparison.by == "year":
        comparison.rows, comparison.columns = sorted(periods, key=period_order), parks
        comparison.cells = {(q, p): c for (p, q), c in park_cells.items()}
    else:
        comparison.rows, comparison.columns = parks, periods
        comparison.cells = dict(park_cells)


def _park_order(park: str, park_cells: dict[tuple[str, str], Cell]) -> tuple[int, float, str]:
    """Parks with the most recent, then largest, value first."""
    mine = [(period_order(q), c.value) for (p, q), c in park_cells.items() if p == park]
    latest = max(mine)
    return (-latest[0][0], -latest[1], park)


def _fill_provinces(comparison: Comparison, park_cells: dict[tuple[str, str], Cell]) -> None:
    sums: dict[tuple[str, str], Cell] = {}
    unplaced = 0
    for (park, period), cell in sorted(park_cells.items()):
        province = comparison.places.get(park, ("", ""))[0]
        if not province:
            unplaced += 1
            continue
        total = sums.setdefault((province, period), Cell(0.0, []))
        total.value += cell.value
        total.reports.extend(cell.reports)
        total.parts.append((park, cell))
    if unplaced:
        comparison.notes.append(f"{unplaced} park cells are not in the gazetteer (no province) and are left out")
    comparison.columns = sorted({q for _, q in sums}, key=period_order, reverse=True)
    latest = {prov: max((period_order(q), c.value) for (p, q), c in sums.items() if p == prov)
              for prov, _ in sums}
    comparison.rows = sorted(latest, key=lambda prov: (-latest[prov][0][0], -latest[prov][1], prov))
    comparison.cells = sums


def period_order(period: str) -> tuple[int, int, int]:
    """(year, last month, first month): 2024 > 2024-01~07 > 2024H1 = 2024-01~06."""
    m = _PERIOD.match(period)
    if m is None:
        return (0, 0, 0)
    year, half, q1, q2, month1, month2 = m.groups()
    if half:
        first, last = (1, 6) if half == "1" else (7, 12)
    elif q1:
        first, last = 3 * int(q1) - 2, 3 * int(q2 or q1)
    elif month1:
        first, last = int(month1), int(month2 or month1)
    else:
        first, last = 1, 12
    return (int(year), last, -first)
