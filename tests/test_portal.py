"""The local portal end to end: `hkcoop serve` loads the seeds' build into SQLite and serves it with Datasette
on a free port of 127.0.0.1; its JSON API answers, full-text search and canned queries work, a table page
renders in headless Chromium with foreign keys as labelled links; then it is stopped."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO, free_port, headless_chromium


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as resp:
        return json.loads(resp.read().decode("utf-8"))


@pytest.fixture(scope="module")
def portal(built, tmp_path_factory):
    hkcoop = Path(sys.executable).with_name("hkcoop")  # the console script of `pip install -e .`
    assert hkcoop.is_file(), "make installs the project into .venv (pip install -e .)"
    folder, port = tmp_path_factory.mktemp("portal"), free_port()
    log = (folder / "serve.log").open("w")
    proc = subprocess.Popen([str(hkcoop), "serve", "--package", str(built), "--portal", str(folder),
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            if proc.poll() is not None:
                raise AssertionError("serve exited: " + (folder / "serve.log").read_text("utf-8")[-2000:])
            try:
                get_json(base + "/-/versions.json")
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise AssertionError("Datasette did not answer within 120 s")
        yield base, folder
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # serve execs Datasette; the group catches any helper too
        proc.wait(timeout=30)
        log.close()
    with pytest.raises(OSError):  # stopped: the port no longer answers
        get_json(base + "/-/versions.json")


def test_json_api_tables_search_and_canned_queries(portal, built):
    import pandas as pd

    base, _ = portal
    people = get_json(base + "/hkcoop/people.json?_shape=array&_size=max")
    assert len(people) == len(pd.read_parquet(built / "curated" / "people.parquet")) == 59
    found = get_json(base + "/hkcoop/people.json?_shape=array&_search=" + urllib.parse.quote("李家超"))
    assert [p["person_id"] for p in found] == ["li-jiachao"]
    areas = {r["framework_id"]: r for r in get_json(base + "/hkcoop/areas_per_framework.json?_shape=array")}
    meeting = areas["2024-hu-gang-he-zuo-hui-yi-di-liu-ci-hui-yi"]
    assert meeting["n_areas"] == 15 and meeting["stated_areas"] == 15 and meeting["areas"].count("; ") == 14
    assert sorted(r["n_areas"] for r in areas.values())[-2:] == [13, 15]
    who = get_json(base + "/hkcoop/participants.json?_shape=array&_size=max")
    assert len(who) == 83 and {"event", "person", "role"} <= set(who[0])
    figures = get_json(base + "/hkcoop/figures_by_indicator.json?_shape=array&_size=max")
    assert len(figures) == 33
    meta = get_json(base + "/-/metadata.json")
    assert "香港与内地合作" in meta["title"] and meta["license"] == "CC-BY-4.0"
    assert "人物" in meta["databases"]["hkcoop"]["tables"]["people"]["title"]
    assert meta["databases"]["hkcoop"]["tables"]["people"]["columns"]["person_id"].startswith("人物编号 · ")
    facets = get_json(base + "/hkcoop/events.json?_facet=event_type")["facet_results"]
    assert "event_type" in str(facets)
    with urllib.request.urlopen(base + "/plots/framework_comparison.png", timeout=10) as resp:
        assert resp.read(8) == b"\x89PNG\r\n\x1a\n"


def test_a_query_in_either_script_finds_the_row(portal):
    base, _ = portal

    def search(table, query):
        return get_json(f"{base}/hkcoop/{table}.json?_shape=array&_search=" + urllib.parse.quote(query))

    # the rows are in simplified script; the queries in traditional, simplified and pinyin
    assert [p["name_zh"] for p in search("people", "曹立強")] == ["曹立强"]
    assert [p["name_zh"] for p in search("people", "曹立强")] == ["曹立强"]
    assert "2024-hu-gang-he-zuo-hui-yi-di-liu-ci-hui-yi" in {e["event_id"] for e in search("events", "滬港合作會議")}
    assert {e["event_id"] for e in search("events", "滬港合作會議")} == {e["event_id"] for e in search("events", "沪港合作会议")}
    assert [p["person_id"] for p in search("people", "Li Jiachao")] == ["li-jiachao"]
    # booleans read true / false
    assert {p["is_reporter"] for p in get_json(base + "/hkcoop/people.json?_shape=array&_size=max")} == {"true", "false"}


def test_a_rows_evidence_is_one_click_from_its_page(portal, built, tmp_path):
    import pandas as pd

    base, _ = portal
    mentions = pd.read_parquet(built / "curated" / "mentions.parquet")
    quotes = sorted(mentions.loc[(mentions.table_name == "people") & (mentions.row_id == "li-jiachao"), "quote"])
    assert quotes
    # the row page links to its mentions; the link lists them, with document, offsets and quote
    cmd = headless_chromium(tmp_path / "profile") + ["--dump-dom", base + "/hkcoop/people/li-jiachao"]
    dom = subprocess.run(cmd, capture_output=True, text=True, timeout=120).stdout
    assert 'href="/hkcoop/mentions?people_row=li-jiachao"' in dom
    linked = get_json(base + "/hkcoop/mentions.json?_shape=array&_size=max&people_row=li-jiachao")
    assert sorted(m["quote"] for m in linked) == quotes
    assert all({"doc_id", "char_start", "char_end"} <= set(m) for m in linked)
    # and a canned query gives the evidence of any row by its table and id
    canned = get_json(base + "/hkcoop/evidence.json?_shape=array&table_name=people&row_id=li-jiachao")
    assert sorted(m["quote"] for m in canned) == quotes and all(m["document"] for m in canned)
    # a canned query's ids link to their rows' pages
    cmd = headless_chromium(tmp_path / "profile") + ["--dump-dom", base + "/hkcoop/participants"]
    dom = subprocess.run(cmd, capture_output=True, text=True, timeout=120).stdout
    assert '<a href="/hkcoop/people/li-jiachao">li-jiachao</a>' in dom
    assert '<a href="/hkcoop/events/2024-hu-gang-he-zuo-hui-yi-di-liu-ci-hui-yi">' in dom


def test_table_page_renders_in_headless_chromium(portal, tmp_path):
    base, _ = portal
    cmd = headless_chromium(tmp_path / "profile") + ["--dump-dom", base + "/hkcoop/event_participants?role=lead"]
    dom = subprocess.run(cmd, capture_output=True, text=True, timeout=120).stdout
    assert "Event participants / 活动参与者" in dom
    assert 'href="/hkcoop/people/li-jiachao"' in dom and ">李家超<" in dom  # a foreign key shown by its label
    assert "rows where role = lead" in dom or "where role = " in dom
    front = subprocess.run(cmd[:-1] + [base + "/"], capture_output=True, text=True, timeout=120).stdout
    assert 'src="/plots/framework_comparison.png"' in front and "Version 0.1.0" in front


def test_serve_refuses_a_missing_release(tmp_path):
    res = subprocess.run([sys.executable, "-m", "hkcoop", "serve", "--release", "9.9.9", "--releases", str(tmp_path),
                          "--prepare-only"], capture_output=True, text=True, cwd=REPO)
    assert res.returncode == 1 and "9.9.9/datapackage.json: no such package" in res.stderr
    assert "Traceback" not in res.stderr
