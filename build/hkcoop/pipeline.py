"""The build: ingest -> extract (tables/*) -> export -> validate -> swap into place.

Atomic: everything is written to a staging folder inside OUT and validated there; only then are
OUT/curated and OUT/datapackage.json replaced. Any error leaves the previous package untouched.
Human decisions (reference/decisions.yaml) are applied after extraction, before export.
Incremental: a fingerprint of every input (raw files, manifest, schemas, code, pinned requirements)
is kept in OUT/.build-stamp; an unchanged input skips the rebuild and only re-validates.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from hkcoop.document import Document, load_document
from hkcoop.errors import InputError, ValidationFailed
from hkcoop import decisions
from hkcoop.corpus import Corpus
from hkcoop.export import CURATED, file_stamp, write_descriptor, write_table
from hkcoop.manifest import load_manifest
from hkcoop.schema import SCHEMA_DIR, load_package_meta, load_tables
from hkcoop.tables import BUILDERS
from hkcoop.report import write_reports
from hkcoop.validate import Report, validate_package

REPO = Path(__file__).resolve().parents[2]
STAMP = ".build-stamp"
REPORTS = "reports"  # validation.json and validation.html; not part of the package


@dataclass
class BuildResult:
    out_dir: Path
    rows: dict[str, int]
    report: Report
    warnings: list[str] = field(default_factory=list)
    rebuilt: bool = True
    empty_tables: list[str] = field(default_factory=list)


def build(raw_dir: Path, out_dir: Path, *, force: bool = False,
          progress: Callable[[str], None] = lambda _msg: None) -> BuildResult:
    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    manifest = load_manifest(raw_dir)
    entries = manifest.entries
    if not entries:
        raise InputError(raw_dir, "no article files (*.txt) to build from")
    docs: list[Document] = []
    for entry in entries:
        progress(f"ingest {entry.file}")
        docs.append(load_document(raw_dir, entry))
    tables = load_tables()
    fingerprint = _fingerprint(raw_dir, docs)
    if not force and _up_to_date(out_dir, fingerprint):
        report = validate_package(out_dir / "datapackage.json", raw_dir)
        write_reports(report, out_dir / REPORTS)
        if not report.ok:
            raise ValidationFailed(out_dir / "datapackage.json", _first_failure(report))
        rows = json.loads((out_dir / "datapackage.json").read_text("utf-8"))["x-coverage"]["rows"]
        return BuildResult(out_dir, rows, report, manifest.warnings, rebuilt=False)

    corpus = Corpus(docs)
    rows: dict[str, list[dict]] = {}
    for name in tables:
        if name in BUILDERS:
            progress(f"extract {name}")
            rows[name] = BUILDERS[name](corpus)
    rows["mentions"] = _unique(corpus.evidence.rows)
    warnings = manifest.warnings + decisions.apply(rows, decisions.load())
    empty = [name for name in tables if name not in rows]
    for name in empty:
        rows[name] = []
    counts = {name: len(rows[name]) for name in tables}

    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
    try:
        (staging / CURATED).mkdir()
        for name, table in tables.items():
            progress(f"export {name}")
            write_table(table, rows[name], staging)
        write_descriptor(load_package_meta(), tables, docs, counts, staging)
        progress("validate")
        report = validate_package(staging / "datapackage.json", raw_dir)
        write_reports(report, out_dir / REPORTS)
        if not report.ok:
            raise ValidationFailed(out_dir / "datapackage.json",
                                   f"{_first_failure(report)} (report: {out_dir / REPORTS / 'validation.html'})")
        _swap_in(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    (out_dir / STAMP).write_text(fingerprint + "\n", encoding="utf-8")
    return BuildResult(out_dir, counts, report, warnings, rebuilt=True, empty_tables=empty)


def _first_failure(report: Report) -> str:
    failed = [c for c in report.checks if c.status == "fail"]
    return f"validation failed ({len(failed)} check(s)); {failed[0].name}: {failed[0].message}"


def _unique(mentions: list[dict]) -> list[dict]:
    """The same evidence recorded twice (same id) is kept once."""
    return list({m["mention_id"]: m for m in mentions}.values())


def _swap_in(staging: Path, out_dir: Path) -> None:
    """Replace OUT/curated and OUT/datapackage.json by the staged ones, rolling back on failure."""
    old = out_dir / CURATED
    backup = None
    if old.exists():
        backup = Path(tempfile.mkdtemp(prefix=".previous-", dir=out_dir)) / CURATED
        os.replace(old, backup)
    try:
        os.replace(staging / CURATED, old)
        os.replace(staging / "datapackage.json", out_dir / "datapackage.json")
    except OSError:
        if backup is not None:
            shutil.rmtree(old, ignore_errors=True)
            os.replace(backup, old)
        raise
    finally:
        if backup is not None:
            shutil.rmtree(backup.parent, ignore_errors=True)


def _fingerprint(raw_dir: Path, docs: list[Document]) -> str:
    h = hashlib.sha256()
    inputs = [raw_dir / "sources.yaml"] if (raw_dir / "sources.yaml").exists() else []
    inputs += sorted(SCHEMA_DIR.glob("*.json"))
    inputs += sorted((REPO / "build").rglob("*.py"))
    inputs += sorted((REPO / "reference").glob("*")) if (REPO / "reference").is_dir() else []
    inputs += [REPO / "requirements.txt"]
    for p in inputs:
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    for d in docs:
        h.update(f"{d.entry.file}\0{d.raw.sha256}\0".encode())
    return h.hexdigest()


def _up_to_date(out_dir: Path, fingerprint: str) -> bool:
    stamp, package = out_dir / STAMP, out_dir / "datapackage.json"
    if not (stamp.is_file() and package.is_file()) or stamp.read_text("utf-8").strip() != fingerprint:
        return False
    descriptor = json.loads(package.read_text("utf-8"))
    for res in descriptor.get("resources", []):
        for ref in (res, res.get("x-parquet", {})):
            path = out_dir / ref.get("path", "")
            if not path.is_file() or file_stamp(path)["hash"] != ref.get("hash"):
                return False
    return True
