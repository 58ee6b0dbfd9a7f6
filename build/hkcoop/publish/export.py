"""Export: deterministic Parquet + CSV per table and the generated `datapackage.json`.

Determinism: rows sorted by primary key, fixed column order from schemas/, explicit Parquet
compression and row-group size, CSV with UTF-8, '\n' line endings and fixed number/date formats, and
no timestamps anywhere. The package is stamped from its inputs (sha256 of every raw file), not the clock.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import math
from pathlib import Path

from hkcoop.errors import BuildError
from hkcoop.schema import Table

CURATED = "curated"
PARQUET_OPTIONS = dict(compression="zstd", compression_level=9, row_group_size=1_000_000,
                       use_dictionary=False, write_statistics=True, data_page_version="2.0")


def check_columns(table: Table, rows: list[dict]) -> None:
    """A column in the data but not in the schema, or the reverse, is a build error."""
    want = set(table.columns)
    for row in rows:
        if set(row) != want:
            extra, missing = sorted(set(row) - want), sorted(want - set(row))
            raise BuildError(f"schemas/{table.name}.json",
                             f"table {table.name}: columns not in schema {extra}, schema fields not produced {missing}")


def sort_rows(table: Table, rows: list[dict]) -> list[dict]:
    key = table.primary_key
    return sorted(rows, key=lambda r: tuple("" if r[k] is None else str(r[k]) for k in key))


def to_arrow(table: Table, rows: list[dict]) -> "pa.Table":
    import pyarrow as pa

    schema = table.arrow_schema()
    try:
        return pa.Table.from_pylist([{c: r[c] for c in table.columns} for r in rows], schema=schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise BuildError(f"schemas/{table.name}.json", f"table {table.name}: values do not fit the schema: {exc}") from None


def write_table(table: Table, rows: list[dict], out_dir: Path) -> list[Path]:
    import pyarrow.parquet as pq

    check_columns(table, rows)
    rows = sort_rows(table, rows)
    arrow = to_arrow(table, rows)
    parquet_path = out_dir / CURATED / f"{table.name}.parquet"
    csv_path = out_dir / CURATED / f"{table.name}.csv"
    pq.write_table(arrow, parquet_path, **PARQUET_OPTIONS)
    with csv_path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(table.columns)
        for r in rows:
            writer.writerow([csv_cell(r[c]) for c in table.columns])
    return [parquet_path, csv_path]


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return "%.15g" % value
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def file_stamp(path: Path) -> dict:
    data = path.read_bytes()
    return {"bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}


def write_descriptor(meta: dict, tables: dict[str, Table], docs, counts: dict[str, int], out_dir: Path) -> Path:
    """Generate datapackage.json from schemas/ and the manifest. Never edit the output by hand."""
    package = {k: v for k, v in meta.items() if k != "resources" and v is not None}
    package["profile"] = "data-package"
    package["sources"] = [
        {"title": f"{d.entry.outlet or 'unknown outlet'}: {d.entry.title or d.doc_id}",
         **({"path": d.entry.url} if d.entry.url else {}),
         "x-doc-id": d.doc_id, "x-file": d.entry.file, "x-sha256": d.raw.sha256,
         **({"x-published": d.entry.published.isoformat()} if d.entry.published else {})}
        for d in docs
    ]
    inputs = hashlib.sha256("\n".join(f"{d.entry.file} {d.raw.sha256}" for d in docs).encode()).hexdigest()
    package["x-inputs-sha256"] = inputs
    published = [d.entry.published for d in docs if d.entry.published]
    bounds = [d.entry.not_before for d in docs if d.entry.not_before]  # documents whose date is only bounded
    package["x-coverage"] = {
        "documents": len(docs),
        "latest_published": max(published).isoformat() if published else None,
        "latest_not_before": max(bounds).isoformat() if bounds else None,
        "rows": counts,
    }
    resources = []
    for name, table in tables.items():
        csv_path = out_dir / CURATED / f"{name}.csv"
        parquet_path = out_dir / CURATED / f"{name}.parquet"
        res = {
            "name": name,
            "path": f"{CURATED}/{name}.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "title": table.descriptor["title"],
            "description": table.descriptor["description"],
            "x-title-zh": table.descriptor["x-title-zh"],
            "x-description-zh": table.descriptor["x-description-zh"],
            **file_stamp(csv_path),
            "x-parquet": {"path": f"{CURATED}/{name}.parquet", **file_stamp(parquet_path)},
            "schema": table.descriptor["schema"],
        }
        resources.append(res)
    package["resources"] = resources
    path = out_dir / "datapackage.json"
    path.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
