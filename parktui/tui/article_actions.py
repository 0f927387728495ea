"""What the main screen does to the open or selected article besides showing it: open its
web address in the browser (o), copy it (Y), delete it from the store (Delete, confirmed)."""
from __future__ import annotations

from typing import Any, Sequence

from textual import work
from textual.screen import Screen

from parktui.tui.appref import park_app
from parktui.tui.dialogs import ConfirmScreen
from parktui.tui.vtable import VirtualTable


class ArticleActions(Screen[None]):
    article: dict[str, Any] | None

    def _article_url(self) -> str | None:
        article = self.article or {}
        url = article.get("url") or article.get("source") or ""
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            return url
        self.notify("This article has no web address.", timeout=3)
        return None

    def action_delete_article(self) -> None:
        """Delete the selected article from the store, after a confirmation."""
        row = self.query_one("#list", VirtualTable).current
        if not row:
            return
        question = f"Delete article {row['id']} “{row.get('title') or ''}”?"

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(row["id"])

        hint = "It leaves the store, search and figures.\ny: delete · n/Esc: keep"
        self.app.push_screen(ConfirmScreen(question, hint), answered)

    @work(thread=True, group="delete")
    def _delete(self, article_id: int) -> None:
        deleted = park_app(self).library.delete(article_id)
        self.app.call_from_thread(self._deleted, article_id, deleted)

    def _deleted(self, article_id: int, deleted: bool) -> None:
        if self.article is not None and self.article.get("id") == article_id:
            self.article = None
        rows = self.query_one("#list", VirtualTable).rows
        park_app(self).main.summaries_loaded(keep_id=row_after(rows, article_id))
        self.notify(f"Deleted article {article_id}" if deleted else f"Article {article_id} was already gone",
                    title="store", timeout=4)

    def action_open_url(self) -> None:
        url = self._article_url()
        if url:
            self.app.open_url(url)
            self.notify(f"Opening {url}", timeout=3)

    def action_copy_url(self) -> None:
        url = self._article_url()
        if url:
            self.app.copy_to_clipboard(url)
            self.notify(f"Copied {url}", timeout=3)


def row_after(rows: Sequence[dict[str, Any]], article_id: int) -> int | None:
    """The id of the row that takes a deleted row's place in the list: the next one, or
    the one before when it was the last (None: it is not listed, the cursor stays)."""
    place = next((i for i, row in enumerate(rows) if row["id"] == article_id), None)
    if place is None or len(rows) < 2:
        return None
    neighbour: int = rows[place + 1 if place + 1 < len(rows) else place - 1]["id"]
    return neighbour
