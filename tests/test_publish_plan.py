"""What `hkcoop publish` decides from the portal's state, without a portal: create, nothing, repair an upload cut
short, replace another version's files, refuse other content under the same version or an older version."""

from __future__ import annotations

from pathlib import Path

import pytest

from hkcoop.publish.ckan import LocalFile, PublishError, make_plan


def files() -> list[LocalFile]:
    return [LocalFile("datapackage.json", Path("x"), "JSON", "d", "a" * 64, 100),
            LocalFile("curated/people.csv", Path("y"), "CSV", "p", "b" * 64, 2000)]


def meta(version: str = "0.2.0", content: str = "c1") -> dict:
    return {"name": "ds", "owner_org": "org", "version": version, "title": "T", "notes": "N", "license_id": "cc-by",
            "author": "A", "maintainer": "A", "tags": [{"name": "香港"}],
            "extras": [{"key": "release_sha256", "value": content}]}


def remote(version: str = "0.2.0", content: str = "c1", sizes=(100, 2000), hashes=("a" * 64, "b" * 64)) -> dict:
    m = meta(version, content)
    m["id"] = "uuid"
    m["resources"] = [{"id": f"r{i}", "name": f.name, "sha256": h, "size": n}
                      for i, (f, n, h) in enumerate(zip(files(), sizes, hashes))]
    return m


def test_absent_dataset_is_created_with_every_file():
    plan = make_plan(meta(), files(), None)
    assert plan.dataset_action == "create" and [k for k, _ in plan.uploads] == ["create", "create"]


def test_same_version_same_content_changes_nothing():
    plan = make_plan(meta(), files(), remote())
    assert plan.is_empty and plan.unchanged == 2


def test_an_upload_cut_short_is_uploaded_again():
    plan = make_plan(meta(), files(), remote(sizes=(100, 731)))
    assert [(k, f.name) for k, f in plan.uploads] == [("replace", "curated/people.csv")]
    assert plan.dataset_action is None and plan.unchanged == 1


def test_a_missing_file_is_uploaded_and_a_stray_one_deleted():
    r = remote()
    r["resources"][1]["name"] = "old/only-in-an-earlier-release.csv"
    plan = make_plan(meta(), files(), r)
    assert [(k, f.name) for k, f in plan.uploads] == [("create", "curated/people.csv")]
    assert plan.deletions == ["r1"]


def test_an_older_version_is_updated_and_its_changed_files_replaced():
    plan = make_plan(meta("0.2.0", "c2"), files(), remote("0.1.0", "c1", hashes=("a" * 64, "e" * 64)))
    assert plan.dataset_action == "update" and plan.previous_version == "0.1.0"
    assert [(k, f.name) for k, f in plan.uploads] == [("replace", "curated/people.csv")]


@pytest.mark.parametrize("state, message", [
    (remote("0.2.0", "c0"), "already published with different content"),
    (remote("0.2.0", "c1", hashes=("a" * 64, "f" * 64)), "already published with a different curated/people.csv"),
    (remote("0.10.0", "c9"), "holds version 0.10.0, newer than 0.2.0"),
])
def test_refusals(state, message):
    with pytest.raises(PublishError, match=message):
        make_plan(meta(), files(), state)


def test_the_datastore_plan_loads_what_is_missing_and_deletes_what_is_left_over():
    from hkcoop.publish.datastore import Table, plan

    people = Table("people", Path("people.parquet"), "abc", [], ["person_id"], "d")
    events = Table("events", Path("events.parquet"), "def", [], ["event_id"], "d")
    remote = [{"id": "1", "name": "datastore/people", "datastore_sha256": "abc", "datastore_active": True},
              {"id": "2", "name": "datastore/people", "datastore_sha256": "old", "datastore_active": True},
              {"id": "3", "name": "datastore/events (loading)"},
              {"id": "4", "name": "datastore/gone", "datastore_sha256": "x", "datastore_active": True},
              {"id": "5", "name": "curated/people.csv"}]
    loads, stale = plan([people, events], remote)
    # people is held (its sha256, active); events has only a load cut short; gone is no table of the release;
    # the second people is what a run stopped between naming the new one and deleting the old one left
    assert [t.name for t in loads] == ["events"] and stale == ["2", "3", "4"]
