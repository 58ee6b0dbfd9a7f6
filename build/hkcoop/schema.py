"""schemas/: the single source of truth for tables and fields.

Each `schemas/<table>.json` is a Frictionless resource descriptor without a path; `schemas/package.json`
holds the package metadata and the order of the resources. Everything else (the descriptor, column
order, Parquet types, field documentation) is derived from here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from hkcoop.errors import BuildError

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"
PACKAGE_FILE = "package.json"

ARROW_TYPES = {
    "string": "string",  # pyarrow's type factories, by name: pyarrow is imported only to write or read tables
    "integer": "int64",
    "number": "float64",
    "boolean": "bool_",
    "date": "date32",
}


@dataclass(frozen=True)
class Table:
    name: str
    descriptor: dict

    @property
    def fields(self) -> list[dict]:
        return self.descriptor["schema"]["fields"]

    @property
    def columns(self) -> list[str]:
        return [f["name"] for f in self.fields]

    @property
    def primary_key(self) -> list[str]:
        return self.descriptor["schema"]["primaryKey"]

    def arrow_schema(self) -> "pa.Schema":
        import pyarrow as pa

        return pa.schema([
            pa.field(f["name"], getattr(pa, ARROW_TYPES[f["type"]])(),
                     nullable=not f.get("constraints", {}).get("required", False),
                     metadata={"description": f["description"]})
            for f in self.fields
        ])


def load_package_meta(schema_dir: Path = SCHEMA_DIR) -> dict:
    return json.loads((schema_dir / PACKAGE_FILE).read_text(encoding="utf-8"))


def load_tables(schema_dir: Path = SCHEMA_DIR) -> dict[str, Table]:
    """All tables in the package's order; raises on a schema that breaks the house rules."""
    meta = load_package_meta(schema_dir)
    files = {p.stem: p for p in schema_dir.glob("*.json") if p.name != PACKAGE_FILE}
    order = meta["resources"]
    if set(order) != set(files):
        raise BuildError(schema_dir / PACKAGE_FILE,
                         f"resources listed {sorted(set(order) ^ set(files))} do not match the schema files")
    tables = {}
    for name in order:
        path = files[name]
        desc = json.loads(path.read_text(encoding="utf-8"))
        if desc.get("name") != name:
            raise BuildError(path, f"resource name {desc.get('name')!r} does not match the file name")
        for key in ("title", "description", "x-title-zh", "x-description-zh"):  # the dictionary is bilingual
            if not str(desc.get(key) or "").strip():
                raise BuildError(path, f"resource has an empty {key}")
        seen = set()
        for f in desc["schema"]["fields"]:
            for key in ("description", "x-description-zh"):
                if not str(f.get(key) or "").strip():
                    raise BuildError(path, f"field {f.get('name')!r} has an empty {key}")
            if f.get("type") not in ARROW_TYPES:
                raise BuildError(path, f"field {f['name']!r} has unsupported type {f.get('type')!r}")
            if f["name"] in seen:
                raise BuildError(path, f"field {f['name']!r} is defined twice")
            seen.add(f["name"])
        for key in desc["schema"]["primaryKey"]:
            if key not in seen:
                raise BuildError(path, f"primary key field {key!r} is not a field")
        tables[name] = Table(name, desc)
    return tables
