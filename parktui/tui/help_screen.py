"""`?` / F1: the keys of the pane you are in, then the screen's, then everywhere's,
with the binding ids that config.toml can remap."""
from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from parktui.tui.appref import park_app

PANE_NAMES = {"list": "Article list", "reader": "Reader", "figs": "Figures of the article",
              "results": "Search results", "allfigs": "All figures", "query": "Search box",
              "parklist": "Parks", "parkarticles": "Park articles", "parkfigs": "Park figures"}

READER_NOTES = "Figures are highlighted in the text; Enter on a figure in the figures pane jumps here."


def binding_groups(screen: Screen[Any]) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """[(group title, [(keys, description, id)])]: the keys that work now on `screen`
    (its active bindings, after the user's keymap), by the pane, screen or app they act on."""
    app = screen.app
    by_node: dict[DOMNode, dict[tuple[str, str], tuple[list[str], str]]] = {}
    for key, active in screen.active_bindings.items():
        b = active.binding
        if not active.enabled or b.system or b.action == "command_palette":
            continue
        if b.id is None and "focus" not in b.action:
            continue  # Textual's own scroll/copy keys: noise here
        desc = b.description or b.action
        keys, _ = by_node.setdefault(active.node, {}).setdefault((b.action, desc), ([], b.id or ""))
        display = app.get_key_display(Binding(key, b.action, b.description))
        if display not in keys:
            keys.append(display)
    groups = []
    for node, rows in by_node.items():
        entries = [(" ".join(keys), desc, bid) for (_, desc), (keys, bid) in rows.items()]
        groups.append((_group_title(node, screen), entries))
    return groups


def _group_title(node: DOMNode, screen: Screen[Any]) -> str:
    if node is screen.app:
        return "Everywhere"
    if node is screen:
        return f"This screen ({type(screen).__name__.replace('Screen', '') or 'main'})"
    return PANE_NAMES.get(node.id or "", type(node).__name__)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close")]

    def __init__(self, target: Screen[Any]) -> None:
        super().__init__()
        self.target = target

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(self._render_help(), id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "Keys — Esc to close"

    @property
    def plain_text(self) -> str:
        """The help as plain lines (for tests and screen readers)."""
        lines = []
        for title, entries in self.groups:
            lines.append(title)
            lines += [f"  {keys:<18} {desc}  [{bid}]" for keys, desc, bid in entries]
        return "\n".join(lines)

    def _render_help(self) -> Table:
        outer = Table.grid(padding=(0, 0))
        outer.add_column()
        self.groups = binding_groups(self.target)
        for title, entries in self.groups:
            table = Table(title=title, title_justify="left", title_style="bold", show_header=False,
                          box=None, padding=(0, 1), expand=True)
            table.add_column("keys", style="bold", no_wrap=True, width=18)
            table.add_column("does", ratio=1)
            table.add_column("id", style="dim", no_wrap=True)
            for keys, desc, bid in entries:
                table.add_row(keys, desc, bid)
            outer.add_row(table)
            outer.add_row(Text(""))
        from parktui.locations import config_path

        path = park_app(self).settings.path or config_path()
        outer.add_row(Text.assemble(("Remap keys: ", "dim"), ("[keymap] id = \"keys\"", "bold"),
                                    (f" in {path}", "dim")))
        outer.add_row(Text("ctrl+p opens the command palette: open an article by title, filter by park, "
                           "import, export, theme.", style="dim"))
        return outer

    async def action_dismiss(self, result: Any = None) -> None:
        self.dismiss(None)
