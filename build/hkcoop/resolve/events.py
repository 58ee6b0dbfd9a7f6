"""Events merged across reports (one event per name, a short name the full one's), signings that are events of
their own, parents (a trip holds the events of its days) and the dates an event takes from its sentence,
paragraph, host or parent. The mentions are the extract stage's (hkcoop.extract.events).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from dataclasses import dataclass, field

from hkcoop.extract import inputs
from hkcoop.extract.events import DEED_VERB, DURING, EventMention, event_suffix, event_type_of, find_event_mentions
from hkcoop.slugs import short_hash, slug
from hkcoop.spans import by_doc, within


PART_TYPES = {"launch", "signing_ceremony", "unveiling", "reception", "other"}  # parts of a larger event
CONTAINER_TYPES = {"conference", "forum", "promotion_conference", "festival", "visit"}


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

    @property
    def is_announced(self) -> bool:
        """A report announces it ahead (将于…举行)."""
        return any(m.announced for m in self.mentions)


def _merge_names(names: list[str]) -> dict[str, str]:
    """Map each name to the name of the event it reports, within one document."""
    out = {n: n for n in names}
    # names of one length in a fixed order: a set's order follows the interpreter's hash seed, and a tie
    # decided by it made the same corpus merge differently from one process to the next
    by_length = sorted(set(names), key=lambda n: (len(n), n))
    for a in by_length:
        for b in reversed(by_length):
            if a == b or len(b) <= len(a):
                continue
            if b.startswith(a) and (event_type_of(a) != "other" or len(b) - len(a) <= 6):
                out[a] = out[b]  # 某市推介大会 -> 某市推介大会香港站活动; …大赛 -> …大赛决赛
                break
            if b.endswith(a) and len(a) >= 5 and re.search(r"(?:访问|会面|考察)", a):
                out[a] = out[b]  # 某某访问某市 -> 政务司副司长某某访问某市 (the lead with and without title)
                break
            common = os.path.commonprefix([a[::-1], b[::-1]])[::-1]
            if len(common) >= 8 and event_type_of(common) != "other":
                core = common.lstrip("0123456789年 ")  # a slogan or a year before the core name
                out[a] = out[b] = out.setdefault(core, core)  # the core itself need not be printed alone
                break
            if len(a) >= 8 and (word := event_suffix().search(a)) and b.endswith(word.group()) and _in_order(a, b):
                out[a] = out[b]  # 某推介大会香港站活动 -> 某推介大会暨“某主题”海外行香港站活动: the short form
                break
            if len(a) >= 8 and _in_order(a, b) and DEED_VERB.search(a):
                out[a] = out[b]  # a headline's 某考察团走进某市 -> 某某考察团一行走进某市考察交流: the same deed
                break
    for name in by_length:  # a name merged into one merged in turn (某大会 -> 某大会香港站活动 -> its full name)
        seen = {name}
        while out[out[name]] != out[name] and out[name] not in seen:
            seen.add(out[name])
            out[name] = out[out[name]]
    return out


def _in_order(a: str, b: str) -> bool:
    """Every character of `a` stands in `b`, in the same order."""
    rest = iter(b)
    return all(ch in rest for ch in a)


def _key(name: str) -> str:
    return re.sub(r"[“”\"「」\s·]", "", name)


def excluded_spans(corpus) -> dict[str, list[tuple[int, int]]]:
    """doc_id -> the spans no event is read from: the meetings' names (hkcoop.extract.conferences) and the
    measures printed under areas (policy text: the events they name are not reported)."""
    excluded: dict[str, list] = {}
    for conf in corpus.conferences.values():
        for cm in conf.mentions:
            excluded.setdefault(cm.doc.doc_id, []).append((cm.start, cm.end))
    for lst in corpus.structured_lists:
        for item in lst.items:
            excluded.setdefault(lst.doc.doc_id, []).extend(item.measures)
    return excluded


def resolve_events(corpus) -> dict[str, Event]:
    """Events merged by name across documents; within a document, a name that begins another (某市推介
    大会 / …香港站活动) or shares a long ending with it (…某区各界人士迎新春团拜会) is the same event."""
    conferences, people, signings = corpus.conferences, corpus.people_mentions, corpus.signings
    excluded = excluded_spans(corpus)
    same = inputs.unchanged(corpus, "events",
                            lambda d: inputs.events(excluded.get(d.doc_id, []), people.get(d.doc_id, [])))

    def in_article(doc, article):
        """The events the extract stage found, if they were found with the inputs resolved here (most are:
        an article's people are those it names itself); else found again with them."""
        if same[doc.doc_id]:
            return [dataclasses.replace(m, signings=[]) for m in corpus.facts(doc, article).events]
        return find_event_mentions(doc, article, excluded.get(doc.doc_id, []), people.get(doc.doc_id, []))

    found = corpus.scan("events", lambda doc, a, _s, _e: in_article(doc, a))
    found += _signing_mentions(corpus, signings, found)
    _inherit_dates(corpus, found)
    groups: dict[str, list[EventMention]] = {}
    found_in = by_doc(found)
    for doc in corpus.docs:
        mentions = [m for m in found_in.get(doc.doc_id, []) if m.doc is doc]
        names = _merge_names([m.name_zh for m in mentions])
        for em in mentions:
            em.name_zh = names[em.name_zh]
            groups.setdefault(_key(em.name_zh), []).append(em)
    events: dict[str, Event] = {}
    for key, mentions in sorted(groups.items()):
        mentions.sort(key=lambda m: (m.doc.doc_id, m.start))
        first = mentions[0]
        dated = [m for m in mentions if m.date]
        # the type the merged name says (…开幕式 is a launch), else what a mention's own words said
        typed = [event_type_of(first.name_zh)] + [m.event_type for m in mentions]
        ev = Event("", first.name_zh, next((t for t in typed if t != "other"), "other"), mentions)
        if dated:
            ev.start_date, ev.end_date = dated[0].date
            ev.date_precision, ev.date_basis = "day", dated[0].date_basis
        places = [m.place[2] for m in mentions if m.place]
        ev.place_zh = max(dict.fromkeys(places), key=places.count) if places else None  # ties: the first printed
        ref = first.doc.reference_date[0]
        year = ev.start_date.year if ev.start_date else ref.year if ref else "undated"
        ev.event_id = f"{year}-{slug(re.sub(rf'^{year}年?', '', ev.name_zh) or ev.name_zh, 10)}"  # the year once
        if ev.event_id in events:
            ev.event_id += f"-{short_hash(key)}"
        events[ev.event_id] = ev
    event_of = {id(m): ev for ev in events.values() for m in ev.mentions}
    for ev in events.values():
        for m in ev.mentions:
            host = event_of.get(id(m.host)) if m.host is not None else None
            if host is not None and host is not ev and ev.parent is None:
                ev.parent = host
                host.children.append(ev)
    _same_sentence_dates(events)
    _link_parents(events, conferences)
    _link_parts(corpus, events, conferences)
    _paragraph_dates(events)
    _parents_dates(events)
    return events


def _parents_dates(events: dict[str, Event]) -> None:
    """An event still undated takes the days of its nearest dated ancestor (a signing at a meeting dated only
    by its paragraph), as do the undated events between them."""
    for ev in sorted(events.values(), key=lambda e: e.event_id):
        chain, parent = [], ev
        while parent is not None and getattr(parent, "start_date", None) is None and parent not in chain:
            chain.append(parent)
            parent = getattr(parent, "parent", None)
        if parent is None or getattr(parent, "start_date", None) is None:
            continue
        for child in reversed(chain):
            child.start_date, child.end_date = parent.start_date, parent.end_date
            child.date_precision = "day" if parent.start_date == parent.end_date else "within_range"
            child.date_basis = f"during its parent event ({parent.name_zh})"
            parent = child


def _paragraph_dates(events: dict[str, Event]) -> None:
    """An event still undated (no date of its own, no parent's) takes the day its paragraph gave before it;
    one the text says took place 日前 or 近日 stays undated, its date_basis saying so."""
    for ev in events.values():
        if ev.start_date is None:
            m = next((m for m in ev.mentions if m.paragraph_date), None)
            if m is not None:
                m.date, m.date_span, m.date_basis = m.paragraph_date
                (ev.start_date, ev.end_date), ev.date_basis = m.date, m.date_basis
                ev.date_precision = "day"
            elif ev.date_basis is None:
                ev.date_basis = next((m.vague for m in ev.mentions if m.vague), None)


def _signing_mentions(corpus, signings, found: list[EventMention]) -> list[EventMention]:
    """A signing not at a cooperation conference is an event of its own, one per sentence (甲与乙签署某协议),
    unless its sentence or article places it at an event reported before it (会上, 活动上, 期间)."""
    out: dict[tuple, EventMention] = {}
    in_doc: dict[str, list[EventMention]] = {}  # doc_id -> its mentions, in the order found
    for m in found:
        in_doc.setdefault(m.doc.doc_id, []).append(m)
    for sig in signings:
        if sig.conference is not None or sig.is_earlier:
            continue
        doc = sig.doc
        text = doc.view.simplified
        ss, se = doc.sentence_at(sig.evidence_span[0])
        at = re.search(r"会上|活动上|仪式上|期间|其间|大会上", text[ss:sig.evidence_span[0]])
        host = _host_before(doc, ss, in_doc.get(doc.doc_id, []), _named_host(text[ss:sig.evidence_span[0]])) if at else None
        key = (doc.doc_id, ss)
        if key in out:
            out[key].signings.append(sig)
            out[key].name_zh = _signing_name(out[key].signings)
            continue
        em = EventMention(doc, sig.evidence_span[0], sig.evidence_span[1], _signing_name([sig]), "signing_ceremony",
                          host=host)
        if sig.signed_date:
            em.date, em.date_basis, em.date_span = (sig.signed_date, sig.signed_date), sig.date_basis, sig.date_span
        elif host is not None and host.date and host.date[0] == host.date[1]:  # a trip's range: its parent's, below
            em.date, em.date_basis = host.date, f"during {host.name_zh} (会上, 活动上)"
        em.signings.append(sig)
        out[key] = em
    return list(out.values())


def _signing_name(signings) -> str:
    """甲与乙签署某协议; 甲、乙与丙签署…; 甲与乙、丙签署某协议 (one party signing with several); 签署《A》等N份文件."""
    first = signings[0]
    what = f"《{first.title_zh}》" if first.title_zh else first.kind_text
    if len(signings) > 1:
        kinds = {s.title_zh or s.kind_text for s in signings}
        heads = {s.parties[0] for s in signings if s.parties}
        if len(kinds) == 1 and len(heads) == 1 and all(len(s.parties) == 2 for s in signings):
            return f"{first.parties[0]}与{'、'.join(s.parties[1] for s in signings)}签署{what}"
        return f"签署{what}等{len(signings)}份文件"
    parties = first.parties
    if len(parties) > 2:
        return f"{'、'.join(parties[:-1])}与{parties[-1]}签署{what}"
    return f"{'与'.join(parties)}签署{what}"


def _named_host(before: str) -> str | None:
    """The event word of 在某某交流会上 / 在交流会上 before a signing: the kind of event it names, if any."""
    m = re.search(r"在(?P<n>[^,，。;；在]{1,40}?)上", before)
    suffix = event_suffix().search(m["n"]) if m else None
    return suffix.group() if suffix else None


def _host_before(doc, pos: int, found: list[EventMention], named: str | None = None):
    """The last event reported in the article before `pos` whose name ends with `named` (在交流会上), else the
    last of a containing kind (a forum, a promotion, a festival, a visit …); `found`: the document's mentions."""
    article = doc.article_at(pos)
    before = [m for m in found if m.start < pos and doc.article_at(m.start) is article]
    hosts = [m for m in before if named and m.name_zh.endswith(named)] or \
        [m for m in before if m.event_type in CONTAINER_TYPES]
    return hosts[-1] if hosts else None


def _inherit_dates(corpus, found: list[EventMention]) -> None:
    """An undated event in a sentence that opens with 期间, 会上, 当天, 晚上 … took place on the date of the
    event its article reported last before it (a cooperation meeting or another event)."""
    dated_in: dict[tuple, list] = {}  # (doc_id, article ordinal) -> [(position, (first, last), name)], dated
    for m in found:
        if m.date:
            dated_in.setdefault((m.doc.doc_id, m.doc.article_at(m.start).ordinal), []).append((m.start, m.date, m.name_zh))
    for conf in corpus.conferences.values():
        for c in conf.mentions:
            if c.date:
                dated_in.setdefault((c.doc.doc_id, c.doc.article_at(c.start).ordinal), []).append(
                    (c.start, (c.date.first, c.date.last), c.name_zh))
    for em in sorted(found, key=lambda m: (m.doc.doc_id, m.start)):
        if em.date:
            continue
        doc = em.doc
        ss, _ = doc.sentence_at(em.start)
        during = DURING.match(doc.view.simplified[ss:em.start])
        if not during:
            continue
        key = (doc.doc_id, doc.article_at(em.start).ordinal)
        dated = [d for d in dated_in.get(key, []) if d[0] < em.start]
        if dated:
            _, date, name = max(dated, key=lambda d: d[0])
            day = date[1] if during["back"] else date[0]  # 返港当天: the last day of the trip
            em.date, em.date_basis = (day, day), f"the day of {name}, reported before it ({during.group(0)})"
            dated_in[key].append((em.start, em.date, em.name_zh))  # a later 当天 may take this day in turn


def _link_parents(events: dict[str, Event], conferences) -> None:
    """Parts of a visit: events reported in its article (dated within it, or undated), and events on the
    same page dated within it; parts of a programme of several days (15日至17日…参加招商推介及签约活动):
    the events dated within it, in its article or on its page. Of two that hold an event, the shorter."""
    # a visit with its days, or one that says how long it lasted (a trip, not a call at one place)
    visits = [e for e in events.values() if (e.event_type == "visit" and (
              e.start_date or any(m.lasting or m.trip_days for m in e.mentions)))
              or (e.start_date and e.end_date and e.start_date < e.end_date)]
    everything = list(events.values()) + list(conferences.values())
    by_doc: dict[str, list[int]] = {}  # doc_id -> the positions in `everything` of the events it reports
    for i, ev in enumerate(everything):
        for doc_id in dict.fromkeys(m.doc.doc_id for m in ev.mentions):
            by_doc.setdefault(doc_id, []).append(i)
    for visit in visits:
        articles = {(m.doc.doc_id, m.doc.article_at(m.start).ordinal) for m in visit.mentions
                    if m.doc.article_at(m.start)}
        near = sorted({i for vm in visit.mentions for i in by_doc.get(vm.doc.doc_id, [])})  # in the order above
        for ev in (everything[i] for i in near):
            if ev is visit or _is_ancestor(ev, visit) or (getattr(ev, "start_date", None) and _span(ev) > _span(visit)):
                continue  # two visits of one article: the later is no parent of the earlier that holds it, nor the shorter
            mentions = ev.mentions
            in_article = any((m.doc.doc_id, m.doc.article_at(m.start).ordinal) in articles
                             for m in mentions if m.doc.article_at(m.start))
            start = getattr(ev, "start_date", None)
            inside = start is not None and visit.start_date is not None and visit.start_date <= start <= visit.end_date
            same_doc = any(m.doc is vm.doc for m in mentions for vm in visit.mentions)
            # reported in the visit's article (dated within it or undated), or dated within it on the same page
            # an undated part is reported after the trip is (陈某前往天津, said after the day's meetings, holds none)
            undated_part = in_article and start is None and visit.event_type == "visit" and any(
                m.doc is vm.doc and m.start > vm.start for m in mentions for vm in visit.mentions)
            if undated_part or (same_doc and inside):
                if isinstance(ev, Event):
                    if ev.parent is not None and _span(ev.parent) <= _span(visit):
                        continue  # held by a shorter one already (a day's programme inside a trip)
                    ev.parent = visit
                    if ev.start_date is None and visit.start_date is not None:
                        ev.start_date, ev.end_date = visit.start_date, visit.end_date
                        ev.date_precision, ev.date_basis = "within_range", "during its parent event (a visit)"
                    elif ev.start_date is None:
                        ev.date_basis = "during its parent event (a visit), which has no day given"
                visit.children.append(ev)


def _span(ev) -> int:
    """How many days an event lasted (an undated one: as many as any)."""
    return (ev.end_date - ev.start_date).days if ev.start_date and ev.end_date else 10 ** 6


def _is_ancestor(ev, of) -> bool:
    parent = getattr(of, "parent", None)
    while parent is not None:
        if parent is ev:
            return True
        parent = getattr(parent, "parent", None)
    return False


def _link_parts(corpus, events: dict[str, Event], conferences) -> None:
    """An undated ceremony (开幕式, 签约仪式, 启动仪式 …) in an article whose first event of a containing
    kind is dated was part of it: its parent, dated within it."""
    containers = []
    for ev in list(events.values()) + list(conferences.values()):
        kind = getattr(ev, "event_type", "conference")
        if kind in CONTAINER_TYPES and ev.start_date:
            for m in ev.mentions:
                containers.append((m.doc.doc_id, m.doc.article_at(m.start), m.start, ev))
    for ev in events.values():
        if ev.start_date or ev.parent or ev.event_type not in PART_TYPES:
            continue
        m = ev.mentions[0]
        article = m.doc.article_at(m.start)
        hosts = sorted((pos, host) for doc_id, art, pos, host in containers
                       if doc_id == m.doc.doc_id and art is article and host is not ev)
        if hosts:
            host = hosts[0][1]
            ev.parent = host
            ev.start_date, ev.end_date = host.start_date, host.end_date
            ev.date_precision = "within_range"
            ev.date_basis = f"during its parent event ({host.name_zh})"
            if isinstance(host, Event):
                host.children.append(ev)


def _same_sentence_dates(events: dict[str, Event]) -> None:
    """An undated event reported in the same sentence as a dated one (某某与某某会面,其后出席某推介会) took
    place the same day."""
    dated = {}
    for ev in events.values():
        if ev.start_date and ev.date_precision == "day" and ev.start_date == ev.end_date:
            for m in ev.mentions:
                dated.setdefault((m.doc.doc_id, m.doc.sentence_at(m.start)), []).append(ev)
    for ev in events.values():
        if ev.start_date:
            continue
        for m in ev.mentions:
            others = dated.get((m.doc.doc_id, m.doc.sentence_at(m.start)))
            if others:
                other = others[0]
                ev.start_date = ev.end_date = other.start_date
                ev.date_precision, ev.date_basis = "day", f"the day of {other.name_zh}, reported in the same sentence"
                break
