"""Search benchmark: index vs a plain substring scan, on the corpus and a 5× replica.

    python bench/search_bench.py [--corpus PATH] [--scales 1,5] [--repeat 15]

For each scale it imports the corpus (the 5× replica of bench/replica.py varies titles so
every copy is a new article), builds the search index (timed apart from the import, in a
child process whose peak memory is read), then runs a fixed query mix — top 20 ranked hits with snippets —
and the same queries as a plain substring scan over all texts held in memory (the
baseline), and prints p50/p95 latencies, ratios, build time, size and memory. Finally the
whole-process cost of `parktui search 氢能 --limit 20` against `parktui --version`.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import orjson
from replica import write_replica

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "xwlb_cctv_2022-2026.jsonl"

QUERIES = {
    "1-char": ["园", "氢", "港", "芯"],
    "2-char": ["园区", "氢能", "芯片", "开发区"[:2]],
    "4-6-char": ["固定资产投资", "高新技术企业", "量子计算", "新质生产力", "自由贸易试验区"[:6]],
    "phrase": ['"国家级经开区"', '"产业园区"', '"专精特新"', '"数字经济"'],
    "2-term AND": ["氢能 园区", "芯片 投资", "集成电路 企业", "机器人 工厂"],
    "filter": ["园区 year:2023", "氢能 year:2024", "科技 year:2022", "开发区 year:2025"],
    "no hits": ["火星园区开发", "xyzzy", '"量子 园区 氢能"', "氢能 芯片 火锅"],
}


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p
    lo = int(k)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def child_peak(code: str) -> tuple[float, float, float]:
    """(seconds, peak RSS MB, CPU seconds) of `code` run in a fresh interpreter. The peak is the child's
    own VmHWM (ru_maxrss would count the parent's pages shared at fork)."""
    probe = ("\nfor line in open('/proc/self/status'):\n"
             "    if line.startswith('VmHWM:'): print(int(line.split()[1]) / 1024)")
    t = time.perf_counter()
    cpu = _children_cpu()
    out = subprocess.run([sys.executable, "-c", code + probe], check=True, capture_output=True, text=True)
    dt = time.perf_counter() - t
    return dt, float(out.stdout.split()[-1]), _children_cpu() - cpu


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def scan_baseline(texts: list[tuple[int, str, str, str]], query: str, limit: int = 20):
    """A plain scan: every folded title+text in memory, terms by `in`, top hits by count."""
    from parktui.search import parse
    from parktui.search.engine import snippets_for

    q = parse(query)
    terms = [[t.text for t in g] for g in q.groups]
    years = q.filters.get("year", [])
    hits = []
    for i, date, folded, raw in texts:
        if years and date[:4] not in years:
            continue
        if all(any(t in folded for t in g) for g in terms):
            hits.append((sum(folded.count(t) for g in terms for t in g), date, i, folded, raw))
    hits.sort(key=lambda h: (-h[0], h[1]), reverse=False)
    out = []
    for _count, _date, i, folded, raw in hits[:limit]:
        first = terms[0][0]
        pos = folded.find(first)
        out.append((i, snippets_for(raw, [(pos, pos + len(first))], "text")))
    return out


@contextmanager
def _no_feed(store: object) -> Iterator[SimpleNamespace]:
    """Stands in for parktui.search.feed.index_feed: the shards written are not indexed."""
    yield SimpleNamespace(shard_written=None)


def bench_scale(corpus: Path, times: int, repeat: int, work: Path) -> dict:
    import parktui.importer as importer
    import parktui.search.feed as search_feed
    from parktui.search import search
    from parktui.search.fold import fold
    from parktui.search.index import index_path
    from parktui.store import Store

    src = corpus
    if times > 1:
        src = work / f"replica{times}.jsonl"
        write_replica(corpus, src, times)
    store = Store(work / f"store{times}.json")
    hook, feed = importer._update_search_index, search_feed.index_feed
    importer._update_search_index = lambda store: None  # time the import alone: no index sync,
    search_feed.index_feed = _no_feed                    # and no index feed beside the store phase
    t, cpu = time.perf_counter(), time.process_time()
    report = importer.import_paths(store, [str(src)])
    import_s, import_cpu = time.perf_counter() - t, time.process_time() - cpu
    importer._update_search_index, search_feed.index_feed = hook, feed
    n = report.total
    build_s, build_mb, build_cpu = child_peak(
        f"from parktui.search.index import Index; Index({str(store.path)!r}).sync()")
    ipath = index_path(store.path)
    size_mb = sum(os.path.getsize(str(ipath) + s) for s in ("", "-wal") if os.path.exists(str(ipath) + s)) / 1e6
    folder = Path(str(store.path) + ".d")  # the manifest and its shard and catalog folder
    store_mb = (os.path.getsize(store.path) + sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())) / 1e6

    docs = store.articles()
    texts = [(d["id"], d.get("date", ""), fold(d["title"] + "\n" + d.get("subtitle", "") + "\n" + d["text"]),
              d["title"] + "\n" + d.get("subtitle", "") + "\n" + d["text"]) for d in docs]
    n_chars = sum(len(x[2]) for x in texts)
    del docs

    rows = {}
    all_idx, all_scan = [], []
    for cat, queries in QUERIES.items():
        idx_t, scan_t, n_hits = [], [], []
        for q in queries:
            n_hits.append(len(search(store, q, limit=0)))
            search(store, q)  # warm
            for _ in range(repeat):
                t = time.perf_counter()
                search(store, q, limit=20)
                idx_t.append((time.perf_counter() - t) * 1000)
            for _ in range(max(3, repeat // 5)):
                t = time.perf_counter()
                scan_baseline(texts, q)
                scan_t.append((time.perf_counter() - t) * 1000)
        rows[cat] = dict(p50=percentile(idx_t, .5), p95=percentile(idx_t, .95),
                         scan_p50=percentile(scan_t, .5), scan_p95=percentile(scan_t, .95),
                         hits=n_hits)
        all_idx += idx_t
        all_scan += scan_t
    _, query_mb, _ = child_peak(
        "from parktui.search import search\n"
        f"for q in {[q for qs in QUERIES.values() for q in qs]!r}: search({str(store.path)!r}, q)")
    return dict(articles=n, chars=n_chars, import_s=import_s, build_s=build_s, build_mb=build_mb,
                import_cpu=import_cpu, build_cpu=build_cpu, load=os.getloadavg()[0],
                query_mb=query_mb, size_mb=size_mb, store_mb=store_mb, rows=rows,
                p50=percentile(all_idx, .5), p95=percentile(all_idx, .95),
                scan_p50=percentile(all_scan, .5), scan_p95=percentile(all_scan, .95))


def process_cost(store_path: Path, runs: int = 9) -> tuple[float, float]:
    def median(cmd: list[str]) -> float:
        ts = []
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            ts.append(time.perf_counter() - t)
        return statistics.median(ts) * 1000

    base = [sys.executable, "-m", "parktui"]
    version = median(base + ["--version"])
    search_ms = median(base + ["--db", str(store_path), "search", "氢能", "--limit", "20"])
    return version, search_ms


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--scales", default="1,5", help="corpus copies to bench, e.g. 1,5")
    ap.add_argument("--repeat", type=int, default=15, help="timed runs per query")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args()
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 1
    results = {}
    with tempfile.TemporaryDirectory(prefix="parktui-search-bench-") as tmp:
        work = Path(tmp)
        for times in [int(x) for x in args.scales.split(",")]:
            r = results[times] = bench_scale(args.corpus, times, args.repeat, work)
            print(f"\n== {r['articles']:,} articles, {r['chars'] / 1e6:.1f} M chars (corpus ×{times}) ==")
            print(f"import {r['import_s']:.1f} s ({r['import_cpu']:.1f} s CPU); index build {r['build_s']:.1f} s "
                  f"({r['build_cpu']:.1f} s CPU): +{100 * r['build_s'] / r['import_s']:.0f}% of import time "
                  f"(+{100 * r['build_cpu'] / r['import_cpu']:.0f}% of its CPU); load average {r['load']:.1f}")
            print(f"build peak {r['build_mb']:.0f} MB; "
                  f"index {r['size_mb']:.0f} MB on disk (store {r['store_mb']:.0f} MB); "
                  f"query process peak {r['query_mb']:.0f} MB")
            print(f"{'query kind':12} {'index p50':>10} {'p95':>8} {'scan p50':>10} {'p95':>8} {'ratio':>7}  hits")
            for cat, row in r["rows"].items():
                print(f"{cat:12} {row['p50']:8.2f}ms {row['p95']:6.2f}ms {row['scan_p50']:8.1f}ms "
                      f"{row['scan_p95']:6.1f}ms {row['scan_p50'] / row['p50']:6.0f}×  {row['hits']}")
            print(f"{'ALL':12} {r['p50']:8.2f}ms {r['p95']:6.2f}ms {r['scan_p50']:8.1f}ms "
                  f"{r['scan_p95']:6.1f}ms {r['scan_p50'] / r['p50']:6.0f}× (p95 ratio "
                  f"{r['scan_p95'] / r['p95']:.0f}×)")
            if times == 1:
                version, search_ms = process_cost(work / "store1.json")
                r["process"] = dict(version_ms=version, search_ms=search_ms)
                print(f"process: parktui --version {version:.0f} ms, parktui search 氢能 --limit 20 "
                      f"{search_ms:.0f} ms (+{search_ms - version:.0f} ms)")
    if args.json:
        args.json.write_bytes(orjson.dumps(results, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
