"""The store's table (issue 11): every operation as a whole process, the first release beside this one.

    python bench/store_bench.py [--replicas 1 5] [--baseline e4babdb] [--skip-baseline]

For each size (the corpus N times over, bench/replica.py) it builds a store with the first
release's code (git archive of --baseline, run from a temporary folder) and with this
tree's, then times each operation in a fresh process and reads its peak RSS (/usr/bin/time):
import the replica, import one more page, `show ID`, `articles` (until the first line),
`articles --limit 50`, `figures --park 雄安`, the browser (first titles on screen and
memory once settled, headless), and the size of the search index beside the store's.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from replica import write_replica

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT.parent / "shared" / "corpus").glob("*.jsonl"))
SAMPLE = ROOT / "data" / "kjrb_yuanqu_sample.md"

BROWSER = r"""
import asyncio, resource, sys, time
t0 = float(sys.argv[2])
from parktui.store import Store
from parktui.tui.app import make_app

async def main():
    app = make_app(Store(sys.argv[1]), config=__import__("pathlib").Path(sys.argv[3]))
    async with app.run_test(size=(120, 40)) as pilot:
        while "articles_ready" not in app.timings:
            await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)
        rss = int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) // 1024
        print(app.timings["titles_painted"] - t0, rss, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)

asyncio.run(main())
"""


def run(code: Path, args: list[str], first_line: bool = False) -> tuple[float, float]:
    """(wall seconds, peak RSS MiB) of one `python -m parktui ARGS` process of `code`'s tree;
    with `first_line`, the wall time is until its first line of output."""
    env = dict(os.environ, PYTHONPATH=str(code)) if code != ROOT else dict(os.environ)
    start = time.perf_counter()
    # /usr/bin/time reports the peak of parktui itself (wait4 on a child forked from this
    # process would count the fork's copy of the bench's own memory).
    proc = subprocess.Popen(["/usr/bin/time", "-f", "maxrss %M", sys.executable, "-m", "parktui", *args], env=env,
                            cwd=code, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    if first_line:
        proc.stdout.readline()
        wall = time.perf_counter() - start
    for _ in iter(lambda: proc.stdout.read(1 << 16), b""):  # type: ignore[union-attr]
        pass
    status = proc.wait()
    if not first_line:
        wall = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if status != 0:
        sys.exit(f"parktui {' '.join(args)} failed:\n{err}")
    return wall, int(err.rsplit("maxrss ", 1)[1].split()[0]) / 1024


def browser(code: Path, db: Path, tmp: Path) -> tuple[float, float, float]:
    """(seconds to the first titles, MiB once settled, peak MiB) of the browser, headless."""
    env = dict(os.environ, PYTHONPATH=str(code)) if code != ROOT else dict(os.environ)
    t0 = time.time()
    command = ["/usr/bin/time", "-f", "", sys.executable, "-c", BROWSER, str(db), repr(t0), str(tmp / "config.toml")]
    out = subprocess.run(command, env=env, cwd=code, capture_output=True, text=True, timeout=1800)
    if out.returncode != 0:
        sys.exit(f"browser failed:\n{out.stderr}")
    first, settled, peak = out.stdout.split()
    return float(first), float(settled), float(peak)


def size_mb(paths: list[Path]) -> float:
    total = 0
    for p in paths:
        if p.is_dir():
            total += sum(f.stat().st_size for f in p.rglob("*") if f.is_file())
        elif p.exists():
            total += p.stat().st_size
    return total / 2**20


def byte_compiled(code: Path) -> Path:
    """`code`'s tree with its modules byte-compiled, as an installed package has them (pip
    compiles on install). Without it, where PYTHONDONTWRITEBYTECODE is set (this VM sets
    it), every process compiles each module it imports from source: about 0.25 s more for
    a one-page import."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(code / "parktui")], check=True)
    return code


def first_release(rev: str, tmp: Path) -> Path:
    code = tmp / f"release-{rev}"
    code.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "parktui", "data"], capture_output=True,
                             check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(code)], input=archive, check=True)
    (code / "data").rename(code / "parktui" / "data")
    return byte_compiled(code)


def measure(label: str, code: Path, replica: Path, tmp: Path) -> dict[str, str]:
    folder = tmp / label
    folder.mkdir()
    db = folder / "store.json"
    out: dict[str, str] = {}
    wall, rss = run(code, ["--db", str(db), "import", str(replica)])
    out["import the replica"] = f"{wall:.1f} s, {rss:.0f} MB"
    n = sum(1 for _ in replica.open("rb"))
    wall, rss = run(code, ["--db", str(db), "import", str(SAMPLE)])
    out["import one page"] = f"{wall:.2f} s, {rss:.0f} MB"
    wall, rss = run(code, ["--db", str(db), "show", str(n // 2)])
    out["show ID"] = f"{wall:.2f} s, {rss:.0f} MB"
    wall, rss = run(code, ["--db", str(db), "articles"], first_line=True)
    out["articles: first line"] = f"{wall:.2f} s, {rss:.0f} MB"
    try:
        wall, rss = run(code, ["--db", str(db), "articles", "--limit", "50"])
        out["articles --limit 50"] = f"{wall:.2f} s, {rss:.0f} MB"
    except SystemExit:
        out["articles --limit 50"] = "(no --limit)"
    wall, rss = run(code, ["--db", str(db), "figures", "--park", "雄安"])
    out["figures --park 雄安"] = f"{wall:.2f} s, {rss:.0f} MB"
    first, settled, peak = browser(code, db, folder)
    out["browser: first titles / settled"] = f"{first:.2f} s / {settled:.0f} MB (peak {peak:.0f} MB)"
    index = db.with_name(db.name + ".search.sqlite")
    store_files = [db, db.with_name(db.name + ".d"), db.with_name(db.name + ".catalog.json")]
    out["search index / store on disk"] = f"{size_mb([index]):.0f} MB / {size_mb(store_files):.0f} MB"
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--replicas", type=int, nargs="+", default=[1, 5])
    ap.add_argument("--baseline", default="e4babdb", help="git revision of the first release's store")
    ap.add_argument("--skip-baseline", action="store_true")
    ap.add_argument("--corpus-lines", type=int, default=0, help=argparse.SUPPRESS)  # smoke runs
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = tmp / "corpus.jsonl"
        lines = b"".join(p.read_bytes().rstrip(b"\n") + b"\n" for p in CORPUS).splitlines(keepends=True)
        corpus.write_bytes(b"".join(lines[:args.corpus_lines] if args.corpus_lines else lines))
        old = None if args.skip_baseline else first_release(args.baseline, tmp)
        byte_compiled(ROOT)
        for times in args.replicas:
            replica = tmp / f"replica{times}.jsonl"
            n = write_replica(corpus, replica, times)
            print(f"\n## {n:,} articles ({times}× the corpus)\n", flush=True)
            new = measure(f"new{times}", ROOT, replica, tmp)
            before = measure(f"old{times}", old, replica, tmp) if old else {}
            print(f"| operation | first release ({args.baseline}) | this store |")
            print("|---|---|---|")
            for key, value in new.items():
                print(f"| {key} | {before.get(key, '–')} | {value} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
