"""Property tests: any text, no exception, offsets hold, deterministic, sorted."""
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from parktui.figures import extract_figures, format_value
from parktui.figures.extract import extract

FIELDS = ["raw", "value", "unit", "qualifier", "low", "high", "kind", "metric", "park",
          "period", "period_basis", "sentence", "start", "end"]
ALPHABET = (string.digits + "０１２３４５６７８９.,，、。；;：:%％—–-~～至到+/“”‘’《》（）()\n 　"
            "零〇一二两三四五六七八九十百千万亿点分之年月日第个家项批次天台吨人名亩元美欧"
            "多余近约超逾以上下内左右不足到突破同比增长下降提高占完成百分个百分点倍级号届期"
            "高新区经开区园区今去全上半年季度以来的和与及G D k W")
texts = st.text(alphabet=ALPHABET, max_size=300) | st.text(max_size=200)


def _check(text, figs):
    assert [f["start"] for f in figs] == sorted(f["start"] for f in figs)
    for f in figs:
        assert list(f) == FIELDS
        assert text[f["start"]:f["end"]] == f["raw"] and f["raw"]
        assert isinstance(f["value"], (int, float)) and not isinstance(f["value"], bool)
        assert f["qualifier"] in ("", "approx", "over", "under", "range")
        assert f["kind"] in ("amount", "count", "growth", "share", "duration", "other")
        if f["qualifier"] == "range":
            assert f["low"] is not None and f["high"] is not None and f["value"] == f["low"]
        else:
            assert f["low"] is None and f["high"] is None
        assert isinstance(format_value(f), str)


@settings(max_examples=400, deadline=None)
@given(texts, st.sampled_from([None, "2024-03-01", "bad"]))
def test_any_text(text, date):
    figs = extract(text, "某高新区", {"某高新区": "某高新区"}, date)   # unguarded: must not raise
    _check(text, figs)
    assert extract_figures(text, park="某高新区", parks={"某高新区": "某高新区"}, date=date) == figs


def test_bad_inputs():
    assert extract_figures("") == []
    assert extract_figures(None) == []  # type: ignore[arg-type]
    assert extract_figures("增长3%", parks="x", date=5) != []  # type: ignore[arg-type]


def test_deterministic():
    text = "园区实现产值1.5万亿元，同比增长12.3%；新签约项目三十个，总投资两千亿元。"
    assert extract_figures(text) == extract_figures(text)
    _check(text, extract_figures(text))
