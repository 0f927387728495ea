"""A comparison as people read it: one scale a table (亿元, 万元, %, 家), a rich table, CSV rows, JSON.

The table and CSV show numbers in the table's scale (money in 亿元 when any cell reaches 1亿);
JSON keeps every value in its base unit (元) beside the display text, with the sources and the
`conflict` of each cell.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from parktui.compare import COUNT, Cell, Comparison, Report
from parktui.csv_export import to_csv_bytes
from parktui.safetext import visible

CONFLICT_MARK = "*"
_SCALES = ((10**8, "亿"), (10**4, "万"), (1, ""))


@dataclass(frozen=True)
class Scale:
    divisor: int
    unit: str          # 亿元, 万元, 元, %, 家


def table_scale(comparison: Comparison) -> Scale:
    if comparison.kind == COUNT:
        return Scale(1, count_unit(comparison))
    if comparison.kind != "amount":
        return Scale(1, comparison.unit)
    biggest = max((abs(c.value) for c in comparison.cells.values()), default=0.0)
    for divisor, word in _SCALES:
        if biggest >= divisor:
            return Scale(divisor, word + comparison.unit)
    return Scale(1, comparison.unit)


def count_unit(comparison: Comparison) -> str:
    """The measure word most reports of a count table use (家, 个, 项)."""
    seen: dict[str, int] = {}
    for cell in comparison.cells.values():
        for r in cell.reports:
            seen[r.unit] = seen.get(r.unit, 0) + 1
    return max(seen, key=lambda u: seen[u]) if seen else ""


def number(value: float, scale: Scale) -> float | int:
    """The value in the table's scale, rounded to what a reader needs (2 decimals)."""
    scaled = round(value / scale.divisor, 2)
    return int(scaled) if scaled == int(scaled) else scaled


def cell_text(cell: Cell, scale: Scale) -> str:
    n = number(cell.value, scale)
    text = f"{n:,}" if isinstance(n, int) else f"{n:,.2f}".rstrip("0")
    return text + (CONFLICT_MARK if cell.conflict else "")


def title(comparison: Comparison, scale: Scale) -> str:
    return f"{comparison.family.name} · {comparison.kind} · {scale.unit or comparison.unit}"


def corner(comparison: Comparison) -> str:
    return {"park": "park", "province": "province", "year": "period"}[comparison.by]


# Table ---------------------------------------------------------------------------------------

def rich_table(comparison: Comparison, width: int = 0) -> RenderableType:
    """The table, its conflicts and notes; with a `width`, only the first columns that fit it."""
    scale = table_scale(comparison)
    columns = columns_that_fit(comparison, scale, width) if width else comparison.columns
    table = Table(show_edge=False, header_style="bold", pad_edge=False)
    table.add_column(corner(comparison), no_wrap=True)
    for column in columns:
        table.add_column(Text(visible(column)), justify="right", no_wrap=True)
    for row in comparison.rows:
        cells = [comparison.cells.get((row, c)) for c in columns]
        table.add_row(Text(visible(row)), *[Text(cell_text(c, scale), style="yellow" if c.conflict else "") if c else ""
                             for c in cells])
    parts: list[RenderableType] = [Text(visible(title(comparison, scale)), style="bold"), table]
    hidden = len(comparison.columns) - len(columns)
    if hidden:
        what = "parks" if comparison.by == "year" else "older periods"
        parts.append(Text(f"{hidden} more {what} do not fit the width: use --year, --province, "
                          "or --format csv / json", style="dim"))
    conflicts = conflict_lines(comparison, scale, set(columns))
    if conflicts:
        parts.append(Text(f"\n{CONFLICT_MARK} reports disagree (the latest report is shown):", style="bold"))
        parts.extend(Text(visible("  " + line)) for line in conflicts)
    parts.extend(Text(visible(note), style="dim") for note in comparison.notes)
    return Group(*parts)


def columns_that_fit(comparison: Comparison, scale: Scale, width: int) -> list[str]:
    """The leading columns whose cells fit in `width` cells of terminal (at least one)."""
    def widest(texts: list[str]) -> int:
        return max((cell_len(t) for t in texts), default=0)

    used = widest([corner(comparison), *comparison.rows])
    out: list[str] = []
    for column in comparison.columns:
        texts = [cell_text(c, scale) for row in comparison.rows if (c := comparison.cells.get((row, column)))]
        used += 3 + widest([column, *texts])
        if used > width and out:
            break
        out.append(column)
    return out


def conflict_lines(comparison: Comparison, scale: Scale, shown: set[str] | None = None) -> list[str]:
    lines = []
    for (row, column), cell in comparison.cells.items():
        if shown is not None and column not in shown:
            continue
        for name, part in cell.parts or [(row if comparison.by != "year" else column, cell)]:
            if part.others:
                period = column if comparison.by != "year" else row
                values = [_value_with_sources(group, scale) for group in [part.reports, *part.others]]
                lines.append(f"{name} {period}: " + " · ".join(values))
    return sorted(lines)


def _value_with_sources(group: list[Report], scale: Scale) -> str:
    sources = ", ".join(f"#{r.article_id} {r.date}".rstrip() for r in group)
    return f"{group[0].display} ({sources})"


# CSV and JSON --------------------------------------------------------------------------------

def csv_rows(comparison: Comparison) -> tuple[list[str], list[list[Any]]]:
    """The header and rows of the table as numbers in its scale (conflicts are in JSON)."""
    scale = table_scale(comparison)
    header = [f"{corner(comparison)} ({scale.unit})", *comparison.columns]
    rows = []
    for row in comparison.rows:
        values = [comparison.cells.get((row, c)) for c in comparison.columns]
        rows.append([row, *[number(c.value, scale) if c else "" for c in values]])
    return header, rows


def csv_bytes(comparison: Comparison) -> bytes:
    """The table as CSV through the one formula-safe writer (parktui.csv_export)."""
    return to_csv_bytes(*csv_rows(comparison))


def to_json(comparison: Comparison) -> dict[str, Any]:
    scale = table_scale(comparison)
    rows = []
    for row in comparison.rows:
        entry: dict[str, Any] = {"name": row}
        if comparison.by != "year":
            entry["province"], entry["type"] = comparison.places.get(row, ("", ""))
        entry["cells"] = {c: _cell_json(comparison.cells[(row, c)], scale)
                          for c in comparison.columns if (row, c) in comparison.cells}
        rows.append(entry)
    return {"family": comparison.family.name, "kind": comparison.kind, "unit": comparison.unit,
            "scale": scale.unit, "by": comparison.by, "columns": comparison.columns, "rows": rows,
            "notes": comparison.notes}


def _cell_json(cell: Cell, scale: Scale) -> dict[str, Any]:
    out: dict[str, Any] = {
        "value": _plain(cell.value), "text": cell_text(cell, scale).rstrip(CONFLICT_MARK),
        "display": cell.reports[0].display if not cell.parts else f"{number(cell.value, scale)}{scale.unit}",
        "sources": [r.source() for r in cell.reports],
        "conflict": [{"value": _plain(group[0].value), "display": group[0].display,
                      "sources": [r.source() for r in group]} for group in cell.others],
    }
    if cell.parts:
        out["parks"] = {park: _cell_json(part, scale) for park, part in cell.parts}
        out["conflict"] = [{"park": park, **c} for park, part in cell.parts
                           for c in _cell_json(part, scale)["conflict"]]
    return out


def _plain(value: float) -> float | int:
    return int(value) if value == int(value) else value
