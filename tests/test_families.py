"""Metric families: built-in spellings, neutral words, kinds, and the user's config file."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PAGES

from parktui.families import FamilyConfigError, FamilyError, families, load_families

NONE = Path("/nonexistent/parktui/config.toml")


@pytest.mark.parametrize("metric, kind, park, family", [
    ("固定资产投资", "amount", "", "固定资产投资"),
    ("全年完成固定资产投资", "amount", "", "固定资产投资"),
    ("浦东全社会固定资产投资", "growth", "浦东新区", "固定资产投资"),
    ("铁路完成固定资产投资", "amount", "", ""),            # another metric: railway investment
    ("工业固定资产投资", "amount", "", ""),
    ("固定资产投资", "count", "", ""),                      # the family has no counts
    ("实现营收", "amount", "", "营业收入"),
    ("GDP", "growth", "", "地区生产总值"),
    ("实际利用外资", "amount", "", "实际使用外资"),
    ("签约项目", "count", "", "签约项目"),
    ("新增企业", "count", "", "新增企业"),
    ("“高新技术企业”", "count", "", "高新技术企业"),
    ("", "amount", "", ""),
])
def test_family_of(metric, kind, park, family):
    assert load_families(NONE).family_of(metric, kind, park) == family


def test_find_and_require_by_any_spelling():
    known = load_families(NONE)
    assert known.find("营收").name == "营业收入" and known.find("gdp").name == "地区生产总值"
    with pytest.raises(FamilyError, match="unknown metric family '亩均税收'"):
        known.require("亩均税收")


def test_config_adds_families_and_spellings(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('theme = "nord"\n[families."亩均税收"]\nkinds = ["amount"]\n'
                      'spellings = ["亩均税收", "亩均税收收入"]\n'
                      '[families."固定资产投资"]\nspellings = ["工业固定资产投资"]\n', encoding="utf-8")
    known = load_families(config)
    assert known.family_of("亩均税收收入", "amount") == "亩均税收"
    assert known.family_of("亩均税收收入", "growth") == ""
    assert known.family_of("工业固定资产投资", "growth") == "固定资产投资"
    assert known.by_name["固定资产投资"].kinds == ("amount", "growth")


@pytest.mark.parametrize("text, message", [
    ("[families\n", "not valid TOML"),
    ("families = 3\n", "[families] must hold tables"),
    ("[families.x]\nkinds = ['size']\n", "unknown kind 'size'"),
    ("[families.x]\nspellings = 'x'\n", "spellings must be a list of strings"),
])
def test_bad_config_is_one_line_naming_the_file(tmp_path, text, message):
    config = tmp_path / "config.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(FamilyConfigError) as exc:
        load_families(config)
    assert str(exc.value).startswith(str(config)) and message in str(exc.value) and "\n" not in str(exc.value)


def test_cli_reports_a_bad_config(cli, monkeypatch, tmp_path):
    assert cli("import", str(PAGES / "compare_parks.jsonl"))[0] == 0
    config = tmp_path / "bad.toml"
    config.write_text("[families.x]\nkinds = ['size']\n", encoding="utf-8")
    monkeypatch.setenv("PARKTUI_CONFIG", str(config))
    code, _, err = cli("compare", "固定资产投资")
    assert code == 2 and err.startswith(f"parktui: error: {config}")


def test_families_follow_the_config_path(monkeypatch, tmp_path):
    config = tmp_path / "c.toml"
    config.write_text("[families.'亩均产出']\nspellings = ['亩均产出']\n", encoding="utf-8")
    monkeypatch.setenv("PARKTUI_CONFIG", str(config))
    assert families().find("亩均产出") is not None
