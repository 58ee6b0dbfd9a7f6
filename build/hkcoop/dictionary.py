"""The data dictionary (docs/data_dictionary.md), generated from schemas/ so it cannot drift."""

from __future__ import annotations

from hkcoop.schema import load_package_meta, load_tables


def render() -> str:
    meta = load_package_meta()
    lines = [f"# Data dictionary: {meta['title']}", "",
             "Generated from `schemas/` by `python -m hkcoop dictionary`; do not edit by hand.", "",
             "Every table is published as `curated/<table>.parquet` and `curated/<table>.csv` (same rows).", ""]
    for name, table in load_tables().items():
        d = table.descriptor
        schema = d["schema"]
        lines += [f"## `{name}` — {d['title']}", "", d["description"], "",
                  f"Primary key: `{', '.join(schema['primaryKey'])}`."]
        for fk in schema.get("foreignKeys", []):
            lines.append(f"Foreign key: `{fk['fields']}` → `{fk['reference']['resource']}.{fk['reference']['fields']}`.")
        lines += ["", "| column | type | required | description |", "|---|---|---|---|"]
        for f in table.fields:
            c = f.get("constraints", {})
            extra = []
            if "enum" in c:
                extra.append("one of " + ", ".join(f"`{v}`" for v in c["enum"]))
            if "pattern" in c:
                extra.append(f"pattern `{c['pattern']}`")
            desc = (f["description"] + (f" ({'; '.join(extra)})" if extra else "")).replace("|", "\\|")
            title = f" ({f['title']})" if f.get("title") else ""
            lines.append(f"| `{f['name']}`{title} | {f['type']} | {'yes' if c.get('required') else ''} | "
                         f"{desc} |")
        lines.append("")
    return "\n".join(lines)
