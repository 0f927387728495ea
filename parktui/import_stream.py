"""A big import in bounded memory: parse on the worker processes, spill, store in one commit.

An import has two phases (docs/store.md, "Import"):

1. *Collect*, outside the store lock. JSON Lines are cut into jobs of `CHUNK_LINES` lines
   that the worker processes turn into finished articles (parsed, cleaned, figures
   extracted), returned as orjson bytes with the little the import keeps in memory: the
   marks that find the same article in two formats (`SameArticles`), the characters
   cleaned, the figure failure. The bytes go to a spill file (an unnamed temporary file:
   a kill leaves nothing), so memory does not grow with the import.
2. *Store*, under the lock: one transaction reads the spill back in order, keeps one copy
   of each article found twice, and inserts or replaces; the transaction writes full
   shards early (`Transaction.cached_shards`) and commits them all by replacing the
   manifest once, so the import stays one numbered import and one atomic commit.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import IO, Any, Callable

import orjson

from parktui.figures import EXTRACTOR_VERSION
from parktui.ingest.dedupe import SameArticles, marks
from parktui.ingest.errors import InputError
from parktui.ingest.jsonl import parse_jsonl_line
from parktui.ingest.sources import LineFile, Skipped
from parktui.plural import count
from parktui.safetext import REMOVED
from parktui.store import IMPORTS, Store
from parktui.workers import WorkerPool

Doc = dict[str, Any]
# One finished article: (its JSON, its SameArticles keys and richness, characters cleaned,
# "title: reason" when figure extraction failed). A bad line is (reason, line number).
Record = tuple[bytes, list[bytes], tuple[int, int], int, str | None]
LineError = tuple[str, int]
Job = tuple[str, dict[str, str], int | None, list[tuple[int, str]]]
CHUNK_LINES = 100  # lines per worker job: small enough for a smooth progress bar
SPILL_MEMORY = 16 * 2**20  # the spill stays in memory up to this size, then goes to a file


@dataclass
class ImportReport:
    new: int = 0
    unchanged: int = 0
    updated: int = 0
    inputs: int = 0
    errors: list[InputError] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)  # files and folders a walk did not read
    merged: int = 0  # the same article from two inputs (formats), stored once
    ids: list[int] = field(default_factory=list)
    figure_failures: list[str] = field(default_factory=list)   # "title: reason"
    number: int | None = None  # the import's number (`parktui imports`)
    cleaned: int = 0
    """Control and invisible format characters removed from the inputs (see parktui.safetext)."""

    @property
    def total(self) -> int:
        return self.new + self.unchanged + self.updated

    def summary(self) -> str:
        text = (f"imported {count(self.total, 'article')} from {count(self.inputs, 'input')}: "
                f"{self.new} new, {self.unchanged} unchanged, {self.updated} updated")
        if self.errors:
            text += f"; {len(self.errors)} rejected"
        if self.skipped:
            text += f"; {len(self.skipped)} skipped"
        if self.merged:
            text += f"; {self.merged} found twice (kept once)"
        if self.cleaned:
            text += f"; removed {self.cleaned} control or invisible characters"
        if self.figure_failures:
            text += (f"; figure extraction failed for {len(self.figure_failures)} (stored without a figures "
                     f"list, see `parktui doctor`): {self.figure_failures[0]}")
        if self.number is not None:
            text += f" (import #{self.number})"
        return text


@dataclass
class Lines:
    """JSON Lines to import: a text in memory, or a file streamed from disk."""

    name: str
    meta: dict[str, str]
    count: int  # lines, blank ones included (what the progress bar counts)
    text: str | None = None
    file: LineFile | None = None

    def read(self) -> Iterator[tuple[int, str]]:
        if self.file is not None:
            return self.file.lines()
        return enumerate((self.text or "").split("\n"), start=1)


def record_of(article: Doc) -> Record:
    """What the collect phase keeps of one finished article (see `Record`)."""
    removed = article.pop(REMOVED, 0)
    failure = f"{article['title'][:30]}: {article['figures_error']}" if article.get("figures") is None else None
    keys, richness = marks(article)
    return orjson.dumps(article), keys, richness, removed, failure


def parse_chunk(job: Job) -> list[Record | LineError]:
    """Parse, clean and extract the figures of some JSON Lines (runs on worker processes)."""
    from parktui.importer import with_figures

    name, meta, max_line, lines = job
    out: list[Record | LineError] = []
    for number, line in lines:
        parsed = parse_jsonl_line(line, number, name, meta, max_line)
        if isinstance(parsed, InputError):
            out.append((parsed.reason, number))
        elif parsed is not None:
            out.append(record_of(with_figures(parsed)))
    return out


def _jobs(lines: Lines, max_line: int | None, size: int) -> Iterator[Job]:
    chunk: list[tuple[int, str]] = []
    for item in lines.read():
        chunk.append(item)
        if len(chunk) >= size:
            yield lines.name, lines.meta, max_line, chunk
            chunk = []
    if chunk:
        yield lines.name, lines.meta, max_line, chunk


class Collected:
    """The finished articles of an import so far, in a spill file, in the order read."""

    def __init__(self, store: Store) -> None:
        folder = str(store.path.parent) if store.path.parent.is_dir() else None
        self.spill: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPILL_MEMORY, dir=folder)
        self.same = SameArticles()
        self.count = 0

    def close(self) -> None:
        self.spill.close()

    def add(self, record: Record, report: ImportReport) -> None:
        payload, keys, richness, removed, failure = record
        self.spill.write(payload)
        self.spill.write(b"\n")
        self.same.add(keys, richness, self.count)
        self.count += 1
        report.cleaned += removed
        if failure is not None:
            report.figure_failures.append(failure)

    def add_lines(self, lines: Lines, report: ImportReport, pool: WorkerPool | None,
                  extracting: Callable[[int, int], None], max_line: int | None,
                  chunk_lines: int = CHUNK_LINES) -> tuple[int, list[InputError]]:
        """Collect the articles of JSON Lines, on `pool` (None: in this process);
        (articles collected, errors of bad lines in line order)."""
        extracting(0, lines.count)
        jobs = _jobs(lines, max_line, chunk_lines)
        results = pool.imap(parse_chunk, jobs) if pool is not None else map(parse_chunk, jobs)
        errors: list[InputError] = []
        n = done = 0
        for chunk in results:
            for item in chunk:
                if len(item) == 2:
                    errors.append(InputError(lines.name, item[0], item[1]))
                else:
                    self.add(item, report)
                    n += 1
            done += chunk_lines
            extracting(min(done, lines.count), lines.count)
        extracting(lines.count, lines.count)
        return n, errors

    def articles(self) -> Iterator[Doc]:
        """The articles to store, in order: of each article found twice, the copy that says
        more, at the place of the first (as `merge_same_articles`)."""
        kept = self.same.kept()
        late = {winner for first, winner in kept if winner != first}
        early: dict[int, bytes] = {}
        if late:  # a richer copy later in the spill: read it first
            early = {i: line for i, line in enumerate(self._lines()) if i in late}
        places = iter(kept)
        place = next(places, None)
        for i, line in enumerate(self._lines()):
            if place is None:
                break
            if i == place[0]:
                yield orjson.loads(line if place[1] == i else early.pop(place[1]))
                place = next(places, None)

    def _lines(self) -> Iterator[bytes]:
        self.spill.flush()
        self.spill.seek(0)
        yield from self.spill
        self.spill.seek(0, os.SEEK_END)


def store_collected(store: Store, collected: Collected, report: ImportReport, what: str,
                    cached_shards: int | None, stage: Callable[[str], None]) -> None:
    """Store the collected articles in one transaction, feeding the search index the shards
    it writes (parktui.search.feed), which is up to date when this returns."""
    from parktui.search.feed import index_feed

    stage(f"storing {count(collected.count, 'article')}")
    with index_feed(store, stage) as feed:
        store_articles(store, collected.articles(), report, what, cached_shards, feed.shard_written)


def store_articles(store: Store, articles: Iterable[Doc], report: ImportReport,
                   what: str = "", cached_shards: int | None = None,
                   on_shard_written: Callable[[int, str, bool], None] | None = None) -> None:
    """One numbered import: insert new articles, replace changed ones, skip identical ones.
    Only the shards holding new or changed articles are read and written, each told to
    `on_shard_written` (the importer's search index feed, parktui.search.feed)."""
    from parktui.search.index import key_lookup

    with store.transaction(cached_shards) as txn:
        txn.on_shard_written = on_shard_written
        keys = txn.keys(key_lookup(store, txn.snapshot.stamp))  # a small import asks the index
        number = txn.add_import({})
        seen: dict[str, int] = {}
        for article in articles:
            key = article["key"]
            if key in seen:  # the same article twice in one import: the later copy wins
                txn.replace(seen[key], dict(article, **{"import": number}))
                report.unchanged += 1
                continue
            hit = keys.get(key)
            if hit is None:
                seen[key] = txn.insert(dict(article, **{"import": number}))
                report.ids.append(seen[key])
                report.new += 1
                continue
            doc_id, _key, old_hash, old_extractor, old_import = hit
            seen[key] = doc_id
            report.ids.append(doc_id)
            if old_hash == article["hash"] and old_extractor == article["extractor"]:
                report.unchanged += 1
            else:
                txn.replace(doc_id, dict(article, **{"import": old_import}))
                report.updated += 1
        report.number = number
        txn.update_record(IMPORTS, number, {
            "when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "what": what,
            "new": report.new, "updated": report.updated, "unchanged": report.unchanged})
        if report.new or report.updated:
            txn.set_meta(extractor=EXTRACTOR_VERSION)
