"""Signed documents with their meeting: the extract stage's signings (hkcoop.extract.signings), found again
only where the document's people, meetings or stated totals resolved across articles differ from its own
(hkcoop.extract.inputs), each given the meeting merged across reports and what that meeting says of it.
"""

from __future__ import annotations

import dataclasses

from hkcoop.extract import inputs
from hkcoop.extract.signings import Signing, in_article, vague
from hkcoop.reference import jurisdictions


def resolve_signings(corpus) -> list[Signing]:
    got = inputs.resolved_by_doc(corpus)
    same = inputs.unchanged(corpus, "signings", lambda d: inputs.signings(got[d.doc_id]))

    def signings(doc, article):
        found = corpus.facts(doc, article).signings if same[doc.doc_id] else in_article(doc, article, got[doc.doc_id])
        return [at_meeting(sig, got[doc.doc_id]) for sig in found]

    return corpus.scan("signings", lambda doc, article, _s, _e: signings(doc, article))


def at_meeting(sig: Signing, got: inputs.Resolved) -> Signing:
    """A copy of `sig` with its meeting and the total its list is counted by (in place of their positions in
    `got`); undated, it takes the date of a one-day meeting; signed "by both sides" (双方签署了《…》 at a 某港
    meeting), the two jurisdictions of the meeting's mechanism are its parties."""
    conf = got.meetings[sig.meeting][1] if sig.meeting is not None else None
    changes = {"conference": conf, "listed_under": got.stated[sig.listed] if sig.listed is not None else None}
    if conf is not None:
        if sig.signed_date is None and conf.start_date and conf.start_date == conf.end_date:
            changes.update(signed_date=conf.start_date, signed_year=conf.start_date.year,
                           date_basis="date of the event it was signed at")
        if all(vague(p) for p in sig.parties):
            abbr = jurisdictions()
            pair = [abbr[ch] for ch in conf.key[0][:3] if ch in abbr][:2]
            if len(pair) == 2:
                changes["parties"] = pair
    return dataclasses.replace(sig, **changes)
