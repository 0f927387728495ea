"""Headless timings of the parktui TUI, beside a bare Textual app, in one run.

    python bench/tui_bench.py --db /tmp/tui19k.json [--replica 5] [--json]

Each measurement starts a fresh Python process so "first paint" includes interpreter
start-up and imports, exactly as a user launching `parktui` pays them:
- baseline: an empty Textual app's first paint (the floor on this machine);
- parktui: time until the article titles are painted, until every article is loaded,
  a cursor move in the list, opening an article, search per keystroke, the all-figures
  view (open, sort) over every figure, and again with the figures replicated N times.
Times are wall-clock seconds (ms where marked) on whatever machine runs this.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BASELINE = r"""
import sys, time
t0 = float(sys.argv[1])
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("hello")
    def on_mount(self):
        self.call_after_refresh(self.done)
    def done(self):
        print(time.time() - t0)
        self.exit()
Bare().run(headless=True, size=(120, 40))
"""


def run_baseline() -> float:
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", BASELINE, repr(t0)], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def run_child(db: str, replica: int) -> dict:
    t0 = time.time()
    out = subprocess.run([sys.executable, __file__, "--child", "--db", db, "--t0", repr(t0),
                          "--replica", str(replica)], capture_output=True, text=True, cwd=ROOT)
    if out.returncode:
        sys.stderr.write(out.stderr)
        raise SystemExit(f"child failed ({out.returncode})")
    return json.loads(out.stdout.strip().splitlines()[-1])


async def press_floor() -> float:
    """CPU ms a bare Textual app spends on a no-op key press (the floor)."""
    from textual.app import App
    from textual.widgets import Static

    class Bare(App):
        BINDINGS = [("j", "noop", "")]

        def compose(self):
            yield Static("x")

        def action_noop(self) -> None:
            pass

    async with Bare().run_test(size=(120, 40)) as pilot:
        ts = []
        for _ in range(20):
            t = time.process_time()
            await pilot.press("j")
            ts.append((time.process_time() - t) * 1000)
    return statistics.median(ts)


async def child(db: str, t0: float, replica: int) -> dict:
    from parktui.store import Store
    from parktui.tui.app import make_app
    from parktui.tui.search_source import search
    from parktui.tui.settings import Settings

    app = make_app(Store(db), settings=Settings())
    results: dict = {}
    async with app.run_test(size=(120, 40)) as pilot:
        while "titles_painted" not in app.timings:
            await asyncio.sleep(0.005)
        results["titles_painted_s"] = app.timings["titles_painted"] - t0
        while "articles_ready" not in app.timings:
            await asyncio.sleep(0.01)
        results["all_loaded_s"] = app.timings["articles_ready"] - t0
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)
        # Memory once settled (the list on screen, before the all-figures view loads anything).
        results["rss_settled_mb"] = int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) // 1024
        results["articles"] = len(app.library.summaries)
        results["figures"] = len(app.library.figures())
        await pilot.pause(0.3)

        async def timed_press(key: str) -> float:
            """CPU ms the app spends on one key, its repaint included (process_time:
            Pilot's own waits are sleeps, so they add ~nothing)."""
            t = time.process_time()
            await pilot.press(key)
            return (time.process_time() - t) * 1000

        moves = [await timed_press("j") for _ in range(40)]
        results["cursor_move_ms_median"] = statistics.median(moves)
        results["cursor_move_ms_max"] = max(moves)
        pages = [await timed_press("pagedown") for _ in range(10)]
        results["page_down_ms_median"] = statistics.median(pages)

        # Opening: from the Enter key to the first frame written after the reader has
        # the article (later frames only restyle borders and the footer for the new focus).
        frames: list[float] = []
        shown: list[float] = []
        display, show = app._display, app.main._show

        def timed_display(*a, **k):
            frames.append(time.perf_counter())
            return display(*a, **k)

        def timed_show(*a, **k):
            show(*a, **k)
            shown.append(time.perf_counter())

        app._display, app.main._show = timed_display, timed_show
        opens, settled = [], []
        for i in range(10):
            await pilot.press("1")
            await pilot.press("G" if i % 2 else "g")  # another article, not yet previewed
            t = time.perf_counter()
            c = time.process_time()
            await pilot.press("enter")
            await pilot.pause(0.3)
            first_shown = next(x for x in shown if x >= t)
            first = next(f for f in frames if f >= first_shown)
            if os.environ.get("BENCH_DEBUG"):
                print("shown %.0f" % ((first_shown - t) * 1000), ["%.0f" % ((f - t) * 1000) for f in frames if f >= t],
                      file=sys.stderr)
            opens.append((first - t) * 1000)
            settled.append((time.process_time() - c) * 1000)
            await pilot.press("1")
            await pilot.press("j")
            await pilot.pause(0.3)
        app._display, app.main._show = display, show
        results["open_article_ms_median"] = statistics.median(opens)
        results["open_article_ms_max"] = max(opens)
        results["open_article_cpu_ms_incl_refocus"] = statistics.median(settled)

        per_key = []
        for q in ("园", "园区", "高新", "高新区", "集成电路", "芯片 投资", "economy"):
            t = time.perf_counter()
            search(app.library, q)
            per_key.append((time.perf_counter() - t) * 1000)
        results["search_ms_median"] = statistics.median(per_key)
        results["search_ms_max"] = max(per_key)

        async def figures_view(label: str) -> None:
            from parktui.tui.figures_screen import FiguresScreen

            await pilot.press("1")
            t = time.perf_counter()
            await pilot.press("f")
            while not (isinstance(app.screen, FiguresScreen) and app.screen.all_rows is not None):
                await asyncio.sleep(0.002)
            await pilot.pause()
            results[f"{label}_open_s"] = time.perf_counter() - t
            t = time.perf_counter()
            await pilot.press("s")
            results[f"{label}_sort_s"] = time.perf_counter() - t
            results[f"{label}_rows"] = len(app.screen.all_rows)
            await pilot.press("escape")
            await pilot.pause(0.2)

        await figures_view("all_figures")
        if replica > 1:
            base = app.library.figures()
            app.library._figures = [dict(r) for _ in range(replica) for r in base]
            await figures_view(f"all_figures_x{replica}")
    results["baseline_key_press_ms"] = await press_floor()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--replica", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--t0", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(asyncio.run(child(args.db, args.t0, args.replica))))
        return
    from store_bench import byte_compiled

    byte_compiled(ROOT)
    baseline = min(run_baseline() for _ in range(3))
    runs = [run_child(args.db, args.replica) for _ in range(2)]
    best = {k: min(r[k] for r in runs) if isinstance(runs[0][k], float) else runs[0][k] for k in runs[0]}
    best["baseline_first_paint_s"] = baseline
    if args.json:
        print(json.dumps(best, indent=1))
        return
    print(f"store: {args.db} ({best['articles']} articles, {best['figures']} figures); "
          f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; best of 2 runs (baseline best of 3)")
    for key, value in best.items():
        if key in ("articles", "figures"):
            continue
        unit = "" if key.endswith("rows") else ("ms" if key.endswith("ms") or "_ms_" in key else "s")
        shown = f"{value:.3f}" if unit == "s" else (f"{value:.1f}" if unit == "ms" else str(value))
        print(f"  {key:<34} {shown:>10} {unit}")


if __name__ == "__main__":
    main()
