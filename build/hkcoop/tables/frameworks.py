"""Table `frameworks`: what each list of cooperation areas belongs to (a cooperation meeting, a mechanism,
an event such as a signing or a visit, or a report), with its areas counted against what the texts state.
See hkcoop.resolve.frameworks and tables/sectors.py."""

from __future__ import annotations

from collections import Counter, defaultdict


def build(corpus) -> list[dict]:
    lists: dict[str, list] = defaultdict(list)
    for lst in corpus.frameworks:
        lists[lst.framework.framework_id].append(lst)
    sectors: dict[str, list] = defaultdict(list)
    docs: dict[str, set] = defaultdict(set)  # the documents that name a framework's areas: rows and evidence
    framework_of = {}
    for row, _, _ in corpus.areas:
        sectors[row["framework_id"]].append(row)
        docs[row["framework_id"]].add(row["doc_id"])
        framework_of[row["sector_id"]] = row["framework_id"]
    for sid, lst, _ in corpus.area_evidence:
        docs[framework_of[sid]].add(lst.doc.doc_id)
    rows = []
    for fid, fw_lists in lists.items():
        fw = fw_lists[0].framework
        stated = Counter(t.amount.value for lst in fw_lists for t in lst.stated)
        rows.append({
            "framework_id": fid,
            "name_zh": fw.name_zh,
            "framework_type": fw.framework_type,
            "event_id": fw.event_id,
            "n_areas": len(sectors[fid]),
            "n_areas_numbered": sum(1 for r in sectors[fid] if r["number"] is not None),
            "stated_areas": int(max(stated, key=lambda v: (stated[v], v))) if stated else None,
            "list_forms": "; ".join(sorted({lst.form for lst in fw_lists if lst.doc.doc_id in docs[fid]})),
            "n_documents": len(docs[fid]),
        })
    return rows
