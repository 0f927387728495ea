"""The typed way for screens and widgets to reach the parktui app (posting does the same
with `cast`): `park_app(self).library` is a `Library`, not `Any`."""
from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode

if TYPE_CHECKING:
    from parktui.tui.app import ParkApp


def park_app(node: DOMNode) -> ParkApp:
    return cast("ParkApp", node.app)


def key_of(node: DOMNode, binding_id: str) -> str:
    """The key shown for a binding (after the user's keymap), e.g. "s", "^f"."""
    from parktui.tui.keymap import key_display

    app = park_app(node)
    return key_display(app, binding_id, app.settings.keymap)
