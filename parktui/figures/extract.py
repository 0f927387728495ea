"""Find the figures of one article's text (FIGURES.md): scan for quantities, then attribute
each one (unit from the clause, kind and sign, qualifier, metric, park, period)."""
from __future__ import annotations

import re
from typing import Any

from parktui.ingest.parks import park_phrase_at

from .attribute import ATTR_END, EMPTY_HEADS, after_metric, before_metric, kind_and_sign, money_hint
from .context import Context
from .lists import pair_lists
from .numbers import tidy
from .patterns import MASTER_RE
from .qualifiers import PRE_QUAL
from .quantity import Quantity, read_quantity

Figure = dict[str, Any]

_PRE_QUAL = dict(PRE_QUAL)
_QUAL_SHARE = re.compile(r"(约|大约|将近|接近|近|超过|逾|不到|不足)占")


def quantities(text: str) -> list[Quantity]:
    """Every quantity of the text, in order, none overlapping."""
    out: list[Quantity] = []
    pos, n = 0, len(text)
    search = MASTER_RE.search
    while pos < n:
        m = search(text, pos)
        if m is None:
            break
        q = read_quantity(text, m)
        if q is None:
            pos = m.end() if m.end() > m.start() else m.start() + 1
            continue
        out.append(q)
        pos = q.end
    return out


def extract(text: str, park: str | None, parks: dict[str, str] | None,
            date: str | None, stories: list[int] | None = None) -> list[Figure]:
    found = quantities(text)
    if not found:
        return []
    ctx = Context(text, park, parks, date, stories)
    out: list[Figure] = []
    prev_fig: Figure | None = None
    for q in found:
        fig = _attributed(text, q, ctx, prev_fig)
        out.append(fig)
        prev_fig = fig
    if "分别" in text:
        pair_lists(text, out, ctx)
    return out


def _attributed(text: str, q: Quantity, ctx: Context, prev_fig: Figure | None) -> Figure:
    """The figure's row: numbers from the quantity, the rest from its clause and sentence."""
    sent_s, sent_e = ctx.sentence(q.start)
    clause_s = ctx.clause_start(q.words_end)
    unit, kind = _unit_and_kind(text, q, clause_s)
    kind, sign = kind_and_sign(text, clause_s, q.words_end, unit, kind)
    value, low, high = q.value, q.low, q.high
    if sign < 0:
        value, low, high = -value, (None if high is None else -high), (None if low is None else -low)
        if low is not None:
            value = low
    metric = _metric(text, q, kind, ctx, prev_fig, clause_s, sent_s)
    period, basis = ctx.period(q.start)
    return {
        "raw": text[q.start:q.end],
        "value": tidy(value),
        "unit": unit,
        "qualifier": _qualifier(text, q, unit, clause_s),
        "low": None if low is None else tidy(low),
        "high": None if high is None else tidy(high),
        "kind": kind,
        "metric": metric,
        "park": ctx.park_at(q.start),
        "period": period,
        "period_basis": basis,
        "sentence": text[sent_s:sent_e].strip(),
        "start": q.start,
        "end": q.end,
    }


def _unit_and_kind(text: str, q: Quantity, clause_s: int) -> tuple[str, str]:
    """A bare scaled number (营收10亿，) is money when its clause or the noun after it is."""
    if q.unit != "":
        return q.unit, q.kind
    if money_hint(text, clause_s, q.words_end) or money_hint(text, q.end, min(len(text), q.end + 6)):
        return "元", "amount"
    return "", q.kind or "other"


def _qualifier(text: str, q: Quantity, unit: str, clause_s: int) -> str:
    """The quantity's own qualifier, else one before 占 (约占全国总产能的六分之一)."""
    if unit == "%" and not q.qualifier:
        qm = _QUAL_SHARE.search(text, clause_s, q.words_end)
        if qm:
            return _PRE_QUAL[qm.group(1)]
    return q.qualifier


def _metric(text: str, q: Quantity, kind: str, ctx: Context, prev_fig: Figure | None,
            clause_s: int, sent_s: int) -> str:
    """What the figure measures: a rate takes what grows; otherwise the noun after it when it
    names the thing (30万吨电池箔坯料), else the words before it in its clause."""
    win_s = clause_s
    if prev_fig is not None and prev_fig["end"] > clause_s:
        win_s = prev_fig["end"]
    bm, list_item = before_metric(text, win_s, q.words_end, ctx)
    if not bm and win_s == clause_s and text[clause_s - 1:clause_s] in ("）", ")"):
        bm = _before_brackets(text, clause_s - 1, ctx)   # 固定资产投资（不含农户）503000亿元
    am, linked = after_metric(text, q.end, ctx)
    head = bool(am) and am not in EMPTY_HEADS
    inherited = prev_fig["metric"] if prev_fig is not None and prev_fig["start"] >= sent_s else ""
    if kind == "growth":
        # a rate takes the metric of what grows; 分季度看，一季度增长5.4%: the paragraph's last one
        in_para = prev_fig is not None and prev_fig["start"] >= ctx.para_start(q.start)
        metric = bm or inherited or am or (prev_fig["metric"] if prev_fig is not None and in_para else "")
    elif linked and bm and ATTR_END.search(bm):
        metric = bm                        # 占地约280亩的储能电池基地
    elif (linked or head) and am:
        metric = am                        # 30万吨电池箔坯料, 2万元补助, 30亿元以上的产值
    elif list_item:
        metric = am or inherited
    else:
        metric = bm or am or inherited
    if kind == "count":
        at = q.end + 1 if text.startswith("的", q.end) else q.end
        park_end = park_phrase_at(text, at)
        if park_end > 0:
            metric = text[at:park_end]     # 230家国家级经济技术开发区: parks are what is counted
    return str(metric)


def _before_brackets(text: str, close: int, ctx: Context) -> str:
    """The words before a parenthesis that ends right before the figure."""
    open_at = max(text.rfind("（", 0, close), text.rfind("(", 0, close))
    if open_at <= 0 or close - open_at > 30:
        return ""
    return before_metric(text, ctx.clause_start(open_at - 1), open_at, ctx)[0]
