"""Validate a built package: one entry point, one process, a list of checks with pass / warn / fail.

Checks here:
- frictionless: types, constraints, primary keys and foreign keys across resources, bytes and hashes;
- schema: every CSV header equals its schema's fields;
- parquet: the Parquet twin of each table holds exactly the CSV's rows, and matches its stamp;
- provenance: every mention's quote equals the raw text at its offsets, in the raw file whose sha256
  the documents table records;
- evidence: every row of the evidence-bearing tables has at least one mention;
- outcomes: the published check_outcomes equal what the content rules and pinned facts give now;
- consistency:<rule>: the content rules (hkcoop.quality.consistency), graded: a rule fails the package only with
  `strict` (CI, releases), when any subject fails; otherwise its failures are warnings, published per
  subject in check_outcomes, the warning saying when the share of failing subjects is past the threshold
  in checks/content_rules.csv. A default build of any corpus is never refused for its content;
- pinned_facts: the facts the release guarantees (checks/pinned_facts.yaml, hkcoop.quality.pinned) — any failure
  fails the package;
- extraction: articles whose extraction raised and were left out — a warning, a failure with `strict`;
- gx: the Great Expectations suite of every table (checks/suites, run by hkcoop.quality.gx_checks).
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

import pyarrow.parquet as pq

from hkcoop.errors import InputError
from hkcoop.ingest.manifest import check_file_name
from hkcoop.ingest.rawtext import read_raw
from hkcoop.publish.export import csv_cell, file_stamp
from hkcoop.quality import consistency, pinned
from hkcoop.quality.report import SAMPLE, Check, Report, listing
from hkcoop.quality.side import beside

EVIDENCE_TABLES = ("articles", "events", "people", "sectors", "agreements", "metrics")


def validate_package(package_path: Path, raw_dir: Path, *, strict: bool = False, rules: Path | None = None) -> Report:
    """Every check of the package at `package_path`, built from `raw_dir`. With `strict`, any failing
    content outcome and any article left out after a failed extraction fail the package. A damaged package
    (a descriptor cut short, a table missing, garbage or another table's file) gives failed checks, never
    an exception: the checks that read a damaged table are reported as not run, naming why."""
    package_path = Path(package_path)
    root = package_path.parent
    report = Report()
    descriptor = _descriptor(package_path, report)
    if descriptor is None:
        return report
    # frictionless reads every row in Python, the slowest check: it runs in a process of its own while
    # the others run here, and its check keeps its place in the report
    with beside(_frictionless, package_path) as frictionless:
        position = len(report.checks)
        _checks_on_tables(root, descriptor, Path(raw_dir), report, strict, rules)
    report.checks[position:position] = frictionless.result().checks
    return report


def _checks_on_tables(root: Path, descriptor: dict, raw_dir: Path, report: Report, strict: bool,
                      rules: Path | None) -> None:
    tables, damaged, unreadable_twins = {}, [], set()
    for res in descriptor["resources"]:
        try:
            header, rows = _read_csv(_inside(root, res["path"]))
        except (OSError, UnicodeDecodeError, csv.Error, ValueError) as exc:
            report.add(f"schema:{res['name']}", [f"{res['name']}: cannot read {res['path']}: {_why(exc)}"], "")
            damaged.append(res["name"])
            continue
        tables[res["name"]] = rows
        if not _schema_columns(res, header, report):
            damaged.append(res["name"])
        if not _parquet_twin(res, root, rows, report):
            unreadable_twins.add(res["name"])  # its Great Expectations suite reads the Parquet: not run
    if damaged:  # the checks below read every table's CSV: on a damaged one they would say nothing true
        names = ", ".join(damaged)
        for check in ("provenance", "evidence", "outcomes", "consistency", "pinned_facts", "extraction", "gx"):
            report.checks.append(Check(check, "fail", f"not run: table(s) {names} cannot be read as their schema "
                                                      f"says (see schema:/parquet: above)"))
        return
    texts = _provenance(tables, raw_dir, report)
    _evidence(tables, descriptor, report)
    _content(tables, texts, report, strict, rules)
    _extraction(tables, report, strict)
    _great_expectations(root, descriptor, report, unreadable_twins)


def _descriptor(package_path: Path, report: Report) -> dict | None:
    """The package's descriptor, or None with a failed check when it cannot be read as one."""
    try:
        descriptor = json.loads(package_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        report.add("descriptor", [f"{package_path}: expected a JSON data package descriptor, found {_why(exc)}"], "")
        return None
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    problems = [] if isinstance(resources, list) and resources else [f"{package_path}: expected a list of resources"]
    for i, res in enumerate(resources if isinstance(resources, list) else []):
        ok = isinstance(res, dict) and isinstance(res.get("name"), str) and isinstance(res.get("path"), str) \
            and isinstance(res.get("schema"), dict) and isinstance(res["schema"].get("fields"), list) \
            and isinstance(res.get("x-parquet"), dict) and isinstance(res["x-parquet"].get("path"), str)
        if not ok:
            problems.append(f"{package_path}: resources[{i}]: expected name, path, schema.fields and x-parquet.path")
    report.add("descriptor", problems, f"{len(resources or [])} resources described")
    return None if problems else descriptor


def _inside(root: Path, relative: str) -> Path:
    """A resource's file, refused when its path leaves the package's folder (nothing else is ever read)."""
    path = (root / relative).resolve()
    if not path.is_relative_to(root.resolve()):
        raise ValueError(f"path {relative!r} leaves the package folder")
    return path


def _why(exc: BaseException) -> str:
    return " ".join(str(getattr(exc, "strerror", None) or exc).split())[:200] or type(exc).__name__


def read_tables(root: Path, names) -> dict[str, list[dict]]:
    """The rows (values as text) of the CSV tables `names` under root/curated."""
    return {name: _read_csv(root / "curated" / f"{name}.csv")[1] for name in names}


def content_outcomes(tables: dict[str, list[dict]], raw_by_sha256: dict[str, str]) -> list[dict]:
    """The rows of table check_outcomes: every content rule's and pinned fact's outcome per subject."""
    return [o.row() for o in consistency.outcomes(tables) + pinned.evaluate(tables, raw_by_sha256)]


def _content(tables: dict, texts: dict, report: Report, strict: bool, rules: Path | None = None) -> None:
    outcomes = content_outcomes(tables, texts)
    report.outcomes = outcomes
    key = lambda r: (r["rule"], r["subject_key"], r["subject_id"])  # noqa: E731
    published = {key(r): r for r in tables.get("check_outcomes", [])}
    now = {key(r): r for r in outcomes}
    stale = [f"{'/'.join(k)}: published {published[k]['status'] if k in published else 'nothing'}, the rules give "
             f"{now[k]['status'] if k in now else 'nothing'}"
             for k in sorted(set(published) | set(now)) if published.get(k) != now.get(k)]
    report.add("outcomes", stale, f"the {len(now)} published check outcomes equal what the rules give")
    limits = consistency.thresholds(Path(rules) if rules else consistency.THRESHOLDS)
    for rule in consistency.RULES:
        name = rule.__name__
        mine = [o for o in outcomes if o["rule"] == name]
        fails = [o["message"] for o in mine if o["status"] == "fail"]
        warns = [o["message"] for o in mine if o["status"] == "warn"]
        share, limit = (len(fails) / len(mine) if mine else 0.0), limits[name]
        blocks = limit.blocks(len(fails), len(mine))
        # a default build is never refused for content: past its threshold a rule is a warning that says so,
        # and fails only under --strict (CI, releases), where any failing subject fails it
        if fails and strict:
            why = f"{share:.0%} > the {limit.max_fail_share:.0%} allowed" if blocks else "strict mode"
            report.checks.append(Check(f"consistency:{name}", "fail",
                                       f"{len(fails)} of {len(mine)} subjects fail ({why}): {listing(fails)}",
                                       (fails + warns)[:SAMPLE]))
        elif fails or warns:
            past = (f"; past the {limit.max_fail_share:.0%} threshold, it fails under --strict" if blocks else
                    f"; the rule fails past {limit.max_fail_share:.0%} and from {limit.min_failures} under --strict")
            report.checks.append(Check(f"consistency:{name}", "warn",
                                       f"{len(fails)} failing and {len(warns)} warning of {len(mine)} subjects "
                                       f"(failures {share:.0%}{past}): {listing(fails + warns)}",
                                       (fails + warns)[:SAMPLE]))
        else:
            report.checks.append(Check(f"consistency:{name}", "pass", f"{len(mine)} subjects pass: {_summary(rule)}"))
    facts = [o for o in outcomes if o["rule"].startswith("pinned:")]
    failed = [f"{o['rule']}: {o['message']}" for o in facts if o["status"] == "fail"]
    report.add("pinned_facts", failed, f"{len(facts)} pinned facts hold "
                                       f"({len(pinned.load()) - len(facts)} do not apply to this corpus)")


def _summary(rule) -> str:
    """The first sentence of a rule's docstring, on one line."""
    return " ".join(rule.__doc__.split()).split(". ")[0].rstrip(".") + "."


def _extraction(tables: dict, report: Report, strict: bool) -> None:
    """Articles (or whole files) left out after their extraction raised: named with file and error."""
    files = {d["doc_id"]: d["file"] for d in tables.get("documents", [])}
    failed = [f"{d['file']}: the whole file: {d['extraction_error']} (left out)"
              for d in tables.get("documents", []) if d["extraction_error"]]
    failed += [f"{files.get(a['doc_id'], a['doc_id'])}: article {a['ordinal']}: {a['extraction_error']} (left out)"
               for a in tables.get("articles", []) if a["extraction_error"]]
    n = len(tables.get("articles", []))
    report.add("extraction", failed, f"all {n} articles extracted", warn=not strict)


def _great_expectations(root: Path, descriptor: dict, report: Report, unreadable: set[str] = frozenset()) -> None:
    from hkcoop.quality.gx_checks import run_suites
    from hkcoop.quality.suites import load

    resources = [r for r in descriptor["resources"] if r["name"] not in unreadable]
    for table, failures, n in run_suites(root, resources, load()):
        report.add(f"gx:{table}", failures, f"{n} expectations met")
    for name in sorted(unreadable):
        report.checks.append(Check(f"gx:{name}", "fail", f"not run: {name}'s Parquet file cannot be read as its "
                                                         f"schema says (see parquet:{name})"))


def _frictionless(package_path: Path) -> Report:
    """The frictionless check alone, as a report of one check (what `beside` sends back)."""
    from frictionless import Package  # slow import; only validation needs it

    report = Report()
    try:
        result = Package(str(package_path)).validate()
    except Exception as exc:  # noqa: BLE001 - frictionless on a damaged descriptor: a failed check, not a crash
        report.add("frictionless", [f"package: cannot be read by frictionless: {_why(exc)}"], "")
        return report
    problems = []
    for task in result.tasks:
        for err in task.errors:
            where = f"{task.name}"
            if getattr(err, "row_number", None):
                where += f" row {err.row_number}"
            if getattr(err, "field_name", None):
                where += f" field {err.field_name}"
            problems.append(f"{where}: {err.type}: {err.note or err.message}")
    for err in result.errors:
        problems.append(f"package: {err.type}: {err.message}")
    report.add("frictionless", problems, f"{len(result.tasks)} resources valid (types, keys, foreign keys, hashes)")
    return report


def _read_csv(path: Path) -> tuple[list[str], list[dict]]:
    """The header and the rows (values as text) of a CSV table."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def _schema_columns(res: dict, header: list[str], report: Report) -> bool:
    want = [f.get("name") for f in res["schema"]["fields"] if isinstance(f, dict)]
    problems = [] if header == want else [f"{res['name']}: CSV header {header} != schema fields {want}"]
    report.add(f"schema:{res['name']}", problems, f"{len(want)} columns match the schema")
    return not problems


def _parquet_twin(res: dict, root: Path, csv_rows: list[dict], report: Report) -> bool:
    """Checks the Parquet twin against the CSV; returns whether it can be read as its schema says."""
    twin = res["x-parquet"]
    problems = []
    readable = False  # present, Parquet, and with the schema's columns (its rows may still differ)
    try:
        path = _inside(root, twin["path"])
    except ValueError as exc:
        path, problems = None, [f"{res['name']}: {exc}"]
    if path is not None and not path.is_file():
        problems.append(f"{res['name']}: Parquet file {twin.get('path')!r} missing")
    elif path is not None:
        stamp = file_stamp(path)
        if (stamp["bytes"], stamp["hash"]) != (twin.get("bytes"), twin.get("hash")):
            problems.append(f"{res['name']}: Parquet bytes/hash differ from the descriptor's stamp")
        try:
            table = pq.read_table(path)
        except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
            table = None
            problems.append(f"{res['name']}: {twin['path']} is not a readable Parquet file ({_why(exc)})")
        cols = [f.get("name") for f in res["schema"]["fields"] if isinstance(f, dict)]
        if table is None:
            pass
        elif table.column_names != cols:
            problems.append(f"{res['name']}: Parquet columns {table.column_names} != schema fields {cols}")
        else:
            readable = True
            parquet_rows = [[csv_cell(r[c]) for c in cols] for r in table.to_pylist()]
            csv_cells = [[r.get(c) for c in cols] for r in csv_rows]
            if parquet_rows != csv_cells:
                diff = next(i for i, (a, b) in enumerate(zip(parquet_rows + [None] * len(csv_cells),
                                                              csv_cells + [None] * len(parquet_rows))) if a != b)
                problems.append(f"{res['name']}: Parquet and CSV differ from row {diff + 1}")
    report.add(f"parquet:{res['name']}", problems, "Parquet twin equals the CSV")
    return readable


def _provenance(tables: dict, raw_dir: Path, report: Report) -> dict[str, str]:
    """Checks every quote against the raw text; returns the raw texts by sha256."""
    problems = []
    texts = {}
    for doc in tables.get("documents", []):
        path = raw_dir / doc["file"]
        bad = check_file_name(doc["file"])
        if bad or not path.resolve().is_relative_to(raw_dir.resolve()):
            problems.append(f"{doc['doc_id']}: file {doc['file']!r} is not a file of the raw folder {raw_dir} "
                            f"(never read)")
            continue
        try:
            raw = read_raw(path)
        except InputError as exc:
            problems.append(f"{doc['doc_id']}: {exc}")
            continue
        if raw.sha256 != doc["sha256"]:
            problems.append(f"{doc['doc_id']}: {path} has sha256 {raw.sha256[:12]}…, the package recorded "
                            f"{doc['sha256'][:12]}… (the raw file changed since the build)")
            continue
        texts[doc["doc_id"]] = raw.text
    n = 0
    for m in tables.get("mentions", []):
        text = texts.get(m["doc_id"])
        if text is None:
            continue
        n += 1
        start, end = int(m["char_start"]), int(m["char_end"])
        if text[start:end] != m["quote"]:
            problems.append(f"{m['mention_id']} ({m['doc_id']} {start}:{end}): quote {m['quote'][:20]!r} "
                            f"!= raw text {text[start:end][:20]!r}")
    for r in tables.get("text_repairs", []):
        text = texts.get(r["doc_id"])
        if text is not None and text[int(r["char_start"]):int(r["char_end"])] != r["quote"]:
            problems.append(f"{r['repair_id']}: quote does not match the raw text")
    report.add("provenance", problems, f"{n} quotes equal the raw text at their offsets ({len(texts)} raw files)")
    by_doc = {d["doc_id"]: d["sha256"] for d in tables.get("documents", [])}
    return {by_doc[doc_id]: text for doc_id, text in texts.items()}


def _evidence(tables: dict, descriptor: dict, report: Report) -> None:
    keys = {r["name"]: r["schema"]["primaryKey"] for r in descriptor["resources"]}
    supported = defaultdict(set)
    for m in tables.get("mentions", []):
        supported[m["table_name"]].add(m["row_id"])
    problems = []
    n = 0
    for name in EVIDENCE_TABLES:
        for row in tables.get(name, []):
            n += 1
            row_id = "|".join(row[k] for k in keys[name])
            if row_id not in supported[name]:
                problems.append(f"{name} {row_id}: no evidence in mentions")
    report.add("evidence", problems, f"all {n} rows of {', '.join(EVIDENCE_TABLES)} have evidence")

