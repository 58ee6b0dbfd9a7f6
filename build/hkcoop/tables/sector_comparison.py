"""Table `sector_comparison`: which frameworks have an area in each canonical sector."""

from __future__ import annotations

from hkcoop.reference import sector_taxonomy


def build(corpus) -> list[dict]:
    sectors = [row for row, _, _ in corpus.areas]
    rows = []
    for tax in sector_taxonomy():
        members = sorted((s for s in sectors if s["canonical_sector"] == tax["code"]), key=lambda s: s["sector_id"])
        frameworks = sorted({s["framework_id"] for s in members})
        rows.append({
            "canonical_sector": tax["code"],
            "name_en": tax["name_en"],
            "n_frameworks": len(frameworks),
            "framework_ids": "; ".join(frameworks) or None,
            "sector_ids": "; ".join(s["sector_id"] for s in members) or None,
            "names_zh": "; ".join(s["name_zh"] for s in members) or None,
        })
    return rows
