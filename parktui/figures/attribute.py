"""Metric and kind of a figure, from the words around it."""
from __future__ import annotations

import re
from functools import lru_cache

from parktui.ingest.parks import PARK_WORDS

from .context import DATE_RE, Context
from .patterns import GROWTH_WORDS, MONEY_HINT, NEG_WORDS, PARK_PREFIX_STOP, PARK_RE, SHARE_WORDS

# _LEAD, _AFTER_STOP and _COMPARE_CLAUSE start with a look-ahead of their first characters:
# re then rejects most positions at once (tests/test_fast_paths.py checks the sets).
_LEAD = re.compile(
    r"^(?=[0-9０-９一不与为也了争仅今以全公共其内再冲分到力努区又及另只合同向吸和园在均如完实对将就届已带年并开当形总"
    r"成我截才拉拥持据推日昨是最有此比现的目确累经给自至获计记该较辖达近还进都集项预首高])"
    r"(?:自(?=[0-9０-９])|[12][0-9]{3}[—\-－至到~～][12][0-9]{3}年(?:以来|来)?|据统计|据了解|据悉|其中|此外|另外|同时|目前|当前|截至目前|截至|截止|全年|年内|当年|同期|"
    r"近年来|近年|以来|预计|累计|共计|合计|总计|共|已经|已|将|也|还|并|再|又|均|都|分别|"
    r"确保|争取|努力|力保|预期|现在|如今|届时|最快|最多|最高|只要|只需|仅需|截至|到|至|较|比|"
    r"实现|完成|达到|推进|开展|形成|带动|拉动|冲刺|力争|计划|拥有|有|集聚|吸引|给予|获得|"
    r"全区|全市|全县|全省|全国|我国|园区|该区|该项目|项目方|区内|辖区|今年以来|我们|记者|"
    r"今天|昨天|今日|昨日|近日|日前|当天|当日|该公司|公司|内的|"
    r"高新区|经开区|开发区|"
    r"的|在|对|为|向|和|及|与|了|是|就|才|仅|首次|成功|一举|持续|不断|进一步|"
    r"[0-9０-９]{1,2}月(?:份|底|末|初)?|[0-9０-９]{1,2}日)")
# Words that end the text before a figure but are not what it measures (达到, 同比增长, 的),
# and the characters after which a one-character word is part of another word (签约, 总和).
_TRAIL_WORDS = (
    "分别为|分别达|分别|约为|达到了|达到|高达|达|为|是|有|超过|突破|实现|完成|"
    "累计|共计|合计|总计|共|同比增长|同比下降|同比|环比|比上年|较上年|比去年|较去年|年均|平均|"
    "增长了|增长|增速为|增速|增幅|涨幅|降幅|提高了|提高|提升|上升|上涨|下降|下滑|下跌|回落|"
    "减少|增加|降低|大跌|跌|大涨|涨|的|了|过|至|到|仅|已|就|也|又|再|均|等|首次|下一个|一个|首个|"
    "新增|引进了|签约了|超出|不到|不足|低于|多达|将近|接近|大约|将|每年可带来|可带来|带来|"
    "由原来的|从原来的|由原来|从原来|由|从|缩短|压缩|缩减|扩大|降至|增至|减至|缩短至|压缩至|"
    "预计在|预计|预期|预测|估计|有望|可望|惠及|吸引|接待|发送|运送|覆盖|拥有|连续|保持|已经|仍然|仍|"
    "将继续|继续|今天|当天|每年").split("|")
_TRAIL_NOT_AFTER = {"约": "签预合节制条公大纽契规要邀", "和": "总共", "及": "普涉以", "与": "参给",
                    "在": "存所现实潜", "还": "偿归退", "独": "单"}
_TRAIL = {**dict.fromkeys(_TRAIL_WORDS, ""), **_TRAIL_NOT_AFTER}
_TRAIL_LONGEST = max(map(len, _TRAIL))
_TRAIL_LAST = frozenset(word[-1] for word in _TRAIL)


def _trail_start(s: str) -> int:
    """Where the trailing word of s starts (the longest one, at the end of s or before a
    final newline), or -1."""
    best = -1
    for end in (len(s), len(s) - 1) if s.endswith("\n") else (len(s),):
        if not end or s[end - 1] not in _TRAIL_LAST:
            continue
        for at in range(max(0, end - _TRAIL_LONGEST), end):
            not_after = _TRAIL.get(s[at:end])
            if not_after is not None and (not not_after or at == 0 or s[at - 1] not in not_after):
                if best < 0 or at < best:
                    best = at
                break
    return best


# nouns after a figure that say nothing about what it measures (突破千亿元大关)
EMPTY_HEADS = {"大关", "关口", "台阶", "新台阶", "水平", "新高", "量级", "级别", "规模", "左右",
               "以上", "以下", "区间", "范围", "幅度", "之多", "的水平", "的规模", "之间", "之内"}
_AFTER_STOP = re.compile(r"(?=[\n!(),0-9:;?、。与亮以位停入其出分占参及同和完实建开成投正签获落达！（），０-９：；？])"
                         r"(?:[，,；;。！？!?：:\n（()）0-9０-９、]|参加|参与|出席|落户|入驻|签约|"
                         r"开工|投产|建成|完成|实现|达到|同比|其中|以及|分别|占|"
                         r"停在|停放|位于|正在|亮相|签署|参展|获批|成为|"
                         r"[和及与](?=[0-9０-９一二两三四五六七八九十几多]))")


# two-character words whose first character _LEAD would strip as a function word
_KEEP_LEAD = ("就业", "有效", "再生", "共享", "对外", "在建", "在校", "在职", "在孵", "在库", "与会",
              "还款", "并购", "均价", "都市", "实际", "现代", "比重", "比例", "比率", "到位", "到账",
              "到港", "至上", "较大", "将来", "已建", "完成率", "完成值", "实现值", "园区", "累计值",
              "和平", "平均", "了解")
# comparison bases: 较2020年, 比上年, 与去年同期相比, 同比, 环比 — never what is measured
_COMPARE = re.compile(r"(?:较|比|与|同|相比)(?:上年|去年|前年|上月|上季度|上半年|[12][0-9]{3}年"
                      r"|[一二三四]季度)(?:同期|底|末|全年)?(?:相比|相较)?|同比|环比")
_OPEN_CLOSE = (("“", "”"), ("‘", "’"), ("「", "」"), ("《", "》"), ("(", ")"), ("（", "）"),
               ("【", "】"), ("[", "]"))


_COMPARE_CLAUSE = re.compile(r"(?=[与同比环相较])"
                             r"(?:同比|环比)?(?:(?:较|比|相比|相较)(?!重|例|率|较|如|方|赛|特|对|肩|拼)"
                             r"|(?:与|同)(?=上|去|前|[12][0-9]{3}|[0-9一二三四五六七八九十]+月))")


_COMPARE_TAIL = re.compile(r"(?:较|比|相比|与)[^，。；]{1,12}?(?:相比)?(?:分别|均|都)?"
                           r"(?:高出|高|低|多|少|快|慢|增长|提高|下降|增加|减少|上升|提升)了?$")


# _COMPARE_TAIL matches at the end of a string ($: or before a final newline) and is at
# most 21 characters long, so it is searched only from that far before the end (the same
# leftmost match; tests/test_figures_speed.py checks the width).
_COMPARE_TAIL_REACH = 21 + 1

_HAS_COMPARE = re.compile(r"[较比与同环]")
_BRACKET_RE = re.compile(r"[“”‘’「」《》()（）【】\[\]\"]")


def _balance(s: str) -> str:
    """Drop quote marks and brackets whose partner is not in the metric (双创”载体面积)."""
    if not _BRACKET_RE.search(s):
        return s
    for op, cl in _OPEN_CLOSE:
        if (op in s) != (cl in s) or s.count(op) != s.count(cl):
            s = s.replace(op, "").replace(cl, "")
    return s.replace("\"", "")


# Every park word ends in one of these (区, 园, 城): a text without them names no park.
_PARK_WORD_ENDS = tuple(sorted({word[-1] for word in PARK_WORDS}))


def _may_name_park(s: str) -> bool:
    return any(c in s for c in _PARK_WORD_ENDS)


def _strip(s: str, ctx: Context) -> str:
    """The noun phrase left of s without leading and trailing function words, dates, parks."""
    return _stripped(s, ctx.park_names)


@lru_cache(maxsize=16384)
def _stripped(s: str, park_names: tuple[str, ...]) -> str:
    compare = _HAS_COMPARE.search(s) is not None
    if compare:
        s = _COMPARE.sub("", s)
    for _ in range(12):
        before = s
        s = s.strip(" \u3000“”\"‘’「」《》*#|>-_【】[]（）()")
        m = _LEAD.match(s)
        if m and not s.startswith(_KEEP_LEAD):
            s = s[m.end():]
        m = DATE_RE.match(s)
        if m and m.end() < len(s) and m.end() > 0:
            s = s[m.end():]
        for name in park_names:
            if s.startswith(name):
                s = s[len(name):]
        m = PARK_RE.match(s) if _may_name_park(s) else None
        if m and m.end() < len(s) and not any(c in PARK_PREFIX_STOP for c in m.group()):
            s = s[m.end():]
        cut = _trail_start(s)
        if cut >= 0:
            s = s[:cut]
        if compare:
            m = _COMPARE_TAIL.search(s, max(0, len(s) - _COMPARE_TAIL_REACH))
            if m and m.start() >= 2:
                s = s[:m.start()]
        if s == before:
            break
    return _balance(s).strip(" \u3000") if _BRACKET_RE.search(s) else s


def clean_metric(seg: str, ctx: Context) -> str:
    """A noun phrase from a list part (进口额, 出口整体通关时间)."""
    for name in ctx.parks:
        if name in seg and len(seg) > len(name) + 1:
            seg = seg.replace(name, "")
    seg = _strip(seg, ctx)
    return seg[-20:] if len(seg) > 20 else seg


def before_metric(text: str, start: int, stop: int, ctx: Context) -> tuple[str, bool]:
    """Noun phrase between the clause start (or the previous figure) and the number.
    Returns (metric, starts_a_list_item)."""
    seg = text[start:stop]
    if "、" in seg:
        head, _, tail = seg.rpartition("、")
        if not tail.strip():
            return "", True
        if len(tail) >= 2:
            seg = tail
    for name in ctx.parks:          # 石河子经开区 in the middle of the clause
        if name in seg and len(seg) > len(name) + 1:
            seg = seg.replace(name, "")
    if _COMPARE_CLAUSE.match(seg.lstrip(" \u3000")):
        return "", False            # 较前一财年增长5%, 比上一年增加: the base, not the metric
    seg = _strip(seg, ctx)
    if len(seg) > 20:
        seg = seg[-20:]
    return (seg if len(seg) >= 2 else ""), False


def after_metric(text: str, end: int, ctx: Context) -> tuple[str, bool]:
    """Noun phrase right after the figure (30万吨电池箔坯料, 2万元补助, 30亿元以上的工业产值).
    Returns (metric, linked_by_的)."""
    de = text.startswith("的", end)
    if de:
        end += 1
    limit = min(len(text), end + 16)
    m = _AFTER_STOP.search(text, end, limit)
    seg = text[end: m.start() if m else limit]
    seg = seg.strip(" \u3000“”\"‘’*#|>-_")
    if len(seg) < 2 or seg[0] in "的了是和与及也并又都将在为以从向对" or seg.startswith(AFTER_VERBS):
        return "", de          # 12亿元支持三园区建设: a verb phrase, not what was measured
    seg = _strip(seg, ctx)
    return (seg if len(seg) >= 2 else ""), de


# verbs that start the words after a figure (专项资金12亿元支持…, 5000万元用于…)
AFTER_VERBS = ("支持", "用于", "用来", "用作", "建设", "推动", "推进", "带动", "实现", "助力", "打造",
                "发展", "提升", "扶持", "保障", "投入", "改造", "新建", "升级", "补齐", "帮助", "解决",
                "撬动", "拉动", "落实", "开展", "完成", "达到", "建成", "加快", "促进", "购买", "购置",
                "引进", "引导", "吸引", "服务", "覆盖", "惠及", "增长", "同比", "较上年", "比上年",
                "缩短", "压缩", "提高", "下降", "减少", "增加", "降低", "降至", "增至", "降到", "增到",
                "上升", "提速", "减至", "扩大")
# a figure before 的 + noun measures an attribute named before it: 占地约280亩的基地
ATTR_END = re.compile(r"(?:占地|面积|投资|投资额|规模|产能|容量|全长|总长|长度|高度|金额|总额|"
                      r"用地|估值|产值|营收|营业收入|市值|注册资本|资本|销售额|收入|库容|功率|装机)$")


def kind_and_sign(text: str, start: int, stop: int, unit: str, base_kind: str) -> tuple[str, int]:
    """kind for %, 个百分点, 倍 (growth / share / other) from the cue words before the number,
    and -1 when the growth is a decline."""
    if unit not in ("%", "个百分点", "个基点", "倍", "‰"):
        return base_kind, 1
    window = text[max(start, stop - 14):stop]
    g = _last_match(GROWTH_WORDS, window)
    sh = _last_match(SHARE_WORDS, window)
    growth = False
    if g is not None and (sh is None or g.end() > sh.end()):
        growth = not window.startswith(("到", "至"), g.end())   # 提高到30%: a level
    if growth and g is not None:
        neg = g.group(2) in NEG_WORDS
        return "growth", -1 if neg else 1
    if unit in ("个百分点", "个基点"):
        return "growth", 1
    if unit == "倍":
        return "other", 1
    return "share", 1


def money_hint(text: str, start: int, stop: int) -> bool:
    return MONEY_HINT.search(text, start, stop) is not None


def _last_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The last match of `pattern` in `text`, or None."""
    last = None
    for last in pattern.finditer(text):  # noqa: B007 - keep the final match
        continue
    return last
