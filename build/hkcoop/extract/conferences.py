"""Cooperation-conference meetings: find every mention, resolve its date and place, merge across
articles and scripts into one event per (mechanism, meeting number).

A mechanism is named by a pair of jurisdiction abbreviations that includes Hong Kong (粤港, 川港, 港深 …,
from reference/jurisdiction_abbreviations.csv) followed by 合作会议 or 联席会议; a meeting is its
第N次(全体)会议, optionally introduced by a 高层会晤暨 prefix, or 第N次 printed before the mechanism
(第一次某港合作会议). A mechanism named without a number is a meeting when the text reports it held
(某港合作会议6日在某市举行, 在某港合作会议上致辞, 共同主持某港合作会议): one event per mechanism and
year; not when it names the mechanism itself (…合作会议机制, 自…以来). Matching runs on the simplified view.
A meeting the text announces (将于…) is flagged `announced`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hkcoop.extract.dates import DateMention, announced, find_dates, find_dates_or_time_of_day
from hkcoop.extract.numerals import whole_number
from hkcoop.reference import jurisdictions


FULL_SUFFIX = r"(?:壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)?"
DASH = r"[—–\-－·]?"


def pair_pattern() -> str:
    """A mechanism's pair: abbreviations (粤港, 港深) or full names joined by a dash (广西—香港, 香港—深圳)."""
    abbr = "".join(sorted(set(jurisdictions()) - {"港"}))
    full = "|".join(sorted({n for a, n in jurisdictions().items() if a != "港"}, key=lambda n: (-len(n), n)))
    return (rf"(?:[{abbr}]港澳?|港[{abbr}]|(?:{full}){FULL_SUFFIX}{DASH}香港(?:特别行政区)?"
            rf"|香港(?:特别行政区)?{DASH}(?:{full}){FULL_SUFFIX})")


def canonical_mechanism(mech: str) -> str:
    """The mechanism's name by its abbreviations, however printed: 广西—香港合作会议 -> 桂港合作会议."""
    by_name = {}
    for a, n in jurisdictions().items():
        by_name.setdefault(n, a)  # the first abbreviation of a name in the reference file (川 before 蜀)
    m = re.match(rf"(?P<a>{'|'.join(sorted(by_name, key=len, reverse=True))}){FULL_SUFFIX}{DASH}香港(?:特别行政区)?", mech)
    if m:
        return by_name[m["a"]] + "港" + mech[m.end():]
    m = re.match(rf"香港(?:特别行政区)?{DASH}(?P<a>{'|'.join(sorted(by_name, key=len, reverse=True))}){FULL_SUFFIX}", mech)
    return "港" + by_name[m["a"]] + mech[m.end():] if m else mech


def mechanism_pattern() -> str:
    """A cooperation mechanism's name: 某港合作会议, 某港合作联席会议, 某港联席会议."""
    return rf"{pair_pattern()}(?:合作(?:联席)?会议|联席会议)"


NUM = r"\d{1,2}|[一二三四五六七八九十]{1,3}"


def _pattern() -> re.Pattern:
    pair, mech = pair_pattern(), mechanism_pattern()
    return re.compile(
        rf"(?P<name>(?:{pair}高层会晤暨)?[「“]?(?P<mech>{mech})[」”]?第(?P<n>{NUM})次(?:全体)?会议)"
        rf"|(?P<name2>第(?P<n2>{NUM})次(?:全体)?(?P<mech2>{mech}))"
        rf"|(?P<mech3>{mech})(?!第|机制|[\u4e00-\u9fff]{{0,3}}第[{NUM}]{{1,3}}次)")


HELD_AFTER = re.compile(r"^[」”]?(?:[^,，。;；《》]{0,16}?)(?:举行|召开|开幕|举办)")
HELD_BEFORE = re.compile(r"(?:出席|参加|主持|列席|召开|举行|举办)(?:了)?$")
MECHANISM_CONTEXT = re.compile(r"以来|成立|建立|设立|机制|框架下|平台")  # not 自 alone: 自治区


PLACE = re.compile(r"在(?P<place>[\u4e00-\u9fff()]{2,14}?)(?:举行|召开|开幕|举办)")
STAMP_BLOCK = re.compile(r"^\d{1,2}-\d{1,2}-\d{4}$|^\d{4}年\d{1,2}月\d{1,2}日$")


@dataclass
class ConferenceMention:
    doc: object
    start: int  # normalized span of the name
    end: int
    mechanism: str
    number: int | None  # None: a meeting named by its mechanism only (某港合作会议6日在某市举行)
    name_zh: str
    in_title: bool  # inside 《…》: the name of a document, not a report of the meeting
    date: DateMention | None = None
    date_offset: int = 0  # normalized offset of the text the date mention was found in
    place: tuple[int, int, str] | None = None
    announced: bool = False  # the text announces it (将于…举行)


def find_mentions(doc, start: int = 0, end: int | None = None) -> list[ConferenceMention]:
    """Mentions of numbered meetings in the normalized span [start, end) of `doc`."""
    text = doc.view.simplified
    ref, basis = doc.reference_date
    out = []
    for m in _pattern().finditer(text, start, len(text) if end is None else end):
        group = "name" if m["name"] else "name2" if m["name2"] else "mech3"
        number = m["n"] or m["n2"]
        mech = canonical_mechanism(m["mech"] or m["mech2"] or m["mech3"])
        block_start, _ = doc.view.block_span(doc.block_at(m.start()))
        before = text[block_start:m.start()]
        in_title = before.count("《") > before.count("》")
        if group == "mech3" and (in_title or not _reported_held(doc, m.start(), m.end())):
            continue  # the mechanism itself, not one of its meetings
        name = re.sub(r"[「」“”]", "", m[group])
        n = None if number is None else whole_number(number)
        cm = ConferenceMention(doc, m.start(group), m.end(group), mech, n, name, in_title)
        if not in_title:
            _date_and_place(doc, cm, ref, basis)
            ss, _ = doc.sentence_at(cm.start)
            cm.announced = announced(text, ss, cm.start, cm.date and cm.date_offset + cm.date.start)
        out.append(cm)
    return out


def _reported_held(doc, start: int, end: int) -> bool:
    """A mechanism named without a meeting number, reported as held (…6日在某市举行, 在…上, 出席…)."""
    text = doc.view.simplified
    ss, se = doc.sentence_at(start)
    clause_start = max((i + 1 for i in range(ss, start) if text[i] in ",，;；:："), default=ss)
    before, after = text[clause_start:start], text[end:se]
    if MECHANISM_CONTEXT.search(before) or MECHANISM_CONTEXT.match(after):
        return False
    return bool(HELD_AFTER.match(after) or HELD_BEFORE.search(before)
                or (before.endswith(("在", "于")) and after.startswith("上")))


def _date_and_place(doc, cm: ConferenceMention, ref, basis) -> None:
    text = doc.view.simplified
    s, e = doc.sentence_at(cm.start)
    sentence = text[s:e]
    dates = [d for d in find_dates_or_time_of_day(sentence, ref, basis) if not (d.start <= cm.start - s < d.end)]
    if dates:
        # the date nearest the name, preferring one printed before it (昨在香港举行 / 今日(…)在杭州举行)
        cm.date = min(dates, key=lambda d: abs(d.start - (cm.start - s)))
        cm.date_offset = s
    else:
        # a headline box: the meeting's name, then a line that is only a date stamp
        block = doc.block_at(cm.start)
        for nxt in range(block + 1, min(block + 3, len(doc.view.blocks))):
            if STAMP_BLOCK.match(doc.view.blocks[nxt].text):
                bs, be = doc.view.block_span(nxt)
                found = find_dates(text[bs:be], ref, basis)
                if found:
                    cm.date, cm.date_offset = found[0], bs
                break
    p = PLACE.search(sentence)
    if p and not any(ch in p["place"] for ch in "会议"):
        cm.place = (s + p.start("place"), s + p.end("place"), p["place"])


def meeting_near(doc, pos: int, pairs, article_fallback: bool = True) -> int | None:
    """Which of the document's meeting mentions a fact at normalized offset `pos` belongs to, as an index
    into `pairs` (the document's (ConferenceMention, meeting) in the meetings' order): the nearest one named
    in its block, else (with `article_fallback`) the first one named in its article."""
    found = [k for k, (c, _) in enumerate(pairs) if c.doc is doc]
    block = doc.block_at(pos)
    same_block = [k for k in found if doc.block_at(pairs[k][0].start) == block]
    if same_block:
        return min(same_block, key=lambda k: abs(pairs[k][0].start - pos))
    article = doc.article_at(pos) if found else None
    if article_fallback and article is not None:
        in_article = [k for k in found if article.first <= doc.block_at(pairs[k][0].start) <= article.last]
        if in_article:
            return in_article[0]
    return None
