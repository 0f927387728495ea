"""The one CSV writer: UTF-8 with a BOM, and cells a spreadsheet cannot run as formulas.

OWASP's rule for CSV injection: a cell that begins with `=`, `+`, `-`, `@`, a tab or a
carriage return is a formula (or starts one) when a spreadsheet opens the file, so such a
cell gets a leading `'`, which spreadsheets show as text. Numbers (`-5`, `+3.5`) are left
as they are. Text cells are also shown through `safetext.visible`: a CSV printed to a
terminal cannot drive it.
"""
from __future__ import annotations

import csv
import io
import re
from typing import Any, Iterable, Sequence

from parktui.safetext import visible

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?%?")


def safe_cell(value: Any) -> str | int | float:
    """A CSV cell: numbers as they are, text prefixed with `'` when it would be a formula."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = str(value)
    if text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text):
        text = "'" + text
    return visible(text)


def to_csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 with a BOM and one header row, so spreadsheet programs read the Chinese."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
