"""Figures as reported: money, percentages and counts, normalized to base units with their qualifier,
indicator, subject and period.

A number is a figure only with a unit: a currency (美元, 港元, 元人民币 …), % or 个百分点, or a measure
word that makes it a count of enterprises, companies, institutions, people, visits or projects
(reference/count_units.csv). Some indicators imply their unit (客流量突破8万). What is not a figure is
kept out by rule: dates and durations (年, 月, 日, 天, 小时 carry no unit here), ordinals (第六次),
section and page numbers (no unit), names and slogans (五个中心, 十四五, 十条措施: no unit), scale
labels (千亿级), short quoted slogans (“24小时”), and numbers already read as stated totals.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from hkcoop.extract.counts import find_counts, ratio_spans
from hkcoop.extract.numerals import AMOUNT_TEXT, PREFIX_QUALIFIERS, PREFIX_TEXT, SUFFIX_QUALIFIERS, Amount, parse_amount, whole_number
from hkcoop.reference import rows
from hkcoop.spans import covers, last_end_before

AMT = AMOUNT_TEXT
PERCENT = r"(?:%|％|个百分点)"
AFTER_UNIT = re.compile(r"以上|左右|上下")
CLAUSE_BREAK = re.compile(r"[,，;；:：。!！?？]")
# words that end a clause's subject (深港通北向交易|已|为…); matched against jieba tokens so 华为 stays whole
SUBJECT_CUT = {"已经", "已", "为", "带来", "达到", "达", "实现", "完成", "共计", "共", "累计", "超过", "逾", "约", "近",
               "突破", "将", "更", "均", "还", "也", "创下", "有", "已有", "共有", "拥有", "更为", "已为", "均为",
               "还为", "也为", "将为"}
# a dateline or a bracketed byline before the clause (本报讯, 新华社香港9月4日电(记者某某)): no subject
DATELINE = re.compile(r"^(?:本报讯|本网讯|本刊讯|[^,，。]{0,30}?(?:日电|日讯)(?:[(（][^()（）]{0,24}[)）])?|【[^】]{0,10}】)\s*")
LEADING_VERB = re.compile(r"^(?:集聚了|聚集了|汇聚了|拥有|其中|共有|有)")
ADVERBIAL_CLAUSE = re.compile(r"^(?:在.*下|据|自.*以来|截至|截止|涵盖|包括|其中|目前|同时|此外)")
QUOTED = re.compile(r"“[^”]{1,8}”|「[^」]{1,8}」|‘[^’]{1,8}’")


@dataclass
class Figure:
    doc: object
    start: int  # normalized span of the figure with its unit (value_as_reported)
    end: int
    amount: Amount
    kind: str  # money | percent | count
    unit: str
    indicator: str
    subject: str | None
    period: str | None
    as_of: dt.date | None
    clause_start: int  # normalized span of the evidence quote
    clause_end: int
    counted: str | None = None  # the thing counted, as printed (simplified), for counts


def _currency_pattern():
    words = sorted((r["word"] for r in rows("currencies.csv")), key=len, reverse=True)
    return "|".join(map(re.escape, words))


def _count_pattern():
    words = sorted({r["measure_word"] for r in rows("count_units.csv")}, key=len, reverse=True)
    return "|".join(map(re.escape, words))


def _figure_regex() -> re.Pattern:
    # indicators whose keyword implies the unit of a bare number right after it (客流量突破8万)
    implied = "|".join(sorted({kw for r in rows("indicators.csv") if r["unit"] == "person_visits"
                               for kw in r["keywords"].split("|") if kw and kw != "人次"}, key=len, reverse=True))
    return re.compile(
        rf"(?<![第\d.])(?P<amt>{AMT})(?:(?P<cur>{_currency_pattern()})|(?P<pct>{PERCENT})|(?P<cnt>{_count_pattern()}))"
        rf"|(?:{implied})(?P<bare>{AMT})(?![\d\w%％])")


def _currency(word: str, doc) -> str:
    code = next(r["code"] for r in rows("currencies.csv") if r["word"] == word)
    if code == "context":
        hk = doc.script == "Hant" or "香港特别行政区政府" in (doc.entry.outlet or "")
        return "HKD" if hk else "CNY"
    return code


def _count_unit(measure: str, context: str) -> str | None:
    candidates = [r for r in rows("count_units.csv") if r["measure_word"] == measure]
    best = None
    for r in candidates:
        for kw in filter(None, r["noun_keywords"].split("|")):
            pos = context.rfind(kw)
            if pos >= 0 and (best is None or pos > best[0]):
                best = (pos, r["unit"])
    if best:
        return best[1]
    plain = [r["unit"] for r in candidates if not r["noun_keywords"]]
    return plain[0] if plain else (candidates[0]["unit"] if candidates else None)


def _indicator(kind: str, unit: str, before: str, after: str) -> str:
    """The indicator whose keyword stands nearest the figure in its clause (before it, or just after)."""
    best = None
    for r in rows("indicators.csv"):
        if r["kind"] != kind or not r["keywords"] or r["is_stated_total"] == "true":
            continue
        if r["unit"] not in ("currency", "percent", "various") and r["unit"] != unit:
            continue
        for kw in r["keywords"].split("|"):
            pos = before.rfind(kw)
            if pos >= 0:
                rank = (len(before) - pos - len(kw), -len(kw))  # nearest, then most specific
                if best is None or rank < best[0]:
                    best = (rank, r["code"])
            pos = after.find(kw)
            if pos >= 0 and (best is None or (pos, -len(kw)) < best[0]):
                best = ((pos, -len(kw)), r["code"])
    return best[1] if best else {"money": "amount", "percent": "growth" if "增" in before else "share",
                                 "count": "count"}[kind]


def find_figures(doc, start: int, end: int, stated: list) -> list[Figure]:
    """The figures of the normalized span [start, end) of `doc`, but the totals it states (`stated`: those
    are metrics of their own, hkcoop.extract.stated_totals)."""
    return _in_span(doc, start, end, _figure_regex(), {(doc.doc_id, t.start) for t in stated})


def _in_span(doc, start: int, end: int, regex: re.Pattern, taken: set) -> list[Figure]:
    text = doc.view.simplified
    ref, _ = doc.reference_date
    quoted = [m.span() for m in QUOTED.finditer(text, start, end)]
    ratios = ratio_spans(text, start, end)
    out = []
    for m in regex.finditer(text, start, end):
        s = m.start("amt") if m["amt"] else m.start("bare")  # where the figure starts
        e = m.end()
        if (doc.doc_id, s) in taken or covers(quoted, s):
            continue
        if re.match(r"[级倍多]", text[e:e + 1]) and not m["cnt"]:
            continue  # 千亿级 is a scale label, not an amount
        if (m["amt"] or "").strip() in ("一", "壹") and m["cnt"]:
            continue  # 一名/一位/一家: an indefinite article, not a count
        if m["cnt"] and any(a <= s < b for a, b in ratios):
            continue  # 每5名…中,有1名: a ratio, not two counts
        try:
            amount = parse_amount(m["amt"] or m["bare"])
        except ValueError:
            continue
        after = AFTER_UNIT.match(text, e)
        if after and amount.qualifier is None:  # 30%以上, 300万元左右: the qualifier printed after the unit
            amount = Amount(amount.value, SUFFIX_QUALIFIERS[after.group(0)], after.group(0), amount.text)
            e = after.end()
        ss, se = doc.sentence_at(s)
        cs = max((b.end() for b in CLAUSE_BREAK.finditer(text, ss, s)), default=ss)
        ce = next((b.start() for b in CLAUSE_BREAK.finditer(text, e, se)), se)
        if m["cur"]:
            kind, unit = "money", _currency(m["cur"], doc)
        elif m["pct"]:
            kind, unit = "percent", "percent" if m["pct"] != "个百分点" else "percentage_points"
        elif m["cnt"]:
            kind, unit = "count", _count_unit(m["cnt"], text[ss:e + 12])
        else:
            kind, unit = "count", "person_visits"
        if unit is None:
            continue
        indicator = _indicator(kind, unit, text[ss:s][-30:], text[e:se][:12])
        period, as_of = find_period(text[ss:s], ref)
        out.append(Figure(doc, s, e, amount, kind, unit, indicator,
                          _subject(doc, text, ss, s), period, as_of, cs, ce))
    seen = {f.start for f in out} | {pos for d, pos in taken if d == doc.doc_id}
    extra = [(c.start, c.end, c.amount, "count", c.unit, c.counted)
             for c in find_counts(text, start, end)]
    extra += _tenths(text, start, end) + _implied_currency(text, start, end, out)
    for s, e, amount, kind, unit, counted in sorted(extra, key=lambda x: x[0]):
        if s in seen or any(a <= s < b for a, b in quoted) or any(f.start <= s < f.end for f in out):
            continue
        seen.add(s)
        ss, se = doc.sentence_at(s)
        cs = max((b.end() for b in CLAUSE_BREAK.finditer(text, ss, s)), default=ss)
        ce = next((b.start() for b in CLAUSE_BREAK.finditer(text, e, se)), se)
        indicator = _indicator(kind, unit, text[ss:s][-30:], text[e:se][:12])
        period, as_of = find_period(text[ss:s], ref)
        out.append(Figure(doc, s, e, amount, kind, unit, indicator, _subject(doc, text, ss, s), period, as_of,
                          cs, ce, counted))
    return sorted(out, key=lambda f: f.start)


# 四成半 = 45%: tenths (成) and a half, as a share (占…) or with a qualifier (超七成)
TENTHS = re.compile(rf"(?P<pre>{PREFIX_TEXT})?(?P<n>[一二三四五六七八九]|[1-9])成(?P<half>半)?(?![功为立本员果绩交都就])")
SHARE_WORDS = ("占", "比重", "比例", "其中")


def _tenths(text: str, start: int, end: int) -> list[tuple]:
    out = []
    breaks = [b.end() for b in CLAUSE_BREAK.finditer(text, start, end)]  # one-character marks
    for m in TENTHS.finditer(text, start, end):
        clause_start = last_end_before(breaks, m.start(), start)
        if not m["pre"] and not any(w in text[clause_start:m.start()] for w in SHARE_WORDS):
            continue  # 八成 alone is as often "probably" as a share
        tenths = whole_number(m["n"])
        pre = m["pre"]
        amount = Amount(tenths * 10 + (5 if m["half"] else 0), PREFIX_QUALIFIERS.get(pre) if pre else None, pre,
                        m.group(0))
        out.append((m.start(), m.end(), amount, "percent", "percent", None))
    return out


# 投资额逾千亿: a money keyword, then an amount with a scale but no currency word
BARE_MONEY = re.compile(rf"(?:投资额|投资总额|总投资|涉及金额|金额|签约额|成交额|交易额|总额)(?:达|为|约)?"
                        rf"(?P<amt>{AMT})(?![\d\w%％])")


def _implied_currency(text: str, start: int, end: int, figures: list) -> list[tuple]:
    """An amount without a currency word takes the currency that most of the article's other amounts
    are in (more than half of them); else it is not read."""
    units = [f.unit for f in figures if f.kind == "money"]
    currency = max(sorted(set(units)), key=units.count) if units else None
    if currency is None or units.count(currency) * 2 <= len(units):
        return []
    out = []
    for m in BARE_MONEY.finditer(text, start, end):
        if not re.search(r"[万亿萬億]", m["amt"]):
            continue
        try:
            amount = parse_amount(m["amt"])
        except ValueError:
            continue
        out.append((m.start("amt"), m.end("amt"), amount, "money", currency, None))
    return out


def _clean_subject(clause: str) -> str:
    from hkcoop.ingest.textview import jieba_module

    clause = LEADING_VERB.sub("", DATELINE.sub("", clause.strip()))
    subject = []
    for token in jieba_module().lcut(clause, HMM=False):
        if token in SUBJECT_CUT or (subject and re.match(rf"^(?:{AMT})$", token)):
            break
        subject.append(token)
    return "".join(subject).strip(" 的")


def _subject(doc, text: str, sentence_start: int, pos: int) -> str | None:
    """The clause's subject (深港通北向交易), else that of an earlier clause of the sentence, as a noun phrase;
    None when the sentence gives none."""
    clauses = CLAUSE_BREAK.split(text[sentence_start:pos])
    keywords = {kw for r in rows("indicators.csv") for kw in r["keywords"].split("|") if kw}
    for i, clause in enumerate(reversed(clauses)):
        clause = clause.strip()
        if i > 0 and (ADVERBIAL_CLAUSE.match(clause) or re.fullmatch(r"[\d年月日底末今去至\-—]+", clause)):
            continue
        subject = _clean_subject(clause)
        rest = subject
        for kw in sorted(keywords, key=lambda k: (-len(k), k)):
            rest = rest.replace(kw, "")
        phrase = _noun_phrase(subject) if len(rest) >= 2 and not PERIOD.fullmatch(subject) else None
        if phrase:  # more than an indicator's own word, and a noun phrase
            return phrase
    return None  # no noun phrase in its sentence: unknown (a headline is no subject)


SUBJECT_MAX = 24  # longer is a clause, not what a figure is about
NOUN_TAGS = ("n", "vn", "j", "nz", "nr", "ns", "nt", "ng", "an")
LEAD_TAGS = {"d", "r", "c", "e", "y", "o", "zg", "t"}  # 最终, 他们, 而, 去年 … (and particles, u…): not what a figure is about


def _noun_phrase(text: str) -> str | None:
    """What a figure is about, as a noun phrase: the clause's words without an adverb, pronoun or
    conjunction before them (最终青浦区 -> 青浦区); words that end in a verb or a preposition are cut
    before their first verb (香港律师事务所在上海设有 -> 香港律师事务所); a phrase that ends in a noun keeps
    its relative clause (香港在上海新设立的企业) and drops a verb it opens with (举办各类活动 -> 各类活动);
    None when no noun is left (推出, 他们驻守在, a slogan)."""
    import jieba.posseg as pseg

    # 该市, 本区, 全省: a place named by a demonstrative is what a figure is about, not a pronoun to drop
    words = [(w.word, "ns" if w.flag == "r" and w.word[-1] in "市区省县镇港" else w.flag)
             for w in pseg.lcut(text, HMM=False) if w.word.strip()]
    while words and (words[0][1] in LEAD_TAGS or words[0][1].startswith("u")):
        words = words[1:]
    if not words:
        return None
    if words[-1][1] in NOUN_TAGS:
        while len(words) > 1 and words[0][1].startswith("v") and words[0][1] != "vn":
            words = words[1:]  # 举办|各类党群活动
    else:
        cut = next((i for i, (_, f) in enumerate(words) if (f.startswith(("v", "p")) and f != "vn")), len(words))
        words = words[:cut]
    phrase = "".join(w for w, _ in words).strip(" 的")
    return phrase if 2 <= len(phrase) <= SUBJECT_MAX and any(f in NOUN_TAGS for _, f in words) else None


PERIOD = re.compile(
    r"(?P<asof>截至|截止)(?:(?P<ay>\d{4})年|(?P<arel>去年|今年))?(?:(?P<am>\d{1,2})月)?(?:(?P<ad>\d{1,2})日|(?P<aend>底|末))?"
    r"|(?P<since>自)(?P<sy>\d{4})年(?:(?P<sm>\d{1,2})月)?"
    r"|(?:(?P<ry>\d{4})年|(?P<rrel>今年|去年))?(?P<m1>\d{1,2})(?:至|到|-|—)(?P<m2>\d{1,2})月"
    r"|(?P<y>\d{4})年(?![\d月])|(?P<rel>去年|今年|前年)(?![\d底末])")


def find_period(before: str, ref: dt.date | None) -> tuple[str | None, dt.date | None]:
    """The time expression nearest before a figure in its sentence: (period, as_of)."""
    found = list(PERIOD.finditer(before))
    if not found:
        return None, None
    m = found[-1]
    rel_year = {"今年": 0, "去年": -1, "前年": -2}

    def year(explicit, relative):
        if explicit:
            return int(explicit)
        if relative and ref:
            return ref.year + rel_year[relative]
        return None

    if m["asof"]:
        y = year(m["ay"], m["arel"]) or (ref.year if ref else None)
        if y is None:
            return None, None
        if m["ad"] and m["am"]:
            return None, dt.date(y, int(m["am"]), int(m["ad"]))
        month = int(m["am"]) if m["am"] else 12
        last = (dt.date(y + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
        return None, last
    if m["since"]:
        return (f"{m['sy']}-{int(m['sm']):02d}/.." if m["sm"] else f"{m['sy']}/.."), None
    if m["m1"]:
        y = year(m["ry"], m["rrel"]) or (ref.year if ref else None)
        return (f"{y}-{int(m['m1']):02d}/{y}-{int(m['m2']):02d}" if y else None), None
    y = year(m["y"], m["rel"])
    return (str(y) if y else None), None
