"""Index a big write while the store is still writing it.

A big import's store phase runs on one core for several seconds (reading the spill back,
writing shards and their catalog), and the index sync after it used to start only when the
store had committed. An `IndexFeed` uses the idle core: the store transaction tells it each
shard file it writes (`Transaction.on_shard_written`), and a feed process indexes those
shards inside one open index transaction while the store goes on. Once the store has
committed, the feed runs the ordinary sync in the same transaction — the shards it already
indexed carry the manifest's file names, so only the rest are read — and commits.

Consistency is the index's usual one (parktui.search.index): nothing the feed does is
committed before the store's manifest names the shards it indexed. If the store transaction
fails or is interrupted, the feed rolls back (or dies with its parent, leaving a hot
journal SQLite rolls back); if the feed fails, the ordinary sync after the commit
brings the index up to date, as it always did. Small writes never start a feed: a
transaction writes shards early only when it touches more than it keeps in memory.
"""
from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event

from parktui.search.index import apply_shard, connect, index_path, known, new_counts, shrink, sync_open
from parktui.search.rows import shard_rows
from parktui.store import Store
from parktui.workers import die_with_parent

ABORT_WAIT_SECONDS = 5.0
POLL_SECONDS = 0.05


class IndexFeed:
    """The feed of one store transaction; its process starts with the first shard written."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._shards: Queue[tuple[int, str] | None] | None = None
        self._committed: Event | None = None  # set: the store committed, sync the rest and commit
        self._aborted: Event | None = None    # set: it did not, roll back
        self._process: BaseProcess | None = None
        self._started = False

    def shard_written(self, k: int, name: str, early: bool) -> None:
        """Shard k was written to the file `name` (under the store's shard folder), `early`:
        before the commit. A transaction that writes nothing early (it touched few shards)
        never starts the feed: the sync after its commit is cheap."""
        if not self._started:
            if not early:
                return
            self._started = True
            self._start()
        if self._shards is not None:
            self._shards.put((k, name))

    def _start(self) -> None:
        context = multiprocessing.get_context()
        try:
            shards: Queue[tuple[int, str] | None] = context.Queue()
            committed, aborted = context.Event(), context.Event()
            process = context.Process(target=_feed, name="parktui-index-feed",
                                      args=(str(self.store.path), shards, committed, aborted, os.getpid()))
            process.start()
        except OSError:  # no processes or semaphores here: the ordinary sync after the commit does it all
            return
        shards.cancel_join_thread()  # never wait at exit for a feed that is gone
        self._shards, self._committed, self._aborted, self._process = shards, committed, aborted, process

    def finish(self) -> bool:
        """After the store committed: let the feed sync the rest and commit; whether it did."""
        if self._committed is None or self._shards is None:
            return False
        self._committed.set()
        self._shards.put(None)  # after every shard written: the feed reads up to here
        return self._stop(wait=None)

    def abort(self) -> None:
        if self._aborted is not None:
            self._aborted.set()
            self._stop(wait=ABORT_WAIT_SECONDS)

    def _stop(self, wait: float | None) -> bool:
        process, self._process = self._process, None
        if process is None:
            return False
        try:
            process.join(wait)
        finally:
            if process.is_alive():
                process.kill()
                process.join()
            if self._shards is not None:
                self._shards.close()
        return process.exitcode == 0


@contextmanager
def index_feed(store: Store, stage: Callable[[str], None] | None = None) -> Iterator[IndexFeed]:
    """An `IndexFeed` for the block's store transaction, aborted on an error or Ctrl+C.
    When the block ends normally (the transaction inside it committed), the index is
    brought up to date: by the feed, or by the ordinary sync when no feed ran or it failed;
    `stage("indexing for search")` says so first."""
    feed = IndexFeed(store)
    try:
        yield feed
    except BaseException:
        feed.abort()
        raise
    if stage is not None:
        stage("indexing for search")
    if not feed.finish():
        from parktui.search import update_index

        update_index(store)


def _feed(store_path: str, shards: Queue[tuple[int, str] | None], committed: Event, aborted: Event,
          parent: int) -> None:
    """The feed process: index each shard written, in one transaction, until the store
    committed (sync the rest, commit) or did not (roll back). Exit status 0: committed."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the importer's to handle
    die_with_parent(parent)
    try:
        conn = connect(index_path(store_path))
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error:
        os._exit(1)  # a damaged or busy index: the ordinary sync after the commit deals with it
    try:
        if _index_written(conn, Store(store_path), shards, committed, aborted):
            conn.execute("COMMIT")
            shrink(conn)
            conn.close()
            return
    except Exception:  # noqa: BLE001 - derived data: the ordinary sync after the commit reports and repairs
        pass
    conn.execute("ROLLBACK")
    os._exit(1)


def _index_written(conn: sqlite3.Connection, store: Store, shards: Queue[tuple[int, str] | None],
                   committed: Event, aborted: Event) -> bool:
    """Index the shards as they are written; once the store committed, sync what is left
    (True); if it did not, stop (False).

    A shard written again keeps its file name (one name per shard and commit), so every
    shard written after the feed stopped indexing is forgotten before the sync: the sync
    then reads it as it was committed."""
    counts = new_counts()
    while not committed.is_set():
        if aborted.is_set():
            return False
        try:
            message = shards.get(timeout=POLL_SECONDS)
        except queue.Empty:
            continue
        if message is None:  # the end of the shards: nothing was written after the feed stopped
            break
        k, name = message
        try:
            rows = shard_rows((str(store.shard_dir / name), str(store.path)), known(conn, k))
        except FileNotFoundError:  # written, then dropped by the commit: the sync sees to it
            continue
        apply_shard(conn, k, name, rows, counts)
    else:
        for k, _name in iter(shards.get, None):
            conn.execute("DELETE FROM shards WHERE k=?", (k,))
    sync_open(conn, store.snapshot(), counts)
    return True
