"""Table `indicators`: the controlled vocabulary of metrics.indicator, from reference/indicators.csv."""

from __future__ import annotations

from hkcoop.reference import rows


def build(corpus) -> list[dict]:
    return [{**r, "is_stated_total": r["is_stated_total"] == "true"} for r in rows("indicators.csv")]
