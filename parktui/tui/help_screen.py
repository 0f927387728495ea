"""`?` / F1: the keys of the pane you are in, then the screen's, then everywhere's,
with the binding ids that config.toml can remap."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

PANE_NAMES = {"list": "Article list", "reader": "Reader", "figs": "Figures of the article",
              "results": "Search results", "allfigs": "All figures", "query": "Search box",
              "parklist": "Parks", "parkarticles": "Park articles", "parkfigs": "Park figures"}

READER_NOTES = "Figures are highlighted in the text; Enter on a figure in the figures pane jumps here."


def binding_groups(screen: Screen) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """[(group title, [(keys, description, id)])] for the focused widget, screen and app."""
    app = screen.app
    groups = []
    for node, bindings_map in screen._binding_chain:
        rows: dict[tuple[str, str], list[str]] = {}
        ids: dict[tuple[str, str], str] = {}
        for key, bindings in bindings_map.key_to_bindings.items():
            for b in bindings:
                if b.system or b.action in ("command_palette",):
                    continue
                if b.id is None and "focus" not in b.action:
                    continue  # Textual's own scroll/copy keys: noise here
                desc = b.description or b.action
                k = (b.action, desc)
                rows.setdefault(k, [])
                display = app.get_key_display(Binding(key, b.action, b.description))
                if display not in rows[k]:
                    rows[k].append(display)
                ids[k] = b.id or ""
        if not rows:
            continue
        if node is app:
            title = "Everywhere"
        elif node is screen:
            title = f"This screen ({type(screen).__name__.replace('Screen', '') or 'main'})"
        else:
            title = PANE_NAMES.get(getattr(node, "id", None) or "", type(node).__name__)
        entries = [(" ".join(keys), desc, ids[(action, desc)]) for (action, desc), keys in rows.items()]
        groups.append((title, entries))
    return groups


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close")]

    def __init__(self, target: Screen) -> None:
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

        path = getattr(self.app, "settings", None) and self.app.settings.path or config_path()
        outer.add_row(Text.assemble(("Remap keys: ", "dim"), ("[keymap] id = \"keys\"", "bold"),
                                    (f" in {path}", "dim")))
        outer.add_row(Text("ctrl+p opens the command palette: open an article by title, filter by park, "
                           "import, export, theme.", style="dim"))
        return outer

    async def action_dismiss(self, result=None) -> None:
        self.dismiss(None)
