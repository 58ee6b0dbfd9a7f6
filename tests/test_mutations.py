"""Each class of validation rule, shown to catch the fault it names: a copy of the built package gets
one fault, its integrity stamps (and the published check outcomes) are recomputed so that only the
semantic rule can catch it, and validation must fail naming that rule. On the seeds, content faults fail
the package through a pinned fact; with `strict`, through the rule (past its threshold, a default build
only warns)."""

import datetime as dt
import hashlib
import json
import shutil

import pyarrow.parquet as pq
import pytest

from conftest import RAW
from hkcoop.publish.export import file_stamp, write_table
from hkcoop.quality.validate import content_outcomes, read_tables, validate_package
from hkcoop.schema import load_tables

ZHEJIANG = "2025-zhe-gang-gao-ceng-hui-wu-ji-zhe-gang-he-zuo-hui-yi-di-yi-ci-hui-yi"
SHANGHAI = "2024-hu-gang-he-zuo-hui-yi-di-liu-ci-hui-yi"
PINNED_EVENTS = (SHANGHAI, ZHEJIANG)


@pytest.fixture
def package(built, tmp_path):
    dst = tmp_path / "pkg"
    shutil.copytree(built, dst, ignore=shutil.ignore_patterns("reports", ".build-stamp"))
    return dst


def rows(pkg, table):
    return pq.read_table(pkg / "curated" / f"{table}.parquet").to_pylist()


def rewrite(pkg, table, new_rows, *, outcomes=True):
    """Write both twins of a table and restamp the descriptor (bytes and sha256 of CSV and Parquet); then
    publish the check outcomes the rules give on the changed tables, as a build would."""
    write_table(load_tables()[table], new_rows, pkg)
    desc = json.loads((pkg / "datapackage.json").read_text("utf-8"))
    for res in desc["resources"]:
        if res["name"] == table:
            res.update(file_stamp(pkg / res["path"]))
            res["x-parquet"].update(file_stamp(pkg / res["x-parquet"]["path"]))
    (pkg / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False, indent=2), "utf-8")
    if outcomes and table != "check_outcomes":
        names = [r["name"] for r in desc["resources"] if r["name"] != "check_outcomes"]
        raw = {hashlib.sha256(p.read_bytes()).hexdigest(): p.read_text("utf-8") for p in RAW.glob("*.txt")}
        rewrite(pkg, "check_outcomes", content_outcomes(read_tables(pkg, names), raw))


def failed(pkg, strict=False):
    report = validate_package(pkg / "datapackage.json", RAW, strict=strict)
    return {c.name: c for c in report.checks if c.status == "fail"}


def outcome(pkg, rule, subject_id):
    return next(o for o in rows(pkg, "check_outcomes") if o["rule"] == rule and o["subject_id"] == subject_id)


def test_the_untouched_copy_passes(package):
    assert failed(package) == {}


def test_a_sector_dropped(package):
    sid = "2025-zhe-gang-gao-ceng-hui-wu-ji-zhe-gang-he-zuo-hui-yi-di-yi-ci-hui-yi-s07"
    rewrite(package, "sectors", [r for r in rows(package, "sectors") if r["sector_id"] != sid])
    rewrite(package, "sector_measures", [r for r in rows(package, "sector_measures") if r["sector_id"] != sid])
    rewrite(package, "sector_comparison", [{**r, "sector_ids": (r["sector_ids"] or "").replace(sid, "x")}
                                           for r in rows(package, "sector_comparison")])
    # one framework of three: the rules flag it and warn, the pinned fact fails the package
    f = failed(package)
    assert set(f) == {"pinned_facts"}
    assert "pinned:zhejiang-hk-1st-areas: " in f["pinned_facts"].message and "12 areas in the table, 13 pinned" \
        in f["pinned_facts"].message
    assert outcome(package, "sector_numbering", ZHEJIANG)["status"] == "fail"
    assert outcome(package, "sectors_vs_stated", ZHEJIANG)["status"] == "fail"
    assert set(failed(package, strict=True)) == {"consistency:sector_numbering", "consistency:sectors_vs_stated",
                                                 "pinned_facts"}


def test_a_person_duplicated_under_the_other_script(package):
    people = rows(package, "people")
    gong = next(p for p in people if p["person_id"] == "gong-zheng")
    rewrite(package, "people", people + [{**gong, "person_id": "gong-zheng-2", "name_zh": "龔正"}])
    mentions = rows(package, "mentions")
    m = next(m for m in mentions if m["table_name"] == "people" and m["row_id"] == "gong-zheng")
    rewrite(package, "mentions", mentions + [{**m, "mention_id": "m-0000000000000000", "row_id": "gong-zheng-2"}])
    assert set(failed(package, strict=True)) == {"consistency:one_person_one_script"}
    # a default build is not refused for it, and says it is past the rule's threshold (none may fail)
    report = validate_package(package / "datapackage.json", RAW)
    (check,) = [c for c in report.checks if c.name == "consistency:one_person_one_script"]
    assert check.status == "warn" and "past the 0% threshold" in check.message


def test_a_null_in_a_required_date(package):
    events = rows(package, "events")
    target = next(e for e in events if e["date_precision"] == "day" and e["event_id"] not in PINNED_EVENTS)
    target["start_date"] = None
    rewrite(package, "events", events)
    f = failed(package)
    assert set(f) == {"gx:events"} and "start_date" in f["gx:events"].message


def test_a_quote_that_no_longer_matches_the_raw_text(package):
    mentions = rows(package, "mentions")
    mentions[0]["quote"] = "篡改" + mentions[0]["quote"][2:]
    rewrite(package, "mentions", mentions)
    f = failed(package)
    assert set(f) == {"provenance"} and "!= raw text" in f["provenance"].message


def test_a_wrong_currency_code(package):
    metrics = rows(package, "metrics")
    next(m for m in metrics if m["unit"] == "USD")["unit"] = "US$"
    rewrite(package, "metrics", metrics)
    f = failed(package)
    assert set(f) == {"gx:metrics"} and "expect_column_values_to_be_in_set on unit" in f["gx:metrics"].message


def test_a_stated_count_changed(package):
    metrics = rows(package, "metrics")
    next(m for m in metrics if m["indicator"] == "cooperation_areas" and m["doc_id"].startswith("004"))["value"] = 12.0
    rewrite(package, "metrics", metrics)
    f = failed(package)
    assert set(f) == {"pinned_facts"} and "pinned:zhejiang-hk-1st-areas-stated: " in f["pinned_facts"].message
    assert outcome(package, "sectors_vs_stated", ZHEJIANG)["status"] == "fail"
    assert set(failed(package, strict=True)) == {"consistency:sectors_vs_stated", "pinned_facts"}


def test_a_dangling_foreign_key(package):
    parts = rows(package, "event_participants")
    parts[0]["person_id"] = "nobody-at-all"
    rewrite(package, "event_participants", parts)
    f = failed(package)
    assert set(f) == {"frictionless"} and "foreign-key" in f["frictionless"].message


def test_a_parquet_null_that_frictionless_lets_through_is_caught(package):
    """A null in a required integer of the Parquet twin (which data scientists load): the Parquet writer
    of the build refuses it, so the fault is written by hand with a nullable schema."""
    import pyarrow as pa

    path = package / "curated" / "documents.parquet"
    table = pq.read_table(path)
    schema = pa.schema([f.with_nullable(True) for f in table.schema])
    docs = table.to_pylist()
    docs[0]["n_chars"] = None
    pq.write_table(pa.Table.from_pylist(docs, schema=schema), path)
    desc = json.loads((package / "datapackage.json").read_text("utf-8"))
    for res in desc["resources"]:
        if res["name"] == "documents":
            res["x-parquet"].update(file_stamp(path))
    (package / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False, indent=2), "utf-8")
    f = failed(package)
    assert "gx:documents" in f and "n_chars" in f["gx:documents"].message
    assert "frictionless" not in f  # it validates the CSV twin, which is intact


def test_an_event_after_its_report(package):
    events = rows(package, "events")
    conf = next(e for e in events if e["event_id"] == "2025-zhe-gang-gao-ceng-hui-wu-ji-zhe-gang-he-zuo-hui-yi-di-yi-ci-hui-yi")
    conf["start_date"] = conf["end_date"] = dt.date(2025, 5, 30)
    rewrite(package, "events", events)
    # one event of sixteen: under the rule's threshold it only warns, but the pinned date fails
    f = failed(package)
    assert set(f) == {"pinned_facts"} and "pinned:zhejiang-hk-1st-date" in f["pinned_facts"].message
    assert outcome(package, "event_dates_in_window", ZHEJIANG)["status"] == "fail"
    assert set(failed(package, strict=True)) == {"pinned_facts", "consistency:event_dates_in_window"}


def test_a_published_outcome_edited_by_hand(package):
    outcomes = rows(package, "check_outcomes")
    target = next(o for o in outcomes if o["rule"] == "sectors_vs_stated")
    target["status"] = "warn"
    rewrite(package, "check_outcomes", outcomes)
    f = failed(package)
    assert set(f) == {"outcomes"} and "sectors_vs_stated/framework_id/" in f["outcomes"].message


def test_events_after_their_reports_where_no_pinned_fact_applies(package):
    """Away from the pinned facts, the same fault is a per-event failure, published in check_outcomes, that
    blocks only in strict mode (past the rule's threshold, the warning says so)."""
    docs = {d["doc_id"]: d for d in rows(package, "documents")}
    reported = {}
    for m in rows(package, "mentions"):
        if m["table_name"] == "events":
            reported.setdefault(m["row_id"], set()).add(m["doc_id"])
    events = rows(package, "events")
    dated = [e for e in events if e["start_date"] and e["event_id"] not in PINNED_EVENTS
             and any(docs[d]["published"] for d in reported[e["event_id"]])]
    dated = dated[:3]
    for e in dated:
        e["start_date"] = e["end_date"] = dt.date(2026, 1, 1)
    rewrite(package, "events", events)
    n = sum(1 for e in events if e["start_date"])
    assert 3 / n <= 0.2 and set(failed(package)) == set()  # 3 of the dated events: each flagged, the rule warns
    assert {outcome(package, "event_dates_in_window", e["event_id"])["status"] for e in dated} == {"fail"}
    assert set(failed(package, strict=True)) == {"consistency:event_dates_in_window"}
    # a page dated before the events it reports makes more of them fail: past the 20% allowed
    qingpu = next(d for d in docs.values() if d["doc_id"].startswith("002"))
    qingpu["published"] = dt.date(2025, 1, 1)
    rewrite(package, "documents", list(docs.values()))
    late = sum(1 for e in events if e["start_date"] and (e["start_date"] > dt.date(2025, 1, 2)) and (
        e["event_id"] in {m["row_id"] for m in rows(package, "mentions") if m["doc_id"].startswith("002")}
        or e in dated))
    # a default build is never refused for content: past the threshold the rule warns and says so
    assert set(failed(package)) == set() and late / n > 0.2
    report = validate_package(package / "datapackage.json", RAW)
    warned = next(c for c in report.checks if c.name == "consistency:event_dates_in_window")
    assert warned.status == "warn" and "past the 20% threshold, it fails under --strict" in warned.message
    f = failed(package, strict=True)
    assert set(f) == {"consistency:event_dates_in_window"}
    assert f"{late} of {n} subjects fail ({late / n:.0%} > the 20% allowed)" in f["consistency:event_dates_in_window"].message
