"""Navigation: typed messages that ask the app to go somewhere, and the history of places.

Screens and widgets post these messages; `ParkApp` handles them (`on_open_article`, …) and
records each place in a `History`, so back/forward walk list → article → figure → view →
other article. The views (search, all figures, parks) are installed screens, so going
back to one finds its filters, sort, cursor and scroll as they were.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

Span = tuple[int, int]

MAIN = "main"
VIEWS = ("search", "figures", "parks", "compare")


@dataclass
class OpenArticle(Message):
    """Show an article in the reader; `span` is highlighted, `hits` are search hits (n/N)."""

    article_id: int
    span: Span | None = None
    hits: list[Span] | None = None
    focus: bool = True


@dataclass
class FilterPark(Message):
    """Filter the article list to one park (its aliases included)."""

    name: str


@dataclass
class ShowView(Message):
    """Open one of the views: "search", "figures", "parks" or "compare"."""

    name: str


@dataclass
class GoBack(Message):
    """Go to the previous place in the history."""


@dataclass(frozen=True)
class Place:
    """One entry of the history: a view, or the main screen with an article (None: the list)."""

    view: str = MAIN
    article_id: int | None = None
    span: Span | None = None
    hits: tuple[Span, ...] = field(default=())


class History:
    """Places visited, with a cursor: `visit` drops the forward entries, like a web browser."""

    LIMIT = 200

    def __init__(self) -> None:
        self.places: list[Place] = [Place()]
        self.index = 0

    @property
    def current(self) -> Place:
        return self.places[self.index]

    def visit(self, place: Place) -> None:
        if place == self.current:
            return
        del self.places[self.index + 1:]
        self.places.append(place)
        if len(self.places) > self.LIMIT:
            del self.places[0]
        self.index = len(self.places) - 1

    def back(self) -> Place | None:
        if self.index == 0:
            return None
        self.index -= 1
        return self.current

    def forward(self) -> Place | None:
        if self.index >= len(self.places) - 1:
            return None
        self.index += 1
        return self.current
