"""Table `sectors`: the cooperation areas of each framework (see hkcoop.resolve.frameworks), one list per
framework however many reports print it.

Reconciliation: the fullest list of a framework (headings before inline lists, then the most items, then
document order) gives the rows; an area of another report's list is the same row when both lists number
their areas and the numbers agree, or when the names agree: equal, one inside the other (创科 / 创新科技
and 科技创新), or the same canonical sector with half their characters in common, comparing also the parts
of a name joined by 和/及 (创新科技和产业发展 / 创新及科技), or a short form whose characters the long one
has in order (创科 / 创新及科技). When the first list is already as long as its report says the framework is,
no area is added: another report's area that states the same count can only be the row of the same
canonical sector; one that states no count (institutions' agreements 加强在A、B等领域的合作) is evidence only
where its name matches. Otherwise an area no row matches is added, unnumbered: numbers are kept only where
a source prints them, and a list is never numbered on after another. Every report's mention of an area is
evidence for its row.
"""

from __future__ import annotations

import re

from hkcoop.ingest.script import to_simplified
from hkcoop.reference import canonical_sector
from hkcoop.slugs import short_hash, slug

PUNCT = re.compile(r"[“”\"「」『』‘’\s·]")
PARTS = re.compile(r"和|及|与|、|以及")


def sector_id(framework_id: str, number: int | None, name_zh: str, duplicate: int = 0) -> str:
    if number is None:
        return f"{framework_id}-{slug(name_zh, 6)}-{short_hash(name_zh)}"
    return f"{framework_id}-s{number:02d}" + (f"-{duplicate + 1}" if duplicate else "")


def area_rows(corpus) -> tuple[list, list]:
    """([(sector row, AreaList, AreaItem)] for every area, [(sector_id, AreaList, AreaItem)] for the other
    reports' mentions of the same areas)."""
    by_framework: dict[str, list] = {}
    for lst in corpus.frameworks:
        by_framework.setdefault(lst.framework.framework_id, []).append(lst)
    out, extra = [], []
    for fid, lists in by_framework.items():
        order = sorted(range(len(lists)), key=lambda k: (lists[k].form == "inline", -len(lists[k].items), k))
        rows: list[tuple[dict, object, object]] = []
        base = lists[order[0]]
        complete = base.form != "inline" and any(len(base.items) >= t.amount.value for t in base.stated)
        for k in order:
            lst = lists[k]
            numbered = lst.form != "inline" and base.form != "inline" and lst is not base
            for item in lst.items:
                name_zh = _name(lst, item)
                restates = any(t.amount.value == len(base.items) for t in lst.stated)
                match = None if lst is base else _match(rows, item, name_zh, numbered, complete and restates)
                if match is not None:
                    extra.append((match[0]["sector_id"], lst, item))
                    continue
                if lst is not base and complete:
                    continue  # the framework's areas are all listed: an unmatched name is not a new area
                number = item.number if lst is base else None
                counts = sum(1 for r, _, _ in rows if r["number"] == number and number is not None)
                # a second list of the framework in one report continues that report's positions
                shared = lst is not base and any(r["doc_id"] == lst.doc.doc_id and other is not lst for r, other, _ in rows)
                position = 1 + max(r["print_position"] for r, _, _ in rows if r["doc_id"] == lst.doc.doc_id) \
                    if shared else item.print_position
                row = {
                    "sector_id": sector_id(fid, number, name_zh, counts),
                    "framework_id": fid,
                    "framework_event_id": lst.framework.event_id,
                    "number": number,
                    "print_position": position,
                    "name_zh": name_zh,
                    "name_original": lst.doc.view.source_text(item.name_start, item.name_end),
                    "canonical_sector": canonical_sector(name_zh),
                    "n_measures": len(item.measures),
                    "list_form": lst.form,
                    "doc_id": lst.doc.doc_id,
                }
                if any(r["sector_id"] == row["sector_id"] for r, _, _ in rows):
                    row["sector_id"] += f"-{lst.doc.doc_id[-4:]}{item.print_position}"
                rows.append((row, lst, item))
        out += rows
    return out, extra


def _name(lst, item) -> str:
    return to_simplified(lst.doc.view.source_text(item.name_start, item.name_end))


def _match(rows, item, name_zh: str, numbered: bool, complete: bool = False):
    """The row an area of another report's list is (see the module's docstring), or None."""
    if numbered and item.number is not None:
        same = [r for r in rows if r[0]["number"] == item.number]
        if same:
            return same[0]
    key = PUNCT.sub("", name_zh)
    for r in rows:
        other = PUNCT.sub("", r[0]["name_zh"])
        if key == other or (min(len(key), len(other)) >= 2 and (key in other or other in key)):
            return r
    parts = [p for p in PARTS.split(key) if len(p) >= 2] or [key]
    for r in rows:
        others = [p for p in PARTS.split(PUNCT.sub("", r[0]["name_zh"])) if len(p) >= 2]
        for a in parts:
            for b in others:
                code = canonical_sector(a)
                overlap = len(set(a) & set(b)) / len(set(a) | set(b))
                if code and code == canonical_sector(b) and overlap >= 0.5:
                    return r
    short = key if len(key) <= 3 else None
    for r in rows:
        other = PUNCT.sub("", r[0]["name_zh"])
        if short and canonical_sector(short) and canonical_sector(short) == r[0]["canonical_sector"] \
                and _in_order(short, other):
            return r
    if complete:
        code = canonical_sector(name_zh)
        same = [r for r in rows if code and r[0]["canonical_sector"] == code]
        if len(same) == 1:
            return same[0]
    return None


def build(corpus) -> list[dict]:
    rows = []
    for row, lst, item in corpus.areas:
        corpus.evidence.add(lst.doc, item.name_start, item.name_end, "sectors", row["sector_id"], "name")
        rows.append(row)
    for sid, lst, item in corpus.area_evidence:  # other reports of the same areas
        corpus.evidence.add(lst.doc, item.name_start, item.name_end, "sectors", sid, "name")
    return rows


def _in_order(short: str, long: str) -> bool:
    """创科 in 创新及科技: the short form's characters occur in the long name, in order."""
    it = iter(long)
    return all(ch in it for ch in short)
