"""The data dictionary, generated from schemas/ so it cannot drift: in English and in Chinese, as Markdown and
HTML. Given a built package, it also shows example values of every column (the most frequent ones).

docs/data_dictionary.md and docs/data_dictionary.zh.md are the schema-only versions committed beside the
code; a release carries all four forms with example values from its own tables.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from hkcoop.schema import load_package_meta, load_tables

LANGS = ("en", "zh")
TEXT = {
    "en": {"title": "Data dictionary", "generated": "Generated from `schemas/` by `hkcoop dictionary`; do not edit by hand.",
           "files": "Every table is published as `curated/<table>.parquet` and `curated/<table>.csv` (same rows).",
           "pk": "Primary key", "fk": "Foreign key", "column": "column", "type": "type", "unit": "unit",
           "required": "required", "constraints": "constraints", "description": "description",
           "examples": "examples", "yes": "yes", "one_of": "one of", "pattern": "pattern", "rows": "rows",
           "other": "Chinese: [data_dictionary.zh.md](data_dictionary.zh.md)"},
    "zh": {"title": "数据字典", "generated": "由 `hkcoop dictionary` 根据 `schemas/` 生成，请勿手工编辑。",
           "files": "每张表都以 `curated/<表名>.parquet` 和 `curated/<表名>.csv` 发布（两者行相同）。",
           "pk": "主键", "fk": "外键", "column": "列", "type": "类型", "unit": "单位", "required": "必填",
           "constraints": "约束", "description": "说明", "examples": "示例值", "yes": "是", "one_of": "取值",
           "pattern": "格式", "rows": "行数", "other": "English: [data_dictionary.md](data_dictionary.md)"},
}
# the HTML page in the other language: (link text, file, language)
OTHER_HTML = {"en": ("中文：数据字典", "data_dictionary.zh.html", "zh-Hans"),
              "zh": ("English: data dictionary", "data_dictionary.html", "en")}
EXAMPLES = 3  # values shown per column
EXAMPLE_WIDTH = 40  # characters per value


@dataclass(frozen=True)
class Column:
    name: str
    title: str | None
    type: str
    unit: str | None
    required: bool
    constraints: list[tuple[str, str]]  # (kind, text): one_of / pattern
    description: dict[str, str]  # lang -> text
    examples: list[str]


def _examples(package_dir: Path | None) -> dict[str, dict[str, list[str]]]:
    """table -> column -> its most frequent values (ties by value), as text, from the Parquet twins."""
    if package_dir is None:
        return {}
    import duckdb

    con = duckdb.connect()
    out: dict[str, dict[str, list[str]]] = {}
    for name, table in load_tables().items():
        path = package_dir / "curated" / f"{name}.parquet"
        if not path.is_file():
            continue
        cols = {}
        for column in table.columns:
            q = f'"{column}"'
            rows = con.execute(
                f"select cast({q} as varchar) as v, count(*) as n from read_parquet(?) where {q} is not null "
                f"group by v order by n desc, v limit {EXAMPLES}", [str(path)]).fetchall()
            cols[column] = [v if len(v) <= EXAMPLE_WIDTH else v[:EXAMPLE_WIDTH - 1] + "…" for v, _ in rows]
        out[name] = cols
    return out


def _facts(package_dir: Path | None) -> tuple[dict, dict]:
    """(examples, row counts) of a built package; empty without one. Read once for all four forms."""
    return _examples(package_dir), _row_counts(package_dir)


def _row_counts(package_dir: Path | None) -> dict[str, int]:
    if package_dir is None:
        return {}
    import json

    return json.loads((package_dir / "datapackage.json").read_text("utf-8"))["x-coverage"]["rows"]


def _columns(table, examples: dict[str, list[str]]) -> list[Column]:
    cols = []
    for f in table.fields:
        c = f.get("constraints", {})
        cons = ([("one_of", ", ".join(str(v) for v in c["enum"]))] if "enum" in c else []) + \
               ([("pattern", c["pattern"])] if "pattern" in c else [])
        cols.append(Column(f["name"], f.get("title"), f["type"], f.get("x-unit"), bool(c.get("required")), cons,
                           {"en": f["description"], "zh": f["x-description-zh"]}, examples.get(f["name"], [])))
    return cols


def render(lang: str = "en", package_dir: Path | None = None, *, facts: tuple[dict, dict] | None = None) -> str:
    """Markdown. With `package_dir`, example values and row counts from that built package (`facts`, when
    already read)."""
    t = TEXT[lang]
    meta = load_package_meta()
    examples, counts = facts if facts is not None else _facts(package_dir)
    title = meta["title"] if lang == "en" else meta["x-title-zh-Hans"]
    lines = [f"# {t['title']}: {title}", "", t["generated"], "", t["files"], "", t["other"], ""]
    for name, table in load_tables().items():
        d = table.descriptor
        schema = d["schema"]
        heading = d["title"] if lang == "en" else d["x-title-zh"]
        desc = d["description"] if lang == "en" else d["x-description-zh"]
        lines += [f"## `{name}` — {heading}", "", desc, ""]
        if name in counts:
            lines.append(f"{t['rows']}: {counts[name]}.")
        lines.append(f"{t['pk']}: `{', '.join(schema['primaryKey'])}`.")
        for fk in schema.get("foreignKeys", []):
            lines.append(f"{t['fk']}: `{fk['fields']}` → `{fk['reference']['resource']}.{fk['reference']['fields']}`.")
        head = [t["column"], t["type"], t["unit"], t["required"], t["description"]]
        head += [t["examples"]] if package_dir else []
        lines += ["", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for col in _columns(table, examples.get(name, {})):
            extra = "; ".join(f"{t[kind]} `{text}`" for kind, text in col.constraints)
            text = col.description[lang] + (f" ({extra})" if extra else "")
            cells = [f"`{col.name}`" + (f" ({col.title})" if col.title else ""), col.type, col.unit or "",
                     t["yes"] if col.required else "", text]
            if package_dir:
                cells.append(", ".join(f"`{v}`" for v in col.examples))
            lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)


def render_html(lang: str = "en", package_dir: Path | None = None, *,
                facts: tuple[dict, dict] | None = None) -> str:
    """A self-contained HTML page (no external CSS or scripts) with the same content as `render`."""
    t = TEXT[lang]
    meta = load_package_meta()
    examples, counts = facts if facts is not None else _facts(package_dir)
    title = meta["title"] if lang == "en" else meta["x-title-zh-Hans"]
    e = html.escape
    out = [f'<!doctype html><html lang="{"en" if lang == "en" else "zh-Hans"}"><head><meta charset="utf-8">',
           f"<title>{e(t['title'])}: {e(title)}</title>",
           "<style>body{font-family:sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse;"
           "margin-bottom:2em}td,th{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}"
           "code{background:#f4f4f4}th{background:#eee}</style></head><body>",
           f"<h1>{e(t['title'])}: {e(title)}</h1>", f"<p>{_code(e(t['files']))}</p>",
           f'<p><a href="{OTHER_HTML[lang][1]}" hreflang="{OTHER_HTML[lang][2]}">{e(OTHER_HTML[lang][0])}</a></p>',
           "<nav><ul>"]
    tables = load_tables()
    out += [f'<li><a href="#{n}"><code>{e(n)}</code> — {e(tb.descriptor["title"] if lang == "en" else tb.descriptor["x-title-zh"])}'
            f"</a></li>" for n, tb in tables.items()]  # the contents in the page's language
    out.append("</ul></nav>")
    for name, table in tables.items():
        d = table.descriptor
        heading = d["title"] if lang == "en" else d["x-title-zh"]
        desc = d["description"] if lang == "en" else d["x-description-zh"]
        out += [f'<h2 id="{name}"><code>{e(name)}</code> — {e(heading)}</h2>', f"<p>{e(desc)}</p><p>"]
        if name in counts:
            out.append(f"{e(t['rows'])}: {counts[name]}. ")
        out.append(f"{e(t['pk'])}: <code>{e(', '.join(d['schema']['primaryKey']))}</code>.")
        for fk in d["schema"].get("foreignKeys", []):
            ref = fk["reference"]
            out.append(f' {e(t["fk"])}: <code>{e(fk["fields"])}</code> → '
                       f'<a href="#{ref["resource"]}"><code>{e(ref["resource"])}.{e(ref["fields"])}</code></a>.')
        head = [t["column"], t["type"], t["unit"], t["required"], t["description"]] + \
            ([t["examples"]] if package_dir else [])
        out.append("</p><table><tr>" + "".join(f"<th>{e(h)}</th>" for h in head) + "</tr>")
        for col in _columns(table, examples.get(name, {})):
            cons = "".join(f"<br>{e(t[kind])}: <code>{e(text)}</code>" for kind, text in col.constraints)
            cells = [f"<code>{e(col.name)}</code>" + (f"<br>{e(col.title)}" if col.title else ""), e(col.type),
                     e(col.unit or ""), e(t["yes"]) if col.required else "", e(col.description[lang]) + cons]
            if package_dir:
                cells.append("<br>".join(f"<code>{e(v)}</code>" for v in col.examples))
            out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def write_all(folder: Path, package_dir: Path | None = None, *, with_html: bool = True) -> list[Path]:
    """data_dictionary.md (English), data_dictionary.zh.md and, with `with_html`, their .html twins, into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    facts = _facts(package_dir)
    written = []
    for lang in LANGS:
        stem = "data_dictionary" + ("" if lang == "en" else f".{lang}")
        forms = [(".md", render)] + ([(".html", render_html)] if with_html else [])
        for suffix, make in forms:
            path = folder / (stem + suffix)
            path.write_text(make(lang, package_dir, facts=facts), encoding="utf-8")
            written.append(path)
    return written


def _code(escaped: str) -> str:
    """`x` in an already escaped text as <code>x</code>."""
    import re

    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)


def _md(cell: str) -> str:
    return cell.replace("|", "\\|").replace("\n", " ")
