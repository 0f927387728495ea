"""China's national-level parks (data/parks.csv): any spelling → one record.

    from parktui.gazetteer import lookup
    lookup("河北雄安新区").short      # "雄安新区"
    lookup("亦庄").province           # "北京"

The table lists 高新区, 经开区, 新区, 自贸区 and their 片区, 自创区, 综保区, 边合区 and other
national zones with full name, the short name news uses, aliases, type, province and city
(sources and known gaps: data/PARKS.md). `lookup` accepts the full name, the short name, any
alias, half- or full-width brackets and dashes, long forms of the park word
(高新技术产业开发区 → 高新区) and a leading province, city or 国家级 (天津滨海新区,
江西赣州高新区, 湖北武汉东湖高新区).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files


@dataclass(frozen=True)
class Park:
    """One national-level park."""

    name: str                   # full official name: 北京经济技术开发区
    short: str                  # as news names it: 北京经开区 (the canonical park name in parktui)
    aliases: tuple[str, ...]    # other well-established spellings: 亦庄, 北京亦庄
    type: str                   # 高新区 经开区 新区 自贸区 自贸片区 自创区 综保区 边合区 其他
    province: str               # 北京 … 新疆, 新疆生产建设兵团
    city: str                   # prefecture-level unit; "" when the zone spans several

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name, self.short, *self.aliases)


PROVINCES = ("北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽",
             "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西",
             "甘肃", "青海", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门", "台湾")
# Long park words and the short forms news uses (the gazetteer's `short` column follows them).
LONG_TO_SHORT = (("高新技术产业开发区", "高新区"), ("新技术产业开发区", "高新区"), ("高新技术开发区", "高新区"),
                 ("新技术开发区", "高新区"), ("高技术产业开发区", "高新区"), ("经济技术开发区", "经开区"),
                 ("综合保税区", "综保区"), ("国家自主创新示范区", "国家自创区"), ("自由贸易试验区", "自贸区"),
                 ("自贸试验区", "自贸区"))
_PROVINCE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市", "")
_LEADS = ("国家级", "中国")
_FOLD = str.maketrans({"(": "（", ")": "）", "-": "—", "－": "—", "–": "—", " ": None, "\u3000": None})


def _fold(text: str) -> str:
    return text.strip().translate(_FOLD)


def _read_rows() -> list[dict[str, str]]:
    data = files("parktui.data").joinpath("parks.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(data)))


@lru_cache(maxsize=1)
def all_parks() -> tuple[Park, ...]:
    """Every park of the gazetteer, in file order."""
    return tuple(
        Park(name=row["name"], short=row["short"] or row["name"],
             aliases=tuple(a for a in row["aliases"].split(";") if a),
             type=row["type"], province=row["province"], city=row["city"])
        for row in _read_rows())


@lru_cache(maxsize=1)
def _by_spelling() -> dict[str, Park]:
    index: dict[str, Park] = {}
    for park in all_parks():
        for spelling in park.spellings:
            index.setdefault(_fold(spelling), park)
            index.setdefault(_fold(shorten(spelling)), park)
    return index


def spellings() -> dict[str, Park]:
    """Every known surface form (folded: full-width brackets, — dashes) → its park."""
    return dict(_by_spelling())


def shorten(name: str) -> str:
    """The park word in its short form: 青岛高新技术产业开发区 → 青岛高新区."""
    for long, short in LONG_TO_SHORT:
        if name.endswith(long):
            return name[: -len(long)] + short
    return name


def _prefixes(name: str) -> list[str]:
    """The name without a leading 国家级/中国, province and city (each optional)."""
    out = [name]
    for lead in _LEADS:
        if name.startswith(lead):
            out.append(name[len(lead):])
    for inner in ("国家级", "国家"):               # 宁波国家高新区 = 宁波高新区
        at = name.find(inner)
        if at >= 2:
            out.append(name[:at] + name[at + len(inner):])
    for form in list(out):
        for province in _provinces_starting(form):
            for suffix in _PROVINCE_SUFFIXES:
                if form.startswith(province + suffix) and len(form) > len(province + suffix) + 2:
                    out.append(form[len(province + suffix):])
    return out


_PROVINCE_ORDER = {province: i for i, province in enumerate(PROVINCES)}
_PROVINCE_LENGTHS = sorted({len(province) for province in PROVINCES})


def _provinces_starting(form: str) -> list[str]:
    """The provinces `form` starts with, in PROVINCES order (a few dict look-ups, not 34 tries)."""
    found = [form[:n] for n in _PROVINCE_LENGTHS if form[:n] in _PROVINCE_ORDER and len(form) >= n]
    return sorted(found, key=_PROVINCE_ORDER.__getitem__) if len(found) > 1 else found


@lru_cache(maxsize=1)
def _cities() -> frozenset[str]:
    return frozenset(p.city for p in all_parks() if p.city)


@lru_cache(maxsize=8192)
def lookup(spelling: str) -> Park | None:
    """The park a spelling names, or None when it is not a national-level park."""
    if not spelling:
        return None
    index = _by_spelling()
    forms = _prefixes(_fold(spelling))
    for form in forms:
        for candidate in (form, shorten(form)):
            park = index.get(candidate)
            if park is not None:
                return park
    by_prefix, lengths = _city_prefixes()
    for form in forms:                     # 苏州市苏州工业园区 / 武汉市东湖高新区
        found = sorted(hit for n in lengths if len(form) > n + 2 for hit in by_prefix.get(form[:n], ()))
        for _, city, prefix in found:
            rest = form[len(prefix):]
            park = index.get(shorten(rest)) or index.get(shorten(city[:-1] + rest))
            if park is not None and park.city == city:
                return park
    return None


CityPrefix = tuple[int, str, str]     # (order of trial, city, the city or the city without 市)


@lru_cache(maxsize=1)
def _city_prefixes() -> tuple[dict[str, list[CityPrefix]], tuple[int, ...]]:
    """Each city and the city without its last character (苏州市, 苏州), by that prefix, and
    the prefixes' lengths: a name's city prefix is found with a few dict look-ups, tried in
    the order of `_cities()`."""
    by_prefix: dict[str, list[CityPrefix]] = {}
    order = 0
    for city in _cities():
        for prefix in (city, city[:-1]):
            if prefix:
                by_prefix.setdefault(prefix, []).append((order, city, prefix))
            order += 1
    return by_prefix, tuple(sorted({len(p) for p in by_prefix}))


def canonical(spelling: str) -> str:
    """The canonical park name parktui stores (the gazetteer's short name), or "" if unknown."""
    park = lookup(spelling)
    return park.short if park is not None else ""


@lru_cache(maxsize=1)
def by_short() -> dict[str, Park]:
    """Canonical name → park (for views that group or filter by province, city, type)."""
    return {park.short: park for park in all_parks()}
