"""Events other than cooperation-conference meetings (those are hkcoop.conferences): visits, meetings,
forums, signings, unveilings, promotion conferences, inspections and 调研 visits, receptions, festivals.

Shapes, on the simplified view, sentence by sentence:
- a name ending in an event word (reference/event_types.csv) that is held: NAME(昨日)(在PLACE)举行,
  在PLACE举行(的)NAME, 出席/参加/召开 NAME(、NAME …), 在NAME上;
- a visit: X率领的…代表团 DATE 访问 PLACE;
- an inspection: X赴/到 PLACE (进行)(专题)调研/考察;
- a meeting of two leaders: X会见 Y (X a personal name).
Dates come from the sentence (hkcoop.dates); an event reported without a date inside an article that
reports a visit took place during the visit: its parent, with date_precision within_range.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field

from hkcoop.dates import find_dates
from hkcoop.reference import rows
from hkcoop.slugs import short_hash, slug

HELD = r"(?:隆重|正式|成功)?(?:举行|召开|举办|开幕|开展)(?![地方])"  # not 举办地 (the venue)
MECHANISM_ONLY = re.compile(r"(?:合作会议|联席会议)$")  # a mechanism named without its meeting number
NAME_DELIMS = "，,。;；:：、\n"
QUANTIFIER = re.compile(r"(?:一场|一次|本次|此次|本届|这次|首届|第[一二三四五六七八九十\d]+届)")
QUOTES = re.compile(r"[“”\"「」『』‘’]")


@dataclass
class EventMention:
    doc: object
    start: int  # normalized span of the name (or of the clause that reports a visit/inspection/meeting)
    end: int
    name_zh: str
    event_type: str
    date: tuple[dt.date, dt.date] | None = None
    date_span: tuple[int, int] | None = None
    date_basis: str | None = None
    place: tuple[int, int, str] | None = None
    lead_span: tuple[int, int] | None = None  # where the leading person's name stands (visits, inspections)
    other_span: tuple[int, int] | None = None  # the person met (X会见Y)


@dataclass
class Event:
    event_id: str
    name_zh: str
    event_type: str
    mentions: list[EventMention]
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    date_precision: str = "unknown"
    date_basis: str | None = None
    place_zh: str | None = None
    parent: "Event | None" = None
    children: list = field(default_factory=list)


def _suffix_pattern() -> str:
    return "|".join(sorted((re.escape(r["suffix"]) for r in rows("event_types.csv")), key=len, reverse=True))


def event_type_of(name: str) -> str:
    best = None
    for r in rows("event_types.csv"):
        if name.endswith(r["suffix"]) and (best is None or len(r["suffix"]) > len(best["suffix"])):
            best = r
    return best["event_type"] if best else "other"


def _name_before(text: str, end: int, floor: int) -> int:
    """Start of an event name that ends at `end`: back to a delimiter, 的, or an opening verb."""
    j = end
    while j > floor and text[j - 1] not in NAME_DELIMS and end - j < 40:
        if text[j - 1] == "的" or re.search(r"(?:出席|参加|召开|参观|来到|前往|举行|举办|作为|成为)$", text[floor:j]):
            break
        j -= 1
    return j


def find_event_mentions(doc, article, excluded) -> list[EventMention]:
    """Event mentions in an article of `doc`, outside the `excluded` spans (conference names, sector
    measures)."""
    text = doc.view.simplified
    ref, basis = doc.reference_date
    sfx = _suffix_pattern()
    out: list[EventMention] = []
    seen: set[tuple[int, int]] = set()

    def add(ms, me, typ=None, name=None, **kw):
        if name is None:
            ms = max(ms, _name_before(text, me, ms))  # 在香港举行的X会议 -> X会议
            q = QUANTIFIER.match(text, ms)
            ms = q.end() if q else ms
            name = text[ms:me]
        name = QUOTES.sub("", name).strip().lstrip("▲▶►△")
        if MECHANISM_ONLY.search(name) and not re.search(r"第.{1,3}次", name):
            return  # which meeting is meant is hkcoop.conferences' business
        if len(name) < 4 or (ms, me) in seen or any(a <= ms < b or a < me <= b for a, b in excluded):
            return
        seen.add((ms, me))
        out.append(EventMention(doc, ms, me, name, typ or event_type_of(name), **kw))

    for i in range(article.first, article.last + 1):
        bs, be = doc.view.block_span(i)
        for ss, se in _sentences(text, bs, be):
            sentence = text[ss:se]
            dates = find_dates(sentence, ref, basis)
            before = len(out)
            # NAME(在PLACE)举行 | 在PLACE举行的NAME | 出席 NAME、NAME | 在NAME上
            for m in re.finditer(rf"(?:{sfx})(?=[^,，。;；]{{0,8}}?(?:在[^,，。;；]{{2,20}}?)?{HELD})", sentence):
                add(ss + _name_before(sentence, m.end(), 0), ss + m.end())
            for m in re.finditer(rf"{HELD}(?P<n>[^的,，。;；]{{2,40}}?(?:{sfx}))(?=[,，。;；、]|$)", sentence):
                add(ss + m.start("n"), ss + m.end("n"))
            for m in re.finditer(rf"{HELD}的(?P<n>[^,，。;；]{{2,40}}?(?:{sfx}))", sentence):
                add(ss + m.start("n"), ss + m.end("n"))
            for m in re.finditer(rf"(?:出席|参加|召开|参观)(?P<list>[^。;；,，]{{4,200}})", sentence):
                for part in re.finditer(rf"[^、,，]+?(?:{sfx})(?=[、,，及和]|$)", m["list"]):
                    add(ss + m.start("list") + part.start(), ss + m.start("list") + part.end())
            for m in re.finditer(rf"在(?P<n>[^,，。;；在]{{2,40}}?(?:{sfx}|活动))上", sentence):
                add(ss + m.start("n"), ss + m.end("n"))
            # visits, inspections, meetings of leaders
            for m in re.finditer(r"率领的(?P<d>[^,，。;；]{2,20}?代表团)[^,，。;；]{0,16}?(?:访问|出访|考察)(?P<p>[\u4e00-\u9fff]{2,8})",
                                 sentence):
                add(ss + m.start("d"), ss + m.end(), "visit", name=f"{m['d']}访问{m['p']}",
                    lead_span=(ss, ss + m.start()), place=(ss + m.start("p"), ss + m.end("p"), m["p"]))
            for m in re.finditer(r"(?:赴|到|前往)(?P<p>[\u4e00-\u9fff()（）]{2,16}?)(?:进行)?(?:专题|实地)?(?:调研|考察|视察)",
                                 sentence):
                add(ss + m.start("p"), ss + m.end(), "inspection", name=f"{m['p']}调研",
                    lead_span=(ss, ss + m.start()), place=(ss + m.start("p"), ss + m.end("p"), m["p"]))
            for m in re.finditer(r"会见(?P<b>[^,，。;；]{2,40}?)(?=[,，。;；时]|$)", sentence):
                lead = _name_ending_at(sentence, m.start())
                if lead is None:
                    continue
                a = m.start() - len(lead)
                add(ss + a, ss + m.end(), "meeting", name=f"{lead}会见{m['b']}",
                    lead_span=(ss + a, ss + m.start()), other_span=(ss + m.start("b"), ss + m.end("b")))
            for em in out[before:]:
                near = [d for d in dates if ss + d.end <= em.end + 12]
                if near:
                    d = near[-1]
                    em.date, em.date_span, em.date_basis = (d.first, d.last), (ss + d.start, ss + d.end), d.basis
                if em.place is None:
                    p = re.search(r"在(?P<p>[\u4e00-\u9fff()（）]{2,20}?)(?:隆重|正式)?(?:举行|召开|举办)", sentence)
                    if p:
                        em.place = (ss + p.start("p"), ss + p.end("p"), p["p"])
    return out


def _name_ending_at(text: str, end: int) -> str | None:
    """The personal name that ends right before `end` (湖北省委书记王忠林|会见), if any."""
    from hkcoop.people import read_name

    for length in (3, 2, 4):
        candidate = text[max(0, end - length):end]
        if len(candidate) == length and read_name(candidate, 0) == candidate:
            return candidate
    return None


def _sentences(text, bs, be):
    start = bs
    for m in re.finditer(r"[。！？!?;；]", text[bs:be]):
        yield start, bs + m.end()
        start = bs + m.end()
    if start < be:
        yield start, be


def _merge_names(names: list[str]) -> dict[str, str]:
    """Map each name to the name of the event it reports, within one document."""
    out = {n: n for n in names}
    for a in sorted(set(names), key=len):
        for b in sorted(set(names), key=len, reverse=True):
            if a == b or len(b) <= len(a):
                continue
            if b.startswith(a) and (event_type_of(a) != "other" or len(b) - len(a) <= 6):
                out[a] = out[b]  # 某市推介大会 -> 某市推介大会香港站活动; …大赛 -> …大赛决赛
                break
            common = os.path.commonprefix([a[::-1], b[::-1]])[::-1]
            if len(common) >= 8 and event_type_of(common) != "other":
                out[a] = out[b] = common.lstrip("0123456789年 ")  # a slogan or a year before the core name
                break
    return out


def _key(name: str) -> str:
    return re.sub(r"[“”\"「」\s·]", "", name)


def resolve_events(corpus) -> dict[str, Event]:
    """Events merged by name across documents; within a document, a name that begins another (某市推介
    大会 / …香港站活动) or shares a long ending with it (…某区各界人士迎新春团拜会) is the same event."""
    conferences, areas = corpus.conferences, corpus.areas
    excluded: dict[str, list] = {}
    for conf in conferences.values():
        for cm in conf.mentions:
            excluded.setdefault(cm.doc.doc_id, []).append((cm.start, cm.end))
    for _, lst, item in areas:  # measures are policy text: the events they name are not reported events
        excluded.setdefault(lst.doc.doc_id, []).extend(item.measures)
    groups: dict[str, list[EventMention]] = {}
    found = corpus.scan("events", lambda doc, a, _s, _e: find_event_mentions(doc, a, excluded.get(doc.doc_id, [])))
    for doc in corpus.docs:
        mentions = [m for m in found if m.doc is doc]
        names = _merge_names([m.name_zh for m in mentions])
        for em in mentions:
            em.name_zh = names[em.name_zh]
            groups.setdefault(_key(em.name_zh), []).append(em)
    events: dict[str, Event] = {}
    for key, mentions in sorted(groups.items()):
        first = mentions[0]
        dated = [m for m in mentions if m.date]
        # the type the merged name says (…开幕式 is a launch), else what a mention's own words said
        typed = [event_type_of(first.name_zh)] + [m.event_type for m in mentions]
        ev = Event("", first.name_zh, next((t for t in typed if t != "other"), "other"), mentions)
        if dated:
            ev.start_date, ev.end_date = dated[0].date
            ev.date_precision, ev.date_basis = "day", dated[0].date_basis
        places = [m.place[2] for m in mentions if m.place]
        ev.place_zh = max(set(places), key=places.count) if places else None
        ref = first.doc.reference_date[0]
        year = ev.start_date.year if ev.start_date else ref.year if ref else "undated"
        ev.event_id = f"{year}-{slug(ev.name_zh, 10)}"
        if ev.event_id in events:
            ev.event_id += f"-{short_hash(key)}"
        events[ev.event_id] = ev
    _link_parents(events, conferences)
    return events


def _link_parents(events: dict[str, Event], conferences) -> None:
    """Parts of a visit: events reported in its article (dated within it, or undated), and events on the
    same page dated within it."""
    visits = [e for e in events.values() if e.event_type == "visit" and e.start_date]
    for visit in visits:
        articles = {(m.doc.doc_id, m.doc.article_at(m.start).ordinal) for m in visit.mentions
                    if m.doc.article_at(m.start)}
        for ev in list(events.values()) + list(conferences.values()):
            if ev is visit:
                continue
            mentions = ev.mentions
            in_article = any((m.doc.doc_id, m.doc.article_at(m.start).ordinal) in articles
                             for m in mentions if m.doc.article_at(m.start))
            start = getattr(ev, "start_date", None)
            inside = start is not None and visit.start_date <= start <= visit.end_date
            same_doc = any(m.doc is vm.doc for m in mentions for vm in visit.mentions)
            # reported in the visit's article (dated within it or undated), or dated within it on the same page
            if (in_article and (start is None or inside)) or (same_doc and inside):
                if isinstance(ev, Event):
                    ev.parent = visit
                    if ev.start_date is None:
                        ev.start_date, ev.end_date = visit.start_date, visit.end_date
                        ev.date_precision, ev.date_basis = "within_range", "during its parent event (a visit)"
                visit.children.append(ev)
