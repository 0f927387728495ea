"""Running a query against the index: ranked hits with snippets, and figure search."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from parktui.search import bm25
from parktui.search.fold import fold, folding_keeps_matches, phrase_tokens
from parktui.search.index import texts
from parktui.search.query import Query, Term

# bm25 weights of the FTS columns (title, subtitle, body).
WEIGHTS = (10.0, 3.0, 1.0)
CONTEXT = 24        # characters of context either side of a snippet's match
MAX_SNIPPETS = 3    # body snippets per hit

Meta = tuple[str, str, str]
"""(title, park, date) of an article."""
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
    pos, neg, _ = fts_expressions(query)
    where, params = _filter_sql(query)
    sql_limit = limit if limit > 0 else -1
    if pos:
        rows = _ranked(conn, f"({pos}) NOT ({neg})" if neg else pos, query, limit, where, params)
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


def _ranked(conn: sqlite3.Connection, expr: str, query: Query, limit: int,
            where: str = "", params: list[str] | None = None) -> list[RankedRow]:
    """Title hits (a term in the title) by bm25, then the other hits by bm25; ties by date.

    A title hit's score is bm25 of `(expr) AND {title}:(terms)`: the score of `expr` plus
    one term per title phrase, which `_title_hit_scores` adds bit for bit as FTS5 would.
    When the title hits are few, FTS5 ranks `expr` once, title hits first, instead of a
    second pass over the same rows that computes every phrase's IDF again (a walk over the
    whole index). When they fill the page, FTS5 ranks `(expr) AND {title}:(terms)` alone:
    fewer rows to rank. Filters are joined into the FTS5 query: only passing rows are ranked."""
    args = params or []
    titled = f"({expr}) AND " + _title_expr(query.terms)
    first, counts = _few_title_hits(conn, query, titled, limit, where, args)
    if first is None:  # FTS5 ranks the title hits: they fill the page, or every hit is wanted
        scores = {i: s for i, s, _ in _rank(conn, titled, where, args, limit + _PAD if limit else -1)}
        out = _title_hit_rows(conn, scores, limit)
        if limit:
            return out
        rows = _rank(conn, expr, where, args, -1, list(scores))
    else:
        rows = _rank(conn, expr, where, args, len(first) + limit + _PAD, first)
        out = _scored_title_hits(conn, query, rows, first, counts, limit, bool(where))
    want = limit - len(out) if limit else 0
    if limit and not want:
        return out
    return out + _other_rows(conn, {i: s for i, s, th in rows if not th}, want)


def _title_expr(terms: list[Term]) -> str:
    """Any of the terms in the title column."""
    return "{title} : (" + " OR ".join(term_expr(t) for t in terms) + ")"


def _single_term(query: Query, filtered: bool) -> bool:
    """One term, nothing excluded or filtered: its title hits are the rows with it in the title."""
    return not (filtered or query.negatives) and len({t.text for t in query.terms}) == 1


def _few_title_hits(conn: sqlite3.Connection, query: Query, titled: str, limit: int, where: str,
                    args: list[str]) -> tuple[list[int] | None, dict[str, int]]:
    """(every title hit when they are fewer than the page, else None; per term, the rows
    with it in the title when they were counted on the way)."""
    first: list[int] | None = None
    counts: dict[str, int] = {}
    probe = bool(limit)  # ask FTS5 whether the title hits fill the page
    if limit and where:
        # A filter usually leaves few title hits: look for them among the rows with a term
        # in the title (whose counts the scores need anyway) rather than by a walk of `titled`.
        in_title = _title_rows(conn, query.terms)
        counts = {text: len(ids) for text, ids in in_title.items()}
        candidates = set().union(*in_title.values())
        if len(candidates) <= _MANY:
            first = _passing(conn, candidates, where, args)
            if not query.negatives and len(in_title) == 1:  # exactly the title hits
                probe = False
                first = first if len(first) < limit else None
            elif len(first) <= _FEW:
                probe = False
    if probe:
        found = (_matching(conn, _title_expr(query.terms), "", [], limit) if _single_term(query, bool(where))
                 else _matching(conn, titled, where, args, limit))
        first = found if len(found) < limit else None
    return first, counts


def _title_hit_rows(conn: sqlite3.Connection, scores: dict[int, float], limit: int) -> list[RankedRow]:
    """Title hits FTS5 ranked, best first (the first `limit`; 0: all)."""
    meta = _meta(conn, list(scores))
    return [(i, *meta[i], scores[i], 1) for i in _by_score(scores, scores, meta, limit)]


def _scored_title_hits(conn: sqlite3.Connection, query: Query, rows: list[tuple[int, float, int]],
                       first: list[int], counts: dict[str, int], limit: int, filtered: bool) -> list[RankedRow]:
    """The title hits among `rows` (ranked by `expr` alone), their title phrases' terms added."""
    scores = {i: s for i, s, th in rows if th}
    meta = _meta(conn, list(scores))
    plain = _single_term(query, filtered)
    counts = counts or {t.text: len(first) if plain else _title_count(conn, t) for t in query.terms}
    scores = _title_hit_scores(conn, scores, meta, query.terms, counts)
    return [(i, *meta[i], scores[i], 1) for i in _by_score(scores, scores, meta, limit)]


def _other_rows(conn: sqlite3.Connection, rest: dict[int, float], want: int) -> list[RankedRow]:
    """Hits without a term in the title, best first (the first `want`; 0: all)."""
    others = list(rest)[:want + _PAD] if want else list(rest)
    meta = _meta(conn, others)
    return [(i, *meta[i], rest[i], 0) for i in _by_score(others, rest, meta, want)]


_FEW = 100     # filtered rows with a term in the title ranked first without asking FTS5 for the title hits
_MANY = 2000   # rows with a term in the title checked against the filters at most


def _passing(conn: sqlite3.Connection, ids: set[int], where: str, params: list[str]) -> list[int]:
    """`ids` without the rows the filters reject."""
    sql = f"SELECT id FROM docs d WHERE id IN (SELECT value FROM json_each(?)) AND {where}"
    return [i for (i,) in conn.execute(sql, [json.dumps(sorted(ids)), *params])]


def _chunks(ids: list[int], size: int = 500) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _from(where: str) -> str:
    """FROM … WHERE of an FTS5 query with the filters joined in (FTS5 drives the join)."""
    return ("FROM fts" + (" CROSS JOIN docs d ON d.id = fts.rowid" if where else "")
            + " WHERE fts MATCH ?" + (f" AND {where}" if where else ""))


def _matching(conn: sqlite3.Connection, match: str, where: str, params: list[str], limit: int) -> list[int]:
    """Up to `limit` rows matching `match` and the filters, unranked (FTS5 stops at `limit`)."""
    return [i for (i,) in conn.execute(f"SELECT fts.rowid {_from(where)} LIMIT ?", [match, *params, limit])]


def _rank(conn: sqlite3.Connection, match: str, where: str, params: list[str], limit: int,
          first: list[int] | None = None) -> list[tuple[int, float, int]]:
    """(id, bm25, 1 if among `first`) of the best `limit` rows (-1: all) matching `match` and
    the filters; the rows of `first` come before the others."""
    score = f"bm25(fts, {WEIGHTS[0]}, {WEIGHTS[1]}, {WEIGHTS[2]})"
    mark = "fts.rowid IN (SELECT value FROM json_each(?))" if first else "0"
    sql = f"SELECT fts.rowid, {score}, {mark} {_from(where)} ORDER BY 3 DESC, 2 LIMIT ?"
    args = [json.dumps(first)] if first else []
    return conn.execute(sql, [*args, match, *params, limit]).fetchall()


def _title_rows(conn: sqlite3.Connection, terms: list[Term]) -> dict[str, set[int]]:
    """Per term: the rows with it in the title."""
    sql = "SELECT rowid FROM fts WHERE fts MATCH ?"
    return {t.text: {i for (i,) in conn.execute(sql, ("{title} : " + term_expr(t),))} for t in terms}


def _title_count(conn: sqlite3.Connection, term: Term) -> int:
    """How many rows have `term` in the title (its title phrase's IDF counts them)."""
    match = "{title} : " + term_expr(term)
    return int(conn.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (match,)).fetchone()[0])


def _title_hit_scores(conn: sqlite3.Connection, scores: dict[int, float], meta: dict[int, Meta],
                      terms: list[Term], counts: dict[str, int]) -> dict[int, float]:
    """bm25 of `(expr) AND {title}:(terms)` for the title hits whose bm25 of `expr` is
    `scores`; `counts`: per term, the rows with it in the title (its title phrase's IDF)."""
    if not scores:
        return {}
    stats = bm25.Stats(conn)
    idfs = [stats.idf(counts[t.text]) for t in terms]
    lengths = bm25.row_lengths(conn, scores)
    out: dict[int, float] = {}
    for i, score in scores.items():
        title = fold(meta[i][0])
        total = -score  # FTS5 returns -1.0 * sum; the title phrases come after expr's in the sum
        for term, idf in zip(terms, idfs, strict=True):
            total += stats.term(idf, WEIGHTS[0] * len(find_all(title, term.text)), lengths[i])
        out[i] = -1.0 * total
    return out


def _meta(conn: sqlite3.Connection, ids: list[int]) -> dict[int, Meta]:
    """(title, park, date) of each of `ids`."""
    out: dict[int, Meta] = {}
    for part in _chunks(ids):
        sql = f"SELECT id, title, park, date FROM docs WHERE id IN ({','.join('?' * len(part))})"
        out.update((i, (t, p, d)) for i, t, p, d in conn.execute(sql, part))
    return out


def _by_score(ids: Iterable[int], score: dict[int, float], meta: dict[int, Meta],
              limit: int) -> list[int]:
    """`ids` best first (lowest bm25), ties by newer date then higher id; `limit` 0 = all."""
    ranked = sorted(ids, key=lambda i: (score[i], _neg_date(meta[i][2]), -i))
    return ranked[:limit] if limit > 0 else ranked


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
    """Every (start, end) of a term in `text`, compared folded."""
    folded = text if folding_keeps_matches(text, [t.text for t in terms]) else fold(text)
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
