"""Dates as these texts give them, resolved against the document's publication date.

Forms: 2025年4月24日, 4月25日至28日 (a range), 11月6日下午, 今日(四月二十四日), 26-4-2024 (a stamp),
15日至17日 and 上月28至30日 (days of the reference month, or the one before), 今(2日), 昨日(23日) and
周四(18日) (a day named, its number in brackets), 26日 (day of the reference month), 昨/昨日/噚日 (the day
before publication), 今日/今天.
The year, when not printed, comes from the reference date (publication date, or the earliest possible
publication date); a month-day later than the reference is taken from the year before.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from hkcoop.extract.numerals import whole_number

NUM = r"(?:\d{1,4}|[零〇一二三四五六七八九十]{1,4})"
RANGE_SEP = r"(?:至|到|-|—|－|~|～)"

FULL = re.compile(rf"(?P<y>\d{{4}}|[零〇一二三四五六七八九]{{4}})年(?P<m>{NUM})月(?P<d>{NUM})[日号號]"
                  rf"(?:{RANGE_SEP}(?:(?P<m2>{NUM})月)?(?P<d2>{NUM})[日号號])?")
MONTH_DAY = re.compile(rf"(?<![\d年])(?P<m>{NUM})月(?P<d>{NUM})[日号號]"
                       rf"(?:{RANGE_SEP}(?:(?P<m2>{NUM})月)?(?P<d2>{NUM})[日号號])?")
STAMP = re.compile(r"(?<!\d)(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>\d{4})(?!\d)")
# 26日 alone, opening a clause (26日沪港双方签署…), before where and when (会议29日在成都举行), or before
# what was done that day (9日以视频方式召开, 5日签署, 十五日结束访问, 7日率团访问)
DAY_NUM = r"\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
DAY_ACTION = (r"(?:在|于|於|上午|下午|晚上|晚|[^,，。;；]{0,10}?(?:举行|召开|舉行|召開|开幕|開幕|举办|舉辦|签署|签订|簽署|"
              r"簽訂|结束|結束|抵达|抵達|到达|到達|启程|啟程|访问|訪問|到访|到訪|率团|率團|会见|會見|会面|會面|出席))")
# (一连三日的访问, 为期5日: how long, not which day)
DAY_ONLY = re.compile(rf"(?:(?:^|(?<=[,，。;；:：\s”」]))(?P<d>{DAY_NUM})日(?![本元报報的])"
                      rf"|(?<![\d月号號〇零一二三四五六七八九十连期共时约续])(?P<d2>{DAY_NUM})日(?!的)(?={DAY_ACTION}))")
# 15日至17日, 上月28至30日: a range of days, its month the reference's (上月: the one before)
DAY_RANGE = re.compile(rf"(?<![\d月号號〇零一二三四五六七八九十期约共连每续])(?P<rel>上月|本月)?(?P<d>{DAY_NUM})[日号號]?{RANGE_SEP}(?P<d2>{DAY_NUM})[日号號]")
# 今(2日), 昨日(23日), 明日(25日), 周四(18日): a day named, its number in brackets
NAMED_DAY = re.compile(r"(?P<w>今日|今天|今|昨日|昨天|昨|明日|明天|明|前日|前天|(?:周|星期|礼拜)[一二三四五六日天])"
                       rf"[(（](?P<d>{DAY_NUM})[日号號][)）]")
RELATIVE = re.compile(r"(?P<w>昨日|昨天|昨晚|昨|噚日|㖊日|尋日|寻日|前日|前天|今日|今天|今晨|明日|明天)")
RELATIVE_DAYS = {"昨日": -1, "昨天": -1, "昨晚": -1, "昨": -1, "噚日": -1, "㖊日": -1, "尋日": -1, "寻日": -1, "前日": -2, "前天": -2,
                 "今日": 0, "今天": 0, "今晨": 0, "明日": 1, "明天": 1}


@dataclass(frozen=True)
class DateMention:
    start: int  # span in the searched text
    end: int
    first: dt.date
    last: dt.date
    precision: str  # day
    basis: str


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _year_for(m: int, d: int, ref: dt.date) -> int:
    """The year of a month-day printed without one: the reference year, or the year before when the
    date would fall more than a month after the reference (reports look back, rarely ahead)."""
    candidate = _date(ref.year, m, d)
    if candidate and candidate > ref + dt.timedelta(days=31):
        return ref.year - 1
    return ref.year


def _nearest_day(day: int, near: dt.date) -> dt.date | None:
    """The date with day-of-month `day` nearest to `near`, in its month or the one before or after (今(1日)
    read on the last of a month is the first of the next; 周四(30日) read on the 2nd is last month's)."""
    months = [(near.replace(day=1) - dt.timedelta(days=1)).replace(day=1), near.replace(day=1),
              (near.replace(day=28) + dt.timedelta(days=4)).replace(day=1)]
    candidates = [d for d in (_date(m.year, m.month, day) for m in months) if d]
    return min(candidates, key=lambda d: (abs((d - near).days), d)) if candidates else None


def find_dates(text: str, ref: dt.date | None, ref_basis: str = "publication date") -> list[DateMention]:
    """Every date in `text`, resolved with `ref` (None: only fully printed dates resolve)."""
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    # what the reference can anchor: 昨/今日 need the day of the report; 26日 needs its month
    day_known = ref_basis.startswith(("publication date", "dateline", "date line"))
    month_known = not ref_basis.startswith("year")

    def free(s, e):
        return all(e <= a or s >= b for a, b in taken)

    def add(s, e, first, last, basis):
        if text[e:e + 1] in ("电", "電", "讯", "訊"):
            return  # a dateline (新华社成都6月29日电) dates the report, not what it reports
        if first and last and first <= last and free(s, e):
            out.append(DateMention(s, e, first, last, "day", basis))
            taken.append((s, e))

    for m in FULL.finditer(text):
        y, mo, d = whole_number(m["y"]), whole_number(m["m"]), whole_number(m["d"])
        first = _date(y, mo, d)
        last = _date(y, whole_number(m["m2"]) if m["m2"] else mo, whole_number(m["d2"])) if m["d2"] else first
        add(m.start(), m.end(), first, last, "stated")
    for m in STAMP.finditer(text):
        first = _date(int(m["y"]), int(m["m"]), int(m["d"]))
        add(m.start(), m.end(), first, first, "stated (day-month-year stamp)")
    # 今日(四月二十四日): the bracket gives the date, the relative word only confirms it
    for m in re.finditer(rf"(?:今日|今天)[(（](?P<m>{NUM})月(?P<d>{NUM})日[)）]", text):
        if ref:
            mo, d = whole_number(m["m"]), whole_number(m["d"])
            first = _date(_year_for(mo, d, ref), mo, d)
            add(m.start(), m.end(), first, first, f"month and day stated; year from the {ref_basis}")
    for m in MONTH_DAY.finditer(text):
        if not ref:
            continue
        mo, d = whole_number(m["m"]), whole_number(m["d"])
        year = _year_for(mo, d, ref)
        first = _date(year, mo, d)
        last = _date(year, whole_number(m["m2"]) if m["m2"] else mo, whole_number(m["d2"])) if m["d2"] else first
        add(m.start(), m.end(), first, last, f"month and day stated; year from the {ref_basis}")
    for m in DAY_RANGE.finditer(text):
        if ref and month_known:
            d, d2 = whole_number(m["d"]), whole_number(m["d2"])
            month = ref.replace(day=1)
            if m["rel"] == "上月" or (not m["rel"] and d2 > ref.day):  # 26日至28日 read on the 3rd: last month's
                month = (month - dt.timedelta(days=1)).replace(day=1)
            first, last = _date(month.year, month.month, d), _date(month.year, month.month, d2)
            add(m.start(), m.end(), first, last, f"days stated; month and year from the {ref_basis}")
    for m in NAMED_DAY.finditer(text):
        if ref and month_known:
            offset = RELATIVE_DAYS.get(m["w"] if m["w"] in RELATIVE_DAYS else m["w"] + "日", 0)
            first = _nearest_day(whole_number(m["d"]), ref + dt.timedelta(days=offset))
            add(m.start(), m.end(), first, first, f"day stated ({m.group(0)}); month and year from the {ref_basis}")
    for m in RELATIVE.finditer(text):
        if ref and day_known:
            first = ref + dt.timedelta(days=RELATIVE_DAYS[m["w"]])
            add(m.start(), m.end(), first, first, f"'{m['w']}' relative to the {ref_basis}")
    for m in DAY_ONLY.finditer(text):
        if ref and month_known:
            d = whole_number(m["d"] or m["d2"])
            first = _date(ref.year, ref.month, d)
            if first and first > ref:  # 26日 read in early May means 26 April
                prev = ref.replace(day=1) - dt.timedelta(days=1)
                first = _date(prev.year, prev.month, d)
            add(m.start(), m.end(), first, first, f"day stated; month and year from the {ref_basis}")
    return sorted(out, key=lambda x: x.start)


# the text speaks of what is to come: 将于四月二日举行, 将出席
ANNOUNCED = re.compile(r"将于|将在|将会|拟于|拟在|计划于|预计于|定于"
                       r"|将(?=[^,，。]{0,8}?(?:举行|举办|召开|出席|访问|主持|率|赴|前往|考察|到访))")

TIME_OF_DAY = re.compile(r"(?<![日天晚昨今明])(?P<w>上午|下午|晚上|今晨|早上|清晨|中午|傍晚)")


def time_of_day(text: str, ref: dt.date | None, ref_basis: str = "publication date") -> DateMention | None:
    """A sentence that gives only a time of day (下午与某某会面) speaks of the day of the report: for a
    sentence with no date of its own, when the reference date is that day (a publication date, a
    dateline)."""
    m = TIME_OF_DAY.search(text)
    if not m or ref is None or not ref_basis.startswith(("publication date", "dateline", "date line")):
        return None
    return DateMention(m.start(), m.end(), ref, ref, "day", f"'{m['w']}' only: the day of the report ({ref_basis})")


def find_dates_or_time_of_day(text: str, ref: dt.date | None, ref_basis: str = "publication date") -> list[DateMention]:
    """The dates of `text`; for a sentence with none, the day a time of day alone speaks of (time_of_day)."""
    dates = find_dates(text, ref, ref_basis)
    if dates:
        return dates
    day = time_of_day(text, ref, ref_basis)
    return [day] if day else []


def announced(text: str, sentence_start: int, *positions) -> bool:
    """The sentence announces what stands at any of `positions` (its name, its date): 将于…举行 before it."""
    return any(p is not None and ANNOUNCED.search(text, sentence_start, p) for p in positions)
