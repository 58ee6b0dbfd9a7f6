"""Table `sectors`: the cooperation areas of each framework (see hkcoop.frameworks)."""

from __future__ import annotations

from hkcoop.reference import canonical_sector
from hkcoop.script import to_simplified


def sector_id(event_id: str, number: int, duplicate: int = 0) -> str:
    return f"{event_id}-s{number:02d}" + (f"-{duplicate + 1}" if duplicate else "")


def area_rows(corpus):
    """(sector row, AreaList, AreaItem) for every area, the first list of a framework giving the names."""
    out, seen = [], {}
    for lst in corpus.frameworks:
        event_id = lst.conference.event_id
        if seen.setdefault(event_id, lst.doc.doc_id) != lst.doc.doc_id:
            continue  # another document's list of the same framework only adds evidence (below)
        counts: dict[int, int] = {}
        for item in lst.items:
            dup = counts.get(item.number, 0)
            counts[item.number] = dup + 1
            original = lst.doc.view.source_text(item.name_start, item.name_end)
            name_zh = to_simplified(original)
            out.append(({
                "sector_id": sector_id(event_id, item.number, dup),
                "framework_event_id": event_id,
                "number": item.number,
                "print_position": item.print_position,
                "name_zh": name_zh,
                "name_original": original,
                "canonical_sector": canonical_sector(name_zh),
                "n_measures": len(item.measures),
                "list_form": lst.form,
                "doc_id": lst.doc.doc_id,
            }, lst, item))
    return out


def build(corpus) -> list[dict]:
    rows = []
    by_number = {}
    for row, lst, item in corpus.areas:
        doc = lst.doc
        corpus.evidence.add(doc, item.name_start, item.name_end, "sectors", row["sector_id"], "name")
        by_number.setdefault((row["framework_event_id"], row["number"]), row["sector_id"])
        rows.append(row)
    for lst in corpus.frameworks:  # other documents listing the same framework
        for item in lst.items:
            sid = by_number.get((lst.conference.event_id, item.number))
            if sid and not any(r["sector_id"] == sid and r["doc_id"] == lst.doc.doc_id for r in rows):
                corpus.evidence.add(lst.doc, item.name_start, item.name_end, "sectors", sid, "name")
    return rows
