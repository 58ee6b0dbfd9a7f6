"""Each table of a release as a queryable table in the portal's CKAN DataStore (`datastore_search`,
`datastore_search_sql`, the portal's preview), beside the files `hkcoop publish` uploads.

One DataStore resource per table, named `datastore/<table>`: its fields and types mapped from the table's
schema in datapackage.json, its primary key as the DataStore's unique key, and the sha256 of the table's
Parquet file in `datastore_sha256` once every row is in.
- The same version again: a table whose resource holds the same sha256 is left alone.
- A new version: the table is loaded into a new resource under a loading name (`datastore/<table>
  (loading)`), in batches; once every row is in, it takes the table's name and the previous resource is
  deleted. A reader who looks a table up by name sees the previous version whole or the new one whole,
  never half of one.
- A load cut short leaves a resource under its loading name: the next run deletes it and loads again.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from pathlib import Path

PREFIX = "datastore/"
LOADING = " (loading)"
BATCH = 500  # rows per call
TYPES = {"string": "text", "integer": "int8", "number": "float8", "boolean": "bool", "date": "date",
         "datetime": "timestamp", "year": "int4"}  # Table Schema type -> DataStore (PostgreSQL) type


@dataclass(frozen=True)
class Table:
    name: str  # the table's name in the package (metrics, people …)
    parquet: Path
    sha256: str  # of the Parquet file, from SHA256SUMS
    fields: list[dict]  # DataStore fields: id, type, info (label and notes in English and Chinese)
    primary_key: list[str]
    description: str

    @property
    def resource_name(self) -> str:
        return PREFIX + self.name


def tables(folder: Path, sums: dict[str, str]) -> list[Table]:
    """The release's tables, in the order of its datapackage.json."""
    pkg = json.loads((folder / "datapackage.json").read_text("utf-8"))
    out = []
    for res in pkg["resources"]:
        schema = res["schema"]
        fields = [{"id": f["name"], "type": TYPES.get(f["type"], "text"),
                   "info": {"label": f["name"], "notes": f.get("description", ""),
                            "notes_zh": f.get("x-description-zh", "")}} for f in schema["fields"]]
        key = schema.get("primaryKey") or []
        out.append(Table(res["name"], folder / res["x-parquet"]["path"], sums[res["x-parquet"]["path"]], fields,
                         [key] if isinstance(key, str) else list(key),
                         f"{res['title']} / {res['x-title-zh']}: {res['description']} {res['x-description-zh']} Queryable with datastore_search and "
                         f"datastore_search_sql; the same rows as {res['x-parquet']['path']}."))
    return out


def records(table: Table) -> list[dict]:
    """The table's rows as JSON values: dates as ISO dates, missing values as null."""
    import pyarrow.parquet as pq

    names = [f["id"] for f in table.fields]
    rows = pq.read_table(table.parquet, columns=names).to_pylist()
    return [{k: _json_value(v) for k, v in row.items()} for row in rows]


def _json_value(v):
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


def n_rows(table: Table) -> int:
    import pyarrow.parquet as pq

    return pq.ParquetFile(table.parquet).metadata.num_rows


def plan(local: list[Table], remote_resources: list[dict]) -> tuple[list[Table], list[str]]:
    """(the tables to load, the ids of DataStore resources to delete once they are loaded): a table is
    loaded when no resource of its name holds its sha256 with its rows active; resources of tables no
    longer in the release, and loads cut short, are deleted."""
    by_name: dict[str, list[dict]] = {}
    for r in remote_resources:
        if (r.get("name") or "").startswith(PREFIX):
            by_name.setdefault(r["name"], []).append(r)
    loads, stale = [], []
    wanted = {t.resource_name for t in local}
    for t in local:
        current = by_name.get(t.resource_name, [])
        held = next((r for r in current if r.get("datastore_sha256") == t.sha256 and r.get("datastore_active")), None)
        if held is None:
            loads.append(t)
        stale += [r["id"] for r in current if r is not held]  # a run stopped between naming and deleting: both
        stale += [r["id"] for r in by_name.get(t.resource_name + LOADING, [])]
    stale += [r["id"] for name, rs in sorted(by_name.items()) for r in rs
              if name not in wanted and name.removesuffix(LOADING) not in wanted]
    return loads, stale


def load(portal, package_id: str, table: Table, version: str) -> int:
    """Load `table` into a new DataStore resource of `package_id`, under its loading name, then give it the
    table's name; returns the number of rows."""
    rows = records(table)
    first, rest = rows[:BATCH], rows[BATCH:]
    created = portal.call("datastore_create", resource={
        "package_id": package_id, "name": table.resource_name + LOADING, "format": "DataStore",
        "description": table.description}, fields=table.fields, primary_key=table.primary_key, records=first)
    rid = created["resource_id"]
    for start in range(0, len(rest), BATCH):
        portal.call("datastore_upsert", resource_id=rid, records=rest[start:start + BATCH], method="insert")
    portal.call("resource_patch", id=rid, name=table.resource_name, datastore_sha256=table.sha256,
                release_version=version, rows=str(len(rows)))
    return len(rows)
