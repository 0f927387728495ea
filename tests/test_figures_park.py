"""`parktui figures --park` reads the search index's figure rows, not the store, and keeps
exactly what filtering every figure of the store would keep."""
from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from parktui.cli import main
from parktui.figure_table import FigureFilter, figure_rows, to_json
from parktui.importer import import_paths
from parktui.store import Store

PAGES = Path(__file__).parent / "pages"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    store = Store(tmp_path_factory.mktemp("parks") / "store.json")
    import_paths(store, sorted(str(p) for p in PAGES.glob("*.md")) + [str(PAGES / "compare_parks.jsonl")])
    return store


def queries(store: Store) -> list[str]:
    """Every park the figures and articles name, parts and other spellings of some, and a miss."""
    articles = store.articles()
    names = {r.get("park") or "" for r in figure_rows(articles)} | {a.get("park") or "" for a in articles}
    names.discard("")
    assert len(names) >= 5
    return sorted(names) + ["雄安", "河北雄安新区", "北京经济技术开发区", "亦庄", "苏州", "青岛", "高新区", "火星园区"]


def cli_json(capsys, store: Store, *args: str) -> bytes:
    capsys.readouterr()
    assert main(["--db", str(store.path), "figures", *args, "--format", "json"]) == 0
    return capsys.readouterr().out.encode()


def test_park_rows_equal_filtering_every_figure(store, capsys):
    every = figure_rows(store.articles())
    kept_some = 0
    for park in queries(store):
        expected = [r for r in every if FigureFilter(park=park).accepts(r)]
        kept_some += bool(expected)
        assert orjson.loads(cli_json(capsys, store, "--park", park)) == orjson.loads(to_json(expected)), park
    assert kept_some >= 5


def test_park_rows_do_not_read_the_store(store, capsys, monkeypatch):
    expected = cli_json(capsys, store, "--park", "雄安")
    assert orjson.loads(expected)

    def no_articles(*args, **kwargs):
        raise AssertionError("figures --park read the store's articles")

    monkeypatch.setattr(Store, "articles", no_articles)
    assert cli_json(capsys, store, "--park", "雄安") == expected


def test_park_rows_follow_a_delete(tmp_path, capsys):
    store = Store(tmp_path / "store.json")
    import_paths(store, [str(PAGES / "compare_parks.jsonl")])
    before = orjson.loads(cli_json(capsys, store, "--park", "苏州工业园区"))
    assert before
    store.delete([before[0]["article_id"]])
    after = orjson.loads(cli_json(capsys, store, "--park", "苏州工业园区"))
    assert {r["article_id"] for r in after} == {r["article_id"] for r in before} - {before[0]["article_id"]}
