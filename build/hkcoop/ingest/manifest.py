"""Read and check `sources.yaml`, the manifest of the articles in a raw folder.

A folder without a manifest still builds: every file gets inferred metadata and a warning.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from hkcoop.errors import InputError

MANIFEST_NAME = "sources.yaml"
ARTICLE_SUFFIX = ".txt"  # in any case: a.TXT is an article too
URL_SCHEMES = ("http", "https")  # a source's address; anything else (javascript:, file:) is refused

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


def article_files(raw_dir: Path) -> tuple[list[Path], list[str], set[str]]:
    """The article files of `raw_dir` (*.txt in any case) in name order, a warning for each other file that
    is skipped, and the names of those that are regular files of the folder itself, not links (the listing
    says so at no cost). Whether each other one is inside the folder is checked by `load_manifest`."""
    files, skipped, plain = [], [], set()
    with os.scandir(raw_dir) as listing:
        found = sorted(listing, key=lambda e: e.name)  # the order of sorted(Path.iterdir()): by name
    for e in found:
        if e.name.startswith(".") or e.name == MANIFEST_NAME:
            continue
        if os.path.splitext(e.name)[1].lower() == ARTICLE_SUFFIX:
            files.append(raw_dir / e.name)
            if e.is_file(follow_symlinks=False):
                plain.add(e.name)
        elif e.is_file() or e.is_symlink():
            skipped.append(f"{raw_dir / e.name}: skipped: not an article file (expected a name ending in .txt)")
    return files, skipped, plain


def inside(raw_dir: Path, path: Path, what: str, blame: Path | None = None, where: str = "") -> Path:
    """`path`, refused unless it is a regular file whose real location is inside `raw_dir` (a link that
    leads out of the folder would publish a file the user never gave). The error names `blame` (the
    manifest, with `where` its line) or else the file itself."""
    try:
        if path.parent == raw_dir and stat.S_ISREG(os.lstat(path).st_mode):
            return path  # a regular file of the folder itself, not a link: inside, without resolving a path
    except OSError:
        pass  # said below
    prefix = f"{where}: " if where else ""
    named = f"{what} {path.name!r}" if blame else what
    real, root = path.resolve(), raw_dir.resolve()
    if not real.is_relative_to(root):
        raise InputError(blame or path, f"{prefix}{named} is a link to {real}, outside the raw folder; expected a "
                                        f"file inside {raw_dir}")
    if not real.is_file():
        found = "a folder" if real.is_dir() else "a broken link" if not real.exists() else "not a regular file"
        raise InputError(blame or path, f"{prefix}{named}: expected a regular file in {raw_dir}, found {found}")
    return path


def check_file_name(name: str) -> str | None:
    """Why `name` is not a plain file name inside the raw folder, or None."""
    if not name or name in (".", ".."):
        return "an empty name" if not name else f"{name!r}"
    if "/" in name or "\\" in name or "\0" in name:
        return f"a path ({name!r})"
    return None


def load_manifest(raw_dir: Path) -> Manifest:
    """Entries for every article file in `raw_dir`, in file-name order."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise InputError(raw_dir, "raw folder does not exist")
    path = raw_dir / MANIFEST_NAME
    files, warnings, plain = article_files(raw_dir)
    entries: dict[str, SourceEntry] = {}
    lines: dict[str, int] = {}
    if path.exists() or path.is_symlink():
        inside(raw_dir, path, "manifest")
        for entry, line in _parse(path):
            if entry.file not in plain:  # a regular file of the folder itself needs neither check
                if not (raw_dir / entry.file).exists() and not (raw_dir / entry.file).is_symlink():
                    raise InputError(path, f"line {line}: entry for {entry.file!r}: expected a file of that name "
                                           f"in {raw_dir}, found none")
                inside(raw_dir, raw_dir / entry.file, "article file", path, f"line {line}")
            entries[entry.file] = entry
            lines[entry.file] = line
    else:
        warnings.append(f"{path}: no manifest; metadata of every file is inferred")
    taken = {e.doc_id for e in entries.values()}
    for f in files:
        if f.name not in entries:
            if f.name not in plain:
                inside(raw_dir, f, "article file")
            doc_id = _inferred_doc_id(f.name, taken)
            note = "" if doc_id == f.stem else f" (doc_id {doc_id!r}, from a name that is not one)"
            warnings.append(f"{f}: not in the manifest; doc_id, script and title inferred, published unknown{note}")
            entries[f.name] = SourceEntry(file=f.name, doc_id=doc_id, outlet=None,
                                          published=None, url=None, license=None, in_manifest=False)
            taken.add(doc_id)
    ordered = sorted(entries.values(), key=lambda e: e.file)
    seen: dict[str, str] = {}
    for e in ordered:
        if e.doc_id in seen:
            where = f"line {lines[e.file]}: " if e.file in lines else ""
            raise InputError(path, f"{where}duplicate doc_id {e.doc_id!r}: expected one file per doc_id, found "
                                   f"{seen[e.doc_id]!r} and {e.file!r}")
        seen[e.doc_id] = e.file
    return Manifest(entries=ordered, warnings=warnings)


def _inferred_doc_id(name: str, taken: set[str]) -> str:
    """A file's stem as its doc_id when it is one; else a pinyin slug of it (浙港合作.txt: zhe-gang-he-zuo,
    'my article 1.txt': my-article-1), made unique with a hash of the name when it is taken."""
    stem = os.path.splitext(name)[0]
    if DOC_ID_RE.match(stem) and stem not in taken:
        return stem
    from hkcoop.slugs import short_hash, slug  # pypinyin: only for names that need it

    base = slug(stem, max_parts=12)[:50].strip("-.") or "doc"
    base = base if DOC_ID_RE.match(base) else "doc"
    return base if base not in taken else f"{base}-{short_hash(name, 8)}"


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, except that a date that does not exist (2024-13-45) stays text, to be reported
    with its line, instead of raising from inside the parser."""

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def _describe(value) -> str:
    """What was found, for a message: the value, and its YAML kind when it is not text."""
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    kinds = ((bool, "a boolean"), (dt.datetime, "a date with a time"), (dt.date, "a date"), (int, "a number"),
             (float, "a number"))
    kind = next((k for t, k in kinds if isinstance(value, t)), None)
    return f"{value!r}" + (f" ({kind})" if kind else "")


def _as_date(value):
    """A quoted ISO date ('2024-04-27') is an ISO date; anything else is returned unchanged."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return value
    return value


def _lines(path: Path, text: str) -> list[dict[str, int]]:
    """For each entry under documents:, the 1-based line of the entry and of each of its keys."""
    out: list[dict[str, int]] = []
    root = yaml.compose(text)
    if not isinstance(root, yaml.MappingNode):
        return out
    for key, value in root.value:
        if key.value == "documents" and isinstance(value, yaml.SequenceNode):
            for item in value.value:
                lines = {"": item.start_mark.line + 1}
                if isinstance(item, yaml.MappingNode):
                    lines.update({k.value: k.start_mark.line + 1 for k, _ in item.value})
                out.append(lines)
    return out


def _parse(path: Path) -> list[tuple[SourceEntry, int]]:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"manifest is not UTF-8: expected UTF-8 text, found byte "
                               f"0x{exc.object[exc.start]:02x} at byte offset {exc.start}") from None
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader
        lines = _lines(path, text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise InputError(path, f"manifest is not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        found = "an empty file" if data is None else _describe(data) if not isinstance(data, dict) else \
            f"a mapping with keys {', '.join(map(str, data))}" if "documents" not in data else \
            f"documents: {_describe(data['documents'])}"
        raise InputError(path, f"line 1: expected a mapping with a list under 'documents:', found {found}")
    unknown_top = set(data) - {"documents"}
    if unknown_top:
        raise InputError(path, f"expected only the top-level key 'documents', found also: "
                               f"{', '.join(sorted(map(str, unknown_top)))}")
    out: list[tuple[SourceEntry, int]] = []
    files: dict[str, int] = {}
    for i, raw in enumerate(data["documents"], start=1):
        at = lines[i - 1] if i - 1 < len(lines) else {"": 0}
        where = f"line {at['']}: documents[{i}]"
        if not isinstance(raw, dict):
            raise InputError(path, f"{where}: expected a mapping of keys (file, outlet, published, url, license), "
                                   f"found {_describe(raw)}")
        if isinstance(raw.get("file"), str):
            where = f"{where} ({raw['file']})"
        unknown = set(raw) - set(REQUIRED) - set(OPTIONAL)
        if unknown:
            first = min(unknown, key=lambda k: at.get(k, 0))
            raise InputError(path, f"line {at.get(first, at[''])}: documents[{i}]: unknown key(s): "
                                   f"{', '.join(sorted(map(str, unknown)))}; expected only "
                                   f"{', '.join(list(REQUIRED) + list(OPTIONAL))}")
        for key in REQUIRED:
            if key not in raw:
                raise InputError(path, f"{where}: missing required key {key!r}; expected "
                                       f"{', '.join(REQUIRED)}, found {', '.join(map(str, raw))}")
        values = {}
        for key, typ in {**REQUIRED, **OPTIONAL}.items():
            if key not in raw:
                continue
            value = _as_date(raw[key]) if key in ("published", "not_before") else raw[key]
            if isinstance(value, dt.datetime) or not isinstance(value, typ):
                want = "an ISO date (YYYY-MM-DD)" if key in ("published", "not_before") else "text"
                if key in ("published", "url"):
                    want += " or null"
                raise InputError(path, f"line {at.get(key, at[''])}: documents[{i}]"
                                       f"{where[where.index(']') + 1:]}: {key!r} must be {want}, "
                                       f"found {_describe(raw[key])}")
            values[key] = value.strip() if isinstance(value, str) else value
        bad_name = check_file_name(values["file"])
        if bad_name:
            raise InputError(path, f"line {at.get('file', at[''])}: documents[{i}]: 'file' must be the name of a file "
                                   f"in this folder, found {bad_name}")
        url = values.get("url")
        if url is not None and not _is_web_address(url):
            raise InputError(path, f"line {at.get('url', at[''])}: documents[{i}]{where[where.index(']') + 1:]}: "
                                   f"'url' must be an http or https address or null, found {url!r}")
        if values["file"] in files:
            raise InputError(path, f"{where}: duplicate entry for file {values['file']!r}; expected one entry per "
                                   f"file, found another at line {files[values['file']]}")
        files[values["file"]] = at[""]
        if "script" in values and values["script"] not in SCRIPTS:
            raise InputError(path, f"line {at.get('script', at[''])}: documents[{i}]: unknown script "
                                   f"{values['script']!r}; expected one of {', '.join(SCRIPTS)}")
        values["doc_id"] = _check_doc_id(path, values.get("doc_id") or Path(values["file"]).stem,
                                         f"line {at.get('doc_id', at[''])}: documents[{i}]")
        out.append((SourceEntry(**values), at[""]))
    return out


def _is_web_address(url: str) -> bool:
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in URL_SCHEMES and bool(parts.netloc) and not any(c.isspace() for c in url)


def _check_doc_id(path: Path, doc_id: str, where: str = "") -> str:
    if not DOC_ID_RE.match(doc_id):
        prefix = f"{where}: " if where else ""
        raise InputError(path, f"{prefix}doc_id {doc_id!r} must be 1-64 characters of A-Z a-z 0-9 _ . - "
                               f"(starting with a letter or digit)")
    return doc_id
