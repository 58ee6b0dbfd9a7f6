"""The built package: contents, determinism, provenance, and the folder-to-folder build."""

import csv
import json
import shutil

import pytest

from conftest import RAW, REPO, SEED_SHA256, SEEDS, sha256, tree_digest
from hkcoop.ingest.script import to_simplified
from hkcoop.pipeline import build


def rows(out, table):
    with (out / "curated" / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_raw_holds_the_seeds_byte_for_byte():
    assert {p.name: sha256(p) for p in RAW.glob("*.txt")} == SEED_SHA256
    if SEEDS.is_dir():  # the delivered copies, when the shared folder is beside the clone
        assert {p.name: sha256(p) for p in SEEDS.glob("*.txt")} == SEED_SHA256


def test_documents_table(built):
    docs = rows(built, "documents")
    assert {d["file"]: d["sha256"] for d in docs} == SEED_SHA256
    by = {d["doc_id"][:3]: d for d in docs}
    assert [by[k]["script"] for k in sorted(by)] == ["Hans", "Hant", "Hans", "Hans", "Hans"]
    assert all(d["script"] == d["script_detected"] for d in docs)
    assert by["004"]["published"] == "2025-04-24" and by["001"]["published"] == "2024-04-27"
    assert by["000"]["published"] == "" and by["000"]["not_before"] == "2024-04-28"
    assert [int(by[k]["n_articles"]) for k in sorted(by)] == [3, 3, 5, 6, 2]  # 004: furniture + the release
    assert int(by["001"]["n_chars"]) == len((RAW / by["001"]["file"]).read_bytes().decode("utf-8")) == 4492
    assert by["001"]["title"] == "滬港15領域深度合作 共拓高質量發展"
    assert by["001"]["title_zh"] == "沪港15领域深度合作 共拓高质量发展"


def test_every_quote_equals_the_raw_text(built):
    texts = {d["doc_id"]: (RAW / d["file"]).read_bytes().decode("utf-8") for d in rows(built, "documents")}
    mentions = rows(built, "mentions")
    assert len(mentions) >= 18
    for m in mentions:
        assert texts[m["doc_id"]][int(m["char_start"]):int(m["char_end"])] == m["quote"]
    for r in rows(built, "text_repairs"):
        assert texts[r["doc_id"]][int(r["char_start"]):int(r["char_end"])] == r["quote"]


def test_every_article_has_evidence_and_displaced_headlines_are_flagged(built):
    arts = rows(built, "articles")
    supported = {m["row_id"] for m in rows(built, "mentions") if m["table_name"] == "articles"}
    assert len(arts) == 19 and {a["article_id"] for a in arts} <= supported
    assert [a["article_id"] for a in arts if a["kind"] == "furniture"] == ["004_f4bafa4d0fcd3cf4-00"]
    assert all(a["extraction_error"] == "" for a in arts)
    displaced = [a["headline_zh"] for a in arts if a["is_headline_displaced"] == "true"]
    assert displaced == ["坚守岗位彰显担当,护航进博会「越办越好」", "徐汇区委社会工作会议举行"]


def test_zh_columns_are_simplified_and_originals_keep_the_source_script(built):
    for table in ("articles", "documents"):
        for r in rows(built, table):
            for col, value in r.items():
                if col.endswith("_zh") and value:
                    assert to_simplified(value) == value, (table, col, value)
    hant = [a for a in rows(built, "articles") if a["doc_id"].startswith("001")]
    assert hant[0]["headline_original"] != hant[0]["headline_zh"]
    assert hant[0]["subheadline_original"] == "龔正：兩城相向同行 李家超：聯手不止於金融貿易"


def test_repairs_of_the_seeds(built):
    counts = {}
    for r in rows(built, "text_repairs"):
        counts.setdefault(r["doc_id"][:3], []).append(r["kind"])
    assert counts["000"].count("split_name_join") == 1  # 会长蔡冠⏎⏎深说
    assert sorted(counts["001"]) == ["duplicate_line", "line_break_join", "orphan_fragment"]
    assert "inset_caption" in counts["002"]
    assert "word_break_join" in counts["003"]
    assert "004" not in counts


def test_core_tables_exist_with_their_schemas(built):
    pkg = json.loads((built / "datapackage.json").read_text("utf-8"))
    names = [r["name"] for r in pkg["resources"]]
    for core in ("events", "people", "sectors", "agreements", "metrics"):
        assert core in names
        assert (built / "curated" / f"{core}.parquet").is_file()


def test_committed_package_equals_a_fresh_build(built):
    assert tree_digest(built) == tree_digest(REPO)


def test_two_builds_are_byte_identical_and_raw_elsewhere_gives_the_same_bytes(built, tmp_path):
    raw = tmp_path / "somewhere" / "articles"
    shutil.copytree(RAW, raw)
    out = tmp_path / "elsewhere"
    result = build(raw, out)
    assert result.rebuilt and result.report.ok
    assert tree_digest(out) == tree_digest(built)


def test_unchanged_input_does_not_rebuild(raw_copy, tmp_path):
    out = tmp_path / "out"
    assert build(raw_copy, out).rebuilt is True
    before = {p: p.stat().st_mtime_ns for p in (out / "curated").iterdir()}
    second = build(raw_copy, out)
    assert second.rebuilt is False and second.report.ok
    assert {p: p.stat().st_mtime_ns for p in (out / "curated").iterdir()} == before
    (raw_copy / "sources.yaml").write_text((raw_copy / "sources.yaml").read_text("utf-8") + "\n", "utf-8")
    assert build(raw_copy, out).rebuilt is True


def test_folder_without_manifest_builds_with_inferred_metadata(raw_copy, tmp_path):
    (raw_copy / "sources.yaml").unlink()
    out = tmp_path / "out"
    result = build(raw_copy, out)
    assert result.report.ok
    assert sum("not in the manifest" in w for w in result.warnings) == 5
    docs = rows(out, "documents")
    assert [d["in_manifest"] for d in docs] == ["false"] * 5
    assert [d["script"] for d in docs] == ["Hans", "Hant", "Hans", "Hans", "Hans"]
    assert all(d["published"] == "" for d in docs)
    assert docs[1]["title"] == "滬港15領域深度合作 共拓高質量發展"  # from the first headline


def test_frictionless_validates_the_committed_descriptor():
    from frictionless import Package

    report = Package(str(REPO / "datapackage.json")).validate()
    assert report.valid, report.flatten(["type", "note"])[:5]
    assert len(report.tasks) == 17


def test_row_counts_match_the_versioned_expectation(built):
    expected = {r["table"]: int(r["rows"]) for r in csv.DictReader((REPO / "checks" / "expected_row_counts.csv").open())}
    actual = json.loads((built / "datapackage.json").read_text("utf-8"))["x-coverage"]["rows"]
    assert actual == expected


def test_another_process_with_another_hash_seed_builds_the_same_bytes(built, tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONHASHSEED": "4242", "PYTHONPATH": str(REPO / "build")}
    out = tmp_path / "other"
    subprocess.run([sys.executable, "-m", "hkcoop", "build", "--raw", str(RAW), "--out", str(out)],
                   check=True, env=env, capture_output=True)
    assert tree_digest(out) == tree_digest(built)
