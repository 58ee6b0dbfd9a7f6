"""Table `frameworks`: what each list of cooperation areas belongs to (a cooperation meeting, a mechanism,
an event such as a signing or a visit, or a report), with its areas counted against what the texts state.
See hkcoop.frameworks and tables/sectors.py."""

from __future__ import annotations

from collections import Counter


def build(corpus) -> list[dict]:
    frameworks = {lst.framework.framework_id: lst.framework for lst in corpus.frameworks}
    rows = {}
    for fid, fw in frameworks.items():
        sectors = [r for r, _, _ in corpus.areas if r["framework_id"] == fid]
        ids = {r["sector_id"] for r in sectors}
        docs = {r["doc_id"] for r in sectors} | {lst.doc.doc_id for sid, lst, _ in corpus.area_evidence if sid in ids}
        lists = [lst for lst in corpus.frameworks if lst.framework.framework_id == fid]
        stated = Counter(t.amount.value for lst in lists for t in lst.stated)
        rows[fid] = {
            "framework_id": fid,
            "name_zh": fw.name_zh,
            "framework_type": fw.framework_type,
            "event_id": fw.event_id,
            "n_areas": len(sectors),
            "n_areas_numbered": sum(1 for r in sectors if r["number"] is not None),
            "stated_areas": int(max(stated, key=lambda v: (stated[v], v))) if stated else None,
            "list_forms": "; ".join(sorted({lst.form for lst in lists if lst.doc.doc_id in docs})),
            "n_documents": len(docs),
        }
    return list(rows.values())
