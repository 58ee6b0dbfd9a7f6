"""Table `events`: cooperation-conference meetings (hkcoop.extract.conferences) and the other events the
articles report (hkcoop.extract.events), one row per event merged across articles and scripts, each with
evidence from every article that reports it."""

from __future__ import annotations

import re

from hkcoop.spans import pairs_by_doc


def build(corpus) -> list[dict]:
    rows = []
    ev = corpus.evidence
    named = pairs_by_doc((pm, person) for person in corpus.people.values() for pm in person.mentions)
    parents = {}
    for event in corpus.events.values():
        for child in event.children:
            parents[id(child)] = event.event_id
    for conf in corpus.conferences.values():
        for cm in conf.mentions:
            doc = cm.doc
            article_id = _article_id(doc, cm.start)
            ev.add(doc, cm.start, cm.end, "events", conf.event_id, "name", article_id)
            if cm.date and (cm.date.first, cm.date.last) == (conf.start_date, conf.end_date):
                ev.add(doc, cm.date_offset + cm.date.start, cm.date_offset + cm.date.end, "events", conf.event_id,
                       "start_date", article_id)
            if cm.place and cm.place[2] == conf.place_zh:
                ev.add(doc, cm.place[0], cm.place[1], "events", conf.event_id, "place", article_id)
        rows.append({
            "event_id": conf.event_id,
            "name_zh": conf.name_zh,
            "name_original": conf.name_original,
            "event_type": "conference",
            "parent_event_id": parents.get(id(conf)),
            "start_date": conf.start_date,
            "end_date": conf.end_date,
            "date_precision": "day" if conf.start_date else "unknown",
            "date_basis": conf.date_basis,
            "is_announced": conf.is_announced,
            "place_zh": conf.place_zh,
            "place_original": conf.place_original,
            "n_documents": len({c.doc.doc_id for c in conf.mentions}),
        })
    for event in corpus.events.values():
        for m in event.mentions:
            article_id = _article_id(m.doc, m.start)
            ev.add(m.doc, m.start, m.end, "events", event.event_id, "name", article_id)
            if m.date_span and m.date == (event.start_date, event.end_date):
                ev.add(m.doc, *m.date_span, "events", event.event_id, "start_date", article_id)
            if m.place and m.place[2] == event.place_zh:
                ev.add(m.doc, m.place[0], m.place[1], "events", event.event_id, "place", article_id)
        first = event.mentions[0]
        place = next((m for m in event.mentions if m.place and m.place[2] == event.place_zh), None)
        name_zh = meeting_name(event, named) or event.name_zh
        rows.append({
            "event_id": event.event_id,
            "name_zh": name_zh,
            "name_original": _original(event, name_zh),
            "event_type": event.event_type,
            "parent_event_id": event.parent.event_id if event.parent else None,
            "start_date": event.start_date,
            "end_date": event.end_date,
            "date_precision": event.date_precision,
            "date_basis": event.date_basis,
            "is_announced": event.is_announced,
            "place_zh": event.place_zh,
            "place_original": place.doc.view.source_text(place.place[0], place.place[1]) if place else None,
            "n_documents": len({m.doc.doc_id for m in event.mentions}),
        })
    return rows


def meeting_name(event, named: dict) -> str | None:
    """X会见<title chain>Y、<title chain>Z -> X会见Y、Z, from the people found in the clause (`named`:
    doc_id -> (mention, person) pairs)."""
    m = event.mentions[0]
    if event.event_type != "meeting" or m.other_span is None or m.lead_span is None or "会见" not in event.name_zh:
        return None
    names = []
    for pm, person in named.get(m.doc.doc_id, []):
        if pm.doc is m.doc and m.other_span[0] <= pm.start < m.other_span[1]:
            names.append((pm.start, person.name_zh))
    lead = m.doc.view.simplified[m.lead_span[0]:m.lead_span[1]]
    if not event.name_zh.startswith(lead):
        return None  # 某某等会见访问团: met by them (a passive clause), named hosts first as printed
    return f"{lead}会见{'、'.join(n for _, n in sorted(names))}" if names else None


def _article_id(doc, pos):
    article = doc.article_at(pos)
    return doc.article_id(article) if article else None


def _original(event, name_zh: str) -> str:
    """The name as a report prints it (script, punctuation), when a report prints it whole; else the name
    built from the text (某某与某某会面, a signing's parties and document)."""
    for m in event.mentions:
        view = m.doc.view
        if re.sub(r"[“”\"「」『』‘’]", "", view.simplified[m.start:m.end]).strip() == name_zh:
            return re.sub(r"[“”\"「」『』‘’]", "", view.source_text(m.start, m.end)).strip()
    return name_zh
