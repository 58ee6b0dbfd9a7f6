"""A local portal: a built package or a release loaded into SQLite (sqlite-utils) and served by Datasette.

prepare() writes PORTAL/hkcoop.db (typed tables, primary and foreign keys, booleans as true/false,
full-text search on names and titles that matches either script), PORTAL/metadata.json (bilingual titles, column descriptions from schemas/, licence, sources,
facets, canned queries) and PORTAL/plots/ (shown on the front page). serve() runs Datasette on it, on
127.0.0.1 only.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

DB = "hkcoop"
# the column shown for a row where another table links to it
LABELS = {"documents": "title_zh", "articles": "headline_zh", "events": "name_zh", "people": "name_zh",
          "frameworks": "name_zh", "sectors": "name_zh", "canonical_sectors": "name_zh", "indicators": "description",
          "metrics": "value_as_reported", "agreements": "title_zh"}
FACETS = {"events": ["event_type", "date_precision"], "people": ["is_reporter"], "person_roles": ["jurisdiction"],
          "event_participants": ["role"], "sectors": ["framework_id", "canonical_sector", "list_form"],
          "metrics": ["indicator", "unit", "qualifier"], "agreements": ["agreement_type", "event_id"],
          "frameworks": ["framework_type"], "check_outcomes": ["rule", "status"],
          "mentions": ["table_name", "doc_id"], "documents": ["outlet", "script"], "articles": ["doc_id", "kind"]}
# full-text search (trigram tokenizer: any 3 characters of a Chinese name; shorter terms: use the column filters),
# in a table <name>_search of its own that holds these columns in both scripts (hkcoop.ingest.script.search_forms)
SEARCH = {"people": ["name_zh", "name_original", "name_pinyin"], "events": ["name_zh", "name_original", "place_zh"],
          "agreements": ["title_zh", "title_original", "parties"], "sectors": ["name_zh", "name_original"],
          "articles": ["headline_zh", "headline_original"], "frameworks": ["name_zh"]}
QUERIES = {
    "evidence": {
        "title": "The evidence of a row / 某行的证据",
        "description": "Every mention behind a row: the document, the character offsets in its raw file, the quote. "
                       "行的全部证据：文件、原文字符位置、引文。",
        "sql": "select m.mention_id, m.field, m.quote, m.char_start, m.char_end, m.doc_id, d.title_zh as document,\n"
               "  m.article_id\nfrom mentions m join documents d on d.doc_id = m.doc_id\n"
               "where m.table_name = :table_name and m.row_id = :row_id\norder by m.doc_id, m.char_start, m.mention_id"},
    "participants": {
        "title": "Who took part in which event / 谁参与了哪项活动",
        "sql": "select e.start_date, e.name_zh as event, e.event_type, p.name_zh as person, p.name_pinyin, ep.role,\n"
               "  e.event_id, p.person_id\n"
               "from event_participants ep join events e on e.event_id = ep.event_id\n"
               "join people p on p.person_id = ep.person_id\n"
               "order by e.start_date, e.name_zh, ep.role, p.name_zh"},
    "areas_per_framework": {
        "title": "Cooperation areas per framework / 各框架的合作领域",
        "sql": "select f.framework_id, f.name_zh, f.framework_type, f.n_areas, f.stated_areas,\n"
               "  (select group_concat(name_zh, '; ') from (select name_zh from sectors s\n"
               "    where s.framework_id = f.framework_id order by s.print_position, s.sector_id)) as areas\n"
               "from frameworks f order by f.n_areas desc, f.framework_id"},
    "figures_by_indicator": {
        "title": "Figures by indicator / 按指标列出数据",
        "sql": "select i.code as indicator, i.description, m.value, m.unit, m.qualifier, m.value_as_reported,\n"
               "  m.subject, m.period, m.doc_id\n"
               "from metrics m join indicators i on i.code = m.indicator\n"
               "order by i.code, m.value desc, m.metric_id"},
}


def prepare(package_dir: Path, portal: Path) -> Path:
    """Load the package into portal/hkcoop.db and write metadata.json and plots/; returns the database."""
    import pyarrow.parquet as pq
    import sqlite_utils

    from hkcoop.publish import plots

    pkg = json.loads((package_dir / "datapackage.json").read_text("utf-8"))
    portal.mkdir(parents=True, exist_ok=True)
    db_path = portal / f"{DB}.db"
    tmp = db_path.with_suffix(".db.tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite_utils.Database(tmp)
    sql_types = {"string": str, "date": str, "integer": int, "number": float, "boolean": str}  # true / false
    for res in pkg["resources"]:
        fields = res["schema"]["fields"]
        key = res["schema"]["primaryKey"]
        db[res["name"]].create({f["name"]: sql_types[f["type"]] for f in fields},
                               pk=key[0] if len(key) == 1 else tuple(key),
                               not_null={f["name"] for f in fields if f.get("constraints", {}).get("required")})
        rows = pq.read_table(package_dir / res["x-parquet"]["path"]).to_pylist()
        db[res["name"]].insert_all(({k: _cell(v) for k, v in r.items()} for r in rows), batch_size=1000)
    links = _evidence_links(db, pkg)
    db.add_foreign_keys([(res["name"], fk["fields"], fk["reference"]["resource"], fk["reference"]["fields"])
                         for res in pkg["resources"] for fk in res["schema"].get("foreignKeys", [])] + links)
    db.index_foreign_keys()
    for table, columns in SEARCH.items():
        if table in db.table_names():
            _search_index(db, table, columns)
    db.close()
    tmp.replace(db_path)
    shown = plots.write_all(package_dir, portal / "plots")
    (portal / "metadata.json").write_text(json.dumps(metadata(pkg, [p.name for p in shown]), ensure_ascii=False,
                                                     indent=2) + "\n", encoding="utf-8")
    return db_path


def _evidence_links(db, pkg: dict) -> list[tuple]:
    """A column mentions.<table>_row for every table with a one-column key that mentions quote from: the
    row's key where the mention is its evidence, a foreign key to it; so a row's page lists its evidence
    (document, offsets, quote) under "links from other tables", one click away."""
    keyed = {res["name"]: res["schema"]["primaryKey"][0] for res in pkg["resources"]
             if len(res["schema"]["primaryKey"]) == 1 and res["name"] != "mentions"}
    quoted = [t for (t,) in db.execute("select distinct table_name from mentions order by table_name") if t in keyed]
    out = []
    for table in quoted:
        column = f"{table}_row"
        db["mentions"].add_column(column, str)
        db.execute(f"update mentions set [{column}] = row_id where table_name = ?", [table])
        out.append(("mentions", column, table, keyed[table]))
    db.conn.commit()
    return out


def _search_index(db, table: str, columns: list[str]) -> None:
    """An FTS5 table <table>_search, one row per row of `table` (the same rowid), holding the searched
    columns in every script: 陳大文 finds 陈大文, 某港合作会议 finds 某港合作會議, and the other way."""
    from hkcoop.ingest.script import search_forms

    name = f"{table}_search"
    db.execute(f"create virtual table [{name}] using fts5 (text, tokenize='trigram')")
    rows = db.execute(f"select rowid, {', '.join(f'[{c}]' for c in columns)} from [{table}] order by rowid").fetchall()
    db.conn.executemany(f"insert into [{name}] (rowid, text) values (?, ?)",
                        [(r[0], "\n".join(form for v in r[1:] if v for form in search_forms(str(v)))) for r in rows])
    db.conn.commit()


def _cell(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def metadata(pkg: dict, plot_files: list[str]) -> dict:
    version = pkg.get("x-release", {}).get("version") or pkg.get("version")
    lic = (pkg.get("licenses") or [{}])[0]
    images = "".join(f'<p><img src="/plots/{name}" alt="{name}" style="max-width:900px;width:100%"></p>'
                     for name in plot_files if name.endswith(".png"))
    sources = "".join(f"<li>{_esc(s['title'])}" + (f' (<a href="{_esc(s["path"])}">source</a>)' if _is_web(s.get("path"))
                                                    else f" ({_esc(s['path'])})" if s.get("path") else "")
                      + (f", {s['x-published']}" if s.get("x-published") else "") + "</li>"
                      for s in pkg.get("sources", []))
    tables = {}
    for res in pkg["resources"]:
        name = res["name"]
        t = {"title": f"{res['title']} / {res['x-title-zh']}",
             "description": f"{res['description']}\n\n{res['x-description-zh']}",
             # a column's label in Chinese, then its description in both languages
             "columns": {f["name"]: (f"{label} · " if (label := _label_zh(f)) else "")
                         + f"{f['description']} / {f['x-description-zh']}" for f in res["schema"]["fields"]}}
        if name in LABELS:
            t["label_column"] = LABELS[name]
        if name in FACETS:
            t["facets"] = FACETS[name]
        if name in SEARCH:
            t["fts_table"], t["fts_pk"] = f"{name}_search", "rowid"
            tables[f"{name}_search"] = {"hidden": True}
        tables[name] = t
    return {
        "title": f"{pkg['title']} · {pkg['x-title-zh-Hans']}",
        "description_html": f"<p>{_esc(pkg['description'])}</p><p>Version {_esc(str(version))}. Every row's evidence "
                            f"is in <code>mentions</code>; check outcomes per subject in <code>check_outcomes</code>."
                            f"</p>{images}<p>Sources:</p><ul>{sources}</ul>",
        "license": lic.get("name"), "license_url": lic.get("path") if _is_web(lic.get("path")) else None,
        "source": "Chinese-language news articles and press releases (see documents)",
        "databases": {DB: {"tables": tables, "queries": QUERIES}},
    }


def _label_zh(field: dict) -> str | None:
    """A column's name in Chinese: the schema's title, else the noun phrase its Chinese description opens
    with (协议编号, 签署日期), when that is Chinese throughout."""
    if field.get("title"):
        return field["title"]
    head = re.split(r"[（(：:，,。；;、]", field.get("x-description-zh", ""))[0].strip()
    return head if 2 <= len(head) <= 12 and re.fullmatch(r"[\u4e00-\u9fff]+", head) else None


def _is_web(url) -> bool:
    """Only an http(s) address becomes a link: a package from elsewhere may carry javascript: or file:."""
    return isinstance(url, str) and url.lower().startswith(("http://", "https://"))


def _esc(text: str) -> str:
    import html

    return html.escape(text, quote=True)


PLUGINS = Path(__file__).resolve().parent / "portal_plugins"  # row_links.py: ids in query results link to rows


def command(portal: Path, host: str = "127.0.0.1", port: int = 8001) -> list[str]:
    return [sys.executable, "-m", "datasette", "serve", str(portal / f"{DB}.db"), "--metadata",
            str(portal / "metadata.json"), "--static", f"plots:{portal / 'plots'}", "--plugins-dir", str(PLUGINS),
            "--host", host,
            "--port", str(port), "--setting", "default_page_size", "50", "--setting", "sql_time_limit_ms", "3000"]


def serve(portal: Path, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Become Datasette (exec): a signal to this process reaches the server, and no child outlives it."""
    cmd = command(portal, host, port)
    os.execv(cmd[0], cmd)
