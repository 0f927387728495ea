"""Shared fixtures: a throw-away store, the CLI run in-process, paths to shared data."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from parktui.cli import main

ROOT = Path(__file__).resolve().parent.parent
PAGES = Path(__file__).resolve().parent / "pages"
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "data" / "kjrb_yuanqu_sample.md"


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory, monkeypatch):
    """Never touch the user's real store or config."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("PARKTUI_DB", raising=False)
    monkeypatch.setenv("PARKTUI_CONFIG", str(home / "config" / "parktui" / "config.toml"))


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "store.json"


class CLI:
    def __init__(self, db: Path, capsys):
        self.db = db
        self.capsys = capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        code = main(["--db", str(self.db), *args])
        out = self.capsys.readouterr()
        return code, out.out, out.err

    def json(self, *args: str):
        code, out, err = self(*args, "--format", "json")
        assert code == 0, err
        return json.loads(out)


@pytest.fixture
def cli(db, capsys) -> CLI:
    return CLI(db, capsys)
