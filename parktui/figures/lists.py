"""分别 lists: pair the figures of a list with the metrics or parks named before 分别."""
from __future__ import annotations

import re
from typing import Any

from parktui.ingest.parks import Mention

from .attribute import clean_metric
from .context import Context

_LIST_LINK = re.compile(r"\s*(?:、|和|及|与|以及)\s*")
_SPLIT = re.compile(r"、|以及|和|及|与")
_CLAUSE_PUNCT = set("，,；;。！？!?：:\n")


def pair_lists(text: str, figs: list[dict[str, Any]], ctx: Context) -> None:
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
            if all(len(name) >= 2 for name in metrics):
                for g, name in zip(group, metrics, strict=False):
                    g["metric"] = name
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
        run: list[Mention] = []
        for m in near:
            if run and _LIST_LINK.fullmatch(text, run[-1][1], m[0]):
                run.append(m)
            else:
                run = [m]
        if len(run) == n:
            for g, m in zip(group, run, strict=False):
                g["park"] = m[2]
