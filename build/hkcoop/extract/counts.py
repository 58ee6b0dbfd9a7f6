"""Counts of things named by a measure word and a noun: 10个服务站, 800余场活动, 20门课程, 5个专项工作组,
300余人, 35万人; and the noun first: 投资合作项目有14个, 合同项目87个.

The unit names the thing counted: a noun of reference/count_nouns.csv (项目 -> projects, 团组 ->
delegations …) found in the noun phrase after the measure word, else `items`; `counted_zh` keeps the
noun phrase as printed (simplified). What is not a count: durations, ages and periods (2个月, 15年,
reference/count_stopnouns.csv), ordinals (第3个), ratios (每5名…中有1名), and small numbers in Chinese
numerals without a qualifier (三个共通点, 五个中心): news style prints statistics in Arabic numerals and
keeps Chinese ones for fixed phrases and slogans (GB/T 15835-2011, 出版物上数字用法).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from hkcoop.extract.numerals import AMOUNT_TEXT, Amount, parse_amount
from hkcoop.reference import rows

AMT = AMOUNT_TEXT
# measure words of countable things; 家 (handled with its own noun keywords), 名/位 and 人次 are the
# older count units of reference/count_units.csv
MEASURE = r"(?:个|场|项|所|座|条|支|批|间|门|大类|类|期|宗|艘|架|辆|台|款|处|人)"
NOUN_WINDOW = 10
PEOPLE = "人"
# 每5名居民中,有1名是…: a ratio, not two counts
RATIO = re.compile(r"每\d+[名个位人家](?:[^,;。]{0,12}?中,?(?:有|即)?\d+[名个位人家])?")
SMALL_CHINESE = re.compile(r"^[一二两三四五六七八九十]{1,3}$")


@dataclass
class Count:
    start: int  # normalized span of the figure as printed (number, measure word, noun)
    end: int
    amount: Amount
    unit: str
    counted: str | None


@lru_cache(maxsize=1)
def _nouns() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(((r["noun"], r["unit"]) for r in rows("count_nouns.csv")), key=lambda r: -len(r[0])))


@lru_cache(maxsize=None)
def _stopnouns(kind: str | None = None) -> tuple[str, ...]:
    """Nouns after a measure word that make it no count: durations and periods (always), talking points
    (when they are the thing counted, not a modifier of it: 三个重点 but 269个重点招商项目)."""
    return tuple(sorted((r["noun"] for r in rows("count_stopnouns.csv") if kind in (None, r["kind"])),
                        key=len, reverse=True))


@lru_cache(maxsize=1)
def _after_regex() -> re.Pattern:
    # the noun may be quoted (20门“某某实训课程”)
    return re.compile(rf"(?<![第\d.,])(?P<amt>{AMT})(?P<mw>{MEASURE})[“「]?(?P<rest>[\u4e00-\u9fff]{{0,{NOUN_WINDOW}}})")


@lru_cache(maxsize=1)
def _before_regex() -> re.Pattern:
    nouns = "|".join(re.escape(n) for n, _ in _nouns())
    return re.compile(rf"(?P<noun>(?:{nouns}))(?:累计达|累计|总计|合计|共计|共有|有|共|达|为)?(?P<amt>{AMT})(?P<mw>个|家|名|项|所|场|人)"
                      rf"(?=[,;。、)]|$)")


def _plausible_number(amount_text: str) -> bool:
    """Arabic digits, a scale (百/千/万/亿) or a qualifier; not a bare small Chinese numeral."""
    try:
        amount = parse_amount(amount_text)
    except ValueError:
        return False
    core = amount_text.replace(amount.qualifier_original or "", "")
    has_digit = bool(re.search(r"[\d一二两三四五六七八九十百千]", core))
    return has_digit and not SMALL_CHINESE.match(core) and amount.value > 1


def _noun_phrase(rest: str, measure: str) -> tuple[str | None, str | None]:
    """(unit, counted noun phrase) read from the words after the measure word: the first noun of
    reference/count_nouns.csv that ends a word there (代表 is not 代表处), else the noun jieba reads."""
    if measure == PEOPLE:  # 300余人参加, 900多万人口: 人 is the thing counted
        return "people", "人口" if rest.startswith("口") else None
    if any(rest.startswith(s) for s in _stopnouns("duration")):
        return None, None
    import jieba.posseg as pseg

    tokens = [(t.word, t.flag) for t in pseg.lcut(rest, HMM=False)]
    hits = []  # (end, unit) of nouns of the list that end a word
    pos = 0
    for i, (word, _) in enumerate(tokens):
        pos += len(word)
        unit = next((u for n, u in _nouns() if rest[:pos].endswith(n)), None)
        if unit:
            hits.append((i, pos, unit))
    if not hits:
        return _jieba_noun(rest)
    # the head is the last listed noun reached through nouns only (青年创业实训课程: 课程, not 青年)
    first, end, unit = hits[0]
    for i, pos, u in hits[1:]:
        if all(_nounish(flag) for _, flag in tokens[first + 1:i + 1]):
            end, unit = pos, u
    return unit, rest[:end]


def _nounish(flag: str) -> bool:
    return flag[:1] in ("n", "b") or flag in ("vn", "an", "t")


def _jieba_noun(rest: str) -> tuple[str | None, str | None]:
    """A noun jieba reads at the head of `rest` (n, nz, vn …): counted as `items`."""
    import jieba.posseg as pseg

    words = []
    for token in pseg.lcut(rest, HMM=False):
        if token.flag[:1] != "n" and token.flag != "vn":
            break
        words.append(token.word)
    phrase = "".join(words)
    if not phrase or any(phrase.startswith(s) for s in _stopnouns()):
        return None, None  # a duration, or a talking point counted (三个方面)
    return "items", phrase


def find_counts(text: str, start: int, end: int) -> list[Count]:
    """Counts in the normalized span [start, end) of `text`."""
    out: list[Count] = []
    taken: list[tuple[int, int]] = []
    ratios = ratio_spans(text, start, end)
    for m in _before_regex().finditer(text, start, end):
        s, e = m.span("amt")
        if not _plausible_number(m["amt"]) or any(a <= s < b for a, b in ratios):
            continue
        unit = next(u for n, u in _nouns() if m["noun"].endswith(n))
        out.append(Count(s, m.end(), parse_amount(m["amt"]), unit, _noun_before(text, m.end("noun"), start)))
        taken.append((s, e))
    for m in _after_regex().finditer(text, start, end):
        s = m.start("amt")
        if any(a <= s < b for a, b in taken) or not _plausible_number(m["amt"]):
            continue
        if any(a <= s < b for a, b in ratios):
            continue
        unit, counted = _noun_phrase(m["rest"], m["mw"])
        if unit is None and not m["rest"]:  # 4大类20门课程: the measure word names the thing
            unit = next((u for n, u in _nouns() if n == m["mw"]), None)
        if unit is None and m.end("rest") == end and len(m["rest"]) <= 2 and parse_amount(m["amt"]).qualifier:
            unit, counted = "items", None  # the text is cut off right after a qualified count (40余项合…)
        if unit is None:
            continue
        out.append(Count(s, m.end("mw"), parse_amount(m["amt"]), unit, counted))
    return out


def ratio_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of ratios (每5名居民中,有1名): the numbers in them are not counts."""
    return [m.span() for m in RATIO.finditer(text, start, end)]


def _noun_before(text: str, noun_end: int, floor: int) -> str:
    """The noun phrase that ends at `noun_end` (举办各类党群活动800余场 -> 党群活动): jieba's words back
    from the noun while they are nouns."""
    import jieba.posseg as pseg

    window = text[max(floor, noun_end - 24):noun_end]
    window = re.split(r"[^\u4e00-\u9fff]", window)[-1]  # back to the clause's start: jieba cuts whole words
    words = []
    for token in reversed(pseg.lcut(window, HMM=False)):
        if words and not _nounish(token.flag):
            break
        verb = _leading_verb(token.word) if words else ""
        words.insert(0, token.word[len(verb):])
        if verb:
            break
    return "".join(words)


def _leading_verb(word: str) -> str:
    """The verb a word begins with: 签订 in 签订合同 (which jieba's dictionary tags as a noun)."""
    import jieba.posseg as pseg

    from hkcoop.ingest.textview import jieba_module

    if len(word) < 3:
        return ""
    first = min((w for w in jieba_module().lcut(word, cut_all=True) if 2 <= len(w) < len(word) and word.startswith(w)),
                key=len, default="")
    return first if first and any(t.flag.startswith("v") and t.flag != "vn" for t in pseg.lcut(first, HMM=False)) else ""
