import datetime as dt

from hkcoop.extract.dates import find_dates

D = dt.date


def spans(text, ref, basis="publication date"):
    return [(text[d.start:d.end], d.first, d.last) for d in find_dates(text, ref, basis)]


def test_full_date_and_range():
    assert spans("2025年4月24日举行", None) == [("2025年4月24日", D(2025, 4, 24), D(2025, 4, 24))]
    assert spans("代表团4月25日至28日访问香港", D(2024, 4, 29)) == [("4月25日至28日", D(2024, 4, 25), D(2024, 4, 28))]


def test_month_day_takes_the_year_of_the_reference():
    assert spans("11月6日下午,推介会举行", D(2025, 11, 9)) == [("11月6日", D(2025, 11, 6), D(2025, 11, 6))]
    # a December date read in January is last year's
    assert spans("12月28日,会议举行", D(2025, 1, 3))[0][1] == D(2024, 12, 28)


def test_chinese_numerals_in_brackets_after_today():
    assert spans("今日(四月二十四日)在杭州举行", D(2025, 4, 24)) == [("今日(四月二十四日)", D(2025, 4, 24), D(2025, 4, 24))]


def test_stamp():
    assert spans("26-4-2024", None) == [("26-4-2024", D(2024, 4, 26), D(2024, 4, 26))]


def test_relative_words_need_a_real_publication_date():
    assert spans("会议昨在香港举行", D(2024, 4, 27)) == [("昨", D(2024, 4, 26), D(2024, 4, 26))]
    assert spans("佢哋噚日喺香港開會", D(2024, 4, 27))[0][1] == D(2024, 4, 26)
    assert spans("会议昨在香港举行", D(2024, 4, 27), "earliest possible publication date") == []


def test_day_only_takes_month_from_reference():
    assert spans("26日双方签署备忘录", D(2024, 4, 28)) == [("26日", D(2024, 4, 26), D(2024, 4, 26))]
    assert spans("30日签署", D(2024, 5, 2))[0][1] == D(2024, 4, 30)


def test_not_dates():
    assert spans("第六次会议", D(2024, 4, 27)) == []
    assert spans("今年1至9月GDP增长7.7%", D(2025, 11, 9)) == []


def test_a_dateline_is_not_an_event_date():
    assert spans("新华社成都6月29日电 会议29日在成都举行", D(2025, 6, 29)) == [("29日", D(2025, 6, 29), D(2025, 6, 29))]


def test_a_day_named_with_its_number_in_brackets():
    assert spans("科技园今（2日）举行启动仪式", D(2026, 3, 2)) == [("今（2日）", D(2026, 3, 2), D(2026, 3, 2))]
    assert spans("代表团昨日(23日)抵达", D(2025, 11, 24)) == [("昨日(23日)", D(2025, 11, 23), D(2025, 11, 23))]
    assert spans("局长周四（18日）率团", D(2025, 12, 19)) == [("周四（18日）", D(2025, 12, 18), D(2025, 12, 18))]
    # the bracket's day is nearest the named day: 30日 read on the 2nd is last month's, 明(1日) on the 31st next month's
    assert spans("周日(30日)闭幕", D(2025, 12, 2))[0][1] == D(2025, 11, 30)
    assert spans("明(1日)开幕", D(2025, 5, 31))[0][1] == D(2025, 6, 1)


def test_a_range_of_days_without_its_month():
    assert spans("15日至17日，市长率团访港", D(2017, 8, 18)) == [("15日至17日", D(2017, 8, 15), D(2017, 8, 17))]
    assert spans("上月28至30日在港举行", D(2024, 7, 2)) == [("上月28至30日", D(2024, 6, 28), D(2024, 6, 30))]
    # read on the 3rd, the 26th to the 28th were last month's; a duration is no date
    assert spans("26日至28日举行", D(2024, 7, 3))[0][1:] == (D(2024, 6, 26), D(2024, 6, 28))
    assert spans("展期为期3至5日", D(2024, 7, 3)) == []


def test_how_long_is_no_day():
    assert spans("展开一连三日的访问行程", D(2025, 11, 24)) == []
    assert spans("进行为期五日的考察", D(2025, 11, 24)) == []
