"""The build, stage by stage (each a folder of hkcoop):

1. ingest   hkcoop.ingest: the manifest and the raw files, checked and decoded, normalized, split into articles;
2. extract  hkcoop.extract: what each article yields on its own (people, meetings, stated totals, figures,
            events), pure, in parallel (`workers`, `executor`), cached per document as data records;
3. resolve  hkcoop.resolve.corpus.resolve: what needs more than one article, step by step on those records;
4. tables   hkcoop.tables: one module per table;
5. export   hkcoop.publish.export: Parquet and CSV twins and datapackage.json, in a staging folder;
6. validate hkcoop.quality.validate: integrity blocks, content is graded; then the staging folder is swapped in.

Atomic: everything is written to a staging folder inside OUT and validated there; only then are
OUT/curated and OUT/datapackage.json replaced. Any error leaves the previous package untouched.
Human decisions (reference/decisions.yaml) are applied after extraction, before export.
Incremental: a fingerprint of every input (raw files, manifest, schemas, code, pinned requirements)
is kept in OUT/.build-stamp with the validation it passed; an unchanged input skips the rebuild and the
validation (`make validate` re-validates). Per article, the extract stage's cache (OUT/.cache) makes a
rebuild after a change to a few articles extract only those.
"""

from __future__ import annotations

import fcntl
import gc
import hashlib
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from hkcoop.ingest.document import Document, load_document
from hkcoop.errors import (ArticleFailure, ExtractionFailed, InputError, InternalError, OutputError,
                           ValidationFailed, describe_exception)
from hkcoop.extract import stage as extract_stage
from hkcoop.ingest.manifest import load_manifest
from hkcoop.publish.export import CURATED, file_stamp
from hkcoop.quality.report import Report, write_reports
from hkcoop.schema import SCHEMA_DIR
# the later stages (corpus, tables, export, validate: pyarrow, pypinyin, jieba …) are imported once a build
# is needed, so that a no-op build stays quick

REPO = Path(__file__).resolve().parents[2]
STAMP = ".build-stamp"
LOCK = ".build-lock"  # held (flock) by the build writing into OUT; the kernel lets go when it dies
REPORTS = "reports"  # validation.json and validation.html; not part of the package
OUTCOMES = "check_outcomes"  # made from the other tables once they are written


@dataclass
class BuildResult:
    out_dir: Path
    rows: dict[str, int]
    report: Report
    warnings: list[str] = field(default_factory=list)
    rebuilt: bool = True
    empty_tables: list[str] = field(default_factory=list)
    extracted: dict = field(default_factory=dict)  # the extract stage: documents, from_cache, extracted


def build(raw_dir: Path, out_dir: Path, *, force: bool = False, strict: bool = False,
          workers: int | None = None, executor: str = "local", scheduler: str | None = None, cache: bool = True,
          rules: Path | None = None,
          progress: Callable[[str], None] = lambda _msg: None,
          count: Callable[[str, int, int], None] = lambda _stage, _done, _total: None) -> BuildResult:
    """Build RAW into OUT. With `strict`, an article left out after a failed extraction and any failing
    content outcome fail the build (CI builds the committed raw/ so). `workers`, `executor` ("local" or
    "dask") and `scheduler` (a Dask scheduler's address) choose where the extract stage runs; `cache`
    keeps its records in OUT/.cache. `rules` replaces checks/content_rules.csv (a corpus's own declared
    thresholds). `progress` hears each stage's name, `count` (stage, done, total)."""
    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    with writing_into(out_dir):
        return _build(raw_dir, out_dir, force=force, strict=strict, workers=workers, executor=executor,
                      scheduler=scheduler, cache=cache, rules=rules, progress=progress, count=count)


def _build(raw_dir: Path, out_dir: Path, *, force, strict, workers, executor, scheduler, cache, rules, progress,
           count) -> BuildResult:
    manifest = load_manifest(raw_dir)
    entries = manifest.entries
    if not entries:
        raise InputError(raw_dir, "no article files (*.txt) to build from")
    docs: list[Document] = []
    for entry in entries:
        progress(f"ingest {entry.file}")
        docs.append(load_document(raw_dir, entry))
    if rules is not None and not Path(rules).is_file():
        raise InputError(Path(rules), "no such content rules file (expected a CSV: rule,max_fail_share,min_failures,reason)")
    fingerprint = _fingerprint(raw_dir, docs, rules)
    if not force:
        report = _up_to_date(out_dir, fingerprint, strict)
        if report is not None:
            rows = json.loads((out_dir / "datapackage.json").read_text("utf-8"))["x-coverage"]["rows"]
            return BuildResult(out_dir, rows, report, manifest.warnings, rebuilt=False)

    from hkcoop.publish.export import write_descriptor, write_table
    from hkcoop.quality.validate import content_outcomes, read_tables, validate_package
    from hkcoop.resolve import decisions
    from hkcoop.schema import load_package_meta, load_tables

    progress("extract")
    extracted = extract_stage.run(docs, workers=workers, executor=executor, scheduler=scheduler,
                      cache_dir=out_dir / extract_stage.CACHE if cache else None,
                      progress=lambda done, total: count("extract", done, total))
    tables = load_tables()
    rows, corpus = resolve(docs, tables, progress, count)
    rows["mentions"] = _unique(corpus.evidence.rows)
    warnings = manifest.warnings + decisions.apply(rows, decisions.load())  # failed articles: the report's
    # `extraction` check names them
    empty = [name for name in tables if name not in rows and name != OUTCOMES]
    for name in empty:
        rows[name] = []
    counts = {name: len(rows.get(name, [])) for name in tables}

    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
    try:
        (staging / CURATED).mkdir()
        for name, table in tables.items():
            if name != OUTCOMES:
                progress(f"export {name}")
                write_table(table, rows[name], staging)
        if OUTCOMES in tables:  # judged on the tables as written, as validation reads them
            progress("content rules")
            rows[OUTCOMES] = content_outcomes(read_tables(staging, [n for n in tables if n != OUTCOMES]),
                                              {d.raw.sha256: d.raw.text for d in docs})
            counts[OUTCOMES] = len(rows[OUTCOMES])
            write_table(tables[OUTCOMES], rows[OUTCOMES], staging)
        write_descriptor(load_package_meta(), tables, docs, counts, staging)
        # validation reads the package back: the documents, their facts and the rows, which refer to each
        # other, are let go first (a third of the peak at 10 000 articles)
        del corpus, rows, docs
        gc.collect()
        progress("validate")
        report = validate_package(staging / "datapackage.json", raw_dir, strict=strict, rules=rules)
        write_reports(report, out_dir / REPORTS)
        if not report.ok:
            raise ValidationFailed(out_dir / "datapackage.json",
                                   f"{_first_failure(report)} (report: {out_dir / REPORTS / 'validation.html'})")
        _swap_in(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    (out_dir / STAMP).write_text(json.dumps({"inputs": fingerprint, "strict": strict}) + "\n", encoding="utf-8")
    return BuildResult(out_dir, counts, report, warnings, rebuilt=True, empty_tables=empty, extracted=extracted)


@contextmanager
def writing_into(out_dir: Path):
    """Hold OUT's lock for a build (a second build into the same OUT is refused, naming the first), remove
    what a killed build left there, and turn a failure to write (read-only folder, full disk) into one line
    that names the path."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        lock = open(out_dir / LOCK, "a+")
    except OSError as exc:
        raise OutputError(exc.filename or out_dir, f"cannot write the package here: {exc.strerror}") from None
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            lock.seek(0)
            holder = " ".join(lock.read().split()[:1]) or "?"
            raise OutputError(out_dir, f"another build is writing into this folder (process {holder}); expected "
                                       f"it to be free: wait for that build to end") from None
        lock.seek(0)
        lock.truncate()
        lock.write(f"{os.getpid()}\n")
        lock.flush()
        for stale in sorted(out_dir.glob(".staging-*")) + sorted(out_dir.glob(".previous-*")):
            shutil.rmtree(stale, ignore_errors=True)  # a killed build's: no build holds the lock but this one
        try:
            yield
        except OSError as exc:  # what a user's disk can do: read-only, full, vanished
            raise OutputError(exc.filename or out_dir, f"{exc.strerror or exc} (while building into {out_dir}); "
                                                       f"expected a writable folder with free space") from None


def resolve(docs: list[Document], tables, progress=lambda _msg: None,
            count=lambda _stage, _done, _total: None) -> tuple[dict[str, list[dict]], "Corpus"]:
    """The rows of every table, resolved across articles from what the extract stage found in each (run
    here for documents it has not seen). An article whose extraction raises is put in quarantine and the
    tables are built again without it (hkcoop.resolve.corpus); what fails outside any one article is an InternalError."""
    from hkcoop.resolve.corpus import Corpus, resolve as resolve_corpus
    from hkcoop.tables import BUILDERS

    for doc in docs:
        doc.articles  # noqa: B018 - normalize and split every page first: a page that cannot be is left out whole
    failures = [ArticleFailure(d.doc_id, d.entry.file, None, "ingest", d.ingest_error) for d in docs if d.ingest_error]
    failures += [ArticleFailure(d.doc_id, d.entry.file, ordinal, stage, why)
                 for d in docs if d.extracted is not None for ordinal, stage, why in d.extracted.failures]
    while True:
        corpus = Corpus(docs, frozenset(f.key for f in failures), tuple(failures), count=count)
        rows: dict[str, list[dict]] = {}
        step = "resolving across articles"
        try:
            progress("resolve")
            resolve_corpus(corpus)
            for name in tables:
                if name in BUILDERS:
                    step = f"building table {name!r}"
                    progress(f"table {name}")
                    rows[name] = BUILDERS[name](corpus)
        except ExtractionFailed as exc:
            failures.append(exc.failure)
            progress(exc.failure.line())
            continue
        except Exception as exc:  # noqa: BLE001 - one line, never a traceback (see hkcoop.errors)
            raise InternalError(None, f"{step}: {describe_exception(exc)}") from None
        return rows, corpus


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


def _fingerprint(raw_dir: Path, docs: list[Document], rules: Path | None = None) -> str:
    h = hashlib.sha256()
    inputs = [raw_dir / "sources.yaml"] if (raw_dir / "sources.yaml").exists() else []
    inputs += sorted(SCHEMA_DIR.glob("*.json"))
    inputs += [REPO / "checks" / "content_rules.csv", REPO / "checks" / "pinned_facts.yaml"]
    inputs += [Path(rules)] if rules else []
    h.update(extract_stage.code_fingerprint().encode())  # the code, reference data and pinned requirements
    for p in inputs:
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    for d in docs:
        h.update(f"{d.entry.file}\0{d.raw.sha256}\0".encode())
    return h.hexdigest()


def _up_to_date(out_dir: Path, fingerprint: str, strict: bool) -> Report | None:
    """The report the package passed when it was built, if no input changed since, it was validated at
    least as strictly, and its files still match their hashes; else None (build again)."""
    stamp, package, stored = out_dir / STAMP, out_dir / "datapackage.json", out_dir / REPORTS / "validation.json"
    if not (stamp.is_file() and package.is_file() and stored.is_file()):
        return None
    try:
        state = json.loads(stamp.read_text("utf-8"))
        report = Report.from_dict(json.loads(stored.read_text("utf-8")))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    if state.get("inputs") != fingerprint or (strict and not state.get("strict")) or not report.ok:
        return None
    descriptor = json.loads(package.read_text("utf-8"))
    for res in descriptor.get("resources", []):
        for ref in (res, res.get("x-parquet", {})):
            path = out_dir / ref.get("path", "")
            if not path.is_file() or file_stamp(path)["hash"] != ref.get("hash"):
                return None
    return report
