"""The one park vocabulary: which names in a text are parks, and their canonical names.

A park is
- a national-level park of the gazetteer (`parktui.gazetteer`), in any spelling
  (河北雄安新区 = 雄安新区, 亦庄 = 北京经开区); its canonical name is the gazetteer's short one;
- a local or provincial park: a place name (a province, a city, the place part of a
  gazetteer name) followed by a park word at a real name boundary (余姚工业园区, 雄安综合保税区);
- a name the text defines (新疆石河子经济技术开发区(以下简称石河子经开区)) or gives as an item
  head (【成都天府国际生物城】).
Phrases (实施自由贸易试验区, 赴河北雄安新区 → 雄安新区) and categories (国家高新区, 绿色工业园区,
全国综保区) are not parks. Free trade zones, 自创区 and 片区 are parks only when the gazetteer
knows them (东盟自贸区 is a trade agreement, not a park).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from parktui import gazetteer
from parktui.gazetteer import PROVINCES, Park, all_parks, lookup, shorten

PARK_WORDS = (
    "高新技术产业开发区", "国家自主创新示范区", "新技术产业开发区", "高新技术产业园区", "高技术产业开发区",
    "自由贸易试验区", "经济技术开发区", "高新技术开发区", "新技术开发区", "综合保税区", "自贸试验区",
    "经济开发区", "工业园区", "产业园区", "科技园区", "高新园区", "高新区", "经开区", "开发区", "自贸区",
    "综保区", "保税区", "自创区", "科学城", "产业园", "工业园", "科技园", "新区", "片区",
)
# Park words whose names must come from the gazetteer (all national FTZs, 自创区, 片区 are in it).
GAZETTEER_ONLY = ("自由贸易试验区", "自贸试验区", "自贸区", "国家自主创新示范区", "自创区", "片区")
_WORD_RE = re.compile("|".join(sorted(PARK_WORDS, key=len, reverse=True)))
# Characters that end a place name read backwards from the park word.
_STOP = set("的在于与和及是为将对把从到向由被让使了着过也都又并而或等至个家这那其该各本我这全")
_NAME_PUNCT = frozenset("（）()—")    # with the CJK ideographs \u4e00-\u9fff: characters of a name
_MAX_NAME = 20
_CITIES = ("北京", "天津", "上海", "重庆", "香港", "澳门")     # provinces that are cities too
# Words between a place and its park word that make the whole a phrase, not a name.
_VERB_RE = re.compile("正|将|要|推进|深入|建设|加快|打造|实施|推动|发展|促进|扩大|设立|连接|入驻|落户|支持|建成|"
                      "围绕|依托")
_MAX_LOCAL_PREFIX = 8
_ALIAS = re.compile(
    rf"([\u4e00-\u9fff（）()]{{2,24}}?(?:{_WORD_RE.pattern}))\s*[（(]\s*(?:以下)?(?:简称|下称)\s*"
    r"[“\"「]?([\u4e00-\u9fff]{2,12})[”\"」]?\s*[）)]")
# A name ending in a park word, for trimming a leading park off a metric (园区 营收).
PARK_NAME_RE = re.compile(rf"[\u4e00-\u9fff]{{0,8}}?(?:{_WORD_RE.pattern})")
# Characters that cannot be inside a park's place name (trimming metrics).
NAME_STOP = frozenset("的在和与及了将对为是把从到向让使于由自据至已该本全我各进入建造动往前期今年月日后时近以老城个")
_HEAD = re.compile(r"(?:^|\n)【([\u4e00-\u9fff]{2,14}(?:区|园|城|港|基地))】")


class Mention(NamedTuple):
    start: int
    end: int
    name: str           # canonical


@lru_cache(maxsize=1)
def _places() -> tuple[str, ...]:
    """Place names that can start a local park's name, longest first."""
    places: set[str] = set(PROVINCES)
    for park in all_parks():
        if park.city:
            places.add(park.city)
            for tail in ("市", "地区", "自治州", "盟"):
                if park.city.endswith(tail) and len(park.city) - len(tail) >= 2:
                    places.add(park.city[: -len(tail)])
        for spelling in (park.name, park.short):
            m = _WORD_RE.search(spelling)
            if m and m.end() == len(spelling) and m.start() >= 2:
                prefix = spelling[: m.start()]
                for province in PROVINCES:
                    if prefix.startswith(province) and len(prefix) - len(province) >= 2:
                        prefix = prefix[len(province):]
                if "（" not in prefix and len(prefix) <= 4:
                    places.add(prefix)
    places -= {"中国", "国家"}
    return tuple(sorted(places, key=len, reverse=True))


@lru_cache(maxsize=1)
def _place_set() -> tuple[frozenset[str], tuple[int, ...]]:
    """The place names, and their lengths longest first: the longest place at an offset is
    found with a few set look-ups."""
    places = _places()
    return frozenset(places), tuple(sorted({len(p) for p in places}, reverse=True))


@lru_cache(maxsize=1)
def _odd_spellings() -> re.Pattern[str]:
    """Gazetteer spellings that end in no park word but are safe in text (中关村, 中国光谷)."""
    odd = {spelling for park in all_parks() for spelling in park.spellings
           if len(spelling) >= 3 and spelling[-1] in "村谷"}
    return re.compile("|".join(sorted(odd, key=len, reverse=True)) or "(?!)")


_LONGEST_FIRST = tuple(sorted(PARK_WORDS, key=len, reverse=True))


def park_word_at(name: str) -> str:
    """The park word a name ends in ("" when none)."""
    return next((w for w in _LONGEST_FIRST if name.endswith(w)), "")


def local_name(prefix: str, word: str) -> tuple[str, int]:
    """(canonical name, where in `prefix` it starts) of a local park from the characters
    before its park word; ("", 0) when they are not a place name (a phrase or a category)."""
    if word in GAZETTEER_ONLY:
        return "", 0
    cut = len(prefix)
    while cut > 0 and prefix[cut - 1] not in _STOP and len(prefix) - cut < _MAX_LOCAL_PREFIX:
        cut -= 1
    places, lengths = _place_set()
    for i in range(cut, len(prefix) - 1):
        place = next((prefix[i:i + n] for n in lengths if i + n <= len(prefix) and prefix[i:i + n] in places), "")
        if place:
            name = prefix[i:]
            if _VERB_RE.search(name, len(place)):    # 江苏正深入推进高新区: a phrase
                return "", 0
            for province in PROVINCES:      # 湖北麻城经济开发区 = 麻城经济开发区 (北京中德产业园 stays)
                if name.startswith(province) and len(name) - len(province) >= 2 and province not in _CITIES:
                    name = name[len(province):].lstrip("省")
                    break
            return (shorten(name + word), i) if len(name) >= 2 else ("", 0)
    return "", 0


def canonical(spelling: str) -> str:
    """The canonical name of any park spelling, "" when it names no park: the gazetteer's
    short name for a national park, else a local park named with a park word."""
    national = gazetteer.canonical(spelling)
    if national:
        return national
    word = park_word_at(spelling)
    if not word:
        return ""
    name, start = local_name(spelling[: -len(word)], word)
    return name if start == 0 else ""


def park_phrase_at(text: str, pos: int) -> int:
    """End of a park or park-category name starting at pos (国家级经济技术开发区 in
    230家国家级经济技术开发区), else -1."""
    m = PARK_NAME_RE.match(text, pos)
    if m is None or any(c in NAME_STOP for c in m.group()[: -len(park_word_at(m.group())) or None]):
        return -1
    return m.end()


def park_info(name: str) -> Park | None:
    """The gazetteer record (province, city, type, full name) of a park name, if national."""
    return lookup(name) if name else None


def spellings_of(name: str) -> tuple[str, ...]:
    """Every known spelling of a park (full name, short name, aliases) for matching."""
    park = park_info(name)
    return park.spellings if park is not None else ((name,) if name else ())


def park_matches(query: str, name: str) -> bool:
    """Does a user's park query (any spelling or part of a name: 青岛, 河北雄安新区, 亦庄)
    select this park?"""
    if not query or not name:
        return False
    if query in name:
        return True
    wanted = canonical(query)
    return bool(wanted) and wanted == canonical(name)


def in_province(name: str, province: str) -> bool:
    """Is this park in the province (河北, 河北省; national parks only)?"""
    park = park_info(name)
    wanted = province.strip()
    for tail in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
        if wanted.endswith(tail) and len(wanted) > len(tail) + 1:
            wanted = wanted[: -len(tail)]
            break
    return park is not None and bool(wanted) and park.province.startswith(wanted)


def is_park(name: str) -> bool:
    return bool(name) and canonical(name) != ""


def _gazetteer_at(text: str, end: int) -> Mention | None:
    """The longest gazetteer spelling ending at `end` (a province or city before it included)."""
    start = end
    while start > 0 and end - start < _MAX_NAME and ("\u4e00" <= text[start - 1] <= "\u9fff"
                                                     or text[start - 1] in _NAME_PUNCT):
        start -= 1
    for s in range(start, end - 1):
        park = lookup(text[s:end])
        if park is not None:
            return Mention(s, end, park.short)
    return None


def defined_aliases(text: str) -> dict[str, str]:
    """`新疆石河子经济技术开发区(以下简称石河子经开区)` → {full: canonical, short: canonical}."""
    out: dict[str, str] = {}
    if "简称" not in text and "下称" not in text:
        return out
    for full, short in _ALIAS.findall(text):
        m = _gazetteer_at(full, len(full))
        if m is not None:
            name = m.name
            full = full[m.start:]
        else:
            word = park_word_at(full)
            name = short if word not in GAZETTEER_ONLY else ""
            cut = len(full) - len(word)
            while cut > 0 and full[cut - 1] not in _STOP:
                cut -= 1
            full = full[cut:]
        if name and len(full) >= 4:
            out[full] = name
            out[short] = name
    return out


def find_mentions(text: str, defined: dict[str, str] | None = None) -> list[Mention]:
    """Every park mention of a text, in order, with canonical names."""
    found: dict[int, Mention] = {}
    names = dict(defined or {})
    if names:
        rx = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
        for m in rx.finditer(text):
            found[m.end()] = Mention(m.start(), m.end(), names[m.group()])
    for m in _WORD_RE.finditer(text):
        if m.end() in found:
            continue
        hit = _gazetteer_at(text, m.end())
        if hit is None:
            prefix_start = max(0, m.start() - _MAX_LOCAL_PREFIX)
            prefix = text[prefix_start:m.start()]
            k = len(prefix)
            while k > 0 and "\u4e00" <= prefix[k - 1] <= "\u9fff":
                k -= 1
            name, at = local_name(prefix, m.group())
            if name and at >= k:
                hit = Mention(prefix_start + at, m.end(), name)
        if hit is not None:
            found[m.end()] = hit
    for m in _odd_spellings().finditer(text):
        park = lookup(m.group())
        if park is not None and m.end() not in found:
            found[m.end()] = Mention(m.start(), m.end(), park.short)
    for m in _HEAD.finditer(text) if "【" in text else ():
        if m.end(1) not in found:
            found[m.end(1)] = Mention(m.start(1), m.end(1), canonical(m.group(1)) or m.group(1))
    return _drop_nested(sorted(found.values()))


def _drop_nested(mentions: list[Mention]) -> list[Mention]:
    """A mention inside a longer one (雄安新区 in 雄安新区综合保税区) is not a mention of its own."""
    out: list[Mention] = []
    for m in mentions:
        while out and out[-1].start >= m.start and out[-1].end <= m.end:
            out.pop()
        if out and out[-1].end > m.start and out[-1].start <= m.start:
            continue
        out.append(m)
    return out


def dominant(mentions: list[Mention], lead_end: int) -> str:
    """The park a text is about: named in its lead (before `lead_end`), at least twice, and
    at least as often as any other (the first named of those); "" when no park is (a park
    named once, or only further down, does not own the text)."""
    if len(mentions) < 2:
        return ""                       # no park named twice
    counts = Counter(m.name for m in mentions)
    top = max(counts.values())
    if top < 2:
        return ""
    return next((m.name for m in mentions if m.start < lead_end and counts[m.name] == top), "")


def lead_end(text: str, start: int = 0) -> int:
    """Where the first paragraph from `start` ends (a heading line does not count)."""
    end = text.find("\n\n", start)
    return len(text) if end < 0 else end


def detect_park(title: str, subtitle: str, body: str,
                stories: list[int] | None = None) -> tuple[str, list[str], dict[str, str]]:
    """(park, its aliases, every spelling used → canonical) for one article. The park is the
    one its title (or subtitle) names, else the one its body is about; in an article of
    several stories (sections at `stories` offsets of the body) only when at least half of
    the stories name it (a bundle's story about one park does not own the others)."""
    everything = "\n".join((title, subtitle, body))
    defined = defined_aliases(everything)
    heads = find_mentions("\n".join((title, subtitle)), defined)
    body_mentions = find_mentions(body, defined)
    first = lead_end(body)
    if first < len(body) and len(body[:first]) <= 40 and stories and 0 in stories:
        first = lead_end(body, first + 2)    # a first story's heading: its lead is the next paragraph
    chosen = heads[0].name if heads else dominant(body_mentions, first)
    starts = sorted({0, *(stories or [])})
    if not heads and chosen and len(starts) > 1:
        ends = starts[1:] + [len(body) + 1]
        naming = sum(any(s <= m.start < e and m.name == chosen for m in body_mentions)
                     for s, e in zip(starts, ends, strict=True))
        if naming * 2 < len(starts):
            chosen = ""
    names = dict(defined)
    for source, mentions in (("\n".join((title, subtitle)), heads), (body, body_mentions)):
        for m in mentions:
            names.setdefault(source[m.start:m.end], m.name)
    aliases = sorted({full for full, canon in defined.items() if canon == chosen and full != chosen})
    return chosen, aliases, names
