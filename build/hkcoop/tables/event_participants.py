"""Table `event_participants`: who took part in which event, and how.

People named in the sentence that reports an event take part in it; their role comes from the words
around their name: 率领/主持/带队 (or standing where a visit's or inspection's leader stands) -> lead,
the side met or called on (X会见Y, 拜会Y, 获Y会见) -> counterpart, 见证 -> witness, a signatory of an agreement signed at the event -> signatory, 说/表示/致辞/勉励 ->
speaker, otherwise attendee. A sentence that says who attended (出席, 参加, 参与会议 …) without naming an
event refers to the article's visit, else its conference, else its first dated event. People met
(X会见Y) take part in that meeting only. Reporters are never participants.
"""

from __future__ import annotations

import re

from hkcoop.resolve.conferences import conference_near
from hkcoop.spans import by_doc, pairs_by_doc, within

RANK = {"lead": 6, "counterpart": 5, "signatory": 4, "witness": 3, "speaker": 2, "attendee": 1}
LEAD_AFTER = re.compile(r"^(?:共同|联合)?(?:率领|率|主持|带队|牵头)")
CO_LEAD = re.compile(r"^[^,，。;；]{0,30}?(?:共同|联合)(?:主持|率领)")  # 张明及…陈立共同主持
SPEAK_AFTER = re.compile(r"^[^,，。;；]{0,6}(?:说|表示|指出|强调|致辞|讲话|勉励|鼓励|介绍|认为|形容)")
ATTEND = re.compile(r"出席|参加|参与|亦有出席|陪同")


def _first(t):
    return t[0]


def _same(x):
    return x


def _role(doc, pm, in_lead_position: bool, is_met: bool) -> str:
    """A participant's role from the words after their name in the sentence."""
    text = doc.view.simplified
    after = text[pm.end:pm.end + 40]
    if in_lead_position or LEAD_AFTER.match(after) or CO_LEAD.match(after):
        return "lead"
    if is_met:
        return "counterpart"
    if "见证" in text[pm.end:doc.sentence_at(pm.start)[1]]:
        return "witness"
    if SPEAK_AFTER.match(after):
        return "speaker"
    return "attendee"


def build(corpus) -> list[dict]:
    roles: dict[tuple[str, str], tuple[str, object, int, int]] = {}

    def note(event_id, person, role, mention):
        key = (event_id, person.person_id)
        if key not in roles or RANK[role] > RANK[roles[key][0]]:
            roles[key] = (role, mention.doc, mention.start, mention.end)

    people_by_doc = pairs_by_doc((pm, person) for person in corpus.people.values() if not person.is_reporter
                                 for pm in person.mentions)

    # by position, for lookups by bisection; a sentence's people are then taken in the order above
    by_start = {d: sorted(((pm.start, i, pm, p) for i, (pm, p) in enumerate(v)), key=lambda t: (t[0], t[1]))
                for d, v in people_by_doc.items()}

    def people_in(doc_id, s, e):
        return [(pm, p) for _, _, pm, p in sorted(within(by_start.get(doc_id, []), s, e, key=_first),
                                                  key=lambda t: t[1])]

    def in_sentence(doc, pos):
        s, e = doc.sentence_at(pos)
        return people_in(doc.doc_id, s, e), (s, e)

    reported = []  # (event_id, doc, position, lead_span, other_span)
    for conf in corpus.conferences.values():
        reported += [(conf.event_id, cm.doc, cm.start, None, None) for cm in conf.mentions if not cm.in_title]
    for event in corpus.events.values():
        reported += [(event.event_id, m.doc, m.start, m.lead_span, m.other_span) for m in event.mentions]
    # people met (X会见Y) take part in that meeting only, not in the other events of the sentence
    met = {(r[1].doc_id, pm.start) for r in reported if r[4] for pm, _ in people_in(r[1].doc_id, *r[4])}
    for event_id, doc, pos, lead_span, other_span in reported:
        found, _ = in_sentence(doc, pos)
        text = doc.view.simplified
        for pm, person in found:
            if (doc.doc_id, pm.start) in met and not (other_span and other_span[0] <= pm.start < other_span[1]):
                continue
            in_lead = bool(lead_span and lead_span[0] <= pm.start < lead_span[1])
            is_met = bool(other_span and other_span[0] <= pm.start < other_span[1])
            note(event_id, person, _role(doc, pm, in_lead, is_met), pm)

    # 参与会议的…包括 / 参加相关活动: attendance stated without naming the event
    dated = {c.event_id: c.start_date for c in corpus.conferences.values()}
    dated.update({e.event_id: e.start_date if e.date_precision == "day" else None for e in corpus.events.values()})
    visits = {}
    for event in corpus.events.values():
        if event.event_type == "visit":
            for m in event.mentions:
                visits[(m.doc.doc_id, m.doc.article_at(m.start).ordinal)] = event.event_id
    reported_in = by_doc(reported, doc_of=lambda r: r[1])  # doc_id -> the events it reports, by position
    for events in reported_in.values():
        events.sort(key=lambda r: r[2])
    reported_at = {doc_id: [r[2] for r in events] for doc_id, events in reported_in.items()}
    for doc in corpus.docs:
        text = doc.view.simplified
        for pm, person in people_by_doc.get(doc.doc_id, []):
            s, e = doc.sentence_at(pm.start)
            if not ATTEND.search(text[s:e]) or within(reported_at.get(doc.doc_id, []), s, e, key=_same):
                continue
            article = doc.article_at(pm.start)
            event_id = visits.get((doc.doc_id, article.ordinal)) if article else None
            if event_id is None:
                conf = conference_near(doc, pm.start, corpus.meetings)
                event_id = conf.event_id if conf else None
            if event_id is None and article is not None:  # the article's first dated event
                event_id = next((r[0] for r in reported_in.get(doc.doc_id, []) if r[1] is doc
                                 and doc.article_at(r[2]) is article and dated.get(r[0])), None)
            if event_id:
                note(event_id, person, _role(doc, pm, False, False), pm)

    # signatories of agreements signed at an event
    by_name = {p.name_zh: p for p in corpus.people.values()}
    for sig in corpus.signings:
        if sig.conference is None:
            continue
        for name in sig.signatories:
            person = by_name.get(name)
            pm = next((m for m in person.mentions if m.doc is sig.doc), None) if person else None
            if pm:
                note(sig.conference.event_id, person, "signatory", pm)

    rows = []
    for (event_id, person_id), (role, doc, s, e) in sorted(roles.items()):
        corpus.evidence.add(doc, s, e, "event_participants", f"{event_id}|{person_id}", "person")
        rows.append({"event_id": event_id, "person_id": person_id, "role": role})
    return rows
