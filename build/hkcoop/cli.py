"""Command line: `python -m hkcoop build|validate`. Exit 0 on success, 1 with a one-line reason."""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable

from hkcoop.errors import BuildError, describe_exception
from hkcoop.pipeline import REPO, build as run_build
from hkcoop.quality.report import Report, shorten

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Build and validate the hk-mainland-cooperation data package.")
WARNINGS_SHOWN = 20
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


@app.command()
def build(raw: Path = typer.Option(REPO / "raw", help="Folder of articles (*.txt), with or without sources.yaml."),
          out_dir: Path = typer.Option(REPO, "--out", help="Where datapackage.json and curated/ are written."),
          force: bool = typer.Option(False, help="Rebuild even when no input changed."),
          strict: bool = typer.Option(False, help="Fail on any article left out after a failed extraction and on "
                                                  "any failing content outcome, whatever the thresholds."),
          report_json: Path = typer.Option(None, "--report", help="Also write the validation report as JSON here."),
          workers: int = typer.Option(0, help="Processes for the per-article extract stage (0: one per core)."),
          executor: str = typer.Option("local", help="Where the extract stage runs: local (this machine's cores) or "
                                                     "dask (a dask.distributed cluster)."),
          scheduler: str = typer.Option(None, help="With --executor dask: the scheduler's address "
                                                   "(tcp://host:8786); none starts a LocalCluster."),
          cache: bool = typer.Option(True, help="Reuse the extract stage's per-article records in OUT/.cache."),
          content_rules: Path = typer.Option(None, help="A corpus's own content thresholds, in place of "
                                                        "checks/content_rules.csv (same columns).")):
    """Build the package from RAW into OUT, validate it, and swap it in only if it is valid."""
    if executor not in ("local", "dask"):
        err.print(f"[red]error:[/red] --executor: expected local or dask, found {executor!r}")
        raise typer.Exit(2)
    _check_report_path(report_json)
    with one_line_errors(), BuildProgress(err) as bar:
        result = run_build(raw, out_dir, force=force, strict=strict, workers=workers or None, executor=executor,
                           scheduler=scheduler, cache=cache, rules=content_rules, progress=bar.stage, count=bar.count)
    shown = result.warnings if len(result.warnings) <= WARNINGS_SHOWN else result.warnings[:WARNINGS_SHOWN]
    for w in shown:
        err.print(f"[yellow]warning:[/yellow] {escape(w)}", soft_wrap=True)
    if len(shown) < len(result.warnings):  # a folder of 10 000 files without a manifest: not 10 000 lines
        err.print(f"[yellow]warning:[/yellow] and {len(result.warnings) - len(shown)} more warnings",
                  soft_wrap=True)
    verb = "built" if result.rebuilt else "up to date (inputs unchanged), validated"
    out.print(f"{verb}: {result.out_dir.resolve() / 'datapackage.json'}", soft_wrap=True)
    coverage = json.loads((result.out_dir / "datapackage.json").read_text("utf-8"))["x-coverage"]
    later = f"; others undated but published on or after {coverage['latest_not_before']}" \
        if coverage.get("latest_not_before") else ""
    out.print(f"from {coverage['documents']} documents, the latest dated one published "
              f"{coverage['latest_published'] or 'unknown'}{later}", soft_wrap=True)
    table = RichTable("table", "rows", title="tables")
    for name, n in result.rows.items():
        note = "  (no extractor yet)" if name in result.empty_tables else ""
        table.add_row(name, f"{n}{note}")
    out.print(table)
    _print_report(result.report, report_json)


@contextmanager
def one_line_errors(internal: str = "internal error", secret: str | None = None):
    """Any error of the command as one line on stderr and exit 1, never a traceback: a BuildError as it
    says, anything else (a bug) with `internal` and the innermost frame of the project's code. `secret` (a
    token) is never printed."""
    try:
        yield
    except BuildError as exc:
        line = str(exc)
    except Exception as exc:  # noqa: BLE001 - a bug still gets one line
        line = f"{internal}: {describe_exception(exc)}"
    else:
        return
    if secret:
        line = line.replace(secret, "***")
    err.print(f"[red]error:[/red] {escape(line)}", soft_wrap=True)  # errors may carry [brackets] (CKAN's)
    raise typer.Exit(1)


class BuildProgress:
    """Per stage, a bar of documents done / total with the rate and the time left; on a terminal only."""

    def __init__(self, console: Console):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(TextColumn("{task.description:<14}"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[rate]}"), TimeRemainingColumn(), console=console,
                            disable=not console.is_terminal, transient=True)
        self.tasks: dict[str, int] = {}
        self.status = self.bar.add_task("building", total=None, rate="")

    def __enter__(self) -> "BuildProgress":
        self.bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.bar.__exit__(*exc)

    def stage(self, message: str) -> None:
        self.bar.update(self.status, description=message[:40])

    def count(self, stage: str, done: int, total: int) -> None:
        if stage not in self.tasks:
            self.tasks[stage] = self.bar.add_task(stage, total=total, rate="")
        task = self.tasks[stage]
        self.bar.update(task, completed=done, total=total)
        speed = self.bar.tasks[task].speed if task < len(self.bar.tasks) else None
        self.bar.update(task, rate=f"{speed:,.0f} docs/s" if speed else "")


@app.command()
def validate(package: Path = typer.Option(REPO / "datapackage.json", help="The datapackage.json to check."),
             raw: Path = typer.Option(None, help="Raw folder the package was built from (default: raw/ beside "
                                                 "the package, else the repository's raw/)."),
             strict: bool = typer.Option(False, help="Fail on any failing content outcome and any article left out."),
             content_rules: Path = typer.Option(None, help="Content thresholds in place of checks/content_rules.csv."),
             report_json: Path = typer.Option(None, "--report", help="Also write the report as JSON here.")):
    """Validate a built package: integrity (frictionless, schema, Parquet twins, provenance, evidence),
    content rules graded per subject, pinned facts, Great Expectations."""
    if raw is None:
        raw = package.parent / "raw" if (package.parent / "raw").is_dir() else REPO / "raw"
    if not package.is_file():
        err.print(f"[red]error:[/red] {package}: no such package descriptor")
        raise typer.Exit(1)
    _check_report_path(report_json)
    from hkcoop.quality.validate import validate_package

    from hkcoop.quality.report import write_reports

    with one_line_errors("internal error while validating"):
        report = validate_package(package, raw, strict=strict, rules=content_rules)
    with one_line_errors(f"{package.parent / 'reports'}: cannot write the report"):
        _, page = write_reports(report, package.parent / "reports")
    _print_report(report, report_json)
    out.print(f"report: {page}")
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def dictionary(folder: Path = typer.Option(REPO / "docs", help="Where to write it."),
               package: Path = typer.Option(None, help="A built package's folder: add its example values and "
                                                       "row counts, and write the HTML forms too.")):
    """Write the data dictionary generated from schemas/, in English and Chinese."""
    from hkcoop.publish.dictionary import write_all

    # without a package: the committed, schema-only Markdown
    for p in write_all(folder, package, with_html=package is not None):
        out.print(f"wrote {p}")


@app.command()
def release(version: str = typer.Argument(..., help="MAJOR.MINOR.PATCH, above the latest release."),
            raw: Path = typer.Option(REPO / "raw", help="Folder of articles, committed."),
            releases: Path = typer.Option(REPO / "releases", help="Where releases are kept."),
            previous: Path = typer.Option(None, help="The release to diff against (a release folder); default: "
                                                     "the latest one in --releases.")):
    """Cut a release: strict build, data dictionary, dataset card, plots, changelog, checksums, archive."""
    import time

    from hkcoop.publish.release import cut

    t0 = time.perf_counter()
    with one_line_errors(), BuildProgress(err) as bar:
        r = cut(version, raw=raw, releases=releases, previous=previous, progress=bar.stage)
    out.print(f"released {r.version}: {r.folder} ({r.files} files, {r.bytes / 1e6:.1f} MB), "
              f"archive {r.archive} ({r.archive.stat().st_size / 1e6:.1f} MB); "
              f"changes since {r.previous or 'nothing (first release)'} in CHANGELOG.md; "
              f"{time.perf_counter() - t0:.0f} s", soft_wrap=True)


@app.command()
def publish(version: str = typer.Argument(..., help="The release to publish (releases/VERSION)."),
            portal: str = typer.Option(..., help="The CKAN portal's address, e.g. https://data.example.org"),
            releases: Path = typer.Option(REPO / "releases", help="Where releases are kept."),
            organization: str = typer.Option("hk-mainland-cooperation", help="The portal organization that owns "
                                                                              "the dataset (it must exist)."),
            dataset: str = typer.Option("hk-mainland-cooperation", help="The dataset's name on the portal."),
            confirm: bool = typer.Option(False, help="Act; without it, a dry run that changes nothing."),
            timeout: float = typer.Option(60.0, help="Seconds the portal may take to answer each call.")):
    """Publish a release to a CKAN portal (token from CKAN_API_TOKEN): a dry run unless --confirm."""
    from hkcoop.publish.ckan import TOKEN_ENV, publish as run_publish

    with one_line_errors(f"portal {portal}: internal error", secret=os.environ.get(TOKEN_ENV)):
        run_publish(version, portal, releases=releases, organization=organization, dataset=dataset,
                    confirm=confirm, timeout=timeout, say=lambda line: out.print(line, soft_wrap=True, markup=False))


@app.command()
def serve(package: Path = typer.Option(REPO, help="Folder of the built package (with datapackage.json)."),
          release: str = typer.Option(None, help="Serve this release of --releases instead of --package."),
          releases: Path = typer.Option(REPO / "releases", help="Where releases are kept."),
          portal: Path = typer.Option(REPO / ".portal", help="Where the SQLite copy and metadata are written."),
          port: int = typer.Option(8001, help="Port on 127.0.0.1."),
          prepare_only: bool = typer.Option(False, help="Write the database and metadata, do not serve.")):
    """Browse the tables in Datasette on 127.0.0.1: the current build, or a release."""
    from hkcoop.publish import portal as portal_mod

    source = releases / release if release else package
    if not (source / "datapackage.json").is_file():
        err.print(f"[red]error:[/red] {source / 'datapackage.json'}: no such package "
                  f"({'cut it with `make release`' if release else 'run `make dataset` first'})", soft_wrap=True)
        raise typer.Exit(1)
    with one_line_errors(f"{source}: could not load it into the portal"):  # e.g. a package of an older schema
        db = portal_mod.prepare(source, portal / (release or "current"))
    out.print(f"loaded {source / 'datapackage.json'} into {db}", soft_wrap=True)
    if prepare_only:
        return
    out.print(f"serving on http://127.0.0.1:{port}/ (Ctrl-C stops)")
    portal_mod.serve(db.parent, port=port)


@app.command()
def suites():
    """Write the Great Expectations suites of checks/suites from schemas/ and the semantic expectations."""
    from hkcoop.quality.suites import write

    for p in write():
        out.print(f"wrote {p}")


@app.command()
def rowcounts():
    """Rewrite checks/expected_row_counts.csv from the repository's datapackage.json (review the diff)."""
    from hkcoop.quality.rowcounts import write

    out.print(f"wrote {write()}")


def _check_report_path(report_json: Path | None) -> None:
    """--report names a file in a folder that exists: said before any work, not after it."""
    if report_json is None:
        return
    folder = report_json.parent
    problem = (f"expected a file in an existing folder, found no folder {folder}" if not folder.is_dir() else
               "expected a file, found a folder" if report_json.is_dir() else
               f"expected a writable folder, {folder} is not" if not os.access(folder, os.W_OK) else None)
    if problem:
        err.print(f"[red]error:[/red] --report {escape(str(report_json))}: {problem}", soft_wrap=True)
        raise typer.Exit(1)


def _print_report(report: Report, report_json: Path | None) -> None:
    for c in report.checks:
        if c.status != "pass":
            colour = "red" if c.status == "fail" else "yellow"
            head = c.message.split(": ", 1)[0] if c.message else ""  # the counts, not the first subject again
            out.print(f"[{colour}]{c.status}[/{colour}] {c.name}: {escape(shorten(head, 300))}", soft_wrap=True)
            for item in c.failures:
                out.print(f"    {escape(shorten(item, 300))}", soft_wrap=True)
    kinds = ", ".join(f"{k} {sum(v.values())}" for k, v in sorted(report.by_kind().items()))
    out.print(f"checks: {report.count('pass')} passed, {report.count('warn')} warned, {report.count('fail')} failed ({kinds})", soft_wrap=True)
    if report_json:
        try:
            report_json.write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            err.print(f"[red]error:[/red] --report {escape(str(report_json))}: cannot write: {exc.strerror}", soft_wrap=True)
            raise typer.Exit(1) from None
