"""FTS5's bm25, term by term, to add the title phrases to a score FTS5 computed for the rest.

A title hit's score is FTS5's bm25 of `(expr) AND {title}:(terms)`: the sum, phrase by
phrase in query order, of IDF × saturated frequency. The phrases of `expr` contribute
exactly what they contribute to bm25 of `expr` alone (same IDF, same row length), so the
engine ranks `expr` once and adds the title phrases' terms here. The arithmetic is that of
SQLite's `fts5Bm25Function` (ext/fts5/fts5_aux.c) operation for operation, so the sum is
bit for bit the one FTS5 returns for the two-phrase-set query (tests/test_search_bm25.py).
"""
from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable, Iterator

K1 = 1.2
B = 0.75


def varints(blob: bytes) -> Iterator[int]:
    """The SQLite varints of an FTS5 record (the averages record, a docsize row)."""
    i, n = 0, len(blob)
    while i < n:
        value = 0
        for k in range(9):
            byte = blob[i]
            i += 1
            if k == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        yield value


class Stats:
    """The table-wide numbers bm25 uses: row count and average row length in tokens."""

    def __init__(self, conn: sqlite3.Connection):
        row = conn.execute("SELECT block FROM fts_data WHERE id=1").fetchone()
        counts = list(varints(row[0])) if row else [0]
        self.rows = counts[0]
        tokens = sum(counts[1:])
        self.avgdl = float(tokens) / float(self.rows) if self.rows else 1.0

    def idf(self, n_hit: int) -> float:
        """The IDF of a phrase found in `n_hit` rows (floored at 1e-6 as FTS5 does)."""
        idf = math.log((self.rows - n_hit + 0.5) / (n_hit + 0.5))
        return idf if idf > 0.0 else 1e-6

    def term(self, idf: float, freq: float, length: int) -> float:
        """One phrase's term: `freq` is its column-weighted count in a row of `length` tokens."""
        return idf * ((freq * (K1 + 1.0)) / (freq + K1 * (1 - B + B * length / self.avgdl)))


def row_lengths(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, int]:
    """Each row's length in tokens, all columns together (FTS5's docsize table)."""
    wanted = list(ids)
    out: dict[int, int] = {}
    for start in range(0, len(wanted), 500):
        part = wanted[start:start + 500]
        sql = f"SELECT id, sz FROM fts_docsize WHERE id IN ({','.join('?' * len(part))})"
        out.update((i, sum(varints(sz))) for i, sz in conn.execute(sql, part))
    return out
