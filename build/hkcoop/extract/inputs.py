"""What the finders of signings, area lists and events read of the resolve stage's results for one document,
and a digest of each finder's share.

The extract stage resolves a document on its own (hkcoop.resolve.corpus.resolve_local), finds its signings,
area lists and events with that, and records the digests (`DocExtract.inputs`). The resolve stage computes
them again from the corpus's results and takes the record's facts where they agree; where they differ (a
name or a meeting known from another article), it finds that document's again. A digest holds exactly what
its finder reads, so equal digests mean equal findings.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from hkcoop.spans import by_doc


@dataclass(frozen=True)
class Resolved:
    """One document's share of the resolve stage's results, as its finders read them."""
    people: list  # PersonMention of people who are not reporters, in text order
    meetings: list  # (ConferenceMention, Conference) in the meetings' order (resolve.conferences.meetings_by_doc)
    stated: list  # StatedTotal, once per document, fact and meeting (hkcoop.resolve.stated_totals), in their order


def resolved_by_doc(corpus) -> dict[str, Resolved]:
    """doc_id -> its `Resolved`, for every document of `corpus`, from what has been resolved so far."""
    stated = by_doc(corpus.stated_totals)
    return {d.doc_id: Resolved(corpus.people_mentions.get(d.doc_id, []), corpus.meetings.get(d.doc_id, []),
                               stated.get(d.doc_id, [])) for d in corpus.docs}


def unchanged(corpus, finder: str, digest) -> dict[str, bool]:
    """doc_id -> whether the record's facts of `finder` were found with what the corpus resolved for the
    document, `digest(doc)`: if so the resolve stage takes them, else it finds them again."""
    return {d.doc_id: d.extracted is not None and d.extracted.inputs.get(finder) == digest(d) for d in corpus.docs}


def events(excluded: list[tuple[int, int]], people: list) -> str:
    """What `find_event_mentions` reads besides the text: the excluded spans (as a set: it asks only whether
    a position is inside one) and the people, in order, all their fields but the document."""
    return _digest({"excluded": sorted(set(excluded)), "people": list(people)})


def area_lists(got: Resolved) -> str:
    """What the area-list finders read: where the meetings are named and which are one meeting (in their
    order: a fact takes the first of its article's), and where each stated total is, of what."""
    return _digest(_meetings_and_totals(got))


def signings(got: Resolved) -> str:
    """What the signing finder reads: the area lists' inputs and the people, all their fields but the document."""
    return _digest({**_meetings_and_totals(got), "people": list(got.people)})


def _meetings_and_totals(got: Resolved) -> dict:
    group: dict[int, int] = {}  # id(Conference) -> its order among the document's
    meetings = [(c.start, c.end, group.setdefault(id(conf), len(group))) for c, conf in got.meetings]
    return {"meetings": meetings, "stated": [(t.start, t.end, t.indicator) for t in got.stated]}


def _digest(body: dict) -> str:
    from hkcoop.extract import records

    return hashlib.sha256(records.dumps(body)).hexdigest()
