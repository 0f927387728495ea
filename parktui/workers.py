"""Worker processes that never outlive the import that started them.

`parallel_map(fn, jobs)` runs `fn` over `jobs` on a process pool, and `worker_pool()` keeps
one for a whole import (`WorkerPool.imap` streams results in order); their workers
- die with their parent: on Linux the kernel sends them SIGKILL when the parent dies
  (prctl PR_SET_PDEATHSIG); elsewhere a watcher thread ends a worker whose parent is gone;
- ignore Ctrl+C, which is the parent's to handle: on KeyboardInterrupt (or any error)
  the parent cancels the queued jobs and kills the workers at once, so an interrupted
  import stops within a second and stores nothing.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections import deque
from concurrent.futures import BrokenExecutor, Future
from contextlib import contextmanager
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, TypeVar

if TYPE_CHECKING:  # concurrent.futures.process loads multiprocessing: only when a pool starts
    from concurrent.futures import ProcessPoolExecutor

T = TypeVar("T")
R = TypeVar("R")

PR_SET_PDEATHSIG = 1
PARENT_POLL_SECONDS = 0.5


def die_with_parent(parent: int) -> None:
    """Make this process end when `parent` does (call it first thing in a child)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            _watch_parent(parent)
    else:
        _watch_parent(parent)
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)


def _watch_parent(parent: int) -> None:
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _init_worker(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)


def _process_pool(workers: int) -> ProcessPoolExecutor:
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(os.getpid(),))


def parallel_map(fn: Callable[[T], R], jobs: Iterable[T], workers: int, chunksize: int,
                 on_chunk: Callable[[int], None] | None = None) -> list[R]:
    """`[fn(job) for job in jobs]` on `workers` processes; `on_chunk(n)` after every `n`
    results (for a progress bar). Raises OSError or BrokenExecutor (BrokenProcessPool) when
    processes cannot be used here."""
    pool = _process_pool(workers)
    results: list[R] = []
    try:
        for result in pool.map(fn, jobs, chunksize=chunksize):
            results.append(result)
            if on_chunk is not None and len(results) % chunksize == 0:
                on_chunk(chunksize)
        if on_chunk is not None and len(results) % chunksize:
            on_chunk(len(results) % chunksize)
    except BaseException:
        _kill(pool)
        raise
    pool.shutdown(wait=True)
    return results


class WorkerPool:
    """Worker processes for a whole import, started when first used (so they fork from a
    small parent). `imap` streams results in order with a bounded number of jobs in flight;
    when processes cannot be used here (sandbox, limits) it runs the jobs in this process."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self.broken = workers < 2

    def imap(self, fn: Callable[[T], R], jobs: Iterable[T], ahead: int | None = None) -> Iterator[R]:
        """`fn(job)` for each job, in order, at most `ahead` (default: 4 per worker) queued at once:
        enough that a slow job at the head does not leave the other workers idle."""
        window: deque[tuple[T, Future[R] | None]] = deque()
        limit = ahead or 4 * self.workers
        for job in jobs:
            window.append((job, self._submit(fn, job)))
            if len(window) >= limit:
                yield self._result(fn, *window.popleft())
        while window:
            yield self._result(fn, *window.popleft())

    def _submit(self, fn: Callable[[T], R], job: T) -> Future[R] | None:
        if self.broken:
            return None
        try:
            if self._pool is None:
                self._pool = _process_pool(self.workers)
            return self._pool.submit(fn, job)
        except (OSError, BrokenExecutor, RuntimeError):
            self.broken = True
            return None

    def _result(self, fn: Callable[[T], R], job: T, future: Future[R] | None) -> R:
        if future is not None:
            try:
                return future.result()
            except (OSError, BrokenExecutor):  # the processes died or cannot run: one core
                self.broken = True
        return fn(job)

    def close(self, kill: bool = False) -> None:
        if self._pool is not None:
            if kill:
                _kill(self._pool)
            else:
                self._pool.shutdown(wait=True)
            self._pool = None


@contextmanager
def worker_pool(workers: int) -> Iterator[WorkerPool]:
    """A `WorkerPool` whose processes end with the block: at once (killed) on an error or
    Ctrl+C, after their last job otherwise."""
    pool = WorkerPool(workers)
    try:
        yield pool
    except BaseException:
        pool.close(kill=True)
        raise
    pool.close()


def _kill(pool: ProcessPoolExecutor) -> None:
    """Cancel what is queued and end the workers now (shutdown alone would wait for them)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # no public API before 3.14
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(timeout=1)
