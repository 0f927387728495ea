"""How people read a figure: 140亿元, 33.3%, 近600家, 5000—10000台, 2万元, 1.2亿美元."""
from __future__ import annotations

from typing import Any

_NO_SCALE = {"%", "‰", "个百分点", "倍"}
_PREFIX = ("不超过", "不少于", "不低于", "超过", "将近", "接近", "大约", "不到", "不足", "低于",
           "多达", "至少", "近", "约", "超", "逾")
_DEFAULT_PREFIX = {"approx": "约", "under": "不足"}


def _num(x: float | int) -> str:
    if isinstance(x, float):
        if x.is_integer():
            return str(int(x))
        return f"{x:.4f}".rstrip("0").rstrip(".")
    return str(x)


def _scaled(x: float | int, unit: str) -> str:
    """14000000000 → 140亿, 20000 → 2万, 5000 → 5000."""
    if unit in _NO_SCALE:
        return _num(x)
    a = abs(x)
    for size, word in ((100_000_000, "亿"), (10_000, "万")):
        if a >= size:
            q = x / size
            if abs(q * 10_000 - round(q * 10_000)) < 1e-6:
                return _num(round(q, 4)) + word
    return _num(x)


def format_value(fig: dict[str, Any]) -> str:
    """The figure as a reader writes it, qualifier included; never raises."""
    try:
        unit = fig.get("unit") or ""
        qual = fig.get("qualifier") or ""
        raw = fig.get("raw") or ""
        low, high = fig.get("low"), fig.get("high")
        if qual == "range" and low is not None and high is not None:
            lo = _scaled(low, unit)
            if lo[-1:] in ("万", "亿"):
                return f"{lo}—{_scaled(high, unit)}{unit}"
            return f"{_num(low)}—{_num(high)}{unit}"
        body = _scaled(fig.get("value", 0), unit)
        if qual == "over":
            if "余" in raw or "多" in raw:
                mark = "余" if "余" in raw else "多"
                return f"{body}{mark}{unit}"
            if raw.endswith("以上"):
                return f"{body}{unit}以上"
            return f"超{body}{unit}"
        if qual in ("approx", "under"):
            if raw.endswith(("左右", "以下", "以内", "上下")):
                return f"{body}{unit}{raw[-2:]}"
            word = next((w for w in _PREFIX if raw.startswith(w)), _DEFAULT_PREFIX[qual])
            return f"{word}{body}{unit}"
        return f"{body}{unit}"
    except Exception:  # a display helper must not break a table
        return str(fig.get("raw", ""))
