"""Table `text_repairs`: page-break artefacts repaired in the normalized view (see hkcoop.ingest.textview)."""

from __future__ import annotations


def build(corpus) -> list[dict]:
    rows = []
    evidence = corpus.evidence
    for doc in corpus.docs:
        for n, r in enumerate(sorted(doc.view.repairs, key=lambda r: (r.raw_start, r.raw_end, r.kind)), 1):
            end = min(r.raw_end, r.raw_start + 400)
            rows.append({
                "repair_id": f"{doc.doc_id}-r{n:03d}",
                "doc_id": doc.doc_id,
                "kind": r.kind,
                "char_start": r.raw_start,
                "char_end": end,
                "quote": doc.raw.text[r.raw_start:end],
            })
    return rows
