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

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from hkcoop.extract.dates import DateMention, announced, find_dates, find_dates_or_time_of_day
from hkcoop.extract.numerals import whole_number
from hkcoop.reference import jurisdictions
from hkcoop.slugs import slug


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


@dataclass
class Conference:
    key: tuple[str, int]
    event_id: str
    name_zh: str
    name_original: str
    start_date: dt.date | None
    end_date: dt.date | None
    date_basis: str | None
    place_zh: str | None
    place_original: str | None
    mentions: list[ConferenceMention] = field(default_factory=list)

    @property
    def is_announced(self) -> bool:
        """A report announces it ahead (将于…举行)."""
        return any(c.announced for c in self.mentions if not c.in_title)


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


def resolve_conferences(corpus) -> dict[tuple, Conference]:
    """One event per (mechanism, meeting number); a meeting named by its mechanism only, per (mechanism,
    year of its date, else of its report)."""
    groups: dict[tuple, list[ConferenceMention]] = {}
    found = [cm for doc in corpus.docs for a in corpus.articles(doc) for cm in corpus.facts(doc, a).conferences]
    numbered = [cm for cm in found if cm.number is not None]
    for cm in found:
        if cm.number is not None:
            key = (cm.mechanism, cm.number)
        else:
            # the numbered meeting its document names (▲某港合作会议昨在某地举行, under a report of its 第N次会议),
            # or one held the same day; else one meeting per mechanism and year
            same = [n for n in numbered if n.mechanism == cm.mechanism and (
                n.doc is cm.doc or (cm.date and n.date and (n.date.first, n.date.last) == (cm.date.first, cm.date.last)))]
            if same:
                near = min(same, key=lambda n: (n.doc is not cm.doc, abs(n.start - cm.start)))
                key = (near.mechanism, near.number)
            else:
                ref = cm.doc.reference_date[0]
                key = (cm.mechanism, 0, cm.date.first.year if cm.date else ref.year if ref else 0)
        groups.setdefault(key, []).append(cm)
    out = {}
    for key, mentions in sorted(groups.items()):
        best = max(mentions, key=lambda c: (c.number is not None, len(c.name_zh), not c.in_title))
        dated = [c.date for c in mentions if c.date]
        votes = Counter((d.first, d.last) for d in dated)
        (first, last), _ = votes.most_common(1)[0] if votes else ((None, None), 0)
        basis = next((d.basis for d in dated if (d.first, d.last) == (first, last)), None)
        places = Counter(c.place[2] for c in mentions if c.place)
        place = places.most_common(1)[0][0] if places else None
        place_mention = next((c for c in mentions if c.place and c.place[2] == place), None)
        ref = best.doc.reference_date[0]
        year = first.year if first else ref.year if ref else "undated"
        original = best.doc.view.source_text(best.start, best.end)
        out[key] = Conference(
            key=key, event_id=f"{year}-{slug(best.name_zh)}", name_zh=best.name_zh,
            name_original=re.sub(r"[「」“”]", "", original), start_date=first, end_date=last, date_basis=basis,
            place_zh=place,
            place_original=place_mention.doc.view.source_text(*place_mention.place[:2]) if place_mention else None,
            mentions=mentions)
    return out


def conference_near(doc, pos: int, conferences: dict, article_fallback: bool = True) -> Conference | None:
    """The meeting a fact at normalized offset `pos` belongs to: the nearest one named in its block,
    else (with `article_fallback`) the one named first in its article."""
    mentions = [c for conf in conferences.values() for c in conf.mentions if c.doc is doc]
    if not mentions:
        return None
    by_key = {id(c): conf for conf in conferences.values() for c in conf.mentions}
    block = doc.block_at(pos)
    same_block = [c for c in mentions if doc.block_at(c.start) == block]
    if same_block:
        return by_key[id(min(same_block, key=lambda c: abs(c.start - pos)))]
    article = doc.article_at(pos)
    if article_fallback and article is not None:
        in_article = [c for c in mentions if article.first <= doc.block_at(c.start) <= article.last]
        if in_article:
            return by_key[id(in_article[0])]
    return None
