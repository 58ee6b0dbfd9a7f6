"""Table `documents`: one row per raw file."""

from __future__ import annotations

from hkcoop.ingest.pages import heading_span
from hkcoop.ingest.script import TO_SIMPLIFIED, to_simplified


def build(corpus) -> list[dict]:
    rows = []
    evidence = corpus.evidence
    for doc in corpus.docs:
        e = doc.entry
        title = e.title or _first_headline(doc)
        rows.append({
            "doc_id": doc.doc_id,
            "file": e.file,
            "outlet": e.outlet,
            "outlet_basis": e.outlet_basis,
            "title": title,
            "title_zh": to_simplified(title) if title else None,
            "published": e.published,
            "published_basis": e.published_basis,
            "not_before": e.not_before,
            "reference_date": doc.reference_date[0],
            "reference_basis": doc.reference_date[1],
            "url": e.url,
            "license": e.license,
            "script": doc.script,
            "script_detected": doc.script_detected,
            "sha256": doc.raw.sha256,
            "n_bytes": len(doc.raw.data),
            "n_chars": len(doc.raw.text),
            "n_articles": len(doc.articles),
            "n_repairs": len(doc.view.repairs),
            "opencc_config": TO_SIMPLIFIED,
            "in_manifest": e.in_manifest,
            "notes": e.notes,
            "extraction_error": next((f"{f.stage}: {f.error}" for f in corpus.failures
                                      if f.doc_id == doc.doc_id and f.ordinal is None), None),
        })
    return rows


def _first_headline(doc) -> str | None:
    for a in doc.articles:
        if a.headline is not None:
            return doc.view.source_text(*heading_span(doc.view, a.headline))
    return None
