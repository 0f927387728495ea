"""Figure extraction speed over the CCTV corpus, beside a one-regex baseline.

    python bench/figures_bench.py [--limit N] [--repeat R]

Reads ../shared/corpus/xwlb_cctv_2022-2026.jsonl (relative to the repository root);
exits 0 with a note when it is absent.  Prints characters/s and figures found for
extract_figures and for a single `\\d+(\\.\\d+)?` scan over the same texts, and the ratio.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "xwlb_cctv_2022-2026.jsonl"

from parktui.figures import extract_figures  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    ap.add_argument("--repeat", type=int, default=1, help="best of R runs")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args()
    if not args.corpus.exists():
        print(f"skipped: {args.corpus} not found")
        return 0
    arts = []
    with args.corpus.open(encoding="utf-8") as fh:
        for line in fh:
            a = json.loads(line)
            arts.append((a.get("text") or "", a.get("date")))
            if args.limit and len(arts) >= args.limit:
                break
    chars = sum(len(t) for t, _ in arts)

    baseline = re.compile(r"\d+(\.\d+)?")
    best_b = best_x = float("inf")
    n_b = n_x = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        n_b = sum(1 for t, _ in arts for _m in baseline.finditer(t))
        best_b = min(best_b, time.perf_counter() - t0)
        t0 = time.perf_counter()
        n_x = sum(len(extract_figures(t, date=d)) for t, d in arts)
        best_x = min(best_x, time.perf_counter() - t0)
    print(f"corpus      {len(arts):,} articles, {chars:,} characters")
    print(f"baseline    {chars / best_b:>14,.0f} chars/s  {n_b:>9,} numbers   ({best_b:.2f} s)")
    print(f"extractor   {chars / best_x:>14,.0f} chars/s  {n_x:>9,} figures   ({best_x:.2f} s)")
    print(f"ratio       extractor is {best_x / best_b:.1f}x slower than the baseline; "
          f"target 1,000,000 chars/s: {'met' if chars / best_x >= 1e6 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
