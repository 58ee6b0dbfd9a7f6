"""Loaders for the curated reference data in reference/ (see reference/README.md)."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "reference"


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[dict, ...]:
    with (REFERENCE_DIR / name).open(encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


def jurisdictions() -> dict[str, str]:
    """Abbreviation -> full simplified name (沪 -> 上海)."""
    return {r["abbreviation"]: r["name_zh"] for r in rows("jurisdiction_abbreviations.csv")}


def sector_taxonomy() -> tuple[dict, ...]:
    return rows("sector_taxonomy.csv")


def canonical_sector(name_zh: str) -> str | None:
    """Code of the canonical sector an area heading maps to: the leftmost keyword wins, then the longest."""
    best = None
    for r in sector_taxonomy():
        for kw in r["keywords"].split("|"):
            pos = name_zh.find(kw)
            if pos >= 0 and (best is None or (pos, -len(kw)) < best[0]):
                best = ((pos, -len(kw)), r["code"])
    return best[1] if best else None


def agreement_type(title_zh: str) -> str:
    best = None
    for r in rows("agreement_types.csv"):
        if r["keyword"] in title_zh and (best is None or len(r["keyword"]) > len(best["keyword"])):
            best = r
    return best["agreement_type"] if best else "other"


def non_area_keywords() -> tuple[str, ...]:
    return tuple(r["keyword"] for r in rows("non_area_headings.csv"))


def titles() -> tuple[str, ...]:
    """Office titles, longest first."""
    return tuple(sorted((r["title"] for r in rows("titles.csv")), key=len, reverse=True))
