"""The totals the texts state (hkcoop.extract.stated_totals), each with its meeting, once per document and fact.
"""

from __future__ import annotations

import dataclasses

from hkcoop.extract.stated_totals import StatedTotal
from hkcoop.resolve.conferences import conference_near


def resolve_stated_totals(corpus) -> list[StatedTotal]:
    """One stated total per document and fact (indicator, value, unit, meeting): a document that states it
    twice (in its lead and again in its box) gives one, with both phrases as its evidence. Each is the
    meeting's that its block or article names (the conferences resolved before)."""
    found = []
    for t in corpus.found("stated"):
        # counts of signing institutions often belong to a side event named in the same sentence
        conf = conference_near(t.doc, t.start, corpus.meetings, article_fallback=t.indicator != "institutions_signing")
        found.append(dataclasses.replace(t, conference=conf, again=[]))
    first: dict[tuple, StatedTotal] = {}
    for t in sorted(found, key=lambda t: (t.doc.doc_id, t.start)):
        key = (t.doc.doc_id, t.indicator, t.amount.value, t.unit, getattr(t.conference, "event_id", None))
        if key in first:
            first[key].again.append(t)
        else:
            first[key] = t
    return list(first.values())
