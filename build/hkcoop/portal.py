"""A local portal: a built package or a release loaded into SQLite (sqlite-utils) and served by Datasette.

prepare() writes PORTAL/hkcoop.db (typed tables, primary and foreign keys, full-text search on names and
titles), PORTAL/metadata.json (bilingual titles, column descriptions from schemas/, licence, sources,
facets, canned queries) and PORTAL/plots/ (shown on the front page). serve() runs Datasette on it, on
127.0.0.1 only.
"""

from __future__ import annotations

import json
import os
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
# full-text search (trigram tokenizer: any 3 characters of a Chinese name; shorter terms: use the column filters)
SEARCH = {"people": ["name_zh", "name_original", "name_pinyin"], "events": ["name_zh", "name_original", "place_zh"],
          "agreements": ["title_zh", "title_original", "parties"], "sectors": ["name_zh", "name_original"],
          "articles": ["headline_zh", "headline_original"], "frameworks": ["name_zh"]}
QUERIES = {
    "participants": {
        "title": "Who took part in which event / 谁参与了哪项活动",
        "sql": "select e.start_date, e.name_zh as event, e.event_type, p.name_zh as person, p.name_pinyin, ep.role\n"
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

    from hkcoop import plots

    pkg = json.loads((package_dir / "datapackage.json").read_text("utf-8"))
    portal.mkdir(parents=True, exist_ok=True)
    db_path = portal / f"{DB}.db"
    tmp = db_path.with_suffix(".db.tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite_utils.Database(tmp)
    sql_types = {"string": str, "date": str, "integer": int, "number": float, "boolean": int}
    for res in pkg["resources"]:
        fields = res["schema"]["fields"]
        key = res["schema"]["primaryKey"]
        db[res["name"]].create({f["name"]: sql_types[f["type"]] for f in fields},
                               pk=key[0] if len(key) == 1 else tuple(key),
                               not_null={f["name"] for f in fields if f.get("constraints", {}).get("required")})
        rows = pq.read_table(package_dir / res["x-parquet"]["path"]).to_pylist()
        db[res["name"]].insert_all(({k: _cell(v) for k, v in r.items()} for r in rows), batch_size=1000)
    db.add_foreign_keys([(res["name"], fk["fields"], fk["reference"]["resource"], fk["reference"]["fields"])
                         for res in pkg["resources"] for fk in res["schema"].get("foreignKeys", [])])
    db.index_foreign_keys()
    for table, columns in SEARCH.items():
        if table in db.table_names():
            db[table].enable_fts(columns, tokenize="trigram")
    db.close()
    tmp.replace(db_path)
    shown = plots.write_all(package_dir, portal / "plots")
    (portal / "metadata.json").write_text(json.dumps(metadata(pkg, [p.name for p in shown]), ensure_ascii=False,
                                                     indent=2) + "\n", encoding="utf-8")
    return db_path


def _cell(value):
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
             "columns": {f["name"]: f"{f['description']} / {f['x-description-zh']}" for f in res["schema"]["fields"]}}
        if name in LABELS:
            t["label_column"] = LABELS[name]
        if name in FACETS:
            t["facets"] = FACETS[name]
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


def _is_web(url) -> bool:
    """Only an http(s) address becomes a link: a package from elsewhere may carry javascript: or file:."""
    return isinstance(url, str) and url.lower().startswith(("http://", "https://"))


def _esc(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def command(portal: Path, host: str = "127.0.0.1", port: int = 8001) -> list[str]:
    return [sys.executable, "-m", "datasette", "serve", str(portal / f"{DB}.db"), "--metadata",
            str(portal / "metadata.json"), "--static", f"plots:{portal / 'plots'}", "--host", host,
            "--port", str(port), "--setting", "default_page_size", "50", "--setting", "sql_time_limit_ms", "3000"]


def serve(portal: Path, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Become Datasette (exec): a signal to this process reaches the server, and no child outlives it."""
    cmd = command(portal, host, port)
    os.execv(cmd[0], cmd)
