"""Write docs/compare-chart.svg (run from the repository root): the compare view's bar chart
of 固定资产投资 in 2024 on the compare test pages. `python scripts/screenshot_compare.py`"""
import asyncio
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, "tests")
os.environ["PARKTUI_CONFIG"] = "/nonexistent/parktui/config.toml"
from compare_support import compare_articles
from tui_support import make_store, settle, wait_until

from parktui.tui.app import make_app


async def main():
    app = make_app(make_store(Path(tempfile.mkdtemp()) / "s.json", compare_articles()))
    async with app.run_test(size=(100, 16)) as pilot:
        await settle(app, pilot)
        await pilot.press("C")
        await wait_until(pilot, lambda: getattr(app.screen, "comparison", None) is not None, "compare loaded")
        for k in ("right", "c"):
            await pilot.press(k)
            await settle(app, pilot, 0.05)
        await settle(app, pilot, 0.3)
        app.save_screenshot("compare-chart.svg", path="docs")
asyncio.run(main())
