"""Table `metrics`: figures stated in the articles. Today: the totals a text states about itself
(see hkcoop.stated_totals), which validation compares with the rows they count."""

from __future__ import annotations


def build(corpus) -> list[dict]:
    rows = []
    for t in corpus.stated_totals:
        doc = t.doc
        article = doc.article_at(t.start)
        article_id = doc.article_id(article) if article else None
        corpus.evidence.add(doc, t.phrase_start, t.phrase_end, "metrics", t.metric_id, "value", article_id)
        event = t.conference
        if event is not None:
            subject = event.name_zh
        elif article is not None and article.headline is not None:
            subject = doc.view.simplified[slice(*doc.view.block_span(article.headline))].lstrip("# ")
        else:
            subject = doc.doc_id
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
            "period": event.start_date.isoformat() if event is not None and event.start_date else None,
            "event_id": event.event_id if event is not None else None,
            "doc_id": doc.doc_id,
            "quote": doc.raw.text[rs:re_],
        })
    return rows
