"""Command palette providers: open an article by title, filter the list by park.

The app's fixed commands (views, import, export, theme, panes) are system commands in
`ParkApp.get_system_commands`; these providers add one command per article or park.
"""
from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from parktui.safetext import visible
from parktui.tui.appref import park_app
from parktui.tui.nav import FilterPark, OpenArticle

MAX_HITS = 30


class ArticleCommands(Provider):
    """“open: <title>” for every article; substring filter first, then fuzzy scoring."""

    async def search(self, query: str) -> Hits:
        query = query.strip()
        if not query:
            return
        app = park_app(self.screen)
        summaries = app.library.summaries
        matcher = self.matcher(query)
        words = [w for w in query.lower().split() if w]
        found = 0
        for s in summaries:
            title = visible(s.get("title") or "")
            hay = f"{title} {s.get('park') or ''}".lower()
            if not all(w in hay for w in words):
                continue
            score = matcher.match(title) or 0.5
            label = f"open: {title}"
            where = " · ".join(x for x in (s.get("park"), s.get("date") or s.get("source")) if x)
            yield Hit(score, matcher.highlight(label), partial(app.post_message, OpenArticle(s["id"])),
                      text=label, help=escape(visible(where)))
            found += 1
            if found >= MAX_HITS:
                return


class ParkCommands(Provider):
    """“park: <name>” filters the article list to one park (aliases included)."""

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for park in park_app(self.screen).library.parks():
            label = f"park: {park.name}"
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), partial(self.app.post_message, FilterPark(park.name)),
                          text=label, help=f"{len(park.article_ids)} articles, {park.n_figures} figures")

    async def discover(self) -> Hits:
        for park in park_app(self.screen).library.parks()[:10]:
            yield DiscoveryHit(f"park: {park.name}", partial(self.app.post_message, FilterPark(park.name)),
                               help=f"{len(park.article_ids)} articles")
