"""Table `metrics`: every figure as reported and normalized (see hkcoop.extract.figures), and the totals a text
states about itself (see hkcoop.extract.stated_totals), which validation compares with the rows they count.
Rows reporting the same fact in different documents share a fact_id."""

from __future__ import annotations

from hkcoop.slugs import short_hash, slug


def build(corpus) -> list[dict]:
    rows = []
    framework_of = {id(t): lst.framework.framework_id for lst in corpus.frameworks for t in lst.stated}
    frameworks = {lst.framework.framework_id for lst in corpus.frameworks}
    for t in corpus.stated_totals:
        doc = t.doc
        for said in [t] + t.again:  # each phrase of the document that states it
            corpus.evidence.add(doc, said.phrase_start, said.phrase_end, "metrics", t.metric_id, "value")
        event = t.conference
        subject = event.name_zh if event is not None else None  # a headline is no subject
        rs, re_ = doc.view.raw_span(t.phrase_start, t.phrase_end)
        rows.append({
            "metric_id": t.metric_id,
            "fact_id": f"{event.event_id}/{t.indicator}" if event is not None else None,
            "subject": subject,
            "indicator": t.indicator,
            "value": t.amount.value,
            "unit": t.unit,
            "qualifier": t.amount.qualifier,
            "qualifier_original": t.amount.qualifier_original,
            "value_as_reported": doc.view.source_text(t.start, t.end + 1),  # with its measure word
            "counted_zh": None,
            "period": event.start_date.isoformat() if event is not None and event.start_date else None,
            "as_of": None,
            "event_id": event.event_id if event is not None else None,
            "framework_id": (framework_of.get(id(t)) or next((f for f in [event and event.event_id] if f in frameworks),
                                                              None)) if t.indicator == "cooperation_areas" else None,
            "doc_id": doc.doc_id,
            "quote": doc.raw.text[rs:re_],
        })
    for f in corpus.figures:
        doc = f.doc
        metric_id = f"{doc.doc_id}-{f.indicator}-{short_hash(f'{f.start}:{f.end}')}"
        corpus.evidence.add(doc, f.clause_start, f.clause_end, "metrics", metric_id, "value")
        rs, re_ = doc.view.raw_span(f.clause_start, f.clause_end)
        when = f.as_of.isoformat() if f.as_of else f.period
        rows.append({
            "metric_id": metric_id,
            "fact_id": f"{f.indicator}/{slug(f.subject, 10)}/{when or 'undated'}/{f.unit}" if f.subject else None,
            "subject": f.subject,
            "indicator": f.indicator,
            "value": f.amount.value,
            "unit": f.unit,
            "qualifier": f.amount.qualifier,
            "qualifier_original": f.amount.qualifier_original,
            "value_as_reported": doc.view.source_text(f.start, f.end),
            "counted_zh": f.counted,
            "period": f.period,
            "as_of": f.as_of,
            "event_id": None,
            "framework_id": None,
            "doc_id": doc.doc_id,
            "quote": doc.raw.text[rs:re_],
        })
    return rows
