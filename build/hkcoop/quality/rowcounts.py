"""checks/expected_row_counts.csv: the row count of every table built from the repository's raw/,
versioned so that a change in counts shows in review. `python -m hkcoop rowcounts` rewrites it."""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
PATH = REPO / "checks" / "expected_row_counts.csv"


def write(package: Path = REPO / "datapackage.json") -> Path:
    rows = json.loads(package.read_text("utf-8"))["x-coverage"]["rows"]
    PATH.write_text("table,rows\n" + "".join(f"{k},{v}\n" for k, v in rows.items()), encoding="utf-8")
    return PATH
