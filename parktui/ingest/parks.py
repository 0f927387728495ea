"""Which park an article is about, and the aliases its text defines.

A park name is a place name followed by a park word (高新区, 经开区, 经济技术开发区…).
The place name has no delimiter before it in Chinese (位于青岛高新区, 江西赣州高新区),
so the parser counts how often each candidate prefix occurs and keeps the longest
that the text uses about as often as the shortest: 青岛高新区, not 于青岛高新区.
"""
from __future__ import annotations

import re
from collections import Counter

PARK_WORDS = (
    "高新技术产业开发区", "高新技术开发区", "经济技术开发区", "经济开发区", "高新技术产业园区",
    "国家自主创新示范区", "自由贸易试验区", "综合保税区", "高新区", "经开区", "开发区",
    "工业园区", "产业园区", "科技园区", "高新园区", "科学城", "自贸区", "综保区", "保税区",
    "产业园", "工业园", "科技园", "新区",
)
# Words that end a place name when read backwards from the park word.
_STOP = set("的在于与和及是为将对把从到向由被让使了着过也都又并而或等至个家这那其该各本市县区镇乡省")
# Words that often stand right before a park name and are not part of it.
_LEAD_WORDS = ("时任", "位于", "途经", "沿线", "来到", "走进", "落户", "入驻", "依托", "包括", "其中", "作为",
               "推动", "支持", "建设", "打造", "全国", "国家级", "省级", "地处", "所在", "今年", "去年",
               "同时", "目前", "近日", "日前", "近年来", "以及", "主要", "并", "已", "还", "均", "即",
               "成为", "获批", "设立", "成立", "加快", "全力", "围绕", "聚焦", "服务", "助力", "记者")
_WORDS = "|".join(sorted(PARK_WORDS, key=len, reverse=True))
_MENTION = re.compile(rf"([\u4e00-\u9fff]{{1,10}}?)({_WORDS})")
_ALIAS = re.compile(
    rf"([\u4e00-\u9fff]{{2,16}}(?:{_WORDS}))\s*[（(]\s*(?:以下)?(?:简称|下称)\s*[“\"「]?([\u4e00-\u9fff]{{2,12}})[”\"」]?\s*[）)]"
)
_MAX_PREFIX = 8


def aliases_in(text: str) -> dict[str, str]:
    """`新疆石河子经济技术开发区(以下简称石河子经开区)` → {full name: short name}."""
    out: dict[str, str] = {}
    if "简称" not in text and "下称" not in text:
        return out
    for full, short in _ALIAS.findall(text):
        word = next(w for w in sorted(PARK_WORDS, key=len, reverse=True) if full.endswith(w))
        prefix = full[: -len(word)]
        cut = len(prefix)
        while cut > 0 and prefix[cut - 1] not in _STOP:
            cut -= 1
        if len(prefix) - cut >= 2:
            out[prefix[cut:] + word] = short
    return out


def _candidates(text: str) -> Counter:
    """Every place-prefix + park-word string, counted over the text."""
    found: Counter = Counter()
    for m in re.finditer(_WORDS, text):
        word = m.group(0)
        start = m.start()
        prefix = ""
        i = start - 1
        while i >= 0 and len(prefix) < _MAX_PREFIX and "\u4e00" <= text[i] <= "\u9fff":
            prefix = text[i] + prefix
            i -= 1
        for k in range(2, len(prefix) + 1):
            found[prefix[-k:] + word] += 1
    return found


def _best_name(mention_prefix: str, word: str, counts: Counter) -> str | None:
    """The longest name ending in `word` inside `mention_prefix + word` that the text really uses."""
    best = None
    base = None
    for k in range(2, len(mention_prefix) + 1):
        name = mention_prefix[-k:] + word
        if mention_prefix[-k] in _STOP:
            break
        n = counts.get(name, 0)
        if base is None:
            base = n
        if n * 2 >= base or (k <= 3 and best is None):
            best = name
    return best


def _trim_lead(name: str, word: str) -> str:
    """Drop words such as 位于/时任 from the front of a name; keep at least 2 place characters."""
    changed = True
    while changed:
        changed = False
        for lead in _LEAD_WORDS:
            if name.startswith(lead) and len(name) - len(lead) - len(word) >= 2:
                name = name[len(lead):]
                changed = True
    return name


def mentions(text: str, counts: Counter | None = None) -> list[str]:
    """Park names in reading order, e.g. ["青岛高新区", "青岛高新区", …]."""
    counts = counts if counts is not None else _candidates(text)
    out = []
    for m in re.finditer(_WORDS, text):
        prefix = ""
        i = m.start() - 1
        while i >= 0 and len(prefix) < _MAX_PREFIX and "\u4e00" <= text[i] <= "\u9fff":
            prefix = text[i] + prefix
            i -= 1
        name = _best_name(prefix, m.group(0), counts)
        if name:
            out.append(_trim_lead(name, m.group(0)))
    return out


_STRONG = ("高新", "经开", "经济技术", "经济开发", "开发区", "自贸", "保税", "综保", "新区", "工业园区")


def detect_park(title: str, subtitle: str, body: str) -> tuple[str, list[str], dict[str, str]]:
    """(park, its aliases, every known name → canonical) for one article."""
    everything = "\n".join((title, subtitle, body))
    counts = _candidates(everything)
    aliases = aliases_in(everything)
    canonical: dict[str, str] = {}
    for full, short in aliases.items():
        canonical[full] = short
        canonical[short] = short

    def resolve(name: str) -> str:
        if name in canonical:
            return canonical[name]
        for known in sorted(canonical, key=len, reverse=True):
            if name.endswith(known) and len(known) >= 4:
                return canonical[known]
        return name

    chosen = ""
    heads = [n for part in (title, subtitle) for n in mentions(part, counts)]
    strong_heads = [n for n in heads if any(s in n for s in _STRONG)]
    if strong_heads or heads:
        chosen = resolve((strong_heads or heads)[0])
        canonical.setdefault(chosen, chosen)
    raw_names = mentions(body, counts)
    if not chosen and raw_names:
        resolved = [resolve(n) for n in raw_names]
        strong = [n for n in resolved if any(s in n for s in _STRONG)] or resolved
        counts_by_name = Counter(strong)
        top = counts_by_name.most_common(1)[0][1]
        # The first park the text names, unless another is named far more often.
        chosen = next(n for n in strong if counts_by_name[n] * 2 >= top)
        canonical.setdefault(chosen, chosen)
    for name in raw_names + heads:
        target = resolve(name)
        # 产业园/新区 names are often projects (东旭新型显示材料产业园): keep only real parks.
        if target == chosen or any(s in name for s in _STRONG):
            canonical.setdefault(name, target)
    park_aliases = sorted({full for full, short in aliases.items() if short == chosen})
    return chosen, park_aliases, canonical
