"""Table `sector_measures`: the measures printed under each cooperation area."""

from __future__ import annotations

from hkcoop.ingest.script import to_simplified


def build(corpus) -> list[dict]:
    rows = []
    for sector, lst, item in corpus.areas:
        doc = lst.doc
        for k, (s, e) in enumerate(item.measures, 1):
            measure_id = f"{sector['sector_id']}-m{k:02d}"
            original = doc.view.source_text(s, e)
            corpus.evidence.add(doc, s, e, "sector_measures", measure_id, "text")
            rows.append({"measure_id": measure_id, "sector_id": sector["sector_id"], "ordinal": k,
                         "text_zh": to_simplified(original), "text_original": original})
    return rows
