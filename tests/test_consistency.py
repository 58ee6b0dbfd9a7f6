"""Consistency rules pass on the seeds and each fails on a deliberately broken copy of the tables."""

import copy
import csv

import pytest

from hkcoop.quality import consistency

SHANGHAI = "2024-hu-gang-he-zuo-hui-yi-di-liu-ci-hui-yi"
ZHEJIANG = "2025-zhe-gang-gao-ceng-hui-wu-ji-zhe-gang-he-zuo-hui-yi-di-yi-ci-hui-yi"


@pytest.fixture(scope="module")
def seed_tables(built):
    names = ("frameworks", "sectors", "sector_measures", "metrics", "agreements", "people", "events", "documents",
             "mentions")
    return {n: list(csv.DictReader((built / "curated" / f"{n}.csv").open(encoding="utf-8"))) for n in names}


def results(tables):
    """rule -> (messages of failing subjects, messages of warning subjects)."""
    out = {rule.__name__: ([], []) for rule in consistency.RULES}
    for o in consistency.outcomes(tables):
        if o.status != "pass":
            out[o.rule][0 if o.status == "fail" else 1].append(o.message)
    return out


def test_one_outcome_per_subject_keyed_to_its_rows(seed_tables):
    got = {(o.rule, o.subject_table, o.subject_key, o.subject_id): o.status for o in consistency.outcomes(seed_tables)
           if o.rule in ("sector_numbering", "sectors_vs_stated") and o.subject_id in (SHANGHAI, ZHEJIANG)}
    assert got == {(rule, "sectors", "framework_id", fw): "pass"
                   for rule in ("sector_numbering", "sectors_vs_stated") for fw in (SHANGHAI, ZHEJIANG)}


def test_seeds_pass_with_the_documented_projects_warning(seed_tables):
    r = results(seed_tables)
    assert all(not fails for fails, _ in r.values())
    assert [n for n, (_, warns) in r.items() if warns] == ["sectors_vs_stated", "projects_vs_measures"]
    (inline,) = r["sectors_vs_stated"][1]  # the areas of the agreements signed at the HKUST centre's unveiling
    assert "6 areas listed, but no document states how many there are" in inline
    (warning,) = r["projects_vs_measures"][1]
    assert "states 65 projects" in warning and "34 measures" in warning


def test_a_sector_dropped(seed_tables):
    t = copy.deepcopy(seed_tables)
    t["sectors"] = [s for s in t["sectors"] if s["sector_id"] != f"{SHANGHAI}-s07"]
    r = results(t)
    assert r["sector_numbering"][0] == [f"{SHANGHAI}: area number(s) [7] missing from 1..15"]
    assert any("14 areas listed but" in f and "states 15" in f for f in r["sectors_vs_stated"][0])


def test_a_number_doubled(seed_tables):
    t = copy.deepcopy(seed_tables)
    row = next(s for s in t["sectors"] if s["sector_id"] == f"{ZHEJIANG}-s05")
    row["number"] = "4"
    r = results(t)
    (fail,) = r["sector_numbering"][0]
    assert f"{ZHEJIANG}: area number(s) [4] doubled" in fail
    assert f"{ZHEJIANG}: area number(s) [5] missing from 1..13" in fail


def test_a_stated_count_changed(seed_tables):
    t = copy.deepcopy(seed_tables)
    m = next(m for m in t["metrics"] if m["indicator"] == "cooperation_areas" and m["event_id"] == ZHEJIANG)
    m["value"] = "14"
    fails = results(t)["sectors_vs_stated"][0]
    assert fails == [f"{ZHEJIANG}: 13 areas listed but 004_f4bafa4d0fcd3cf4 states 14 (13个范畴)"]


def test_sources_that_disagree_are_reported(seed_tables):
    t = copy.deepcopy(seed_tables)
    m = next(m for m in t["metrics"] if m["indicator"] == "documents_signed" and m["doc_id"].startswith("000"))
    m["value"] = "21"
    (warning,) = results(t)["stated_totals_agree"][1]
    assert warning.startswith(f"{SHANGHAI}/documents_signed: sources disagree")
    assert "000_b3ecfcb3e9bcf8cc" in warning and "001_2d9699dec1fe44c4" in warning


def test_enumerated_documents_against_their_total(seed_tables):
    t = copy.deepcopy(seed_tables)
    listed = [a for a in t["agreements"] if a["listed_under_metric_id"]]
    assert len(listed) == 4
    t["agreements"].remove(listed[0])
    (fail,) = results(t)["listed_documents"][0]
    assert "3 documents listed under a stated total of 4.0" in fail


def test_more_documents_listed_than_stated(seed_tables):
    t = copy.deepcopy(seed_tables)
    for m in t["metrics"]:
        if m["indicator"] == "documents_signed":
            m["value"] = "2"
    fails = results(t)["listed_documents"][0]
    assert any(f.startswith(f"{SHANGHAI}: 3 documents listed but") for f in fails)


def test_inline_partial_list_is_a_warning_not_a_failure():
    tables = {
        "sectors": [{"sector_id": "e-a", "framework_id": "e", "framework_event_id": "e", "number": "", "list_form": "inline"},
                    {"sector_id": "e-b", "framework_id": "e", "framework_event_id": "e", "number": "", "list_form": "inline"}],
        "metrics": [{"metric_id": "m", "indicator": "cooperation_areas", "event_id": "e", "framework_id": "e", "value": "5",
                     "doc_id": "d", "quote": "5个合作领域", "fact_id": "e/cooperation_areas", "value_as_reported": "5个"}],
        "agreements": [], "sector_measures": [],
    }
    fails, warns = results(tables)["sectors_vs_stated"]
    assert fails == [] and warns == ["e: the text names 2 of the 5 areas it states (5个合作领域)"]
