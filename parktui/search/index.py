"""The search index: an SQLite file beside the store, derived from it and nothing else.

`<store>.search.sqlite` holds, per article, what a search needs to answer without
loading the store (title, subtitle, park, source, column, date, figures, and the body
compressed with zlib) and a contentless FTS5 table whose tokens are the article's
characters (`fold.tokens`): a query term is the FTS5 phrase of its characters, an exact
substring match. One token per character keeps the index smaller than the store it is
built from (docs/search.md has the reasoning, docs/store.md the numbers).

Consistency: the index is stamped with `Store.stamp()` (the identity of the manifest,
which every committed write replaces) and remembers which shard file it indexed for each
shard. A sync compares shard file names with the manifest's: only shards whose file
changed are read, and within them only articles whose content hash or figures changed are
replaced, in one SQLite transaction — one new page costs one shard. Syncs of several
processes serialise on SQLite's write lock and re-check the stamp.
"""
from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from parktui.figure_table import figure_rows
from parktui.ingest.parks import canonical
from parktui.search.rows import ArticleRows, Known, ShardSource, fts_row, shard_job, unpack, unpack_figures
from parktui.store import Snapshot, Store
from parktui.store_derived import shard_ids
from parktui.workers import worker_pool

INDEX_VERSION = "6"   # 5: figure rows and the parks they name, for `figures --park`; 6: keys
SUFFIX = ".search.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS shards(k INTEGER PRIMARY KEY, file TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs(
    id INTEGER PRIMARY KEY, sig TEXT NOT NULL, figsig TEXT NOT NULL,
    title TEXT NOT NULL, subtitle TEXT NOT NULL,
    park TEXT NOT NULL, parks_f TEXT NOT NULL, source_f TEXT NOT NULL, column_f TEXT NOT NULL,
    date TEXT NOT NULL, figparks TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS bodies(id INTEGER PRIMARY KEY, body BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS figs(
    article_id INTEGER NOT NULL, metric_f TEXT NOT NULL, value REAL, unit TEXT NOT NULL,
    kind TEXT NOT NULL, raw TEXT NOT NULL, start INTEGER, end_ INTEGER);
CREATE INDEX IF NOT EXISTS figs_article ON figs(article_id);
CREATE TABLE IF NOT EXISTS figlists(id INTEGER PRIMARY KEY, figures BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS keys(id INTEGER PRIMARY KEY, key TEXT NOT NULL, hash, extractor, import);
CREATE INDEX IF NOT EXISTS keys_key ON keys(key);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    title, subtitle, body, content='', tokenize='ascii', detail=full);
"""
# A 32 MB pending-terms buffer: with FTS5's default 1 MB, a build writes many more small
# segments and spends its time merging them.
_HASHSIZE = 32 << 20


def texts(conn: sqlite3.Connection, ids: list[int]) -> Iterator[tuple[int, str, str, str]]:
    """(id, title, subtitle, body) of the indexed articles among `ids`."""
    for chunk in range(0, len(ids), 500):
        part = ids[chunk:chunk + 500]
        sql = ("SELECT id, title, subtitle, body FROM docs JOIN bodies USING (id) "
               f"WHERE id IN ({','.join('?' * len(part))})")
        for i, title, subtitle, body in conn.execute(sql, part):
            yield i, title, subtitle, unpack(body)


def index_path(store_path: Path | str) -> Path:
    return Path(str(store_path) + SUFFIX)


def connect(path: Path | str) -> sqlite3.Connection:
    """A connection with the schema in place (for one thread)."""
    conn = sqlite3.connect(str(path), timeout=60.0, isolation_level=None)
    # A rollback journal, not WAL: a build then writes its pages once, not twice, and the
    # index stays one file. Readers wait (busy timeout) only while a sync commits.
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("PRAGMA synchronous=NORMAL")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version and str(version) != INDEX_VERSION:
        # Derived data of another layout: drop it and start again.
        conn.execute("BEGIN IMMEDIATE")
        for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table') AND name NOT LIKE 'fts_%' "
                "AND name NOT LIKE 'sqlite_%'").fetchall():
            conn.execute(f"DROP TABLE IF EXISTS {name}")
        conn.execute("COMMIT")
    if not version or str(version) != INDEX_VERSION:
        # Free pages (FTS5 leaves them as it merges segments) go back to the file system
        # after each sync (`shrink`); an emptied file of another layout takes the mode on VACUUM.
        conn.execute("PRAGMA auto_vacuum=INCREMENTAL")
        if version:
            conn.execute("VACUUM")
        conn.executescript(_SCHEMA)
        conn.execute("INSERT INTO fts(fts, rank) VALUES('hashsize', ?)", (_HASHSIZE,))
        conn.execute(f"PRAGMA user_version={INDEX_VERSION}")
    return conn


def current_stamp(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key='stamp'").fetchone()
    return row[0] if row else None


def _shard_files(snap: Snapshot) -> dict[int, str]:
    """Which file each shard is in (a first-release store: its stamp, so any write re-syncs)."""
    if snap.legacy:
        return {k: f"v1:{snap.stamp}" for k in snap.shards}
    return {k: str(entry["file"]) for k, entry in snap.shards.items()}


def shrink(conn: sqlite3.Connection) -> None:
    """Give the file's free pages back (a build of 97k articles leaves about 50 MB)."""
    if conn.execute("PRAGMA freelist_count").fetchone()[0] > 256:
        conn.executescript("PRAGMA incremental_vacuum;")  # execute() would free one page per call


def _changed_shards(conn: sqlite3.Connection, snap: Snapshot) -> list[tuple[int, str | None]]:
    """(shard, file now or None when gone) of every shard whose file the index has not seen."""
    have = dict(conn.execute("SELECT k, file FROM shards").fetchall())
    want = _shard_files(snap)
    return [(k, want.get(k)) for k in sorted(set(have) | set(want)) if have.get(k) != want.get(k)]


# From this many changed shards on, a sync makes rows on worker processes (a big import,
# a rebuild); below it, in this process (one page's import touches one shard).
PARALLEL_SHARDS = 4


def sync(conn: sqlite3.Connection, store: Store) -> dict[str, int]:
    """Bring the index in line with the store, reading only the shards that changed;
    returns counts of what changed."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        counts = sync_open(conn, store.snapshot(), new_counts())
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    shrink(conn)
    return counts


def new_counts() -> dict[str, int]:
    return {"added": 0, "replaced": 0, "removed": 0, "figures": 0}


def sync_open(conn: sqlite3.Connection, snap: Snapshot, counts: dict[str, int]) -> dict[str, int]:
    """`sync` inside the caller's open write transaction, against `snap`. Worker processes
    read the changed shards and make their rows while this process inserts them (SQLite is
    the one part that cannot be shared)."""
    if current_stamp(conn) == snap.stamp:
        return counts
    changed = _changed_shards(conn, snap)
    workers = min(2, os.cpu_count() or 1) if len(changed) >= PARALLEL_SHARDS else 1
    with worker_pool(workers) as pool:
        # (what the index holds of a shard is read as its job is handed out: no other shard's
        # rows touch it, so it is still so when the rows come back)
        made = pool.imap(shard_job, ((_source(snap, k, file), known(conn, k)) for k, file in changed))
        for (k, file), rows in zip(changed, made, strict=True):
            apply_shard(conn, k, file, rows, counts)
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (snap.stamp,))
    return counts


def apply_shard(conn: sqlite3.Connection, k: int, file: str | None, rows: dict[int, ArticleRows],
                counts: dict[str, int]) -> None:
    """Make the index's shard k the articles `rows` of shard file `file` (None: the shard is gone)."""
    _apply(conn, k, rows, counts)
    if file:
        conn.execute("INSERT OR REPLACE INTO shards VALUES (?, ?)", (k, file))
    else:
        conn.execute("DELETE FROM shards WHERE k=?", (k,))


def _source(snap: Snapshot, k: int, file: str | None) -> ShardSource:
    if not file:
        return {}
    if snap.legacy:
        return snap.shard(k)
    return (str(snap.store.shard_dir / file), str(snap.store.path))


def known(conn: sqlite3.Connection, k: int) -> Known:
    """The (sig, figsig) of each article of shard k that the index holds."""
    first, last = shard_ids(k)
    return {i: (s, f) for i, s, f in conn.execute("SELECT id, sig, figsig FROM docs WHERE id BETWEEN ? AND ?",
                                                   (first, last))}


def _apply(conn: sqlite3.Connection, k: int, rows: dict[int, ArticleRows], counts: dict[str, int]) -> None:
    """Make the index's articles of shard k those of `rows`: delete what is gone or changed,
    insert what is new or changed, and refresh figures that changed alone."""
    have = known(conn, k)
    gone = [i for i in have if i not in rows or have[i][0] != rows[i].sig]
    new = [rows[i] for i in rows if i not in have or have[i][0] != rows[i].sig]
    refig = [rows[i] for i in rows if i in have and have[i][0] == rows[i].sig and have[i][1] != rows[i].figsig]
    for i in gone:
        title, subtitle, body = conn.execute(
            "SELECT title, subtitle, body FROM docs JOIN bodies USING (id) WHERE id=?", (i,)).fetchone()
        conn.execute("INSERT INTO fts(fts, rowid, title, subtitle, body) VALUES('delete', ?, ?, ?, ?)",
                     fts_row(i, title, subtitle, unpack(body)))
        for table, column in _ARTICLE_TABLES:
            conn.execute(f"DELETE FROM {table} WHERE {column}=?", (i,))
    for row in refig:
        i = row.doc[0]
        conn.execute("DELETE FROM figs WHERE article_id=?", (i,))
        conn.execute("DELETE FROM figlists WHERE id=?", (i,))
        conn.execute("UPDATE docs SET figsig=?, figparks=? WHERE id=?", (row.figsig, row.figparks, i))
    _insert(conn, new, refig)
    _replace_keys(conn, k, rows)
    replaced = len(set(gone) & {row.doc[0] for row in new})
    counts["added"] += len(new) - replaced
    counts["replaced"] += replaced
    counts["removed"] += len(gone) - replaced
    counts["figures"] += len(refig)


_ARTICLE_TABLES = (("docs", "id"), ("bodies", "id"), ("figs", "article_id"), ("figlists", "id"))


def _replace_keys(conn: sqlite3.Connection, k: int, rows: dict[int, ArticleRows]) -> None:
    """The key rows of shard k, all of them: a changed import number or extractor changes no
    signature, and a shard's 256 short rows cost little to write again."""
    conn.execute("DELETE FROM keys WHERE id BETWEEN ? AND ?", shard_ids(k))
    conn.executemany("INSERT INTO keys VALUES (?,?,?,?,?)", [r.key for r in rows.values()])


def key_lookup(store: Store, stamp: str) -> Callable[[str], list[Any] | None] | None:
    """Look up one identity key's row (store_derived.KeyTable) in the index, read-only; None
    unless the index holds exactly the store as of `stamp` (the caller's snapshot, under the
    writers' lock, so it cannot change meanwhile)."""
    path = index_path(store.path)
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=0.2,
                               isolation_level=None, check_same_thread=False)
        version = str(conn.execute("PRAGMA user_version").fetchone()[0])
        if version != INDEX_VERSION or current_stamp(conn) != stamp:
            conn.close()
            return None
    except sqlite3.Error:
        return None
    sql = "SELECT id, key, hash, extractor, import FROM keys WHERE key=? ORDER BY id DESC LIMIT 1"

    def lookup(key: str) -> list[Any] | None:
        row = conn.execute(sql, (key,)).fetchone()
        return list(row) if row else None

    return lookup


def _insert(conn: sqlite3.Connection, new: list[ArticleRows], refig: list[ArticleRows]) -> None:
    # `new` rows were made without what the index holds of them, so they have a body and tokens
    conn.executemany("INSERT INTO docs VALUES (?,?,?,?,?,?,?,?,?,?,?)", [r.doc for r in new])
    conn.executemany("INSERT INTO bodies VALUES (?,?)", [(r.doc[0], r.body) for r in new])
    conn.executemany("INSERT INTO figs VALUES (?,?,?,?,?,?,?,?)", [f for r in new + refig for f in r.figs])
    conn.executemany("INSERT INTO figlists VALUES (?,?)", [r.figure_list for r in new + refig if r.figure_list])
    fts = [r.fts for r in new if r.fts is not None]
    assert len(fts) == len(new), "rows made against another state of the index"
    conn.executemany("INSERT INTO fts(rowid, title, subtitle, body) VALUES (?,?,?,?)", fts)


def park_figure_rows(conn: sqlite3.Connection, park: str) -> list[dict[str, Any]]:
    """The figures table's rows (figure_table.figure_rows) of the articles whose park or
    figures' parks may match a `--park` query, in article order: a superset of what
    `FigureFilter(park=...)` keeps, read without touching the store."""
    wanted = canonical(park)
    sql = ("SELECT d.id, d.title, d.park, b.body, f.figures FROM docs d JOIN figlists f USING (id) "
           "JOIN bodies b USING (id) WHERE instr(d.figparks, ?) > 0"
           + (" OR instr(d.figparks, ?) > 0" if wanted else "") + " ORDER BY d.id")
    params = [park, wanted] if wanted else [park]
    return figure_rows({"id": i, "title": title, "park": article_park, "text": unpack(body),
                        "figures": unpack_figures(figures)}
                       for i, title, article_park, body, figures in conn.execute(sql, params))


class Index:
    """The index of one store, with one SQLite connection per thread."""

    def __init__(self, store_path: Path | str):
        self.store_path = Path(store_path).expanduser()
        self.store = Store(self.store_path)
        self.path = index_path(self.store_path)
        self._local = threading.local()
        self._memory = False

    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = connect(self.path)
            except sqlite3.OperationalError:
                # A read-only folder: keep a private in-memory index for this thread.
                conn = connect(":memory:")
            except sqlite3.DatabaseError:
                # Not an SQLite file (damaged): it is derived data, so start it again.
                self.remove()
                conn = connect(self.path)
            self._local.conn = conn
        return conn

    def remove(self) -> None:
        """Delete the index files (they are rebuilt from the store when next needed)."""
        self.close()
        for suffix in ("", "-wal", "-shm"):
            try:
                os.unlink(str(self.path) + suffix)
            except FileNotFoundError:
                pass

    def fresh(self) -> sqlite3.Connection:
        """The connection, after syncing the index if the store changed since it was built."""
        conn = self.conn()
        if current_stamp(conn) != self.store.stamp():
            sync(conn, self.store)
        return conn

    def sync(self) -> dict[str, int]:
        return sync(self.conn(), self.store)

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
