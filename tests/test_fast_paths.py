"""The short cuts taken for speed give the answers of the plain forms they replace.

Each test keeps the plain form (the code as it was before the short cut) and compares
on many texts; bench/figures_bench.py --check compares whole corpora."""
import re
import string
import sys

from hypothesis import example, given, settings
from hypothesis import strategies as st

from parktui import gazetteer
from parktui.families import Families, Family
from parktui.figures import attribute, context, patterns, periods, qualifiers, surroundings
from parktui.figures.numbers import FULLWIDTH
from parktui.ingest import lexer, parks
from parktui.safetext import UNSAFE, clean, clean_article, has_unsafe

CJK = ("约为达到了增长同比下降的和及与在还独签预总共普参存偿单截至上半年今去明当前全第季度以来个月份底末"
       "近过最这五十四一二两三九〇零○来间里中“”\"—-~至到年月日高新区经开区园城苏州市东湖武汉天津滨海")
TEXT = st.text(alphabet=string.digits + "０１２３４５６７８９，．％。！？；;!?\n 、" + CJK, max_size=80)

# attribute._TRAIL as it was: one alternation anchored at the end
OLD_TRAIL = re.compile(
    r"(?:分别为|分别达|分别|约为|达到了|达到|高达|达|为|是|有|超过|突破|实现|完成|"
    r"累计|共计|合计|总计|共|同比增长|同比下降|同比|环比|比上年|较上年|比去年|较去年|年均|平均|"
    r"增长了|增长|增速为|增速|增幅|涨幅|降幅|提高了|提高|提升|上升|上涨|下降|下滑|下跌|回落|"
    r"减少|增加|降低|下跌|大跌|跌|上涨|大涨|涨|的|了|过|至|到|仅|已|就|也|又|再|均|等|首次|下一个|一个|首个|"
    r"新增|引进了|签约了|超出|不到|不足|低于|多达|将近|接近|大约|将|每年可带来|可带来|带来|"
    r"由原来的|从原来的|由原来|从原来|由|从|缩短|压缩|缩减|扩大|降至|增至|减至|缩短至|压缩至|"
    r"预计在|预计|预期|预测|估计|有望|可望|惠及|吸引|接待|发送|运送|覆盖|拥有|连续|保持|已经|仍然|仍|"
    r"将继续|继续|今天|当天|每年|"
    r"(?<![签预合节制条公大纽契规要邀])约|(?<![总共])和|(?<![普涉以])及|(?<![参给])与|(?<![存所现实潜])在|"
    r"(?<![偿归退])还|(?<!单)独)$")
TRAIL_TEXT = st.lists(st.sampled_from([*attribute._TRAIL, "签", "总", "单", "参", "\n", "区", "额"]),
                      max_size=6).map("".join)


@settings(max_examples=400, deadline=None)
@given(TRAIL_TEXT)
@example("达到\n")
@example("签约\n")
@example("总和")
@example("增长了")
def test_trail_start_is_the_regex_match(s):
    m = OLD_TRAIL.search(s)
    assert attribute._trail_start(s) == (m.start() if m else -1)


def test_compare_tail_is_searched_far_enough_back():
    parser = getattr(re, "_parser", None) or __import__("sre_parse")
    assert parser.parse(attribute._COMPARE_TAIL.pattern).getwidth()[1] + 1 <= attribute._COMPARE_TAIL_REACH


def _without_lookahead(pattern: re.Pattern[str]) -> re.Pattern[str]:
    head = re.match(r"\(\?=\[[^\]]*\]\)", pattern.pattern)
    assert head is not None
    return re.compile(pattern.pattern[head.end():])


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_look_aheads_change_no_match(text):
    for rx in (periods.DATE_RE, periods.SPAN_RE, patterns.SENT_END_RE, context._SCOPE_RE):
        plain = _without_lookahead(rx)
        assert [m.span() for m in rx.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_half_width_digits_are_enough_for_dates(text):
    full = text.translate(FULLWIDTH)
    for rx in (periods.DATE_RE, periods.SPAN_RE):
        assert ([(m.span(), m.groupdict()) for m in rx.finditer(periods.half_width(text))]
                == [(m.span(), m.groupdict()) for m in rx.finditer(full)])


def _old_pre_qualifier_at(text, s):
    for word, qual in qualifiers.PRE_QUAL:
        if text.startswith(word, s - len(word)) and s >= len(word):
            bad = surroundings._NOT_QUAL_BEFORE.get(word)
            if bad and s > len(word) and text[s - len(word) - 1] in bad:
                continue
            return word, qual
    return "", ""


def _old_pre_qualifier(text, s):
    word, qual = _old_pre_qualifier_at(text, s)
    if not word and s >= 2:
        for link in surroundings._LINKS:
            if text.startswith(link, s - len(link)):
                word, qual = _old_pre_qualifier_at(text, s - len(link))
                if word:
                    return word + link, qual
    return word, qual


QUAL_TEXT = st.lists(st.sampled_from([w for w, _ in qualifiers.PRE_QUAL] + list(surroundings._LINKS)
                                     + ["节", "最", "赶", "不", "1", "了"]), max_size=5).map("".join)


@settings(max_examples=400, deadline=None)
@given(QUAL_TEXT)
def test_pre_qualifier_is_the_list_order(text):
    for s in range(len(text) + 1):
        assert surroundings.pre_qualifier(text, s) == _old_pre_qualifier(text, s)


def _old_city_lookup(form):
    index = gazetteer._by_spelling()
    for city in gazetteer._cities():
        for prefix in (city, city[:-1]):
            if prefix and form.startswith(prefix) and len(form) > len(prefix) + 2:
                rest = form[len(prefix):]
                park = index.get(gazetteer.shorten(rest)) or index.get(gazetteer.shorten(city[:-1] + rest))
                if park is not None and park.city == city:
                    return park
    return None


def test_city_prefixed_names_are_found_as_before():
    names = ["苏州市苏州工业园区", "武汉市东湖高新区", "天津市滨海新区", "苏州工业园区", "东湖高新区", "武汉东湖"]
    names += [p.city + p.short for p in gazetteer.all_parks()[:300] if p.city]
    for name in names:
        gazetteer.lookup.cache_clear()
        park = gazetteer.lookup(name)
        folded = gazetteer._fold(name)
        direct = next((gazetteer._by_spelling()[c] for f in gazetteer._prefixes(folded)
                       for c in (f, gazetteer.shorten(f)) if c in gazetteer._by_spelling()), None)
        expected = direct or next((p for f in gazetteer._prefixes(folded) if (p := _old_city_lookup(f))), None)
        assert park == expected, name


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="北京苏州市武汉东湖江苏正在新的高区" + "".join(parks._places()[:40]), max_size=10),
       st.sampled_from(["高新区", "经开区", "工业园区", "新区"]))
def test_local_names_take_the_longest_place(prefix, word):
    places = parks._places()

    def old(prefix, word):
        cut = len(prefix)
        while cut > 0 and prefix[cut - 1] not in parks._STOP and len(prefix) - cut < parks._MAX_LOCAL_PREFIX:
            cut -= 1
        for i in range(cut, len(prefix) - 1):
            place = next((p for p in places if prefix.startswith(p, i)), "")
            if place:
                return i, place
        return None

    found = old(prefix, word)
    name, at = parks.local_name(prefix, word)
    if found is None:
        assert (name, at) == ("", 0)
    elif name:
        assert at == found[0]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab [](){}#<>/*_~&!\u3000;nbsp中 ", max_size=40))
def test_clean_inline_skips_only_lines_without_markup(line):
    full = lexer._EMPHASIS.sub("", lexer._ANCHOR.sub("", lexer._TAG.sub("", lexer._LINK.sub(
        r"\1", lexer._IMAGE.sub("", line)))))
    assert lexer.clean_inline(line) == full.replace("&nbsp;", " ").replace("\u3000", " ").rstrip()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab中\n\t\x1b\x0d\x08\x0c\u200b\u200d\u202e\\\"\x7f\x85\ufeff", max_size=12))
def test_clean_article_cleans_every_field(value):
    article = {"title": value, "text": "正文", "captions": [{"text": value, "credit": "x"}],
               "sections": [{"heading": value, "start": 0}]}
    clean_article(article)
    assert article["title"] == clean(value) and article["captions"][0]["text"] == clean(value)
    assert article["sections"][0]["heading"] == clean(value)


def test_families_forget_what_they_knew_when_one_is_added():
    known = Families()
    assert known.family_of("亩均税收", "amount") == ""
    known.add(Family("亩均税收", ("amount",), ("亩均税收",)))
    assert known.family_of("亩均税收", "amount") == "亩均税收"


def test_has_unsafe_is_the_full_class():
    assert [c for c in range(sys.maxunicode + 1) if has_unsafe(chr(c)) != bool(UNSAFE.fullmatch(chr(c)))] == []
    assert has_unsafe("园区😀\U000e0041") and not has_unsafe("园区😀")


def _old_join_lines(lines):
    out = ""
    for line in lines:
        piece = line.strip()
        if not piece:
            continue
        ascii_pair = out and out[-1].isascii() and out[-1].isalnum() and piece[0].isascii() and piece[0].isalnum()
        if out and (ascii_pair or line.startswith(lexer._ROW)):
            out += " "
        out += piece
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="ab 中\x1e|\t", max_size=6), min_size=1, max_size=3))
def test_join_lines_is_the_loop(lines):
    assert lexer._join_lines(lines) == _old_join_lines(lines)


# ---------------------------------------------------------------- first characters
_PARSER = getattr(re, "_parser", None) or __import__("sre_parse")
_C = getattr(re, "_constants", None) or __import__("sre_constants")


def _first(items):
    """(the code points a sequence of parsed items can start with, None for any; can it be empty)."""
    out = set()
    for op, av in items:
        found, empty = _first_of(op, av)
        if found is None:
            return None, False
        out |= found
        if not empty:
            return out, False
    return out, True


def _first_of(op, av):
    if op is _C.LITERAL:
        return {av}, False
    if op is _C.IN:
        found = set()
        for o, a in av:
            if o is _C.LITERAL:
                found.add(a)
            elif o is _C.RANGE:
                found |= set(range(a[0], a[1] + 1))
            else:
                return None, False
        return found, False
    if op is _C.SUBPATTERN:
        return _first(av[3].data)
    if op is _C.BRANCH:
        found, empty = set(), False
        for alt in av[1]:
            f, e = _first(alt.data)
            if f is None:
                return None, False
            found, empty = found | f, empty or e
        return found, empty
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
        f, e = _first(av[2].data)
        return f, e or av[0] == 0
    if op in (_C.ASSERT, _C.ASSERT_NOT, _C.AT):
        return set(), True          # zero width: what follows decides
    return None, False


def first_characters(pattern: str) -> set[str]:
    found, empty = _first(_PARSER.parse(pattern).data)
    assert found is not None and not empty, pattern
    return {chr(c) for c in found}


def test_first_character_look_aheads_admit_every_match():
    for rx in (periods.DATE_RE, periods.SPAN_RE, patterns.SENT_END_RE, patterns.MASTER_RE, context._SCOPE_RE,
               attribute._LEAD, attribute._AFTER_STOP, attribute._COMPARE_CLAUSE):
        head = re.match(r"\^?\(\?=(\[[^\]]*\])\)", rx.pattern)
        assert head is not None, rx.pattern[:40]
        allowed = re.compile(head.group(1))
        plain = rx.pattern[:head.start(1) - 3] + rx.pattern[head.end():]
        assert [c for c in first_characters(plain) if not allowed.fullmatch(c)] == [], rx.pattern[:40]


def _old_prefixes(name):
    out = [name]
    for lead in gazetteer._LEADS:
        if name.startswith(lead):
            out.append(name[len(lead):])
    for inner in ("国家级", "国家"):
        at = name.find(inner)
        if at >= 2:
            out.append(name[:at] + name[at + len(inner):])
    for form in list(out):
        for province in gazetteer.PROVINCES:
            if form.startswith(province):
                for suffix in gazetteer._PROVINCE_SUFFIXES:
                    if form.startswith(province + suffix) and len(form) > len(province + suffix) + 2:
                        out.append(form[len(province + suffix):])
    return out


def test_prefixes_try_the_provinces_as_before():
    names = [s for p in gazetteer.all_parks() for s in p.spellings]
    names += [p.province + s for p in gazetteer.all_parks()[:200]
              for s in (p.short, "省" + p.short, "国家级" + p.short)]
    names += ["黑龙", "内蒙", "山西", "江西省南昌高新区", "中国江苏省苏州工业园区", "北京"]
    for name in names:
        assert gazetteer._prefixes(name) == _old_prefixes(name), name
