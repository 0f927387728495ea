"""Metric families: the metrics park news reports, each under one canonical name.

    from parktui.families import families
    families().family_of("全年完成固定资产投资", "amount")   # "固定资产投资"
    families().find("营收").name                            # "营业收入"

The built-in families are `data/families.csv` (family, the kinds it has, its spellings).
Users add families, or spellings and kinds to a built-in one, in config.toml:

    [families."亩均税收"]
    kinds = ["amount", "growth"]
    spellings = ["亩均税收", "亩均税收收入"]

A figure belongs to a family when its kind is one of the family's and its metric, once the
words that only say where, when or how (我国, 全区, 全年, 累计, 完成…) and its park's own name
are stripped from the front, is one of the family's spellings. 工业固定资产投资 and
铁路固定资产投资 are other metrics, not 固定资产投资: a user who wants them adds a family.
"""
from __future__ import annotations

import csv
import io
import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

KINDS = ("amount", "count", "growth", "share", "duration", "other")

# Words at the front of a metric that say where, when or how, not what is measured.
_NEUTRAL = ("我国", "全国", "全省", "全市", "全县", "全区", "全园区", "全园", "园区", "区内", "新区", "开发区",
            "高新区", "经开区", "当地", "该区", "全年", "当年", "今年", "年内", "同期", "其中", "累计", "共计",
            "合计", "总计", "完成", "实现", "达成", "共")
_DROP = str.maketrans("", "", " \u3000“”\"‘’'「」")


class FamilyError(ValueError):
    """A family that is not known, or a config file whose [families] cannot be used."""


class FamilyConfigError(FamilyError):
    """The [families] part of the config file cannot be used (the message names the file)."""


@dataclass(frozen=True)
class Family:
    name: str
    kinds: tuple[str, ...]
    spellings: tuple[str, ...]


@dataclass
class Families:
    """Every family, and each spelling (normalised) → its family's name."""

    by_name: dict[str, Family] = field(default_factory=dict)
    by_spelling: dict[str, str] = field(default_factory=dict)
    _known: dict[tuple[str, str, str], str] = field(default_factory=dict, repr=False, compare=False)

    def add(self, family: Family) -> None:
        self._known.clear()
        old = self.by_name.get(family.name)
        if old is not None:
            family = Family(family.name, _union(old.kinds, family.kinds), _union(old.spellings, family.spellings))
        self.by_name[family.name] = family
        for spelling in (family.name, *family.spellings):
            self.by_spelling[normalise(spelling)] = family.name

    def find(self, text: str) -> Family | None:
        """The family a user names by its name or any spelling (营收 → 营业收入)."""
        name = self.by_spelling.get(normalise(text))
        return self.by_name.get(name) if name else None

    def require(self, text: str) -> Family:
        """`find`, or a FamilyError that lists the families there are."""
        family = self.find(text)
        if family is None:
            raise FamilyError(f"unknown metric family {text!r} (known: {'、'.join(self.by_name)})")
        return family

    def family_of(self, metric: str, kind: str, park: str = "") -> str:
        """The family a figure's metric and kind belong to, or "" (remembered: metrics repeat)."""
        if not metric:
            return ""
        key = (metric, kind, park)
        known = self._known.get(key)
        if known is None:
            known = self._known[key] = self._family_of(metric, kind, park)
            if len(self._known) > 100_000:
                self._known.clear()
        return known

    def _family_of(self, metric: str, kind: str, park: str) -> str:
        for form in metric_forms(metric, park):
            name = self.by_spelling.get(form)
            if name:
                return name if kind in self.by_name[name].kinds else ""
        return ""


def normalise(text: str) -> str:
    return text.translate(_DROP).strip().upper()


def metric_forms(metric: str, park: str = "") -> list[str]:
    """The metric, then shorter and shorter without its park's name and neutral leading words:
    浦东全年完成固定资产投资 → …, 全年完成固定资产投资, 完成固定资产投资, 固定资产投资."""
    text = normalise(metric)
    forms = [text]
    if park:
        shared = _common_prefix(text, normalise(park))
        if len(shared) >= 2:
            text = text[len(shared):]
            forms.append(text)
    stripped = True
    while stripped and text.startswith(_NEUTRAL):
        stripped = False
        for word in _NEUTRAL:
            if text.startswith(word) and len(text) > len(word) + 1:
                text = text[len(word):]
                forms.append(text)
                stripped = True
                break
    return forms


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*a, *b)))


def builtin_families() -> list[Family]:
    data = files("parktui.data").joinpath("families.csv").read_text(encoding="utf-8")
    return [Family(row["family"], tuple(row["kinds"].split(";")), tuple(s for s in row["spellings"].split(";") if s))
            for row in csv.DictReader(io.StringIO(data))]


def config_families(path: Path) -> list[Family]:
    """The [families.NAME] tables of a config file; [] when the file or the table is absent."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except tomllib.TOMLDecodeError as exc:
        raise FamilyConfigError(f"{path}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FamilyConfigError(f"{path}: cannot read the config file ({exc})") from None
    table = data.get("families", {})
    if not isinstance(table, dict):
        raise FamilyConfigError(f'{path}: [families] must hold tables like [families."亩均税收"]')
    return [_family_from_config(path, name, entry) for name, entry in table.items()]


def _family_from_config(path: Path, name: str, entry: Any) -> Family:
    where = f"{path}: [families.{name}]"
    if not isinstance(entry, dict):
        raise FamilyConfigError(f"{where} must be a table with kinds = [...] and spellings = [...]")
    kinds = entry.get("kinds", ["amount", "growth"])
    spellings = entry.get("spellings", [])
    for key, values in (("kinds", kinds), ("spellings", spellings)):
        if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
            raise FamilyConfigError(f"{where}: {key} must be a list of strings")
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise FamilyConfigError(f"{where}: unknown kind {unknown[0]!r} (one of {', '.join(KINDS)})")
    return Family(name, tuple(kinds), tuple(s.strip() for s in spellings))


def load_families(config: Path | None = None) -> Families:
    """The built-in families, extended by the config file's [families] (default: the user's)."""
    from parktui.locations import config_path

    out = Families()
    for family in builtin_families():
        out.add(family)
    for family in config_families(config or config_path()):
        out.add(family)
    return out


@lru_cache(maxsize=4)
def _cached(config: str) -> Families:
    return load_families(Path(config))


# The environment variables the config file's path depends on (parktui.locations, platformdirs).
_PATH_ENV = ("PARKTUI_CONFIG", "XDG_CONFIG_HOME", "HOME", "APPDATA", "USERPROFILE")


def families() -> Families:
    """The families in force (built-in + the user's config file), read once per config path.
    Called once per article: the path is worked out once per value of the variables it
    depends on (platformdirs takes 15 µs)."""
    return _families_for(tuple(os.environ.get(name) for name in _PATH_ENV))


@lru_cache(maxsize=8)
def _families_for(env: tuple[str | None, ...]) -> Families:
    from parktui.locations import config_path

    return _cached(str(config_path()))


def assign_families(figures: list[dict[str, Any]]) -> None:
    """Give every extracted figure its `family` ("" when its metric is in none)."""
    if not figures:
        return
    known = families()
    for fig in figures:
        fig["family"] = known.family_of(fig.get("metric") or "", fig.get("kind") or "", fig.get("park") or "")


def family_of_row(row: dict[str, Any]) -> str:
    """A stored figure's family: the one recorded at extraction, else worked out now."""
    family = row.get("family")
    if isinstance(family, str):
        return family
    return families().family_of(row.get("metric") or "", row.get("kind") or "", row.get("park") or "")
