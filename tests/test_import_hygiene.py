"""The core never imports textual: the CLI and scripts stay light and the layers stay apart."""
from __future__ import annotations

import subprocess
import sys

CORE = ["parktui.cli", "parktui.importer", "parktui.store", "parktui.model", "parktui.figure_table",
        "parktui.ingest.page", "parktui.ingest.jsonl", "parktui.figures", "parktui.render"]


def test_core_modules_do_not_import_textual():
    code = ("import sys\n" + "".join(f"import {m}\n" for m in CORE) +
            "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
            "print(','.join(bad))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
