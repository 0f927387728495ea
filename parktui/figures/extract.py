"""Find the figures of one article's text (FIGURES.md)."""
from __future__ import annotations

import re
from decimal import Decimal

from parktui.ingest.parks import park_phrase_at

from .attribute import ATTR_END, EMPTY_HEADS, after_metric, before_metric, clean_metric, kind_and_sign, money_hint
from .context import Context
from .numbers import parse_number, scale_of, tidy
from .patterns import (
    BAD_PREV,
    BOUNDARY_AFTER,
    CHENG_BLOCK_NEXT,
    CN_CHARS,
    ENUM_UNITS,
    LATIN_UNITS,
    MASTER_RE,
    MONEY,
    PCT_POST_RE,
    POST_QUAL,
    PRE_QUAL,
    RAW_QUAL,
    SINGLE_RE,
    UNIT_BLOCK_NEXT,
    UNIT_INFO,
)

_NUMERAL = set("0123456789０１２３４５６７８９.．+＋/" + CN_CHARS)
_LONE_SCALE = set("百千万亿")
_MONEY_UNITS = set(MONEY.values())
_QUOTES = (("“", "”"), ("‘", "’"), ("「", "」"), ("\"", "\""))
_SOFT_PUNCT = set("，,。；;！？!?")
_YEAR_PREV = ("近", "过去", "未来", "连续", "这", "最近", "那")
_YEAR_NEXT = ("来", "以来", "间", "里", "中", "前", "后", "多来")
_LINKS = ("达到", "为", "达", "占", "有", "是")
_PRE_QUAL = dict(PRE_QUAL)
_QUAL_SHARE = re.compile(r"(约|大约|将近|接近|近|超过|逾|不到|不足)占")
_SHARED_PP = re.compile(r"[、和与及]\s*[0-9０-９.．]+个百分点")
_STRICT_NEXT = {"单", "期"}      # measure words that are also common word starts: boundary only
_CN_UNITS_NEVER = {"期", "单"}   # 一期/二期 are names; 一单 a word
_TENTHS = {"半": 0.5, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NOT_QUAL_BEFORE = {"约": set("节制签预合违履特公契相大"), "近": set("最附靠临邻亲将接"),
                    "超": set("赶")}


def _pre_qualifier(text: str, s: int) -> tuple[str, str]:
    """(word, qualifier) of a qualifier word ending at s (or before 为/达/占: 约为22%),
    else ("", "")."""
    word, qual = _pre_qualifier_at(text, s)
    if not word and s >= 2:
        for link in _LINKS:
            if text.startswith(link, s - len(link)):
                word, qual = _pre_qualifier_at(text, s - len(link))
                if word:
                    return word + link, qual
    return word, qual


def _pre_qualifier_at(text: str, s: int) -> tuple[str, str]:
    for word, qual in PRE_QUAL:
        if text.startswith(word, s - len(word)) and s >= len(word):
            bad = _NOT_QUAL_BEFORE.get(word)
            if bad and s > len(word) and text[s - len(word) - 1] in bad:
                continue
            return word, qual
    return "", ""


def _in_label(text: str, s: int, e: int) -> bool:
    """Inside a short quoted name/slogan (“高光20条”, “十二五”) or a title 《…》."""
    lo = max(0, s - 10)
    for op, cl in _QUOTES:
        i = text.rfind(op, lo, s)
        if i < 0 or (op != cl and cl in text[i:s]):
            continue
        j = text.find(cl, e, e + 10)
        if j >= 0 and not any(c in _SOFT_PUNCT for c in text[i:j]):
            return True
    i = text.rfind("《", max(0, s - 40), s)
    if i >= 0 and "》" not in text[i:s] and text.find("》", e, e + 40) >= 0:
        return True
    return False


def _value(core: str, scale: str | None) -> Decimal | None:
    return parse_number(core, scale or "")


def _cn_ok(core: str, unit: str | None, ranged: bool) -> bool:
    """Chinese numerals: refuse words (一些, 统一部署), enumerations (四大, 两个目标) and
    rhetorical magnitudes (万家, 百年) — keep 一百四十, 两千, 三千五百万, 千亿元."""
    if core[0].isdigit():
        return True
    if core[0] in _LONE_SCALE:
        return len(core) >= 2 and unit is not None and UNIT_INFO[unit][0] in _MONEY_UNITS
    if unit in _CN_UNITS_NEVER:
        return False
    if unit == "条":
        return False        # 二十条, 国十条: policy names are written in Chinese numerals
    if unit == "年" and not ranged:
        return False        # 建军一百年, 五千多年文明史, 秦始皇二十四年: spans and names
    if len(core) == 1:
        if ranged:
            return True
        if core == "一" or unit is None or unit in ENUM_UNITS:
            return False
    return True


def _figure(text: str, m) -> tuple | None:
    """Numbers of one match: (start, end, value, unit, base_kind, qualifier, low, high, pre_word)
    or None when the match is not a figure."""
    s, e = m.span()
    n = len(text)
    g = m.groupdict()
    prev = text[s - 1] if s else ""
    if prev in _NUMERAL or prev in BAD_PREV:
        return None
    if prev.isascii() and prev.isalpha():
        return None
    if prev and prev in "-－_#,，" and s >= 2 and text[s - 2].isalnum() and (
            prev not in ",，" or text[s - 2].isdigit()):
        return None
    nxt = text[e] if e < n else ""
    if nxt and nxt in "+＋级":
        return None
    low = high = None
    inner = ""
    if g.get("pct") is not None:
        v1 = _value(g.get("pn1"), "")
        unit, kind, mult = "%", "", 1
        if v1 is None:
            return None
        if g.get("pn2"):
            v2 = _value(g.get("pn2"), "")
            if v2 is None or v2 <= v1:
                return None
            low, high = v1, v2
    elif g.get("cheng") is not None:
        a, b, c = g.get("ca"), g.get("cb"), g.get("cc")
        if nxt in CHENG_BLOCK_NEXT or (prev and prev in "一二两三四五六七八九十百千万亿"):
            return None
        if b:
            if _TENTHS[b] <= _TENTHS[a] or c:
                return None
            low, high = Decimal(_TENTHS[a] * 10), Decimal(_TENTHS[b] * 10)
            v1 = low
        else:
            v1 = Decimal(str(_TENTHS[a] * 10 + (_TENTHS[c] * (10 if c == "半" else 1) if c else 0)))
            if a == "一" and not c and not (_pre_qualifier(text, s)[0] or prev in "了占至到的"
                                           or PCT_POST_RE.match(text, e)):
                return None     # 一成 only as an amount: 不到一成, 减产了一成
        unit, kind, mult = "%", "", 1
    elif g.get("fanx") is not None:
        v1 = _value(g.get("fan"), "")
        if v1 is None:
            return None
        unit, kind, mult = "番", "growth", 1
    elif g.get("frac") is not None:
        d, num = _value(g.get("fd"), ""), _value(g.get("fn"), "")
        if not d or num is None or num >= d:
            return None
        v1, unit, kind, mult = num / d * 100, "%", "share", 1
    elif g.get("slash") is not None:
        num, d = int(g.get("sn")), int(g.get("sd"))
        if (prev and prev in "/.\\") or nxt == "/" or not 0 < num < d:
            return None
        v1, unit, kind, mult = Decimal(num) / Decimal(d) * 100, "%", "share", 1
    else:
        raw_unit = g.get("unit")
        ranged = g.get("sep") is not None
        if ranged:
            u1 = g.get("u1")
            v1 = _value(g.get("n1"), g.get("s1"))
            v2 = _value(g.get("n2"), g.get("s2"))
            ok = (v1 is not None and v2 is not None and (u1 is None or u1 == raw_unit)
                  and _cn_ok(g.get("n1"), raw_unit, True) and _cn_ok(g.get("n2"), raw_unit, True))
            if ok and not g.get("s1") and g.get("s2") and u1 is None:
                v1 = v1 * scale_of(g.get("s2"))
            if ok and not v1 < v2:
                ok = False
            if ok and g.get("sep") in ("到", "至") and text.endswith(("从", "由"), max(0, s - 3), s):
                ok = False      # 从3家到10家: a change, two figures
            if not ok:
                m = SINGLE_RE.match(text, s)
                if m is None:
                    return None
                return _figure(text, m)
            low, high = v1, v2
        else:
            v1 = _value(g.get("n1"), g.get("s1"))
            if v1 is None or not _cn_ok(g.get("n1"), raw_unit, False):
                return None
            if g.get("x1"):
                extra = _value(g.get("x1"), g.get("xs"))
                if extra is None:
                    return None
                v1 = v1 + extra
        post = g.get("post")
        if post == "上下" and nxt == "游":
            e -= 2
            post = None
            nxt = "上"
        if raw_unit is None:
            if nxt and nxt not in BOUNDARY_AFTER:
                return None
            if post and post not in ("多", "余"):
                pass
            unit, kind, mult = "", "", 1
        else:
            unit, kind, mult = UNIT_INFO[raw_unit]
            if raw_unit in LATIN_UNITS and nxt.isascii() and nxt.isalnum():
                return None
            if raw_unit in UNIT_BLOCK_NEXT and not post and nxt and nxt in UNIT_BLOCK_NEXT[raw_unit]:
                return None
            if raw_unit == "个" and low is None and _SHARED_PP.match(text, e):
                unit, kind = "个百分点", ""      # 分别高5.5个、2.9个百分点
            if raw_unit in _STRICT_NEXT and not post and nxt and nxt not in BOUNDARY_AFTER:
                return None
            if raw_unit == "度" and nxt != "电" and not (g.get("s1") or g.get("s2")):
                return None
            if raw_unit == "年":
                if 1900 <= v1 <= 2100 and len(g.get("n1")) == 4:
                    return None          # a date: 2023年, 2021—2025年
                if text.startswith(_YEAR_NEXT, e) or text.endswith(_YEAR_PREV, 0, s):
                    return None          # 近3年来: a period, not a figure
        if low is not None:
            inner = "range"
        elif g.get("q1") or g.get("q2"):
            inner = "over"
        elif post:
            inner = POST_QUAL[post]
    if low is not None and not inner:
        inner = "range"
    if unit in ("%", "番") and g.get("unit") is None and low is None and not inner:
        pm = PCT_POST_RE.match(text, e)       # 三分之一以上, 百分之三十左右, 三成多
        if pm and not (pm.group() == "多" and g.get("pct") is not None):
            inner = POST_QUAL[pm.group()]
            e = pm.end()
            nxt = text[e] if e < n else ""
    if mult != 1:
        v1 = v1 * mult
        if low is not None:
            low, high = low * mult, high * mult
    if low is not None:
        v1 = low
    word, pre = _pre_qualifier(text, s)
    qualifier = inner if inner == "range" else (pre or inner)
    if _in_label(text, s, e):
        return None
    start = s - len(word) if word in RAW_QUAL else s
    return (start, e, v1, unit, kind, qualifier, low, high, s - len(word))


def extract(text: str, park: str | None, parks: dict[str, str] | None,
            date: str | None, stories: list[int] | None = None) -> list[dict]:
    out: list[dict] = []
    ctx: Context | None = None
    pos, n = 0, len(text)
    search = MASTER_RE.search
    prev_fig: dict | None = None
    while pos < n:
        m = search(text, pos)
        if m is None:
            break
        pos = m.end() if m.end() > m.start() else m.start() + 1
        got = _figure(text, m)
        if got is None:
            continue
        start, end, value, unit, kind, qualifier, low, high, q_at = got
        pos = end
        if ctx is None:
            ctx = Context(text, park, parks, date, stories)
        sent_s, sent_e = ctx.sentence(start)
        clause_s = ctx.clause_start(q_at)
        win_s = clause_s
        if prev_fig is not None and prev_fig["end"] > clause_s:
            win_s = prev_fig["end"]
        if unit == "" and money_hint(text, clause_s, q_at):
            unit, kind = "元", "amount"
        elif unit == "":
            kind = "other"
        kind, sign = kind_and_sign(text, clause_s, q_at, unit, kind)
        if unit == "%" and not qualifier:
            qm = _QUAL_SHARE.search(text, clause_s, q_at)     # 约占全国总产能的六分之一
            if qm:
                qualifier = _PRE_QUAL[qm.group(1)]
        if sign < 0:
            value = -value
            if low is not None:
                low, high = -high, -low
                value = low
        bm, list_item = before_metric(text, win_s, q_at, ctx)
        am, linked = after_metric(text, end, ctx)
        head = bool(am) and am not in EMPTY_HEADS
        same_sentence = prev_fig is not None and prev_fig["start"] >= sent_s
        inherited = prev_fig["metric"] if same_sentence else ""
        if kind == "growth":
            metric = bm or inherited or am     # a rate takes the metric of what grows
        elif linked and bm and ATTR_END.search(bm):
            metric = bm                        # 占地约280亩的储能电池基地
        elif (linked or head) and am:
            metric = am                        # 30万吨电池箔坯料, 2万元补助, 30亿元以上的产值
        elif list_item:
            metric = am or inherited
        else:
            metric = bm or am or inherited
        if kind == "count":
            at = end + 1 if text.startswith("的", end) else end
            park_end = park_phrase_at(text, at)
            if park_end > 0:
                metric = text[at:park_end]     # 230家国家级经济技术开发区: parks are what is counted
        period, basis = ctx.period(start)
        fig = {
            "raw": text[start:end],
            "value": tidy(value),
            "unit": unit,
            "qualifier": qualifier,
            "low": None if low is None else tidy(low),
            "high": None if high is None else tidy(high),
            "kind": kind,
            "metric": metric,
            "park": ctx.park_at(start),
            "period": period,
            "period_basis": basis,
            "sentence": text[sent_s:sent_e].strip(),
            "start": start,
            "end": end,
        }
        out.append(fig)
        prev_fig = fig
    if ctx is not None and "分别" in text:
        pair_lists(text, out, ctx)
    return out


_LIST_LINK = re.compile(r"\s*(?:、|和|及|与|以及)\s*")
_SPLIT = re.compile(r"、|以及|和|及|与")
_CLAUSE_PUNCT = set("，,；;。！？!?：:\n")


def pair_lists(text: str, figs: list[dict], ctx: Context) -> None:
    """分别 lists: 进口额和出口额分别为X和Y (metrics in order), A高新区和B经开区分别完成X、Y
    (parks in order), …X，…Y，分别增长a和b (the rates take the metrics of X and Y)."""
    i = 0
    while i < len(figs):
        f = figs[i]
        p = text.rfind("分别", max(0, f["start"] - 10), f["start"])
        if p < 0 or any(c in _CLAUSE_PUNCT for c in text[p:f["start"]]) or (
                i and figs[i - 1]["end"] > p):
            i += 1
            continue
        j = i + 1
        while (j < len(figs) and figs[j]["unit"] == f["unit"]
               and _LIST_LINK.fullmatch(text, figs[j - 1]["end"], figs[j]["start"])):
            j += 1
        group, n = figs[i:j], j - i
        i = j
        if n < 2:
            continue
        cs = ctx.clause_start(p)
        seg = text[cs:p]
        parts = _SPLIT.split(seg)
        mentions = [m for m in ctx.park_mentions if cs <= m[0] < p]
        if len(parts) == n and all(p_.strip() for p_ in parts):
            if len(mentions) == n:
                for g, m in zip(group, mentions, strict=False):
                    g["park"] = m[2]
                continue
            metrics = [clean_metric(p_, ctx) for p_ in parts]
            if all(len(m) >= 2 for m in metrics):
                for g, m in zip(group, metrics, strict=False):
                    g["metric"] = m
                continue
        if len(clean_metric(seg, ctx)) < 2:
            sent_s, _ = ctx.sentence(p)
            k = i - n - n
            prev = figs[k: i - n] if k >= 0 else []
            if len(prev) == n and prev[0]["start"] >= sent_s and len({g["metric"] for g in prev}) == n:
                for g, q in zip(group, prev, strict=False):
                    g["metric"] = q["metric"]
                    g["park"] = q["park"]
                continue
        # a list of n parks just before (same sentence or the one before it, same paragraph)
        para = ctx.para_start(p)
        sent_s, _ = ctx.sentence(p)
        prev_sent_s, _ = ctx.sentence(sent_s - 1) if sent_s > para else (sent_s, 0)
        near = [m for m in ctx.park_mentions if max(para, prev_sent_s) <= m[0] < p]
        run: list = []
        for m in near:
            if run and _LIST_LINK.fullmatch(text, run[-1][1], m[0]):
                run.append(m)
            else:
                run = [m]
        if len(run) == n:
            for g, m in zip(group, run, strict=False):
                g["park"] = m[2]
