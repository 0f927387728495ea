"""Read/unread and starred, kept in the store (`Library.set_flags` → `Store.set_flags`).

Opening an article marks it read; `u` toggles read, `*` toggles the star of the article
under the list cursor (or the open one, from the reader). Writes run in a thread worker
so a slow disk never holds a key.
"""
from __future__ import annotations

from typing import Any

from textual import work
from textual.screen import Screen

from parktui.store import StoreError
from parktui.tui.appref import park_app
from parktui.tui.vtable import VirtualTable


class ArticleFlags(Screen[None]):
    """The flag actions of the main screen."""

    article: dict[str, Any] | None

    def _flag_target(self) -> dict[str, Any] | None:
        """The summary the flag keys act on."""
        lst = self.query_one("#list", VirtualTable)
        if self.focused is lst:
            row: dict[str, Any] | None = lst.current
            return row
        if self.article is not None:
            return park_app(self).library.by_id.get(self.article["id"])
        return None

    def action_toggle_read(self) -> None:
        row = self._flag_target()
        if row is not None:
            self._set_flags(row["id"], read=not row.get("read"))
            self.notify("Marked unread" if row.get("read") else "Marked read", timeout=2)

    def action_toggle_star(self) -> None:
        row = self._flag_target()
        if row is not None:
            self._set_flags(row["id"], starred=not row.get("starred"))
            self.notify("Unstarred" if row.get("starred") else "Starred ★", timeout=2)

    def mark_read(self, article_id: int) -> None:
        row = park_app(self).library.by_id.get(article_id)
        if row is not None and not row.get("read"):
            self._set_flags(article_id, read=True)

    def _set_flags(self, article_id: int, read: bool | None = None, starred: bool | None = None) -> None:
        row = park_app(self).library.by_id.get(article_id)
        if row is not None:  # shown at once; the store write follows in the worker
            row.update({k: v for k, v in (("read", read), ("starred", starred)) if v is not None})
            self.query_one("#list", VirtualTable).refresh_rows()
        self._write_flags(article_id, read, starred)

    @work(thread=True, group="flags")
    def _write_flags(self, article_id: int, read: bool | None, starred: bool | None) -> None:
        try:
            park_app(self).library.set_flags(article_id, read=read, starred=starred)
        except (StoreError, OSError) as exc:
            self.app.call_from_thread(self.notify, f"could not save the mark: {exc}", title="store",
                                      severity="error", timeout=8)
