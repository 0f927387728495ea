"""Saved searches: named queries from config.toml ([searches] name = "query") and those
saved in the app (ctrl+s in the search view, kept in state.json). `S` lists them; Enter
runs one in the search view."""
from __future__ import annotations

from typing import Any

from textual.binding import Binding

from parktui.tui.dialogs import PickScreen
from parktui.tui.settings import Settings, load_state, save_state


def saved_searches(settings: Settings, state_file: Any) -> dict[str, str]:
    """name → query: the config file's first (its names win), then those saved in the app."""
    saved = load_state(state_file).get("searches") if state_file else None
    found = {str(k): str(v) for k, v in saved.items()} if isinstance(saved, dict) else {}
    return settings.searches | {k: v for k, v in found.items() if k not in settings.searches}


def save_search(state_file: Any, name: str, query: str) -> None:
    searches = load_state(state_file).get("searches")
    saved: dict[str, str] = dict(searches) if isinstance(searches, dict) else {}
    save_state(state_file, searches=saved | {name: query})


class SavedSearchesScreen(PickScreen[str]):
    """Pick a saved search: Enter runs it, Esc closes."""

    BINDINGS = [
        Binding("escape,S", "close", "Close", id="saved.close"),
        Binding("j", "down", "Down", show=False, id="saved.down"),
        Binding("k", "up", "Up", show=False, id="saved.up"),
    ]

    def __init__(self, searches: dict[str, str]) -> None:
        super().__init__("Saved searches — Enter runs one, Esc closes",
                         [(name if name == q else f"{name}  ({q})", q) for name, q in searches.items()], "saved")
