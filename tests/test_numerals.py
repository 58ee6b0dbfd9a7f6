import cn2an
import pytest
from hypothesis import given, strategies as st

from hkcoop.extract.numerals import cn_int, find_amounts, parse_amount


@pytest.mark.parametrize("text, value, qualifier, original", [
    ("逾1.5万亿", 1.5e12, "more_than", "逾"),
    ("逾1.5萬億", 1.5e12, "more_than", "逾"),
    ("9000亿", 9e11, None, None),
    ("超过170亿", 1.7e10, "more_than", "超过"),
    ("近百亿", 1e10, "nearly", "近"),
    ("二十多", 20, "more_than", "多"),
    ("3万余", 30000, "more_than", "余"),
    ("约1700", 1700, "approx", "约"),
    ("十", 10, None, None),
    ("十三", 13, None, None),
    ("四", 4, None, None),
    ("一百零五", 105, None, None),
    ("2万", 20000, None, None),
    ("1,327", 1327, None, None),
    ("110万余", 1.1e6, "more_than", "余"),
    ("7.7", 7.7, None, None),
])
def test_amounts(text, value, qualifier, original):
    a = parse_amount(text)
    assert a.value == pytest.approx(value) and a.qualifier == qualifier and a.qualifier_original == original


def test_cn_int_with_big_units():
    assert cn_int("一亿二千万") == 120_000_000
    assert cn_int("三万五千") == 35_000
    assert cn_int("二〇二四") == 2024
    with pytest.raises(ValueError):
        cn_int("十五个")


def test_find_amounts_in_a_sentence():
    found = [(a.text, a.value) for _, _, a in find_amounts("香港在上海新设立的企业约1700家,投资超过170亿美元")]
    assert found == [("约1700", 1700), ("超过170亿", 1.7e10)]


@given(st.integers(min_value=0, max_value=10**12))
def test_chinese_numerals_round_trip(n):
    assert cn_int(cn2an.an2cn(n)) == n


@given(st.integers(min_value=1, max_value=99999), st.sampled_from(["万", "亿", "万亿"]))
def test_arabic_with_multiplier(n, unit):
    factor = {"万": 10**4, "亿": 10**8, "万亿": 10**12}[unit]
    assert parse_amount(f"{n}{unit}").value == n * factor


@pytest.mark.parametrize("text, value, qualifier", [
    ("700多万", 7e6, "more_than"),   # the qualifier inside the number
    ("3万余", 3e4, "more_than"),
])
def test_a_qualifier_between_digits_and_scale(text, value, qualifier):
    a = parse_amount(text)
    assert (a.value, a.qualifier) == (value, qualifier)


@pytest.mark.parametrize("text, expected", [
    ("集中签约50个投资项目", [("50", None)]),   # 约 of 签约 is no qualifier
    ("国际条约30条", [("30", None)]),
    ("最近3年", [("3", None)]),
    ("约50个", [("约50", "approx")]),
])
def test_a_qualifier_is_not_the_end_of_another_word(text, expected):
    assert [(a.text, a.qualifier) for _, _, a in find_amounts(text)] == expected
