"""Running a query against the index: ranked hits with snippets, and figure search."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from parktui.search.fold import fold, phrase_tokens
from parktui.search.index import texts
from parktui.search.query import Query, Term

# bm25 weights of the FTS columns (title, subtitle, body).
WEIGHTS = (10.0, 3.0, 1.0)
CONTEXT = 24        # characters of context either side of a snippet's match
MAX_SNIPPETS = 3    # body snippets per hit

RankedRow = tuple[int, str, str, str, float, int]
"""(id, title, park, date, bm25 score, 1 if a title hit) of one ranked article."""


class Snippet(NamedTuple):
    """A match with context. `start`/`end`: the match in the field (`title`, `subtitle` or
    `text`, the article body); `text` is the context, which begins at `offset` in the field;
    `marks` are every match inside `text`, as (start, end) offsets into the field."""

    text: str
    start: int
    end: int
    field: str = "text"
    offset: int = 0
    marks: tuple[tuple[int, int], ...] = ()


@dataclass
class Hit:
    article_id: int
    title: str
    park: str
    date: str
    score: float
    snippets: list[Snippet] = field(default_factory=list)
    matches: list[tuple[int, int]] = field(default_factory=list)        # in article["text"]
    title_matches: list[tuple[int, int]] = field(default_factory=list)  # in article["title"]
    title_hit: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id, "title": self.title, "park": self.park, "date": self.date,
            "score": self.score, "title_hit": self.title_hit,
            "snippets": [{"field": s.field, "text": s.text, "start": s.start, "end": s.end,
                          "offset": s.offset} for s in self.snippets],
            "matches": [list(m) for m in self.matches],
        }


def term_expr(term: Term) -> str:
    """A term as an FTS5 phrase of its characters (an exact substring match)."""
    return '"' + " ".join(phrase_tokens(term.text)) + '"'


def fts_expressions(query: Query) -> tuple[str, str, str]:
    """(positive expression, negative expression, title-hit expression), '' when absent."""
    pos = " AND ".join("(" + " OR ".join(term_expr(t) for t in group) + ")" for group in query.groups)
    neg = " OR ".join(term_expr(t) for t in query.negatives)
    title = ""
    if query.groups:
        title = "{title} : (" + " OR ".join(term_expr(t) for t in query.terms) + ")"
    return pos, neg, title


def _filter_sql(query: Query) -> tuple[str, list[str]]:
    clauses: list[str] = []
    params: list[str] = []
    column = {"park": "d.parks_f", "source": "d.source_f", "column": "d.column_f"}
    for name, values in query.filters.items():
        for value in values:
            if name == "year":
                clauses.append("substr(d.date, 1, 4) = ?")
            else:
                clauses.append(f"instr({column[name]}, ?) > 0")
            params.append(value)
    return " AND ".join(clauses), params


def run(conn: sqlite3.Connection, query: Query, limit: int = 20) -> list[Hit]:
    """The hits of a parsed query, best first; `limit` 0 = every hit."""
    if query.conditions:
        return _figure_search(conn, query, limit)
    pos, neg, title = fts_expressions(query)
    where, params = _filter_sql(query)
    sql_limit = limit if limit > 0 else -1
    if pos:
        rows = _ranked(conn, f"({pos}) NOT ({neg})" if neg else pos, title, limit, where, params)
    else:
        clauses = [where] if where else []
        args = list(params)
        if neg:
            clauses.append("d.id NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
            args.append(neg)
        sql = ("SELECT d.id, d.title, d.park, d.date, 0.0, 0 FROM docs d"
               + (" WHERE " + " AND ".join(clauses) if clauses else "") +
               " ORDER BY d.date DESC, d.id DESC LIMIT ?")
        rows = conn.execute(sql, [*args, sql_limit]).fetchall()
    hits = [Hit(i, t, p, dt, float(f"{-s:.6g}") if s else 0.0, title_hit=bool(th)) for i, t, p, dt, s, th in rows]
    _add_snippets(conn, hits, query.terms)
    return hits


_PAD = 20  # extra rows fetched so equal scores at the cut are ordered by date


def _ranked(conn: sqlite3.Connection, expr: str, title: str, limit: int,
            where: str = "", params: list[str] | None = None) -> list[RankedRow]:
    """Title hits by bm25, then the other hits by bm25, straight from FTS5; filters are
    applied to the ranked rows in batches until enough pass (no join in the FTS query)."""
    bm25 = f"bm25(fts, {WEIGHTS[0]}, {WEIGHTS[1]}, {WEIGHTS[2]})"
    out: list[RankedRow] = []
    for th, match in ((1, f"({expr}) AND {title}"), (0, f"({expr}) NOT {title}")):
        want = limit - len(out) if limit > 0 else 0
        if limit > 0 and want <= 0:
            break
        cursor = conn.execute(
            f"SELECT rowid, {bm25} FROM fts WHERE fts MATCH ? ORDER BY 2"
            + ("" if where else " LIMIT ?"), (match,) if where else (match, want + _PAD if want else -1))
        score: dict[int, float] = {}
        meta: dict[int, tuple[str, str, str]] = {}
        while True:
            batch = cursor.fetchmany(500 if where else 5000)
            if not batch:
                break
            ids = [r[0] for r in batch]
            score.update(batch)
            sql = (f"SELECT id, title, park, date FROM docs d WHERE id IN ({','.join('?' * len(ids))})"
                   + (f" AND {where}" if where else ""))
            for i, t, p, d in conn.execute(sql, [*ids, *(params or [])]):
                meta[i] = (t, p, d)
            if want and len(meta) >= want + _PAD:
                break
        group = sorted(meta, key=lambda i: (score[i], _neg_date(meta[i][2]), -i))
        if want:
            group = group[:want]
        out.extend((i, *meta[i], score[i], th) for i in group)
    return out


def find_all(haystack: str, needle: str) -> list[tuple[int, int]]:
    """Every (start, end) of `needle` in `haystack`, overlapping ones included."""
    out: list[tuple[int, int]] = []
    n = len(needle)
    if not n:
        return out
    i = haystack.find(needle)
    while i >= 0:
        out.append((i, i + n))
        i = haystack.find(needle, i + 1)
    return out


def matches_in(text: str, terms: list[Term]) -> list[tuple[int, int]]:
    folded = fold(text)
    found: set[tuple[int, int]] = set()
    for term in terms:
        found.update(find_all(folded, term.text))
    return sorted(found)


def snippets_for(text: str, matches: list[tuple[int, int]], field_name: str,
                 limit: int = MAX_SNIPPETS) -> list[Snippet]:
    """Up to `limit` context windows around the matches (close matches share a window)."""
    out: list[Snippet] = []
    i = 0
    while i < len(matches) and len(out) < limit:
        start, end = matches[i]
        lo = max(0, start - CONTEXT)
        hi = min(len(text), end + CONTEXT)
        marks = [matches[i]]
        i += 1
        while i < len(matches) and matches[i][0] < hi:
            hi = min(len(text), max(hi, matches[i][1] + CONTEXT // 2))
            marks.append(matches[i])
            i += 1
        # Stay inside the paragraph when it is close by.
        para = text.rfind("\n", lo, start)
        if para >= 0:
            lo = para + 1
        nl = text.find("\n", end, hi)
        if nl >= 0 and all(m[1] <= nl for m in marks):
            hi = nl
        out.append(Snippet(text[lo:hi], start, end, field_name, lo, tuple(marks)))
    return out


def _add_snippets(conn: sqlite3.Connection, hits: list[Hit], terms: list[Term]) -> None:
    if not hits or not terms:
        return
    fields = {i: (subtitle, body) for i, _, subtitle, body in texts(conn, [h.article_id for h in hits])}
    for hit in hits:
        subtitle, body = fields.get(hit.article_id, ("", ""))
        hit.title_matches = matches_in(hit.title, terms)
        hit.matches = matches_in(body, terms)
        if hit.title_matches:
            s, e = hit.title_matches[0]
            hit.snippets.append(Snippet(hit.title, s, e, "title", 0, tuple(hit.title_matches)))
        sub = matches_in(subtitle, terms)
        if sub:
            hit.snippets.extend(snippets_for(subtitle, sub, "subtitle", 1))
        hit.snippets.extend(snippets_for(body, hit.matches, "text"))


def _figure_search(conn: sqlite3.Connection, query: Query, limit: int) -> list[Hit]:
    """Articles with a figure passing every condition whose metric contains the terms."""
    clauses: list[str] = ["f.value IS NOT NULL"]
    params: list[object] = []
    for i, condition in enumerate(query.conditions):
        # the figures filter's own rule (figure_table.Condition), not a second one in SQL
        name = f"parktui_condition_{i}"
        conn.create_function(name, 2, condition.accepts, deterministic=True)
        clauses.append(f"{name}(f.value, f.unit)")
    for group in query.groups:
        clauses.append("(" + " OR ".join("instr(f.metric_f, ?) > 0" for _ in group) + ")")
        params += [t.text for t in group]
    where, fparams = _filter_sql(query)
    if where:
        clauses.append(where)
        params += fparams
    _, neg, _ = fts_expressions(query)
    if neg:
        clauses.append("d.id NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
        params.append(neg)
    sql = ("SELECT d.id, d.title, d.park, d.date, f.start, f.end_ FROM figs f"
           " JOIN docs d ON d.id = f.article_id WHERE " + " AND ".join(clauses) +
           " ORDER BY d.date DESC, d.id DESC, f.start")
    by_id: dict[int, Hit] = {}
    for i, title, park, date, start, end in conn.execute(sql, params):
        hit = by_id.get(i)
        if hit is None:
            hit = by_id[i] = Hit(i, title, park, date, 0.0)
        if isinstance(start, int) and isinstance(end, int):
            hit.matches.append((start, end))
        hit.score += 1.0
    hits = sorted(by_id.values(), key=lambda h: (-h.score, _neg_date(h.date), -h.article_id))
    if limit > 0:
        hits = hits[:limit]
    bodies = {i: body for i, _, _, body in texts(conn, [h.article_id for h in hits])}
    for hit in hits:
        hit.snippets = snippets_for(bodies.get(hit.article_id, ""), hit.matches, "text")
    return hits


def _neg_date(date: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in date)
