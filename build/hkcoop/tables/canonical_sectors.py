"""Table `canonical_sectors`: the canonical sector taxonomy, published from reference/sector_taxonomy.csv."""

from __future__ import annotations

from hkcoop.reference import sector_taxonomy


def build(corpus) -> list[dict]:
    return [{k: r[k] for k in ("code", "name_en", "name_zh", "keywords", "description")} for r in sector_taxonomy()]
