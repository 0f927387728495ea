"""Import benchmark: the corpus into a fresh store, beside a plain json.loads baseline.

    python bench/import_bench.py [--replicas 5]

Prints articles/s, characters/s, store size and peak memory of `parktui import` (run as a
subprocess, as users run it), the time to add one more page to the full store, and the
same for a store of N× the corpus (bench/replica.py: titles varied so every copy is a new article).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from replica import write_replica
from store_bench import run as run_parktui
from store_bench import size_mb

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "xwlb_cctv_2022-2026.jsonl"
SAMPLE = ROOT / "data" / "kjrb_yuanqu_sample.md"


def run(args: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS MiB) of one parktui process (see store_bench.run)."""
    return run_parktui(ROOT, args)


def baseline(path: Path) -> float:
    start = time.perf_counter()
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                json.loads(line)
    return time.perf_counter() - start


def measure(label: str, corpus: Path, tmp: Path) -> None:
    lines = [json.loads(x) for x in corpus.open(encoding="utf-8") if x.strip()]
    chars = sum(len(x.get("text", "")) for x in lines)
    base = baseline(corpus)
    db = tmp / f"{label}.json"
    wall, rss = run(["--db", str(db), "import", str(corpus)])
    one, one_rss = run(["--db", str(db), "import", str(SAMPLE)])
    size = size_mb([db, db.with_name(db.name + ".d")])  # the manifest and its shards
    print(f"{label}: {len(lines):,} articles, {chars / 1e6:.1f} M characters")
    print(f"  parktui import      {wall:7.2f} s  {len(lines) / wall:8,.0f} articles/s  "
          f"{chars / wall / 1e6:5.2f} M chars/s  peak {rss:,.0f} MiB")
    print(f"  baseline json.loads {base:7.2f} s  (import costs {wall / base:.0f}× the bare parse)")
    print(f"  store on disk       {size:7.1f} MiB ({size * 2**20 / chars:.1f} bytes per character)")
    print(f"  one more page       {one:7.2f} s  peak {one_rss:,.0f} MiB")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--replicas", type=int, default=5, help="also measure N× the corpus (0: skip)")
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} not found")
        return 0
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        measure("corpus", CORPUS, tmp)
        if args.replicas > 1:
            big = tmp / "replica.jsonl"
            write_replica(CORPUS, big, args.replicas)
            measure(f"{args.replicas}x replica", big, tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
