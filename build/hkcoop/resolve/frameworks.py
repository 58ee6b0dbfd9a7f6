"""Cooperation frameworks: what each list of areas (hkcoop.extract.area_lists) belongs to.

A structured list belongs to the cooperation meeting near it. The framework of an inline list is, in this
order: the signing its sentence reports (the agreement's areas), the cooperation meeting named in its
paragraph, an event named in its sentence, a cooperation mechanism named in its sentence (自某年某港合作会议
机制建立以来,双方聚焦…), the meeting its article reports, the event its article reported last before it, the
article's first event; else the report itself. Several reports of one framework are reconciled in
tables/sectors.py.

The lists are the extract stage's, found with the document's own meetings and stated totals; an article's
are found again here only where the corpus's differ (hkcoop.extract.inputs).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from hkcoop.extract import inputs
from hkcoop.extract.area_lists import AreaList, inline_in_article, structured_in_article
from hkcoop.extract.conferences import mechanism_pattern
from hkcoop.resolve.conferences import conference_near
from hkcoop.slugs import slug
from hkcoop.spans import by_doc, pairs_by_doc


@dataclass(frozen=True)
class Framework:
    """What a list of areas belongs to."""

    framework_id: str  # the event's id, mechanism-<slug> for a mechanism, report-<article id> for a report
    name_zh: str
    framework_type: str  # conference_meeting | mechanism | event | report
    event_id: str | None


def conference_framework(conf) -> Framework:
    return Framework(conf.event_id, conf.name_zh, "conference_meeting", conf.event_id)


def find_structured_lists(corpus) -> list[AreaList]:
    """Every article's structured lists of areas, as the extract stage records them (their meeting and
    stated totals by position in the document's)."""
    got = inputs.resolved_by_doc(corpus)
    return corpus.scan("frameworks", lambda doc, article, _s, _e: structured_in_article(doc, article, got[doc.doc_id]))


def structured_lists(corpus) -> list[AreaList]:
    """The structured lists, each with its meeting's framework and its stated totals: the extract stage's,
    or found again where the document's meetings or stated totals differ from its own."""
    got = inputs.resolved_by_doc(corpus)
    same = inputs.unchanged(corpus, "area_lists", lambda d: inputs.area_lists(got[d.doc_id]))

    def in_article(doc, article):
        found = corpus.facts(doc, article).structured if same[doc.doc_id] else \
            structured_in_article(doc, article, got[doc.doc_id])
        return [_attached(lst, got[doc.doc_id], conference_framework(got[doc.doc_id].meetings[lst.meeting][1]))
                for lst in found]

    return corpus.scan("frameworks", lambda doc, article, _s, _e: in_article(doc, article))


def inline_lists(corpus) -> list[AreaList]:
    """Inline lists, each with its framework; what an article's lists are judged against (the document's
    stated totals of areas, structured lists and events) looked up by document, once."""
    got = inputs.resolved_by_doc(corpus)
    same = inputs.unchanged(corpus, "area_lists", lambda d: inputs.area_lists(got[d.doc_id]))
    structured = by_doc(corpus.structured_lists)
    event_mentions = pairs_by_doc((m, ev) for ev in corpus.events.values() for m in ev.mentions)

    def in_article(doc, article, start, end):
        found = corpus.facts(doc, article).inline if same[doc.doc_id] else \
            inline_in_article(doc, start, end, got[doc.doc_id], structured.get(doc.doc_id, []))
        if not found:
            return []
        events = [(m.start, ev) for m, ev in event_mentions.get(doc.doc_id, [])
                  if m.doc is doc and doc.article_at(m.start) is article]
        return [_attached(lst, got[doc.doc_id], _framework_of(corpus, doc, article, lst.at, events)) for lst in found]

    return corpus.scan("inline areas", in_article)


def _attached(lst: AreaList, got, framework: Framework) -> AreaList:
    """A copy of `lst` with its framework and the corpus's stated totals in place of their positions."""
    return dataclasses.replace(lst, framework=framework, stated=[got.stated[k] for k in lst.stated_at])


def _framework_of(corpus, doc, article, pos: int, events: list) -> Framework:
    """What an inline list at `pos` belongs to (see the module's docstring); `events` are the (position,
    event) mentions of its article."""
    ss, se = doc.sentence_at(pos)
    text = doc.view.simplified

    def event_framework(ev):
        return Framework(ev.event_id, ev.name_zh, "event", ev.event_id)

    signing = next((ev for p, ev in events if ss <= p < pos and ev.event_type == "signing_ceremony"), None)
    if signing is not None:
        return event_framework(signing)
    conf = conference_near(doc, pos, corpus.meetings, article_fallback=False)
    if conf is not None:
        return conference_framework(conf)
    in_sentence = [ev for p, ev in events if ss <= p < se]
    if in_sentence:
        return event_framework(in_sentence[0])
    mech = re.search(mechanism_pattern(), text[ss:pos])
    if mech:
        return Framework(f"mechanism-{slug(mech.group(0))}", mech.group(0), "mechanism", None)
    conf = conference_near(doc, pos, corpus.meetings, article_fallback=True)
    if conf is not None:
        return conference_framework(conf)
    before = [(p, ev) for p, ev in events if p < pos]
    if before:
        return event_framework(max(before, key=lambda x: x[0])[1])
    if events:
        return event_framework(min(events, key=lambda x: x[0])[1])
    article_id = doc.article_id(article)
    return Framework(f"report-{article_id.lower()}", doc.headline_zh(article) or article_id, "report", None)
