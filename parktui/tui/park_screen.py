"""Parks: pick one (aliases merged) to see its articles and every figure it reports."""
from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer

from parktui.tui import keymap
from parktui.tui.appref import park_app
from parktui.tui.data import Park, format_value
from parktui.tui.nav import GoBack, OpenArticle
from parktui.tui.text import when
from parktui.tui.vtable import Column, VirtualTable


def _park_cells(p: Park) -> list[str]:
    aliases = "、".join(sorted(p.aliases))
    return [p.name, aliases, str(len(p.article_ids)), str(p.n_figures)]


def _article_cells(s: dict[str, Any]) -> list[str]:
    return [s.get("title") or "", when(s), str(s.get("n_figures") or "")]


def _figure_cells(r: dict[str, Any]) -> list[str]:
    return [format_value(r), r.get("metric") or "", r.get("kind") or "", str(r.get("period") or ""),
            r.get("article_title") or ""]


class ParkScreen(Screen[None]):
    BINDINGS = keymap.PARKS
    VIEW = "parks"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield VirtualTable([Column("name", "park", 10, flex=1), Column("aliases", "aliases", 8, flex=1),
                                Column("n", "arts", 4, justify="right"), Column("f", "figs", 4, justify="right")],
                               _park_cells, empty="No parks yet: articles name no park.\nImport articles about 园区 first.",  # noqa: E501
                               id="parklist")
            with Vertical(id="parkright"):
                yield VirtualTable([Column("title", "title", 10, flex=1), Column("when", "date/src", 10),
                                    Column("n", "图", 3, justify="right")], _article_cells,
                                   empty="Pick a park on the left.", id="parkarticles")
                yield VirtualTable([Column("value", "value", 12, justify="right"), Column("metric", "metric", 8, flex=1),  # noqa: E501
                                    Column("kind", "kind", 8), Column("period", "period", 7),
                                    Column("article", "article", 8, flex=1)], _figure_cells,
                                   empty="No figures for this park.", id="parkfigs")
        yield Footer()

    def on_mount(self) -> None:
        parks = self.query_one("#parklist", VirtualTable)
        parks.border_title = "Parks"
        self.query_one("#parkarticles").border_title = "Articles"
        self.query_one("#parkfigs").border_title = "Figures"
        parks.set_rows(park_app(self).library.parks())
        parks.focus()
        self.set_class(True, "show-parks")

    @on(VirtualTable.Highlighted, "#parklist")
    def _park_moved(self, event: VirtualTable.Highlighted) -> None:
        park: Park | None = event.table.current
        if park is None:
            return
        lib = park_app(self).library
        ids = set(park.article_ids)
        articles = [lib.by_id[i] for i in park.article_ids if i in lib.by_id]
        articles.sort(key=lambda s: s.get("date") or "", reverse=True)
        table = self.query_one("#parkarticles", VirtualTable)
        table.set_rows(articles)
        table.border_title = f"Articles of {park.name} ({len(articles)})"
        figs = self.query_one("#parkfigs", VirtualTable)
        rows = lib.park_figures(ids, {park.name, *park.aliases})
        rows.sort(key=lambda r: r["sort"], reverse=True)
        figs.set_rows(rows)
        figs.border_title = f"Figures of {park.name} ({len(figs.rows)})"

    @on(VirtualTable.Selected, "#parklist")
    def _park_selected(self, event: VirtualTable.Selected) -> None:
        self.set_class(False, "show-parks")
        self.set_class(True, "show-detail")
        self.query_one("#parkarticles").focus()

    @on(VirtualTable.Selected, "#parkarticles")
    def _article_selected(self, event: VirtualTable.Selected) -> None:
        s = event.table.current
        if s is not None:
            self.post_message(OpenArticle(s["id"]))

    @on(VirtualTable.Selected, "#parkfigs")
    def _figure_selected(self, event: VirtualTable.Selected) -> None:
        r = event.table.current
        if r is not None:
            span = (r["start"], r["end"]) if isinstance(r.get("start"), int) else None
            self.post_message(OpenArticle(r["article_id"], span))

    def action_close(self) -> None:
        if self.has_class("show-detail"):
            self.set_class(False, "show-detail")
            self.set_class(True, "show-parks")
            self.query_one("#parklist").focus()
            return
        self.post_message(GoBack())
