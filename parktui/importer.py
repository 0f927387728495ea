"""Import pages into the store: read, decode, parse, extract figures, write once.

Parsing happens outside the store lock; the write is one transaction that compares each
article with what is stored (by identity key and content hash) and counts new,
unchanged and updated articles. A rejected input stores nothing; the others still land.
JSON Lines are parsed on worker processes and streamed through a spill file, so a big
import's memory stays bounded (parktui.import_stream).
"""
from __future__ import annotations

import os
from concurrent.futures import BrokenExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, BinaryIO, Callable, Iterator

from parktui.families import assign_families
from parktui.figures import EXTRACTOR_VERSION, ExtractorError, extract_figures
from parktui.import_stream import CHUNK_LINES, Collected, Lines, record_of, store_collected
from parktui.import_stream import ImportReport as ImportReport
from parktui.import_stream import store_articles as store_articles
from parktui.ingest.decode import decode_bytes
from parktui.ingest.errors import InputError
from parktui.ingest.feed import FEED_SUFFIXES, looks_like_feed
from parktui.ingest.fetch import is_url
from parktui.ingest.html import html_articles, looks_like_html
from parktui.ingest.jsonl import looks_like_jsonl, parse_jsonl
from parktui.ingest.meta import normalise_date
from parktui.ingest.page import parse_page, place_in_park
from parktui.ingest.sources import LineFile, Skipped, iter_inputs
from parktui.ingest.stories import restory, story_starts
from parktui.ingest.web import WebReader, fetched_articles
from parktui.model import SECTION, compact_sentence
from parktui.safetext import REMOVED, clean_article
from parktui.store import Store
from parktui.workers import WorkerPool, parallel_map, worker_pool

if TYPE_CHECKING:
    from parktui.search.feed import IndexFeed

Doc = dict[str, Any]
Job = tuple[str, str | None, dict[str, Any], str | None, list[int]]


def with_figures(article: Doc) -> Doc:
    """Attach the article's figures (and the extractor version that found them)."""
    return _attach(article, _figures_job(_job(article)))


def _attach(article: Doc, result: list[Doc] | str) -> Doc:
    """Store the figures, or the extractor's failure: figures None, `figures_error` the reason
    and no extractor version, so doctor reports it and reindex or a re-import tries again."""
    if isinstance(result, str):
        article["figures"] = None
        article["figures_error"] = result
        article["extractor"] = None
    else:
        article["figures"] = result
        article.pop("figures_error", None)
        article["extractor"] = EXTRACTOR_VERSION
    return article


def _job(article: Doc) -> Job:
    """One article's extraction job; the article is cleaned first (parktui.safetext), so
    every article that reaches the store is clean and its figures point into clean text."""
    article[REMOVED] = article.get(REMOVED, 0) + clean_article(article)
    names = article.get("park_names")
    if names is None:
        refresh_park(article)
        names = article["park_names"]
    return (article["text"], article.get("park") or None, names, article.get("date") or None,
            story_starts(article))


def refresh_park(article: Doc) -> None:
    """Stories, park, its aliases and the park names of a stored article, found again with
    the current rules (reindex after an upgrade)."""
    restory(article)
    place_in_park(article)


def _figures_job(job: Job) -> list[Doc] | str:
    """The stored form of one article's figures, or the reason the extractor failed
    (runs in worker processes too)."""
    text, park, names, date, stories = job
    try:
        figures = extract_figures(text, park=park, parks=names, date=date, stories=stories)
    except ExtractorError as exc:
        return str(exc)
    assign_families(figures)
    for fig in figures:
        compact_sentence(text, fig)
        for name in ("value", "low", "high"):
            number = fig.get(name)
            if isinstance(number, int) and abs(number) >= 2**63:
                fig[name] = float(number)  # JSON integers stop at 64 bits
    return figures


# Below this many articles, worker processes cost more than they save.
PARALLEL_MIN = 2000


# `extracting(done, of)` while figures are extracted: (0, of) when a batch of `of` articles
# starts, then as it goes. Set for the length of an import or reindex that reports progress.
Extracting = Callable[[int, int], None]
_extracting: ContextVar[Extracting | None] = ContextVar("extracting", default=None)
SERIAL_STEP = 50


def with_figures_many(articles: list[Doc]) -> list[Doc]:
    """`with_figures` for many articles, on every core for big imports (JSON Lines)."""
    report = _extracting.get() or (lambda done, of: None)
    report(0, len(articles))
    workers = min(4, os.cpu_count() or 1)
    if len(articles) < PARALLEL_MIN or workers < 2:
        return _with_figures_serial(articles, report)
    jobs = [_job(a) for a in articles]
    done = 0

    def chunk_done(n: int) -> None:
        nonlocal done
        done += n
        report(done, len(articles))

    try:
        results = parallel_map(_figures_job, jobs, workers, chunksize=250, on_chunk=chunk_done)
    except (OSError, BrokenExecutor):  # no processes here (sandbox, limits): one core
        return _with_figures_serial(articles, report)
    for article, result in zip(articles, results, strict=False):
        _attach(article, result)
    return articles


def _with_figures_serial(articles: list[Doc], report: Extracting) -> list[Doc]:
    for i, article in enumerate(articles, start=1):
        with_figures(article)
        if i % SERIAL_STEP == 0 or i == len(articles):
            report(i, len(articles))
    return articles


@contextmanager
def extraction_progress(extracting: Extracting | None) -> Iterator[None]:
    """Report figure extraction to `extracting` (see `Extracting`) inside the block."""
    token = _extracting.set(extracting)
    try:
        yield
    finally:
        _extracting.reset(token)


# A newspaper page is tens of kilobytes; a bigger "page" would make the one-file store (and
# every command that reads it) slow: refuse it. JSON Lines files may be larger (many articles).
MAX_PAGE_BYTES = 16 * 2**20


def _too_big(size: int) -> str:
    return (f"page is too large ({size / 2**20:.0f} MB, the limit is {MAX_PAGE_BYTES // 2**20} MB); "
            "split it into pages")


def read_input(name: str, data: bytes, meta: dict[str, str], charset: str | None = None,
               web: WebReader | None = None) -> Parsed | Lines:
    """The articles of one input (cleaned, with figures) and the errors of its bad parts,
    or, for JSON Lines, the lines to parse (`Collected.add_lines`).

    `charset` is the one an HTTP server sent with the bytes; `web` reads feed entries' pages."""
    if looks_like_feed(name, data):
        articles, errors = (web or WebReader()).feed_articles(name, data, meta)
        return with_figures_many(articles), errors
    if looks_like_html(name, data):
        if len(data) > MAX_PAGE_BYTES:
            raise InputError(name, _too_big(len(data)))
        return with_figures_many(html_articles(name, data, meta, charset)), []
    if name.lower().endswith(FEED_SUFFIXES):
        raise InputError(name, "not an RSS or Atom feed, nor a web page")
    text = decode_bytes(data, name)
    if looks_like_jsonl(name, text):
        return Lines(name, meta, text.count("\n") + 1, text=text)
    if len(data) > MAX_PAGE_BYTES:
        raise InputError(name, _too_big(len(data)))
    title = name.rsplit("/", 1)[-1].rsplit(".", 1)[0] if name != "<stdin>" else ""
    articles = [a for a in parse_page(text, title, meta) if any(b["type"] != SECTION for b in a["blocks"])]
    if not articles:
        raise InputError(name, "no article found (no paragraphs of text)")
    return with_figures_many(articles), []


def parse_input(name: str, data: bytes, meta: dict[str, str], charset: str | None = None,
                web: WebReader | None = None) -> Parsed:
    """`read_input`, with JSON Lines parsed here (and their figures extracted)."""
    got = read_input(name, data, meta, charset, web)
    if not isinstance(got, Lines):
        return got
    articles, errors = parse_jsonl(got.text or "", name, meta, MAX_PAGE_BYTES)
    if not articles and not errors:
        raise InputError(name, "no article found")
    return with_figures_many(articles), errors


def import_paths(
    store: Store,
    paths: list[str],
    source: str | None = None,
    date: str | None = None,
    stdin: BinaryIO | None = None,
    progress: Callable[[str, int], None] | None = None,
    follow: bool = False,
    extracting: Extracting | None = None,
    chunk_lines: int = CHUNK_LINES,
    cached_shards: int | None = None,
    stage: Callable[[str], None] | None = None,
) -> ImportReport:
    """Import every input (files, folders, URLs, feeds); `progress(name, n_articles)` after each,
    `extracting(done, of)` as figures are extracted, `stage(what)` when storing and indexing
    begin (the steps after the last article is read, which have no count to show).

    `follow`: a feed's entries are read from their pages (fetched) rather than the feed.
    `chunk_lines` (lines per worker job) and `cached_shards` (shards the transaction holds in
    memory) bound the memory of a big import; tests make them small."""
    report = ImportReport()
    meta = {}
    if source:
        meta["source"] = source
    if date:
        meta["date"] = normalise_date(date) or date
    collected = Collected(store)
    try:
        with WebReader(follow) as web, extraction_progress(extracting), worker_pool(_workers()) as pool:
            for name, result in _parsed_inputs(paths, stdin, meta, web):
                report.inputs += 1
                if isinstance(result, Skipped):
                    report.skipped.append(result)
                elif isinstance(result, InputError):
                    report.errors.append(result)
                else:
                    n = _collect(name, result, collected, report, pool, chunk_lines)
                    if progress and n is not None:
                        progress(name, n)
        report.merged = collected.same.merged
        if collected.count:
            store_collected(store, collected, report, _describe(paths), cached_shards, stage or (lambda what: None))
    finally:
        collected.close()
    return report


def _collect(name: str, result: Parsed | Lines, collected: Collected, report: ImportReport, pool: WorkerPool,
             chunk_lines: int) -> int | None:
    """Add one input's articles to `collected` and its errors to `report`; how many
    articles it had (None: it had none and no errors, and is rejected)."""
    if isinstance(result, Lines):
        parallel = result.count >= PARALLEL_MIN and not pool.broken
        n, errors = collected.add_lines(result, report, pool if parallel else None,
                                        _extracting.get() or (lambda done, of: None), MAX_PAGE_BYTES, chunk_lines)
        if not n and not errors:
            report.errors.append(InputError(name, "no article found"))
            return None
    else:
        articles, errors = result
        for article in articles:
            collected.add(record_of(article), report)
        n = len(articles)
    report.errors.extend(errors)
    return n


def _workers() -> int:
    return min(4, os.cpu_count() or 1)


Parsed = tuple[list[Doc], list[InputError]]


def _parsed_inputs(paths: list[str], stdin: BinaryIO | None, meta: dict[str, str],
                   web: WebReader) -> Iterator[tuple[str, Parsed | Lines | InputError | Skipped]]:
    """(name, its articles and errors or its JSON Lines, or why it was rejected or skipped)
    for each input: files, then URLs."""
    for item in iter_inputs([p for p in paths if not is_url(p)], stdin):
        if isinstance(item, (InputError, Skipped)):
            yield item.name, item
            continue
        try:
            if isinstance(item, LineFile):
                lines = item.scan()
                if lines is not None:
                    yield item.name, Lines(item.name, meta, lines, file=item)
                    continue
                item = item.read()  # not plain UTF-8 lines: read whole, as any page
                if isinstance(item, InputError):
                    yield item.name, item
                    continue
            name, data = item
            yield name, read_input(name, data, meta, web=web)
        except InputError as exc:
            yield exc.name, exc
    for url in (p for p in paths if is_url(p)):
        try:
            yield url, read_url(url, meta, web)
        except InputError as exc:
            yield url, exc


def read_url(url: str, meta: dict[str, str], web: WebReader) -> Parsed | Lines:
    """Fetch one address: a feed's entries, a web page's article, or a text page."""
    fetched = web.get(url)
    if looks_like_feed(fetched.url, fetched.data, fetched.content_type):
        articles, errors = web.feed_articles(fetched.url, fetched.data, meta)
        return with_figures_many(articles), errors
    if fetched.content_type in ("text/html", "application/xhtml+xml") or looks_like_html(fetched.url, fetched.data):
        return with_figures_many(fetched_articles(fetched, meta)), []
    return read_input(fetched.url, fetched.data, {"url": fetched.url, **meta}, fetched.charset, web)


def _describe(paths: list[str]) -> str:
    names = ["<stdin>" if p == "-" else p for p in paths]
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


REINDEX_SHARDS = 8  # shards re-extracted at a time (about 2,000 articles)


def reextract_figures(store: Store, extracting: Extracting | None = None,
                      batch_shards: int = REINDEX_SHARDS,
                      stage: Callable[[str], None] | None = None) -> tuple[int, int]:
    """Re-extract every stored article's figures, `batch_shards` shards at a time on the
    worker processes (the transaction writes finished shards early, so memory stays
    bounded, and the search index is fed them as they are written); returns (articles,
    figures)."""
    from parktui.search.feed import index_feed

    with index_feed(store, stage) as feed:
        return _reextract(store, feed, extracting or (lambda done, of: None), batch_shards)


def _reextract(store: Store, feed: IndexFeed, report: Extracting, batch_shards: int) -> tuple[int, int]:
    """Re-extract every article's figures in one transaction; (articles, figures)."""
    n_articles = n_figures = 0
    with store.transaction() as txn, worker_pool(_workers()) as pool:
        txn.on_shard_written = feed.shard_written
        shards = sorted(txn.snapshot.shards)
        total = txn.snapshot.count()
        parallel = total >= PARALLEL_MIN
        report(0, total)
        for start in range(0, len(shards), batch_shards):
            docs = list(txn.snapshot.iter_articles(shards[start:start + batch_shards]))
            jobs = [docs[i:i + REINDEX_JOB] for i in range(0, len(docs), REINDEX_JOB)]
            for done in pool.imap(_refigured, jobs) if parallel else map(_refigured, jobs):
                for doc in done:
                    doc.pop(REMOVED, None)
                    n_articles += 1
                    n_figures += len(doc["figures"] or ())
                    txn.replace(doc["id"], doc)
                report(min(n_articles, total), total)
        txn.set_meta(extractor=EXTRACTOR_VERSION)
    return n_articles, n_figures


REINDEX_JOB = 50


def _refigured(docs: list[Doc]) -> list[Doc]:
    """Stored articles with their park names found again and their figures re-extracted
    (runs on worker processes)."""
    for doc in docs:
        doc.pop("park_names", None)  # found again with the current park rules
        with_figures(doc)
    return docs
