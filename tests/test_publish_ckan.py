"""Publishing to a real CKAN 2.12 (tests/ckan/stack.py: Debian's PostgreSQL and Redis, CKAN from PyPI, and a
minimal in-memory Solr stand-in, since no Solr server installs from the registries these machines reach).

The two releases of conftest's `releases` are published through `hkcoop publish` as a user would: a dry run,
a real run, read back through the API, a download compared byte for byte, the same version again (nothing
changes), an interrupted upload repaired, the same version with other content and an older version
refused, the next version, and errors in one line. The token appears in no output and no log."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO
from hkcoop.release import write_sums

sys.path.insert(0, str(REPO / "tests" / "ckan"))
from stack import ORGANIZATION, CkanStack  # noqa: E402

HKCOOP = Path(sys.executable).with_name("hkcoop")


@pytest.fixture(scope="module")
def ckan(tmp_path_factory):
    stack = CkanStack(tmp_path_factory.mktemp("ckan"))
    try:
        yield stack.start()
    finally:
        stack.stop()


@pytest.fixture(scope="module")
def outputs():
    return []  # every line `hkcoop publish` printed, checked for the token at the end


def publish(ckan, outputs, releases_dir: Path, version: str, *extra: str, token: str | None = None):
    env = {**os.environ, "CKAN_API_TOKEN": ckan.token if token is None else token}
    res = subprocess.run([str(HKCOOP), "publish", version, "--portal", ckan.url, "--releases", str(releases_dir),
                          "--organization", ORGANIZATION, *extra], capture_output=True, text=True, env=env,
                         timeout=600)
    outputs.append(res.stdout + res.stderr)
    return res


def dataset(ckan):
    return ckan.action("package_show", id="hk-mainland-cooperation")


def local_hashes(folder: Path) -> dict[str, str]:
    from hkcoop.publish import release_files

    return {f.name: f.sha256 for f in release_files(folder)}


def test_publish_read_back_republish_repair_refuse_and_update(ckan, outputs, releases, tmp_path):
    out, first, second = releases["out"], releases["first"], releases["second"]

    # a dry run changes nothing
    res = publish(ckan, outputs, out, "0.1.0")
    assert res.returncode == 0, res.stderr
    assert "would create dataset hk-mainland-cooperation" in res.stdout and "dry run" in res.stdout
    assert "would upload curated/metrics.parquet" in res.stdout
    with pytest.raises(LookupError, match="Not Found"):
        dataset(ckan)

    # publish, then read back: metadata in both languages, every file with its sha256
    res = publish(ckan, outputs, out, "0.1.0", "--confirm")
    assert res.returncode == 0, res.stderr
    ds = dataset(ckan)
    extras = {e["key"]: e["value"] for e in ds["extras"]}
    assert ds["version"] == "0.1.0" and ds["license_id"] == "cc-by" and ds["organization"]["name"] == ORGANIZATION
    assert "香港与内地合作" in ds["title"] and "Hong Kong" in ds["title"] and "不重新发布原文" in ds["notes"]
    assert extras["title_zh_hant"].startswith("香港與內地合作") and "大公报" in extras["sources"]
    assert extras["changelog"].lower().endswith("/changelog.md") and "沪港合作" in {t["name"] for t in ds["tags"]}
    hashes = local_hashes(first.folder)
    remote = {r["name"]: r for r in ds["resources"]}
    assert {n: r["sha256"] for n, r in remote.items()} == hashes
    assert remote["curated/people.parquet"]["hash"] == "sha256:" + hashes["curated/people.parquet"]
    assert len(hashes) == 10 + 2 * 17  # the documents and each table's Parquet and CSV
    with urllib.request.urlopen(remote["curated/metrics.parquet"]["url"], timeout=30) as resp:
        assert resp.read() == (first.folder / "curated" / "metrics.parquet").read_bytes()

    # the same version again: nothing changes
    res = publish(ckan, outputs, out, "0.1.0", "--confirm")
    assert res.returncode == 0 and "nothing to do" in res.stdout
    assert dataset(ckan)["metadata_modified"] == ds["metadata_modified"]

    # an interrupted run: two files never arrived; the next run uploads those two only
    for name in ("curated/people.csv", "SHA256SUMS"):
        ckan.action("resource_delete", id=remote[name]["id"])
    res = publish(ckan, outputs, out, "0.1.0", "--confirm")
    assert res.returncode == 0, res.stderr
    assert sorted(line.split()[1] for line in res.stdout.splitlines() if line.startswith("uploaded")) == \
        ["SHA256SUMS", "curated/people.csv"]
    assert {r["name"]: r["sha256"] for r in dataset(ckan)["resources"]} == hashes

    # the same version with other content: refused, nothing written
    other = tmp_path / "other"
    shutil.copytree(first.folder, other / "0.1.0")
    with open(other / "0.1.0" / "DATASET_CARD.md", "a", encoding="utf-8") as fh:
        fh.write("\nedited after release\n")
    res = publish(ckan, outputs, other, "0.1.0", "--confirm")  # a damaged release is not published at all
    assert res.returncode == 1 and "differ from its checksums: DATASET_CARD.md" in res.stderr
    write_sums(other / "0.1.0")  # as if 0.1.0 had been cut again, from other inputs
    before = dataset(ckan)["metadata_modified"]
    res = publish(ckan, outputs, other, "0.1.0", "--confirm")
    assert res.returncode == 1
    assert f"portal {ckan.url}: version 0.1.0 is already published with different content" in res.stderr
    assert dataset(ckan)["metadata_modified"] == before

    # the next version: changed files replaced, the rest kept
    res = publish(ckan, outputs, out, "0.2.0", "--confirm")
    assert res.returncode == 0, res.stderr
    ds = dataset(ckan)
    assert ds["version"] == "0.2.0"
    assert {r["name"]: r["sha256"] for r in ds["resources"]} == local_hashes(second.folder)
    replaced = {line.split()[1] for line in res.stdout.splitlines() if line.startswith("replaced")}
    assert {"curated/metrics.parquet", "curated/mentions.csv", "CHANGELOG.md"} <= replaced
    assert "curated/people.parquet" not in replaced
    with urllib.request.urlopen({r["name"]: r for r in ds["resources"]}["curated/metrics.csv"]["url"]) as resp:
        assert hashlib.sha256(resp.read()).hexdigest() == local_hashes(second.folder)["curated/metrics.csv"]

    # an older version: refused
    res = publish(ckan, outputs, out, "0.1.0", "--confirm")
    assert res.returncode == 1 and "holds version 0.2.0, newer than 0.1.0: refused" in res.stderr


def test_errors_are_one_line_and_the_token_is_never_shown(ckan, outputs, releases, tmp_path):
    newer = tmp_path / "rel"
    shutil.copytree(releases["second"].folder, newer / "0.3.0")
    descriptor = newer / "0.3.0" / "datapackage.json"
    descriptor.write_text(descriptor.read_text("utf-8").replace('"version": "0.2.0"', '"version": "0.3.0"'), "utf-8")
    write_sums(newer / "0.3.0")
    bad = "not-the-token-0123456789"
    res = publish(ckan, outputs, newer, "0.3.0", "--confirm", token=bad)
    assert res.returncode == 1
    assert res.stderr.strip().count("\n") == 0 and "Traceback" not in res.stderr
    assert f"portal {ckan.url}: action package_patch: not authorized" in res.stderr and bad not in res.stderr
    res = publish(ckan, outputs, newer, "0.3.0", "--confirm", token="")
    assert res.returncode == 1 and "CKAN_API_TOKEN is not set" in res.stderr
    gone = subprocess.run([str(HKCOOP), "publish", "0.3.0", "--portal", "http://127.0.0.1:9", "--releases",
                           str(newer)], capture_output=True, text=True)
    assert gone.returncode == 1 and "portal http://127.0.0.1:9: action package_show: cannot reach the portal" in gone.stderr
    # the token: in no output of any run of this module, nor in CKAN's log or the stand-in's
    assert outputs and all(ckan.token not in text for text in outputs)
    for log in ("ckan.log", "solr.log", "redis.log"):
        assert ckan.token not in (ckan.root / log).read_text("utf-8", "replace")
