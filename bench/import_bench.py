"""Import benchmark: the corpus (and N× it) into a fresh store, this tree beside a baseline revision.

    python bench/import_bench.py [--replicas 5] [--baseline e4babdb] [--skip-baseline]

Each import is one `parktui import FILE --quiet` process, as users run it; its wall time,
CPU seconds and peak RSS (the largest of the process and its workers) come from
/usr/bin/time. The baseline revision (default: the first release) is run from a `git
archive` of it in the same run, on the same files, and a plain json.loads of the file is
the floor. Then one more page is imported into the full store.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from replica import write_replica
from store_bench import CORPUS, SAMPLE, byte_compiled, first_release, size_mb

ROOT = Path(__file__).resolve().parent.parent


def run(code: Path, args: list[str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS MiB) of one `python -m parktui ARGS` of `code`'s tree."""
    env = dict(os.environ, PYTHONPATH=str(code)) if code != ROOT else dict(os.environ)
    start = time.perf_counter()
    out = subprocess.run(["/usr/bin/time", "-f", "cpu %U %S maxrss %M", sys.executable, "-m", "parktui", *args],
                         env=env, cwd=code, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if out.returncode != 0:
        sys.exit(f"parktui {' '.join(args)} failed:\n{out.stderr}")
    user, system, _maxrss, rss = out.stderr.rsplit("cpu ", 1)[1].split()[:4]
    return wall, float(user) + float(system), int(rss) / 1024


def baseline(path: Path) -> float:
    start = time.perf_counter()
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                json.loads(line)
    return time.perf_counter() - start


def measure(label: str, code: Path, corpus: Path, tmp: Path) -> None:
    db = tmp / label / "store.json"
    db.parent.mkdir()
    wall, cpu, rss = run(code, ["--db", str(db), "import", str(corpus), "--quiet"])
    one, _cpu, one_rss = run(code, ["--db", str(db), "import", str(SAMPLE), "--quiet"])
    size = size_mb([db, db.with_name(db.name + ".d"), db.with_name(db.name + ".catalog.json")])
    print(f"  {label:<22} import {wall:7.1f} s wall {cpu:7.1f} s CPU  peak {rss:6,.0f} MiB  "
          f"store {size:6.0f} MiB  one more page {one:5.2f} s, {one_rss:,.0f} MiB", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--replicas", type=int, default=5, help="also measure N× the corpus (0: skip)")
    ap.add_argument("--baseline", default="e4babdb", help="git revision measured beside this tree")
    ap.add_argument("--skip-baseline", action="store_true")
    args = ap.parse_args()
    if not CORPUS:
        print("skipped: the corpus (../shared/corpus/*.jsonl) is not there")
        return 0
    print(f"load average at the start: {os.getloadavg()[0]:.2f} (2 cores: over 1 means others use the CPU)")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = tmp / "corpus.jsonl"
        corpus.write_bytes(b"".join(p.read_bytes().rstrip(b"\n") + b"\n" for p in CORPUS))
        old = None if args.skip_baseline else first_release(args.baseline, tmp)
        byte_compiled(ROOT)
        sizes = [(1, corpus)]
        if args.replicas > 1:
            sizes.append((args.replicas, tmp / "replica.jsonl"))
            write_replica(corpus, sizes[-1][1], args.replicas)
        for times, path in sizes:
            n = sum(1 for line in path.open("rb") if line.strip())
            print(f"\n{n:,} articles ({times}× the corpus, {path.stat().st_size / 2**20:.0f} MiB); "
                  f"json.loads of every line: {baseline(path):.1f} s")
            measure(f"this tree ({times}×)", ROOT, path, tmp)
            if old is not None:
                measure(f"{args.baseline} ({times}×)", old, path, tmp)
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
