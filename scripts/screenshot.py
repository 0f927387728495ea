"""Write docs/screenshot.svg (run from the repository root): the sample page, an article
open with a figure highlighted. `python scripts/screenshot.py`"""
import asyncio
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, "tests")
os.environ["PARKTUI_CONFIG"] = "/nonexistent/parktui/config.toml"
from tui_support import make_store, settle

from parktui.tui.app import make_app


async def main():
    app = make_app(make_store(Path(tempfile.mkdtemp()) / "s.json"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        for k in ("j", "3", "j", "j", "j", "enter"):
            await pilot.press(k)
            await settle(app, pilot, 0.05)
        await settle(app, pilot, 0.3)
        app.save_screenshot("screenshot.svg", path="docs")
asyncio.run(main())
