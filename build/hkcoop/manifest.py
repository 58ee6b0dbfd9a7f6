"""Read and check `sources.yaml`, the manifest of the articles in a raw folder.

A folder without a manifest still builds: every file gets inferred metadata and a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from hkcoop.errors import InputError

MANIFEST_NAME = "sources.yaml"
ARTICLE_SUFFIXES = (".txt",)

REQUIRED = {"file": str, "outlet": str, "published": (dt.date, type(None)), "url": (str, type(None)),
            "license": str}
OPTIONAL = {"doc_id": str, "title": str, "script": str, "published_basis": str,
            "not_before": dt.date, "outlet_basis": str, "notes": str}
SCRIPTS = ("Hans", "Hant")
DOC_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


@dataclass(frozen=True)
class SourceEntry:
    file: str
    doc_id: str
    outlet: str | None
    published: dt.date | None
    url: str | None
    license: str | None
    title: str | None = None
    script: str | None = None
    published_basis: str | None = None
    not_before: dt.date | None = None
    outlet_basis: str | None = None
    notes: str | None = None
    in_manifest: bool = True


@dataclass
class Manifest:
    entries: list[SourceEntry]
    warnings: list[str] = field(default_factory=list)


def article_files(raw_dir: Path) -> list[Path]:
    return sorted(p for p in raw_dir.iterdir() if p.is_file() and p.suffix in ARTICLE_SUFFIXES)


def load_manifest(raw_dir: Path) -> Manifest:
    """Entries for every article file in `raw_dir`, in file-name order."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise InputError(raw_dir, "raw folder does not exist")
    path = raw_dir / MANIFEST_NAME
    files = article_files(raw_dir)
    warnings: list[str] = []
    entries: dict[str, SourceEntry] = {}
    if path.exists():
        for entry in _parse(path):
            if not (raw_dir / entry.file).is_file():
                raise InputError(path, f"entry for {entry.file!r}: the file does not exist in {raw_dir}")
            entries[entry.file] = entry
    else:
        warnings.append(f"{path}: no manifest; metadata of every file is inferred")
    for f in files:
        if f.name not in entries:
            warnings.append(f"{f}: not in the manifest; doc_id, script and title inferred, published unknown")
            entries[f.name] = SourceEntry(file=f.name, doc_id=_check_doc_id(path, f.stem), outlet=None,
                                          published=None, url=None, license=None, in_manifest=False)
    ordered = sorted(entries.values(), key=lambda e: e.file)
    seen: dict[str, str] = {}
    for e in ordered:
        if e.doc_id in seen:
            raise InputError(path, f"duplicate doc_id {e.doc_id!r} (files {seen[e.doc_id]!r} and {e.file!r})")
        seen[e.doc_id] = e.file
    return Manifest(entries=ordered, warnings=warnings)


def _parse(path: Path) -> list[SourceEntry]:
    try:
        data = yaml.safe_load(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(path, f"manifest is not UTF-8 (byte {exc.start})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise InputError(path, f"manifest is not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise InputError(path, "manifest must be a mapping with a list under 'documents:'")
    unknown_top = set(data) - {"documents"}
    if unknown_top:
        raise InputError(path, f"unknown top-level key(s): {', '.join(sorted(unknown_top))}")
    out: list[SourceEntry] = []
    files: set[str] = set()
    for i, raw in enumerate(data["documents"], start=1):
        where = f"documents[{i}]"
        if not isinstance(raw, dict):
            raise InputError(path, f"{where} must be a mapping")
        if isinstance(raw.get("file"), str):
            where = f"{where} ({raw['file']})"
        unknown = set(raw) - set(REQUIRED) - set(OPTIONAL)
        if unknown:
            raise InputError(path, f"{where}: unknown key(s): {', '.join(sorted(unknown))}")
        for key, typ in REQUIRED.items():
            if key not in raw:
                raise InputError(path, f"{where}: missing required key {key!r}")
        values = {}
        for key, typ in {**REQUIRED, **OPTIONAL}.items():
            if key not in raw:
                continue
            value = raw[key]
            if isinstance(value, dt.datetime) or not isinstance(value, typ):
                want = "an ISO date (YYYY-MM-DD)" if key in ("published", "not_before") else "text"
                if key in ("published", "url"):
                    want += " or null"
                raise InputError(path, f"{where}: {key!r} must be {want}, got {value!r}")
            values[key] = value.strip() if isinstance(value, str) else value
        if values["file"] in files:
            raise InputError(path, f"{where}: duplicate entry for file {values['file']!r}")
        files.add(values["file"])
        if "script" in values and values["script"] not in SCRIPTS:
            raise InputError(path, f"{where}: unknown script {values['script']!r} (use one of {', '.join(SCRIPTS)})")
        values["doc_id"] = _check_doc_id(path, values.get("doc_id") or Path(values["file"]).stem, where)
        out.append(SourceEntry(**values))
    return out


def _check_doc_id(path: Path, doc_id: str, where: str = "") -> str:
    if not DOC_ID_RE.match(doc_id):
        prefix = f"{where}: " if where else ""
        raise InputError(path, f"{prefix}doc_id {doc_id!r} must be 1-64 characters of A-Z a-z 0-9 _ . -")
    return doc_id
