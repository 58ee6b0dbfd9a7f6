"""`hkcoop publish VERSION --portal URL`: a release to a CKAN portal through its Action API (ckanapi).

One dataset on the portal holds the latest published release: metadata mapped from the release's
datapackage.json (English and Chinese title and notes, licence, tags, version, sources, author, the
changelog's address) and one resource per file (each table's Parquet and CSV, datapackage.json, the data
dictionary, the dataset card, the changelog, checksums), each with its sha256 in `hash` and `sha256`; and
each table in the portal's DataStore, queryable row by row (hkcoop.publish.datastore).

A dry run by default: it reads the portal and prints what it would create or change. `confirm=True` acts.
- The same version with the same content: nothing changes (every file's sha256 compared).
- The same version with other content: refused, never overwritten (cut a new version).
- An older version on the portal: the dataset is updated to this one, files replaced or added, files
  no longer in the release removed (the portal's activity stream keeps the earlier version's record).
- A newer version on the portal: refused.
- An interrupted run (dataset made, some files missing or cut short): the next run uploads what is missing.
The token comes from CKAN_API_TOKEN and is never printed; every error is one line naming the portal and
the action.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from hkcoop.errors import BuildError
from hkcoop.publish import datastore
from hkcoop.publish.release import REPO, parse_version, read_sums, verify_sums, version_of

TOKEN_ENV = "CKAN_API_TOKEN"
DATASET = "hk-mainland-cooperation"
ORGANIZATION = "hk-mainland-cooperation"
TIMEOUT = 60.0  # seconds a portal may take to answer one call (a connection that never answers must not hang)
LICENSES = {"CC-BY-4.0": "cc-by"}  # datapackage licence name -> CKAN licence id
DOCS = [("datapackage.json", "JSON", "Frictionless Data Package descriptor: tables, fields, keys, sources"),
        ("DATASET_CARD.md", "Markdown", "Dataset card: scope, sources, coverage, checks, how to load and cite"),
        ("CHANGELOG.md", "Markdown", "Changes since the previous release, row by row"),
        ("changes.csv", "CSV", "Every row-level change since the previous release"),
        ("CITATION.cff", "CFF", "How to cite this release"),
        ("SHA256SUMS", "TXT", "SHA-256 of every file of the release"),
        ("docs/data_dictionary.md", "Markdown", "Data dictionary (English)"),
        ("docs/data_dictionary.zh.md", "Markdown", "数据字典（中文）"),
        ("docs/data_dictionary.html", "HTML", "Data dictionary (English)"),
        ("docs/data_dictionary.zh.html", "HTML", "数据字典（中文）")]


class PublishError(BuildError):
    """Refused or failed; one line naming the portal and the action."""


@dataclass(frozen=True)
class LocalFile:
    name: str  # path inside the release: the resource's name
    path: Path
    format: str
    description: str
    sha256: str
    size: int


@dataclass
class Plan:
    dataset_action: str | None  # "create", "update" or None
    uploads: list[tuple[str, LocalFile]] = field(default_factory=list)  # ("create" | "replace", file)
    deletions: list[str] = field(default_factory=list)  # resource ids
    unchanged: int = 0
    previous_version: str | None = None
    loads: list = field(default_factory=list)  # datastore.Table: tables to load into the DataStore
    stale: list[str] = field(default_factory=list)  # DataStore resource ids to delete once they are loaded

    @property
    def is_empty(self) -> bool:
        return not (self.dataset_action or self.uploads or self.deletions or self.loads or self.stale)


def release_files(folder: Path) -> list[LocalFile]:
    """The files to publish with their sha256, read from the release's SHA256SUMS (check it first with
    `verify_sums`); SHA256SUMS itself is hashed here."""
    pkg = json.loads((folder / "datapackage.json").read_text("utf-8"))
    sums = read_sums(folder)
    wanted = [(name, fmt, desc) for name, fmt, desc in DOCS if (folder / name).is_file()]
    for res in pkg["resources"]:
        desc = f"{res['title']} / {res['x-title-zh']}: {res['description']}"
        wanted += [(res["x-parquet"]["path"], "Parquet", desc), (res["path"], "CSV", desc)]
    out = []
    for name, fmt, desc in wanted:
        path = folder / name
        digest = sums.get(name) or hashlib.sha256(path.read_bytes()).hexdigest()
        out.append(LocalFile(name, path, fmt, desc, digest, path.stat().st_size))
    return out


def content_hash(files: list[LocalFile]) -> str:
    """One sha256 for the release's published content: the names and hashes of its files."""
    return hashlib.sha256("\n".join(f"{f.sha256}  {f.name}" for f in files).encode()).hexdigest()


def dataset_metadata(folder: Path, files: list[LocalFile], dataset: str, organization: str) -> dict:
    pkg = json.loads((folder / "datapackage.json").read_text("utf-8"))
    release = pkg.get("x-release", {})
    lic = (pkg.get("licenses") or [{}])[0]
    author = (pkg.get("contributors") or [{}])[0].get("title")
    sources = [{k: s[k] for k in ("title", "path", "x-published", "x-sha256") if k in s} for s in pkg["sources"]]
    extras = {"title_zh_hans": pkg.get("x-title-zh-Hans", ""), "title_zh_hant": pkg.get("x-title-zh-Hant", ""),
              "notes_zh": pkg.get("x-description-zh-Hans", ""), "release_date": release.get("date", ""),
              "release_commit": release.get("commit", ""), "release_sha256": content_hash(files),
              "sources": json.dumps(sources, ensure_ascii=False, sort_keys=True)}
    return {
        "name": dataset, "owner_org": organization, "version": pkg["version"],
        "title": f"{pkg['title']} · {pkg.get('x-title-zh-Hans', '')}".strip(" ·"),
        "notes": f"{pkg['description']}\n\n{pkg.get('x-description-zh-Hans', '')}\n\n"
                 f"Changes in this version: the CHANGELOG.md resource. 本版本的变更：见 CHANGELOG.md。".strip(),
        "license_id": LICENSES.get(lic.get("name"), lic.get("name", "notspecified")),
        "author": author, "maintainer": author,
        "tags": [{"name": k} for k in pkg.get("keywords", [])],
        "extras": [{"key": k, "value": v} for k, v in sorted(extras.items())],
    }


def _extras(d: dict) -> dict:
    return {e["key"]: e["value"] for e in d.get("extras", [])}


def make_plan(local_meta: dict, files: list[LocalFile], remote: dict | None, tables: list = ()) -> Plan:
    """What publishing would do, given the dataset as the portal shows it (None: absent) and the tables to
    have in its DataStore (hkcoop.publish.datastore). Raises PublishError for a refusal."""
    version = local_meta["version"]
    if remote is None:
        return Plan("create", [("create", f) for f in files], loads=list(tables))
    remote_version = remote.get("version") or "0.0.0"
    try:
        newer = parse_version(remote_version) > parse_version(version)
    except BuildError:
        newer = False  # a version this tool did not write: replace it
    if newer:
        raise PublishError(None, f"the portal holds version {remote_version}, newer than {version}: refused")
    same_version = remote_version == version
    wanted = _extras(local_meta)["release_sha256"]
    if same_version and _extras(remote).get("release_sha256") not in (None, "", wanted):
        raise PublishError(None, f"version {version} is already published with different content (release_sha256 "
                                 f"{_extras(remote)['release_sha256'][:12]}… on the portal, {wanted[:12]}… here): "
                                 "refused, a published version is never overwritten; cut a new version")
    by_name = {r.get("name"): r for r in remote.get("resources", [])}
    plan = Plan(None, previous_version=remote_version)
    for f in files:
        r = by_name.get(f.name)
        if r is None:
            plan.uploads.append(("create", f))
        elif r.get("sha256") != f.sha256 or (r.get("size") not in (None, "") and int(r["size"]) != f.size):
            if same_version and r.get("sha256") not in (None, "", f.sha256):
                raise PublishError(None, f"version {version} is already published with a different {f.name}: "
                                         "refused, never overwritten; cut a new version")
            plan.uploads.append(("replace", f))  # another version's file, or an upload cut short
        else:
            plan.unchanged += 1
    keep = {f.name for f in files}
    plan.deletions = [r["id"] for r in remote.get("resources", []) if r.get("name") not in keep
                      and not (r.get("name") or "").startswith(datastore.PREFIX)]  # the DataStore's: below
    plan.loads, plan.stale = datastore.plan(list(tables), remote.get("resources", []))
    fields = ("title", "notes", "license_id", "version", "author", "maintainer", "owner_org")
    differs = any(str(remote.get(k) or "") != str(local_meta.get(k) or "") for k in fields if k != "owner_org")
    differs |= {t["name"] for t in remote.get("tags", [])} != {t["name"] for t in local_meta["tags"]}
    differs |= {k: v for k, v in _extras(remote).items() if k != "changelog"} != _extras(local_meta)
    if differs:
        plan.dataset_action = "update"
    return plan


class Portal:
    """ckanapi calls with one-line errors that name the portal and the action and never the token."""

    def __init__(self, url: str, token: str | None, timeout: float = TIMEOUT):
        import ckanapi

        self.url, self._token, self.timeout = url.rstrip("/"), token, timeout
        self.ckan = ckanapi.RemoteCKAN(self.url, apikey=token, user_agent="hkcoop-publish")

    def call(self, action: str, **data):
        import ckanapi
        import requests

        try:
            return self.ckan.call_action(action, data_dict={k: v for k, v in data.items() if k != "upload"},
                                         files={"upload": data["upload"]} if "upload" in data else None,
                                         requests_kwargs={"timeout": self.timeout})
        except ckanapi.errors.NotFound:
            raise
        except ckanapi.errors.NotAuthorized as exc:
            why = "not authorized: check CKAN_API_TOKEN and that its user may edit the organization's datasets"
            raise PublishError(None, self._line(action, why, exc)) from None
        except ckanapi.errors.ValidationError as exc:
            raise PublishError(None, self._line(action, f"rejected: {exc.error_dict}", exc)) from None
        except ckanapi.errors.CKANAPIError as exc:
            raise PublishError(None, self._line(action, f"failed: {exc}", exc)) from None
        except requests.Timeout as exc:
            raise PublishError(None, self._line(action, f"no answer within {self.timeout:g} s (--timeout)", exc)) from None
        except requests.RequestException as exc:
            raise PublishError(None, self._line(action, f"cannot reach the portal ({type(exc).__name__})", exc)) from None

    def _line(self, action: str, why: str, _exc) -> str:
        text = f"portal {self.url}: action {action}: {why}"
        text = " ".join(text.split())
        return text.replace(self._token, "***") if self._token else text


def publish(version: str, portal_url: str, *, releases: Path = REPO / "releases", token: str | None = None,
            organization: str = ORGANIZATION, dataset: str = DATASET, confirm: bool = False,
            timeout: float = TIMEOUT, say: Callable[[str], None] = print) -> Plan:
    import ckanapi

    folder = Path(releases) / version
    parse_version(version)
    if not (folder / "datapackage.json").is_file():
        raise PublishError(folder, "no such release: cut it with `make release VERSION=…` first")
    stamped = version_of(folder)
    if stamped != version:
        raise PublishError(folder / "datapackage.json", f"expected version {version}, found {stamped!r}")
    damaged = verify_sums(folder)
    if damaged:
        raise PublishError(folder / "SHA256SUMS", f"the release's files differ from its checksums: "
                                                  f"{', '.join(damaged[:5])}; cut the release again")
    token = token if token is not None else os.environ.get(TOKEN_ENV)
    if confirm and not token:
        raise PublishError(None, f"{TOKEN_ENV} is not set: publishing needs an API token of the portal")
    files = release_files(folder)
    meta = dataset_metadata(folder, files, dataset, organization)
    tables = datastore.tables(folder, read_sums(folder))
    if not timeout > 0:
        raise PublishError(None, f"--timeout: expected a number of seconds above 0, found {timeout}")
    portal = Portal(portal_url, token, timeout)
    try:
        remote = portal.call("package_show", id=dataset)
    except ckanapi.errors.NotFound:
        remote = None
    try:
        plan = make_plan(meta, files, remote, tables)
    except PublishError as exc:
        raise PublishError(None, f"portal {portal.url}: {exc.problem}") from None
    say(f"portal {portal.url}: dataset {dataset} (organization {organization}): "
        + (f"version {plan.previous_version} there, {version} here" if remote else f"absent, {version} here"))
    if plan.is_empty:
        say(f"nothing to do: version {version} is published with the same content "
            f"({plan.unchanged} files, every sha256 the same; {len(tables)} tables in the DataStore)")
        return plan
    if not confirm:
        if plan.dataset_action:
            say(f"would {plan.dataset_action} dataset {dataset}: version {version}, {meta['title']}")
        for kind, f in plan.uploads:
            say(f"would {'upload' if kind == 'create' else 'replace'} {f.name} ({f.size:,} bytes, "
                f"sha256 {f.sha256[:12]})")
        for rid in plan.deletions:
            say(f"would delete resource {rid} (not in release {version})")
        for t in plan.loads:
            say(f"would load DataStore table {t.name} ({datastore.n_rows(t):,} rows)")
        for rid in plan.stale:
            say(f"would delete DataStore resource {rid} (a previous version's table, or a load cut short)")
        if plan.unchanged:
            say(f"unchanged: {plan.unchanged} files with the same sha256")
        say("dry run: nothing was changed on the portal (CONFIRM=1, or --confirm, to publish)")
        return plan
    _apply(portal, plan, meta, remote, say)  # each line said once its action is done
    if plan.unchanged:
        say(f"unchanged: {plan.unchanged} files with the same sha256")
    say(f"published version {version}")
    return plan


def _apply(portal: Portal, plan: Plan, meta: dict, remote: dict | None, say: Callable[[str], None]) -> None:
    if plan.dataset_action == "create":
        remote = portal.call("package_create", **meta)
        say(f"created dataset {meta['name']}: version {meta['version']}")
    elif plan.dataset_action == "update":
        remote = portal.call("package_patch", id=remote["id"], **{k: v for k, v in meta.items() if k != "name"})
        say(f"updated dataset {meta['name']}: version {meta['version']}")
    by_name = {r["name"]: r for r in (remote or {}).get("resources", [])}
    for kind, f in plan.uploads:
        fields = {"name": f.name, "format": f.format, "description": f.description, "sha256": f.sha256,
                  "hash": f"sha256:{f.sha256}", "release_version": meta["version"]}
        with open(f.path, "rb") as fh:
            if f.name in by_name:
                portal.call("resource_update", id=by_name[f.name]["id"], upload=fh, **fields)
            else:
                portal.call("resource_create", package_id=remote["id"], upload=fh, **fields)
        say(f"{'uploaded' if kind == 'create' else 'replaced'} {f.name} ({f.size:,} bytes, sha256 {f.sha256[:12]})")
    for rid in plan.deletions:
        portal.call("resource_delete", id=rid)
        say(f"deleted resource {rid} (not in release {meta['version']})")
    for t in plan.loads:  # each table loaded whole under a loading name, then named; the old one deleted after
        n = datastore.load(portal, remote["id"], t, meta["version"])
        say(f"loaded DataStore table {t.name} ({n:,} rows)")
    for rid in plan.stale:
        portal.call("resource_delete", id=rid)
        say(f"deleted DataStore resource {rid} (a previous version's table, or a load cut short)")
    shown = portal.call("package_show", id=remote["id"])
    changelog = next((r["url"] for r in shown["resources"] if r["name"] == "CHANGELOG.md"), None)
    if changelog and _extras(shown).get("changelog") != changelog:
        extras = [e for e in shown.get("extras", []) if e["key"] != "changelog"] + [{"key": "changelog",
                                                                                        "value": changelog}]
        portal.call("package_patch", id=shown["id"], extras=extras)
