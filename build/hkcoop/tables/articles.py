"""Table `articles`: the articles each page splits into (see hkcoop.ingest.pages)."""

from __future__ import annotations

from hkcoop.ingest.pages import heading_span
from hkcoop.ingest.script import to_simplified


def build(corpus) -> list[dict]:
    rows = []
    evidence = corpus.evidence
    failed = {f.key: f"{f.stage}: {f.error}" for f in corpus.failures}
    for doc in corpus.docs:
        view = doc.view
        for a in doc.articles:
            article_id = doc.article_id(a)
            start, _ = view.block_span(a.first)
            _, end = view.block_span(a.last)
            raw_start, raw_end = view.raw_span(start, end)
            headline = _heading(doc, a.headline, article_id, "headline", evidence)
            subs = [_heading(doc, i, article_id, "subheadline", evidence) for i in a.subheadlines]
            byline = view.source_text(*view.block_span(a.byline)) if a.byline is not None else None
            if a.byline is not None:
                evidence.add(doc, *view.block_span(a.byline), "articles", article_id, "byline", article_id)
            if a.headline is None:
                # untitled (or a page index): its first line is the evidence that the article exists
                s, e = view.block_span(a.first)
                evidence.add(doc, s, min(e, s + 40), "articles", article_id, "first_line", article_id)
            subline = " / ".join(subs) if subs else None
            rows.append({
                "article_id": article_id,
                "doc_id": doc.doc_id,
                "ordinal": a.ordinal,
                "kind": a.kind,
                "headline_zh": to_simplified(headline) if headline else None,
                "headline_original": headline,
                "subheadline_zh": to_simplified(subline) if subline else None,
                "subheadline_original": subline,
                "byline_zh": to_simplified(byline) if byline else None,
                "byline_original": byline,
                "is_headline_displaced": a.headline is not None and a.headline != a.first,
                "char_start": raw_start,
                "char_end": raw_end,
                "n_chars": sum(len(view.blocks[i].text) for i in range(a.first, a.last + 1)),
                "extraction_error": failed.get((doc.doc_id, a.ordinal)),
            })
    return rows


def _heading(doc, index, article_id, field, evidence) -> str | None:
    if index is None:
        return None
    start, end = heading_span(doc.view, index)
    evidence.add(doc, start, end, "articles", article_id, field, article_id)
    return doc.view.source_text(start, end)
