"""Publishing to a real CKAN 2.12 (tests/ckan/stack.py: Debian's PostgreSQL and Redis, CKAN from PyPI, and a
minimal in-memory Solr stand-in, since no Solr server installs from the registries these machines reach).

The two releases of conftest's `releases` are published through `hkcoop publish` as a user would: a dry run,
a real run, read back through the API, a download compared byte for byte, every table read back from the
DataStore (datastore_search, datastore_search_sql) and compared with its Parquet value for value, the
same version again (nothing changes), an interrupted upload and an interrupted DataStore load repaired, the same version with other content and an older version
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
from hkcoop.publish.release import write_sums

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
    from hkcoop.publish.ckan import release_files

    return {f.name: f.sha256 for f in release_files(folder)}


def datastore_resources(ckan) -> dict[str, dict]:
    return {r["name"]: r for r in dataset(ckan)["resources"] if r["name"].startswith("datastore/")}


def assert_datastore_holds(ckan, folder: Path) -> None:
    """Every table of the release in the DataStore: its rows through datastore_search, value for value as
    in its Parquet file, and its row count and one filter through datastore_search_sql."""
    import pyarrow.parquet as pq

    from hkcoop.publish.release import read_sums

    sums = read_sums(folder)
    held = datastore_resources(ckan)
    parquets = sorted((folder / "curated").glob("*.parquet"))
    assert sorted(held) == sorted(f"datastore/{p.stem}" for p in parquets)
    for path in parquets:
        res = held[f"datastore/{path.stem}"]
        assert res["datastore_active"] and res["datastore_sha256"] == sums[f"curated/{path.name}"]
        table = pq.read_table(path)
        dates = {f.name for f in table.schema if str(f.type).startswith("date")}
        expected = [{k: (v.isoformat() if k in dates and v is not None else v) for k, v in row.items()}
                    for row in table.to_pylist()]
        got = ckan.action("datastore_search", resource_id=res["id"], limit=100000, sort="_id")
        assert got["total"] == len(expected)
        rows = [{k: (v[:10] if k in dates and v is not None else v) for k, v in r.items() if k != "_id"}
                for r in got["records"]]
        assert rows == expected, path.stem
        count = ckan.action("datastore_search_sql", sql=f'SELECT count(*) AS n FROM "{res["id"]}"')
        assert count["records"] == [{"n": len(expected)}]
    metrics = pq.read_table(folder / "curated" / "metrics.parquet").to_pandas()
    unit = metrics["unit"].value_counts().index[0]
    sql = f'SELECT metric_id FROM "{held["datastore/metrics"]["id"]}" WHERE unit = \'{unit}\' ORDER BY metric_id'
    assert [r["metric_id"] for r in ckan.action("datastore_search_sql", sql=sql)["records"]] == \
        sorted(metrics.loc[metrics["unit"] == unit, "metric_id"])


def test_publish_read_back_republish_repair_refuse_and_update(ckan, outputs, releases, tmp_path):
    out, first, second = releases["out"], releases["first"], releases["second"]

    # a dry run changes nothing
    res = publish(ckan, outputs, out, "0.1.0")
    assert res.returncode == 0, res.stderr
    assert "would create dataset hk-mainland-cooperation" in res.stdout and "dry run" in res.stdout
    assert "would upload curated/metrics.parquet" in res.stdout
    assert "would load DataStore table metrics (" in res.stdout
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
    remote = {r["name"]: r for r in ds["resources"] if not r["name"].startswith("datastore/")}
    assert {n: r["sha256"] for n, r in remote.items()} == hashes
    assert remote["curated/people.parquet"]["hash"] == "sha256:" + hashes["curated/people.parquet"]
    assert len(hashes) == 10 + 2 * 17  # the documents and each table's Parquet and CSV
    with urllib.request.urlopen(remote["curated/metrics.parquet"]["url"], timeout=30) as resp:
        assert resp.read() == (first.folder / "curated" / "metrics.parquet").read_bytes()

    # every table in the DataStore, queryable, the same rows as its Parquet
    assert_datastore_holds(ckan, first.folder)
    loaded = {n: r["id"] for n, r in datastore_resources(ckan).items()}

    # the same version again: nothing changes
    res = publish(ckan, outputs, out, "0.1.0", "--confirm")
    assert res.returncode == 0 and "nothing to do" in res.stdout
    assert dataset(ckan)["metadata_modified"] == ds["metadata_modified"]
    assert {n: r["id"] for n, r in datastore_resources(ckan).items()} == loaded

    # a DataStore load cut short (a resource under its loading name) and a table gone: both mended
    cut = ckan.action("datastore_create", resource={"package_id": ds["id"], "name": "datastore/people (loading)"},
                      fields=[{"id": "person_id", "type": "text"}], records=[{"person_id": "half-loaded"}])
    ckan.action("resource_delete", id=loaded["datastore/people"])
    res = publish(ckan, outputs, out, "0.1.0", "--confirm")
    assert res.returncode == 0, res.stderr
    assert [line for line in res.stdout.splitlines() if line.startswith("loaded DataStore")] == \
        [line for line in res.stdout.splitlines() if "table people (" in line]
    assert f"deleted DataStore resource {cut['resource_id']}" in res.stdout
    assert_datastore_holds(ckan, first.folder)
    loaded = {n: r["id"] for n, r in datastore_resources(ckan).items()}
    ds = dataset(ckan)

    # an interrupted run: two files never arrived; the next run uploads those two only
    for name in ("curated/people.csv", "SHA256SUMS"):
        ckan.action("resource_delete", id=remote[name]["id"])
    res = publish(ckan, outputs, out, "0.1.0", "--confirm")
    assert res.returncode == 0, res.stderr
    assert sorted(line.split()[1] for line in res.stdout.splitlines() if line.startswith("uploaded")) == \
        ["SHA256SUMS", "curated/people.csv"]
    assert {r["name"]: r["sha256"] for r in dataset(ckan)["resources"] if not r["name"].startswith("datastore/")} == hashes

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
    assert {r["name"]: r["sha256"] for r in ds["resources"] if not r["name"].startswith("datastore/")} == \
        local_hashes(second.folder)
    replaced = {line.split()[1] for line in res.stdout.splitlines() if line.startswith("replaced")}
    assert {"curated/metrics.parquet", "curated/mentions.csv", "CHANGELOG.md"} <= replaced
    assert "curated/people.parquet" not in replaced
    # the DataStore: the changed tables loaded anew (a new resource each), the others left as they were
    assert_datastore_holds(ckan, second.folder)
    now = {n: r["id"] for n, r in datastore_resources(ckan).items()}
    assert now["datastore/metrics"] != loaded["datastore/metrics"] and now["datastore/people"] == loaded["datastore/people"]
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
