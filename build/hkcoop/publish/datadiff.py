"""Row-level diff of two built packages, keyed by each table's primary key (DuckDB over the Parquet twins).

A row is *added* or *removed* when its key is in one package only, and *changed* when both hold its key
and a field's value differs; schema changes (tables and fields added or removed, types changed) are
listed apart. Values are compared as text, so a column whose type changed is still compared.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

KEY_SEPARATOR = "|"  # composite keys joined as in mentions.row_id


@dataclass
class TableDiff:
    name: str
    rows_before: int
    rows_after: int
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)  # key, field, old, new
    schema: list[str] = field(default_factory=list)

    @property
    def changed_rows(self) -> list[str]:
        return sorted({key for key, *_ in self.changed})

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.schema)


@dataclass
class PackageDiff:
    tables: list[TableDiff]

    @property
    def is_empty(self) -> bool:
        return all(t.is_empty for t in self.tables)

    def csv(self) -> str:
        """Every difference, one per line: table, key, change (added/removed/changed/schema), field, old, new."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["table", "key", "change", "field", "before", "after"])
        for t in self.tables:
            for s in t.schema:
                w.writerow([t.name, "", "schema", "", "", s])
            for key in t.added:
                w.writerow([t.name, key, "added", "", "", ""])
            for key in t.removed:
                w.writerow([t.name, key, "removed", "", "", ""])
            for key, name, old, new in t.changed:
                w.writerow([t.name, key, "changed", name, old, new])
        return buf.getvalue()


def _resources(package_dir: Path) -> dict[str, dict]:
    descriptor = json.loads((package_dir / "datapackage.json").read_text("utf-8"))
    return {r["name"]: r for r in descriptor["resources"]}


def _fields(resource: dict) -> dict[str, str]:
    return {f["name"]: f["type"] for f in resource["schema"]["fields"]}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def diff_packages(before: Path, after: Path) -> PackageDiff:
    import duckdb

    old, new = _resources(before), _resources(after)
    con = duckdb.connect()
    tables = []
    for name in list(new) + [n for n in old if n not in new]:
        if name not in old or name not in new:
            res, pkg = (new[name], after) if name in new else (old[name], before)
            n = _count(con, pkg / res["x-parquet"]["path"])
            tables.append(TableDiff(name, 0 if name in new else n, n if name in new else 0,
                                    schema=["table added" if name in new else "table removed"]))
            continue
        fo, fn = _fields(old[name]), _fields(new[name])
        schema = [f"field {f} added ({fn[f]})" for f in fn if f not in fo]
        schema += [f"field {f} removed" for f in fo if f not in fn]
        schema += [f"field {f}: type {fo[f]} -> {fn[f]}" for f in fn if f in fo and fo[f] != fn[f]]
        key_old, key_new = old[name]["schema"]["primaryKey"], new[name]["schema"]["primaryKey"]
        if key_old != key_new:
            schema.append(f"primary key {key_old} -> {key_new}: rows compared on the new key where possible")
        tables.append(_rows(con, name, before / old[name]["x-parquet"]["path"], after / new[name]["x-parquet"]["path"],
                            key_new if all(k in fo for k in key_new) else key_old,
                            [f for f in fn if f in fo], schema))
    return PackageDiff(tables)


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _count(con, path: Path) -> int:
    return con.execute("select count(*) from read_parquet(?)", [str(path)]).fetchall()[0][0]


def _rows(con, name: str, old_path: Path, new_path: Path, key: list[str], common: list[str],
          schema: list[str]) -> TableDiff:
    for view, path in (("o", old_path), ("n", new_path)):  # a view takes no prepared parameter
        con.execute(f"create or replace temp view {view} as select * from read_parquet({_literal(path)})")
    key_sql = " || '|' || ".join(f"coalesce(cast({_quote(k)} as varchar), '')" for k in key)
    using = ", ".join(_quote(k) for k in key)
    added = [r[0] for r in con.execute(
        f"select {key_sql} as k from n anti join o using ({using}) order by k").fetchall()]
    removed = [r[0] for r in con.execute(
        f"select {key_sql} as k from o anti join n using ({using}) order by k").fetchall()]
    changed = []
    values = [c for c in common if c not in key]
    if values:
        keyed = " || '|' || ".join(f"coalesce(cast(n.{_quote(k)} as varchar), '')" for k in key)
        arms = " union all ".join(
            f"select {keyed} as k, '{c}' as f, cast(o.{_quote(c)} as varchar) as before, "
            f"cast(n.{_quote(c)} as varchar) as after from o join n using ({using}) "
            f"where cast(o.{_quote(c)} as varchar) is distinct from cast(n.{_quote(c)} as varchar)"
            for c in values)
        changed = [tuple(r) for r in con.execute(f"select * from ({arms}) order by k, f").fetchall()]
    return TableDiff(name, _count(con, old_path), _count(con, new_path), added, removed, changed, schema)


def changelog(diff: PackageDiff | None, version: str, previous: str | None, released: str,
              listed: int = 50) -> str:
    """CHANGELOG.md of a release: a summary per table, schema changes, then the rows (at most `listed` per
    kind and table here; changes.csv has them all)."""
    lines = [f"# Changelog: {version} ({released})", ""]
    if diff is None:
        lines += ["First release: there is no earlier release to compare with.", ""]
        return "\n".join(lines)
    lines += [f"Compared with release {previous}, row by row, keyed by each table's primary key "
              f"(composite keys joined with `{KEY_SEPARATOR}`). Every difference is also in `changes.csv`.", ""]
    if diff.is_empty:
        lines += ["No row, field or schema changed.", ""]
        return "\n".join(lines)
    lines += ["| table | rows before | rows after | added | removed | changed rows | schema changes |",
              "|---|---|---|---|---|---|---|"]
    for t in diff.tables:
        lines.append(f"| `{t.name}` | {t.rows_before} | {t.rows_after} | {len(t.added)} | {len(t.removed)} | "
                     f"{len(t.changed_rows)} | {len(t.schema)} |")
    lines.append("")
    for t in diff.tables:
        if t.is_empty:
            continue
        lines += [f"## `{t.name}`", ""]
        for s in t.schema:
            lines.append(f"- schema: {s}")
        for label, keys in (("added", t.added), ("removed", t.removed)):
            if keys:
                shown = ", ".join(f"`{k}`" for k in keys[:listed])
                more = f" … and {len(keys) - listed} more" if len(keys) > listed else ""
                lines.append(f"- {len(keys)} {label}: {shown}{more}")
        if t.changed:
            lines += ([""] if lines[-1] else []) + [f"{len(t.changed_rows)} changed:", "", "| key | field | before | after |", "|---|---|---|---|"]
            for key, name, old, new in t.changed[:listed]:
                lines.append(f"| `{key}` | `{name}` | {_cell(old)} | {_cell(new)} |")
            if len(t.changed) > listed:
                lines.append(f"| … | {len(t.changed) - listed} more field changes in changes.csv | | |")
        lines.append("")
    return "\n".join(lines)


def _cell(value: str | None, width: int = 80) -> str:
    if value is None:
        return "*null*"
    text = value if len(value) <= width else value[:width - 1] + "…"
    return text.replace("|", "\\|").replace("\n", " ")
