"""`hkcoop release VERSION`: a versioned, citable, checksummed release of the data package.

releases/<version>/ holds datapackage.json (version stamped) and curated/ (Parquet and CSV), docs/ (the data
dictionary in English and Chinese, Markdown and HTML, with example values; the plots), DATASET_CARD.md,
CITATION.cff, CHANGELOG.md and changes.csv (the row-level diff against the previous release), checks/
(the validation report) and SHA256SUMS; releases/hk-mainland-cooperation-<version>.tar.gz is the same
folder as one archive. The source texts are not in it (news copyright): hashes, URLs and short quotes are.

Refused, with nothing written: a version that is not x.y.z, that exists, or that is not above the latest
release; inputs (raw/, schemas/, reference/, checks/, the code, the pins) with uncommitted changes.
The release is assembled in a staging folder and renamed into place only when complete.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml

from hkcoop.errors import BuildError

REPO = Path(__file__).resolve().parents[3]
NAME = "hk-mainland-cooperation"
VERSION = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")  # matched whole (fullmatch): no newline after
CODE_INPUTS = tuple(REPO / p for p in ("schemas", "reference", "checks", "build/hkcoop", "requirements.txt",
                                       "pyproject.toml", "CITATION.cff"))
SUMS = "SHA256SUMS"


class ReleaseError(BuildError):
    """A release refused or failed; nothing was written."""


@dataclass
class Release:
    version: str
    folder: Path
    archive: Path
    previous: str | None
    files: int
    bytes: int


def parse_version(version: str) -> tuple[int, int, int]:
    m = VERSION.fullmatch(version)
    if not m:
        raise ReleaseError(None, f"version {version!r}: expected MAJOR.MINOR.PATCH, e.g. 1.0.0")
    return tuple(int(g) for g in m.groups())


def existing(releases: Path) -> dict[str, Path]:
    """The releases in `releases/`, by version (a folder with a datapackage.json)."""
    if not releases.is_dir():
        return {}
    return {p.name: p for p in releases.iterdir()
            if p.is_dir() and VERSION.fullmatch(p.name) and (p / "datapackage.json").is_file()}


def _git(cwd: Path, *args: str) -> str:
    try:
        res = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise ReleaseError(cwd, "git is not installed: a release names the commit of its inputs") from None
    if res.returncode:
        raise ReleaseError(cwd, f"not in a git checkout ({res.stderr.strip().splitlines()[-1] if res.stderr.strip() else 'git failed'}): "
                                "a release names the commit of its inputs; commit them first")
    return res.stdout


def uncommitted(paths: list[Path]) -> list[str]:
    """Files among `paths` (folders or files) with uncommitted changes, untracked ones included."""
    dirty = []
    for path in paths:
        if not path.exists():
            continue
        top = Path(_git(path if path.is_dir() else path.parent, "rev-parse", "--show-toplevel").strip())
        out = _git(top, "status", "--porcelain", "--untracked-files=all", "--", str(path.resolve()))
        dirty += [str(top / line[3:]) for line in out.splitlines() if line.strip()]
    return sorted(set(dirty))


def _commit(path: Path) -> tuple[str, str, int]:
    """(commit id, ISO date, unix time) of HEAD of the checkout holding `path`."""
    sha, day, ts = _git(path, "log", "-1", "--format=%H %cs %ct").split()
    return sha, day, int(ts)


def cut(version: str, *, raw: Path = REPO / "raw", releases: Path = REPO / "releases",
        code_inputs: tuple[Path, ...] = CODE_INPUTS, previous: Path | None = None,
        progress: Callable[[str], None] = lambda _msg: None) -> Release:
    from hkcoop.pipeline import build

    raw, releases = Path(raw), Path(releases)
    wanted = parse_version(version)
    have = existing(releases)
    if version in have or (releases / f"{NAME}-{version}.tar.gz").exists():
        raise ReleaseError(releases / version, f"release {version} already exists; a release is never overwritten "
                                               "(choose a new version)")
    if have:
        latest = max(have, key=parse_version)
        if parse_version(latest) > wanted:
            raise ReleaseError(releases / version, f"version {version} is below the latest release {latest}")
    dirty = uncommitted([raw, *code_inputs])
    if dirty:
        shown = ", ".join(dirty[:5]) + (f" and {len(dirty) - 5} more" if len(dirty) > 5 else "")
        raise ReleaseError(raw, f"uncommitted changes to inputs: {shown}; commit them so the release names "
                                "the commit it was built from")
    commits = {_commit(raw), _commit(REPO)}
    commit, released, timestamp = max(commits, key=lambda c: c[2])
    if previous is None and have:
        previous = have[max(have, key=parse_version)]
    if previous is not None and not (Path(previous) / "datapackage.json").is_file():
        raise ReleaseError(Path(previous), "--previous: expected a release folder with a datapackage.json")

    staging = releases / f".staging-{version}"
    shutil.rmtree(staging, ignore_errors=True)  # left by an interrupted run
    try:
        progress("build (strict)")
        built = staging / "build"
        build(raw, built, force=True, strict=True, cache=False)
        folder = staging / version
        _assemble(built, folder, version, commit, released, previous, progress)
        archive_tmp = staging / f"{NAME}-{version}.tar.gz"
        _archive(folder, archive_tmp, f"{NAME}-{version}", timestamp)
        final = releases / version
        folder.rename(final)
        archive = releases / archive_tmp.name
        archive_tmp.rename(archive)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    files = [p for p in final.rglob("*") if p.is_file()]
    return Release(version, final, archive, version_of(previous), len(files),
                   sum(p.stat().st_size for p in files))


def _assemble(built: Path, folder: Path, version: str, commit: str, released: str, previous: Path | None,
              progress) -> None:
    from hkcoop.publish import card, datadiff, dictionary, plots

    before = version_of(previous)
    folder.mkdir(parents=True)
    shutil.copytree(built / "curated", folder / "curated")
    pkg = json.loads((built / "datapackage.json").read_text("utf-8"))
    pkg["version"] = version
    pkg["x-release"] = {"version": version, "date": released, "commit": commit,
                        "previous": before}
    (folder / "datapackage.json").write_text(json.dumps(pkg, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (folder / "checks").mkdir()
    for name in ("validation.json", "validation.html"):
        shutil.copy2(built / "reports" / name, folder / "checks" / name)
    progress("data dictionary")
    dictionary.write_all(folder / "docs", folder)
    progress("plots")
    plots.write_all(folder, folder / "docs" / "plots")
    progress("changelog")
    diff = datadiff.diff_packages(previous, folder) if previous else None
    (folder / "CHANGELOG.md").write_text(
        datadiff.changelog(diff, version, before, released), encoding="utf-8")
    (folder / "changes.csv").write_text(diff.csv() if diff else datadiff.PackageDiff([]).csv(), encoding="utf-8")
    (folder / "CITATION.cff").write_text(_citation(version, released, commit), encoding="utf-8")
    (folder / "DATASET_CARD.md").write_text(
        card.render(folder, version, released, commit, before), encoding="utf-8")
    write_sums(folder)


def version_of(release: Path | None) -> str | None:
    """The version a release folder says it is (an unpacked archive's folder is named after the package)."""
    if release is None:
        return None
    return json.loads((Path(release) / "datapackage.json").read_text("utf-8")).get("version")


def _citation(version: str, released: str, commit: str) -> str:
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text("utf-8"))
    cff.update({"version": version, "date-released": released, "commit": commit})
    return yaml.safe_dump(cff, allow_unicode=True, sort_keys=False)


def write_sums(folder: Path) -> Path:
    """SHA256SUMS in `sha256sum -c` form: every file of the folder but itself, sorted by path."""
    lines = []
    for p in sorted(q for q in folder.rglob("*") if q.is_file() and q.name != SUMS):
        lines.append(f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(folder).as_posix()}")
    path = folder / SUMS
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


SUM_LINE = re.compile(r"(?P<digest>[0-9a-f]{64})  (?P<name>[^/\x00][^\x00]*)")


def read_sums(folder: Path) -> dict[str, str]:
    """SHA256SUMS as {path: sha256}; a line not of `sha256sum`'s form, or a path that leaves the release
    folder, is a ReleaseError naming the line."""
    path = folder / SUMS
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReleaseError(path, f"cannot read the checksums: {getattr(exc, 'strerror', None) or exc}") from None
    sums = {}
    for n, line in enumerate(text.splitlines(), start=1):
        m = SUM_LINE.fullmatch(line)
        if not m or ".." in Path(m["name"]).parts:
            raise ReleaseError(path, f"line {n}: expected '<64 hex digits>  <path in the release>', found "
                                     f"{line[:80]!r}")
        sums[m["name"]] = m["digest"]
    return sums


def verify_sums(folder: Path) -> list[str]:
    """Files whose sha256 differs from SHA256SUMS, or that are listed and missing, or present and unlisted."""
    listed = read_sums(folder)
    bad = [name for name, digest in listed.items()
           if not (folder / name).is_file() or hashlib.sha256((folder / name).read_bytes()).hexdigest() != digest]
    present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.name != SUMS}
    return sorted(bad + list(present - set(listed)))


def _archive(folder: Path, target: Path, root: str, timestamp: int) -> None:
    """A byte-stable .tar.gz: sorted entries, fixed owner, modes and times, no gzip timestamp."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for p in [folder, *sorted(folder.rglob("*"))]:
            info = tarfile.TarInfo(root if p == folder else f"{root}/{p.relative_to(folder).as_posix()}")
            info.mtime, info.uid, info.gid, info.uname, info.gname = timestamp, 0, 0, "", ""
            if p.is_dir():
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                tar.addfile(info)
            else:
                data = p.read_bytes()
                info.size, info.mode = len(data), 0o644
                tar.addfile(info, io.BytesIO(data))
    with open(target, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz:
        gz.write(buf.getvalue())
