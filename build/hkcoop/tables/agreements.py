"""Table `agreements`: documents signed (found in hkcoop.extract.signings, given their meeting in
hkcoop.resolve.signings), merged by id across articles."""

from __future__ import annotations

from hkcoop.ingest.script import to_simplified
from hkcoop.reference import agreement_type
from hkcoop.slugs import short_hash, slug


def agreement_id(sig) -> str:
    year = sig.signed_year or (sig.conference.start_date.year if sig.conference and sig.conference.start_date
                               else "undated")
    if sig.title_zh:
        return f"{year}-{slug(sig.title_zh, 8)}-{short_hash(sig.title_zh)}"
    key = "|".join(sorted(sig.parties)) + "|" + sig.kind_text
    return f"{year}-{slug(sig.parties[0], 6)}-{short_hash(key)}"


def build(corpus) -> list[dict]:
    rows: dict[str, dict] = {}
    # a signing not at a cooperation meeting: its own event, or the event it took place at (hkcoop.extract.events)
    signed_at = {id(sig): ev.event_id for ev in corpus.events.values() for m in ev.mentions for sig in m.signings}
    for sig in corpus.signings:
        doc = sig.doc
        aid = agreement_id(sig)
        corpus.evidence.add(doc, *sig.evidence_span, "agreements", aid, "title" if sig.title_zh else "kind")
        if sig.date_span:
            corpus.evidence.add(doc, *sig.date_span, "agreements", aid, "signed_date")
        if aid in rows:
            continue
        original = doc.view.source_text(sig.title_start, sig.title_end) if sig.title_zh else None
        rows[aid] = {
            "agreement_id": aid,
            "title_zh": to_simplified(original) if original else None,
            "title_original": original,
            "agreement_type": agreement_type(to_simplified(sig.kind_text)),
            "event_id": sig.conference.event_id if sig.conference else signed_at.get(id(sig)),
            "signed_date": sig.signed_date,
            "signed_year": sig.signed_year,
            "date_basis": sig.date_basis,
            "parties": "; ".join(sig.parties) or None,
            "signatories": "; ".join(sig.signatories) or None,
            "is_earlier_agreement": sig.is_earlier,
            "listed_under_metric_id": sig.listed_under.metric_id if sig.listed_under else None,
            "doc_id": doc.doc_id,
        }
    return list(rows.values())

