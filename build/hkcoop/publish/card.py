"""The dataset card of a release (DATASET_CARD.md): scope, sources, coverage, row counts, check outcomes and
known discrepancies, how to load, licence and copyright, how to cite. Made from the release's own
datapackage.json and tables, so it describes exactly what ships."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

DISCREPANCIES_LISTED = 40
MESSAGE_WIDTH = 300


def render(release_dir: Path, version: str, released: str, commit: str, previous: str | None) -> str:
    pkg = json.loads((release_dir / "datapackage.json").read_text("utf-8"))
    cur = release_dir / "curated"
    docs = pd.read_parquet(cur / "documents.parquet")
    events = pd.read_parquet(cur / "events.parquet")
    outcomes = pd.read_parquet(cur / "check_outcomes.parquet")
    mentions = pd.read_parquet(cur / "mentions.parquet", columns=["quote"])
    rows = pkg["x-coverage"]["rows"]
    scripts = docs.script.value_counts().to_dict()
    dated = events[events.start_date.notna()]
    lines = [
        f"# {pkg['title']}", "", f"{pkg['x-title-zh-Hans']} / {pkg['x-title-zh-Hant']}", "",
        f"Release **{version}**, {released}, built from commit `{commit}`"
        + (f"; changes since {previous} are in [CHANGELOG.md](CHANGELOG.md)." if previous else
           "; the first release."), "",
        "## Scope", "", pkg["description"], "",
        "Tables: " + ", ".join(f"`{r['name']}` ({r['title']}, {r['x-title-zh']})" for r in pkg["resources"]) + ".",
        "Every column, in English and Chinese, with types, constraints and example values: "
        "[docs/data_dictionary.md](docs/data_dictionary.md) · [docs/data_dictionary.zh.md](docs/data_dictionary.zh.md) "
        "(HTML: `docs/data_dictionary.html`, `docs/data_dictionary.zh.html`).", "",
        "## Sources", "",
        f"{len(docs)} documents ({', '.join(f'{n} in {s}' for s, n in sorted(scripts.items()))} script; "
        "Hans = simplified, Hant = traditional). The texts are not included: each is identified by its "
        "SHA-256, so anyone holding the same file can check it. A source's address is given where the manifest "
        f"records one ({int(docs.url.notna().sum())} of {len(docs)} documents); a page that prints none is "
        "\"not recorded\".", "",
        "| doc_id | outlet | published | title | URL | rights |", "|---|---|---|---|---|---|"]
    for d in docs.itertuples():
        published = str(d.published) if pd.notna(d.published) else (
            f"not printed; on or after {d.not_before}" if pd.notna(d.not_before) else "unknown")
        lines.append(f"| `{d.doc_id}` | {_md(d.outlet)} | {published} | {_md(d.title)} | "
                     f"{_md(d.url) if pd.notna(d.url) and d.url else 'not recorded'} | "
                     f"{_md(d.license)} |")
    cov = pkg["x-coverage"]
    lines += ["", "## Coverage", "",
              f"- Documents published up to {cov['latest_published'] or 'unknown'}"
              + (f"; others undated, published on or after {cov['latest_not_before']}." if cov.get("latest_not_before")
                 else "."),
              f"- Events dated from {dated.start_date.min()} to {dated.end_date.max()} ({len(dated)} of {len(events)} "
              "events have a date)." if len(dated) else "- No event has a date.",
              "", "![Cooperation areas of each framework by canonical sector](docs/plots/framework_comparison.png)", "",
              "![Timeline of the dated events](docs/plots/events_timeline.png)", "",
              "| table | rows |", "|---|---|"]
    lines += [f"| `{name}` | {n} |" for name, n in rows.items()]
    lines += ["", "## Checks and known discrepancies", "",
              "The release was built with `--strict` and passed validation: keys, types, foreign keys, Parquet/CSV "
              "twins and every evidence quote against the raw files (integrity), the pinned facts of "
              "`checks/pinned_facts.yaml`, and the Great Expectations suites. What the texts state against the rows "
              "is graded per subject in `check_outcomes` (the full report: `checks/validation.html`).", "",
              "| rule | pass | warn | fail |", "|---|---|---|---|"]
    counts = outcomes.groupby(["rule", "status"]).size().unstack(fill_value=0)
    for rule, r in counts.iterrows():
        lines.append(f"| `{rule}` | {r.get('pass', 0)} | {r.get('warn', 0)} | {r.get('fail', 0)} |")
    issues = outcomes[outcomes.status != "pass"].sort_values(["status", "rule", "subject_id"])
    lines += ["", f"Known discrepancies ({len(issues)}; a warn is kept and explained, a fail is a disagreement "
              "between a text and the rows):", ""]
    if issues.empty:
        lines.append("- none")
    for o in issues.head(DISCREPANCIES_LISTED).itertuples():
        msg = o.message if len(o.message) <= MESSAGE_WIDTH else o.message[:MESSAGE_WIDTH - 1] + "…"
        lines.append(f"- **{o.status}** `{o.rule}` on {o.subject_table} `{o.subject_id}`: {msg}")
    if len(issues) > DISCREPANCIES_LISTED:
        lines.append(f"- … and {len(issues) - DISCREPANCIES_LISTED} more in `check_outcomes`.")
    lines += ["", "## How to load", "", "```python",
              "import pandas as pd",
              "events = pd.read_parquet(\"curated/events.parquet\")",
              "",
              "import duckdb",
              "duckdb.sql(\"select indicator, count(*) from 'curated/metrics.parquet' group by indicator\").fetchall()",
              "",
              "from frictionless import Package   # typed rows, keys and foreign keys checked",
              "people = Package(\"datapackage.json\").get_resource(\"people\").to_pandas()",
              "```", "",
              "Every row's evidence is in `mentions` (document, 0-based code-point offsets into the raw file's "
              "UTF-8 text, exact quote). Columns ending in `_zh` are simplified Chinese; `_original` keeps the "
              "source's script. `SHA256SUMS` lists every file of this folder (`sha256sum -c SHA256SUMS`).", "",
              "## Licence and copyright", ""]
    for lic in pkg.get("licenses", []):
        lines.append(f"- Tables: {lic['name']} ({lic.get('title', '')}) {lic.get('path', '')}".rstrip())
    lines += [f"- Source texts: under their publishers' copyright (the rights column above). They are not "
              f"republished: the release carries their hashes and metadata, their addresses where recorded, and evidence quotes of at most "
              f"{int(mentions.quote.str.len().max()) if len(mentions) else 0} characters "
              f"(median {int(mentions.quote.str.len().median()) if len(mentions) else 0}).", "",
              "## How to cite", "",
              f"> hk-mainland-cooperation maintainers ({released[:4]}). *{pkg['title']}*, version {version} "
              f"[data set]. Commit {commit[:12]}.", "",
              "and the source articles you rely on (table `documents`). Machine-readable: [CITATION.cff](CITATION.cff).",
              ""]
    return "\n".join(lines)


def _md(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).replace("|", "\\|").replace("\n", " ")
