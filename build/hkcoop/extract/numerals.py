"""Numbers as Chinese news prints them: Arabic or Chinese numerals, 万/亿 multipliers, qualifiers.

`parse_amount("逾1.5萬億")` -> Amount(value=1.5e12, qualifier="more_than", qualifier_original="逾").
cn2an fails on 1.5万亿, 二十多, 近百亿 and 百亿, so the grammar is done here; it is small and total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

DIGITS = {"零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "三": 3, "叁": 3,
          "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
          "九": 9, "玖": 9}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
CN_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS)
BIG_CHARS = "".join(BIG_UNITS)

# qualifiers printed before or after a number, normalized to a small controlled set
PREFIX_QUALIFIERS = {
    "大约": "approx", "大約": "approx", "约": "approx", "約": "approx",
    "逾": "more_than", "超过": "more_than", "超過": "more_than", "超": "more_than", "突破": "more_than",
    "多达": "as_many_as", "多達": "as_many_as", "高达": "as_many_as", "高達": "as_many_as",
    "最高": "as_many_as", "最多": "as_many_as",
    "将近": "nearly", "將近": "nearly", "接近": "nearly", "近": "nearly",
    "不少于": "at_least", "不少於": "at_least", "至少": "at_least",
}
SUFFIX_QUALIFIERS = {"多": "more_than", "余": "more_than", "餘": "more_than", "以上": "more_than",
                     "左右": "approx", "上下": "approx"}

# 700多万 / 3万余: a qualifier may stand between the digits and the scale
NUMBER = (rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?(?:[多余餘](?=[{BIG_CHARS}]))?[{BIG_CHARS}]*|[{CN_CHARS}]+[{BIG_CHARS}]*|[{BIG_CHARS}]+)")
# 约 ends other words (签约 signing, 条约, 合约 …): there it is no qualifier
NOT_QUALIFIER_BEFORE = {"约": "签簽制条條合节節预預公契邀相违違履", "約": "签簽制条條合节節预預公契邀相违違履",
                        "近": "最附", "超": "高赶趕"}
PREFIX_TEXT = "|".join((f"(?<![{NOT_QUALIFIER_BEFORE[q]}]){re.escape(q)}" if q in NOT_QUALIFIER_BEFORE else re.escape(q))
                   for q in sorted(PREFIX_QUALIFIERS, key=len, reverse=True))
_suffix = "|".join(sorted(map(re.escape, SUFFIX_QUALIFIERS), key=len, reverse=True))
AMOUNT = re.compile(rf"(?P<pre>{PREFIX_TEXT})?(?P<num>{NUMBER})(?P<post>{_suffix})?")
AMOUNT_TEXT = rf"(?:{PREFIX_TEXT})?{NUMBER}(?:{_suffix})?"  # the same, without groups, to embed in other patterns


@dataclass(frozen=True)
class Amount:
    value: float
    qualifier: str | None
    qualifier_original: str | None
    text: str


def whole_number(text: str) -> int:
    """A whole number printed in Arabic or Chinese numerals: 15 -> 15, 十五 -> 15."""
    return int(text) if text.isdigit() else cn_int(text)


def cn_int(text: str) -> int:
    """Chinese numerals to an integer: 十三 -> 13, 二十 -> 20, 一百零五 -> 105, 一亿二千万 -> 120000000."""
    if not text:
        raise ValueError("empty numeral")
    total, section, number, last_big = 0, 0, 0, 0
    digit_run = all(ch in DIGITS for ch in text)
    if digit_run and len(text) > 1:  # 二〇二四 -> 2024
        return int("".join(str(DIGITS[ch]) for ch in text))
    for ch in text:
        if ch in DIGITS:
            number = DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (number or 1) * SMALL_UNITS[ch]
            number = 0
        elif ch in BIG_UNITS:
            unit = BIG_UNITS[ch]
            section += number
            if last_big and unit < last_big:
                total += (section or 1) * unit
            else:
                total = (total + section or 1) * unit  # a bare 万/亿 counts one
            last_big = max(last_big, unit)
            section, number = 0, 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + section + number


def number_value(text: str) -> float:
    """A number token (Arabic or Chinese, with trailing 万/亿) in base units."""
    text = text.replace(",", "")
    m = re.match(rf"^(.*?)([{BIG_CHARS}]*)$", text)
    mantissa, bigs = m.group(1), m.group(2)
    multiplier = 1
    for ch in bigs:
        multiplier *= BIG_UNITS[ch]
    if not mantissa:
        value = Decimal(1)
    elif re.fullmatch(r"\d+(?:\.\d+)?", mantissa):
        value = Decimal(mantissa)
    else:
        value = Decimal(cn_int(mantissa))
    return float(value * multiplier)


def parse_amount(text: str) -> Amount:
    """Parse a whole expression such as 逾1.5万亿, 近百亿, 二十多, 3万余, 约1700."""
    m = AMOUNT.fullmatch(text.strip())
    if not m:
        raise ValueError(f"not an amount: {text!r}")
    return _amount(m)


def find_amounts(text: str):
    """Every amount in `text`, with its span: yields (start, end, Amount)."""
    for m in AMOUNT.finditer(text):
        if not m.group("num"):
            continue
        try:
            yield m.start(), m.end(), _amount(m)
        except ValueError:
            continue


def _amount(m: re.Match) -> Amount:
    pre, post, num = m.group("pre"), m.group("post"), m.group("num")
    inner = re.search(r"(?<=\d)[多余餘](?=[万亿萬億])", num)
    if inner:  # 700多万: the qualifier printed inside the number
        post, num = post or inner.group(0), num[:inner.start()] + num[inner.end():]
    qualifier_original = pre or post
    qualifier = PREFIX_QUALIFIERS.get(pre) if pre else SUFFIX_QUALIFIERS.get(post) if post else None
    return Amount(number_value(num), qualifier, qualifier_original, m.group(0))
