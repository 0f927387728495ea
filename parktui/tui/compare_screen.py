"""Compare parks: the league table of one metric family (parks × periods), sortable by any
column, as a table or a chart (bars: parks in one period; line: one park over the periods).
Enter on a cell lists the sentences behind it and opens the article; e exports what is shown.

Both chart widgets tried (textual-plotext 1.0.1, textual-plot 0.10.1) place tick labels by
character count, not terminal cells: a Chinese park name takes twice the room they reserve, so
labels drift off their bars and the last ones are cut, at 80 and at 120 columns. The bar chart
(parks in one period) is therefore drawn here as horizontal bars with the names padded by
`rich.cells.cell_len`; the line chart (one park over the periods) uses textual-plot, whose
tick labels are periods (2024H1, ASCII) and come out right.
"""
from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import ContentSwitcher, DataTable, Footer, Label, Select, Static
from textual_plot import HiResMode, PlotWidget
from textual_plot.axis_formatter import CategoricalAxisFormatter

from parktui.compare import CompareError, CompareQuery, Comparison, Report, compare_rows, period_order
from parktui.compare_output import Scale, cell_text, corner, csv_bytes, number, table_scale, title, to_json
from parktui.families import families
from parktui.safetext import visible
from parktui.tui import keymap
from parktui.tui.appref import park_app
from parktui.tui.dialogs import Choice, PickScreen
from parktui.tui.nav import GoBack, OpenArticle

KIND_NAMES = {"amount": "amount", "growth": "growth rate", "count": "count", "share": "share"}
BAR_STYLE = "#4EBF71"
NEGATIVE_STYLE = "#E05050"
EIGHTHS = " ▏▎▍▌▋▊▉"
LINE_STYLE = "#FFA62B"
LABEL_MIN = 4


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_len(text))


def bar_lines(names: list[str], values: list[float], texts: list[str], width: int) -> Text:
    """One line a name: the name, a bar as long as the value (in eighths of a cell), the value."""
    name_width = min(max((cell_len(n) for n in names), default=4), max(8, width // 3))
    text_width = max((cell_len(t) for t in texts), default=1)
    room = max(4, width - name_width - text_width - 3)
    biggest = max((abs(v) for v in values), default=0.0) or 1.0
    out = Text(no_wrap=True, overflow="ellipsis")
    for name, value, label in zip(names, values, texts, strict=True):
        eighths = round(abs(value) / biggest * room * 8)
        bar = "█" * (eighths // 8) + (EIGHTHS[eighths % 8] if eighths % 8 else "")
        out.append(pad(truncate(visible(name), name_width), name_width) + " ")
        out.append(pad(bar, room), style=NEGATIVE_STYLE if value < 0 else BAR_STYLE)
        out.append(" " + label.rjust(text_width) + "\n")
    out.rstrip()
    return out


def truncate(text: str, width: int) -> str:
    """`text` cut to `width` terminal cells (Chinese is two cells a character), … when cut."""
    if cell_len(text) <= width:
        return text
    out = ""
    for ch in text:
        if cell_len(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


class CompareScreen(Screen[None]):
    VIEW = "compare"
    BINDINGS: ClassVar[list[BindingType]] = [*keymap.COMPARE]
    DEFAULT_CSS = """
    CompareScreen #compare-choice { height: auto; }
    CompareScreen #compare-choice Select { width: 1fr; }
    CompareScreen #c-kind { max-width: 24; }
    CompareScreen #compare-status { color: $text-muted; padding: 0 1; height: auto; max-height: 2; }
    CompareScreen #compare-views { height: 1fr; }
    CompareScreen #compare-bars-body { padding: 0 1; }
    """

    def __init__(self, family: str = "固定资产投资", kind: str = "") -> None:
        super().__init__()
        self.family = families().require(family)
        self.kind = kind or self.family.kinds[0]
        self.comparison: Comparison | None = None
        self.rows: list[str] = []          # the parks in the order shown
        self.sort_column: int | None = None  # None: the engine's order (latest, largest first); -1: by name
        self.sort_reverse = True
        self.chart = ""                    # "", "bar" or "line"

    def compose(self) -> ComposeResult:
        with Horizontal(id="compare-choice"):
            yield Select([(name, name) for name in families().by_name], value=self.family.name,
                         allow_blank=False, id="c-family")
            yield Select(self._kind_options(), value=self.kind, allow_blank=False, id="c-kind")
        yield Label("Loading figures…", id="compare-status")
        with ContentSwitcher(initial="compare-table", id="compare-views"):
            yield DataTable(cursor_type="cell", zebra_stripes=True, id="compare-table")
            with VerticalScroll(id="compare-bars"):
                yield Static(id="compare-bars-body")
            yield PlotWidget(id="compare-chart")
        yield Footer()

    def _kind_options(self) -> list[tuple[str, str]]:
        return [(KIND_NAMES.get(k, k), k) for k in self.family.kinds]

    def on_mount(self) -> None:
        self.query_one("#compare-table", DataTable).focus()
        self.load()

    # Loading ------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="compare")
    def load(self) -> None:
        library = park_app(self).library
        rows = library.figures()
        dates = {int(i): str(s.get("date") or "") for i, s in library.by_id.items()}
        try:
            result: Comparison | str = compare_rows(rows, dates, CompareQuery(self.family.name, self.kind))
        except CompareError as exc:
            result = str(exc)
        self.app.call_from_thread(self._loaded, result)

    def _loaded(self, result: Comparison | str) -> None:
        if isinstance(result, str):
            self.query_one("#compare-status", Label).update(Text(result, style="bold red"))
            return
        self.comparison = result
        self.rows = list(result.rows)
        self.sort_column, self.sort_reverse = None, True
        self._fill_table()
        if self.chart:
            self._draw_chart()

    @on(Select.Changed, "#c-family")
    def _family_changed(self, event: Select.Changed) -> None:
        family = families().find(str(event.value))
        if family is None or family == self.family:
            return
        self.family = family
        kind = self.query_one("#c-kind", Select)
        self.kind = self.kind if self.kind in family.kinds else family.kinds[0]
        with kind.prevent(Select.Changed):
            kind.set_options(self._kind_options())
            kind.value = self.kind
        self.load()

    @on(Select.Changed, "#c-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.kind:
            self.kind = event.value
            self.load()

    # The table ------------------------------------------------------------------------------

    def _fill_table(self) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        scale = table_scale(comparison)
        table = self.query_one("#compare-table", DataTable)
        row, column = table.cursor_coordinate
        table.clear(columns=True)
        for i, label in enumerate([corner(comparison), *comparison.columns]):
            sorted_here = self.sort_column is not None and i - 1 == self.sort_column
            mark = ("▼" if self.sort_reverse else "▲") if sorted_here else ""
            table.add_column(label + mark, key=str(i))
        for name in self.rows:
            cells = [comparison.cells.get((name, c)) for c in comparison.columns]
            table.add_row(Text(visible(name)), *[Text(cell_text(c, scale), style="yellow" if c.conflict else "",
                                       justify="right") if c else "" for c in cells], key=name)
        if self.rows:
            table.cursor_coordinate = table.validate_cursor_coordinate(table.cursor_coordinate._replace(
                row=min(row, len(self.rows) - 1), column=column))
        self._status(scale)

    def _status(self, scale: Scale) -> None:
        comparison = self.comparison
        assert comparison is not None
        if not comparison.rows:
            text = f"No {comparison.family.name} {KIND_NAMES[comparison.kind]} figures with a park and a period."
        else:
            text = (f"{title(comparison, scale)} · {len(comparison.rows)} parks · * reports disagree · "
                    "s sort · c chart · Enter sources · e export")
        notes = " ".join(comparison.notes[:1])
        self.query_one("#compare-status", Label).update(Text(text + (f"\n{notes}" if notes else "")))

    def action_sort(self) -> None:
        """Sort by the column under the cursor (again: the other way round)."""
        comparison = self.comparison
        if comparison is None or not self.rows:
            return
        column = self.query_one("#compare-table", DataTable).cursor_column - 1
        self.sort_reverse = not self.sort_reverse if column == self.sort_column else column >= 0
        self.sort_column = column
        if column < 0:
            self.rows.sort(reverse=self.sort_reverse)
        else:
            period = comparison.columns[column]
            present = [r for r in self.rows if (r, period) in comparison.cells]
            present.sort(key=lambda r: comparison.cells[(r, period)].value, reverse=self.sort_reverse)
            self.rows = present + [r for r in self.rows if (r, period) not in comparison.cells]
        self._fill_table()

    @on(DataTable.HeaderSelected)
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        table = self.query_one("#compare-table", DataTable)
        table.cursor_coordinate = table.cursor_coordinate._replace(column=event.column_index)
        self.action_sort()

    @on(DataTable.CellSelected)
    def _cell_chosen(self, event: DataTable.CellSelected) -> None:
        comparison = self.comparison
        row, column = event.coordinate.row, event.coordinate.column
        if comparison is None or column == 0 or row >= len(self.rows):
            return
        cell = comparison.cells.get((self.rows[row], comparison.columns[column - 1]))
        if cell is not None:
            reports = cell.reports + [r for group in cell.others for r in group]
            scale = table_scale(comparison)
            heading = f"{self.rows[row]} · {comparison.columns[column - 1]} · {title(comparison, scale)}"
            self.app.push_screen(SourcesScreen(heading, reports), self._source_chosen)

    def _source_chosen(self, report: Report | None) -> None:
        if report is not None:
            self.post_message(OpenArticle(report.article_id, (report.start, report.start + len(report.raw))))

    # The chart ------------------------------------------------------------------------------

    def action_chart(self) -> None:
        """Table → bars of the period under the cursor (on the park column: that park's line) → table."""
        if self.comparison is None or not self.rows:
            return
        column = self.query_one("#compare-table", DataTable).cursor_column
        self.chart = "" if self.chart else ("line" if column == 0 else "bar")
        self._draw_chart()

    def action_line(self) -> None:
        """The park under the cursor over the periods."""
        if self.comparison is not None and self.rows:
            self.chart = "line"
            self._draw_chart()

    def _draw_chart(self) -> None:
        switcher = self.query_one("#compare-views", ContentSwitcher)
        if not self.chart or self.comparison is None:
            switcher.current = "compare-table"
            self.query_one("#compare-table", DataTable).focus()
            return
        table = self.query_one("#compare-table", DataTable)
        scale = table_scale(self.comparison)
        if self.chart == "bar":
            self._bars(max(table.cursor_column - 1, 0), scale)
            switcher.current = "compare-bars"
            self.query_one("#compare-bars", VerticalScroll).focus()
        else:
            plot = self.query_one("#compare-chart", PlotWidget)
            plot.clear()
            self._line(plot, self.rows[min(table.cursor_row, len(self.rows) - 1)], scale)
            switcher.current = "compare-chart"
            plot.focus()

    def _bars(self, column: int, scale: Scale) -> None:
        """Every park with a value in the period under the cursor, largest first."""
        comparison = self.comparison
        assert comparison is not None
        period = comparison.columns[column]
        cells = sorted(((p, comparison.cells[(p, period)]) for p in self.rows if (p, period) in comparison.cells),
                       key=lambda pc: -pc[1].value)
        body = bar_lines([p for p, _ in cells], [float(number(c.value, scale)) for _, c in cells],
                         [cell_text(c, scale) for _, c in cells], self.size.width - 2)
        heading = Text(f"{comparison.family.name} · {period} · {scale.unit} · {len(cells)} parks · "
                       "c/Esc back to the table\n", style="bold")
        self.query_one("#compare-bars-body", Static).update(heading + body)

    def _line(self, plot: PlotWidget, park: str, scale: Scale) -> None:
        comparison = self.comparison
        assert comparison is not None
        periods = sorted((c for c in comparison.columns if (park, c) in comparison.cells), key=period_order)
        values = [float(number(comparison.cells[(park, c)].value, scale)) for c in periods]
        xs = list(range(1, len(periods) + 1))
        plot.plot(xs, values, line_style=LINE_STYLE, hires_mode=HiResMode.BRAILLE)
        plot.scatter(xs, values, marker="●", marker_style=LINE_STYLE)
        plot.set_x_formatter(CategoricalAxisFormatter(periods))
        plot.set_xticks([float(x) for x in xs])
        plot.set_xlimits(0.5, len(periods) + 0.5)
        plot.set_ylimits(min(0.0, *values), max(0.0, *values) * 1.1 or 1.0)
        plot.set_ylabel(scale.unit)
        plot.set_xlabel(visible(park))

    # Export and close -------------------------------------------------------------------------

    def action_export(self) -> None:
        from parktui.tui.dialogs import PathScreen

        comparison = self.comparison
        if comparison is None or not comparison.rows:
            self.app.notify("Nothing to export: the table is empty.", severity="warning", timeout=4)
            return
        shown = self._shown()

        def done(path: str | None) -> None:
            if path:
                self._write(shown, Path(path))

        default = str(Path.cwd() / f"parktui-compare-{comparison.family.name}-{comparison.kind}.csv")
        self.app.push_screen(PathScreen(f"Export {len(shown.rows)} rows", default,
                                        "Enter to write · end the name in .json for JSON, else CSV · Esc cancels"),
                             done)

    def _shown(self) -> Comparison:
        """The comparison with its rows in the order shown."""
        from dataclasses import replace

        assert self.comparison is not None
        return replace(self.comparison, rows=list(self.rows))

    def _write(self, comparison: Comparison, target: Path) -> None:
        import orjson

        is_json = target.suffix.lower() == ".json"
        data = orjson.dumps(to_json(comparison), option=orjson.OPT_INDENT_2) if is_json else csv_bytes(comparison)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        except OSError as exc:
            self.app.notify(f"{target}: {exc.strerror or exc}", title="export failed", severity="error", timeout=8)
            return
        self.app.notify(f"{len(comparison.rows)} rows → {target}", title="exported " + ("JSON" if is_json else "CSV"),
                        timeout=6)

    def action_close(self) -> None:
        if self.chart:
            self.chart = ""
            self._draw_chart()
            return
        if self.focused is not None and self.focused.id != "compare-table":
            self.query_one("#compare-table", DataTable).focus()
            return
        self.post_message(GoBack())


class SourcesScreen(PickScreen[Report]):
    """The reports behind one cell, latest first; Enter opens the article at the figure."""

    BINDINGS: ClassVar[list[BindingType]] = [*keymap.COMPARE_SOURCES]

    def __init__(self, heading: str, reports: list[Report]) -> None:
        choices: list[Choice[Report]] = [
            (Text.assemble((visible(f"{r.display}  "), "bold"),
                           (visible(f"{r.date} #{r.article_id} {r.article_title}") + "\n", "dim"),
                           visible(r.sentence)), r)
            for r in reports]
        super().__init__(heading, choices, "compare-sources", hint="Enter opens the article · Esc closes")

    @property
    def reports(self) -> list[Report]:
        """The reports listed, in order."""
        return [report for _, report in self.choices]
