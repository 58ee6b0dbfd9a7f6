"""The validation report: JSON and a self-contained HTML page that renders offline in headless Chromium."""

import json
import re
import subprocess

from conftest import REPO, headless_chromium


def test_report_files_and_counts(built):
    data = json.loads((built / "reports" / "validation.json").read_text("utf-8"))
    assert data["failed"] == 0 and data["warned"] == 2 and data["passed"] >= 50
    assert set(data["by_kind"]) == {"descriptor", "frictionless", "schema", "parquet", "provenance", "evidence", "outcomes",
                                    "consistency", "pinned_facts", "extraction", "gx"}
    assert data["outcomes_by_rule"]["projects_vs_measures"] == {"pass": 0, "warn": 1, "fail": 0}
    assert data["outcomes_by_rule"]["pinned:zhejiang-hk-1st-areas"] == {"pass": 1, "warn": 0, "fail": 0}
    flagged = {(o["rule"], o["subject_table"], o["subject_id"]) for o in data["outcomes"]}  # each keyed to its rows
    assert ("projects_vs_measures", "events", "2024-hu-gang-he-zuo-hui-yi-di-liu-ci-hui-yi") in flagged
    assert {rule for rule, _, _ in flagged} == {"projects_vs_measures", "sectors_vs_stated"}
    assert data["by_kind"]["gx"]["pass"] == 17
    page = (built / "reports" / "validation.html").read_text("utf-8")
    assert not re.search(r"(?:src|href)=[\"']?(?:https?:)?//", page), "the page must not load anything remote"
    assert "<script" not in page


def test_html_report_renders_in_headless_chromium(built, tmp_path):
    cmd = headless_chromium(tmp_path / "profile") + ["--dump-dom", (built / "reports" / "validation.html").as_uri()]
    dom = subprocess.run(cmd, capture_output=True, text=True, timeout=120).stdout
    assert "Validation report: passed" in dom
    assert "consistency:projects_vs_measures" in dom and "65 projects" in dom
    assert "Content outcomes by subject" in dom and "pinned:shanghai-hk-6th-areas" in dom
    assert re.search(r"\d+ passed", dom) and "2 warned" in dom and "0 failed" in dom
    shot = tmp_path / "report.png"
    subprocess.run(cmd[:-2] + ["--window-size=1200,900", f"--screenshot={shot}", cmd[-1]],
                   capture_output=True, timeout=120)
    assert shot.stat().st_size > 10_000  # a page was painted, not a blank


def test_failed_build_writes_a_report_naming_the_failing_rule(raw_copy, tmp_path):
    from hkcoop.errors import ValidationFailed
    from hkcoop.pipeline import build

    p = raw_copy / "004_f4bafa4d0fcd3cf4.txt"
    p.write_bytes(p.read_bytes().replace("以下13个范畴".encode(), "以下12个范畴".encode()))
    out = tmp_path / "out"
    try:
        build(raw_copy, out, strict=True)  # one framework of three: fatal only in strict mode
        raise AssertionError("the build should fail")
    except ValidationFailed as exc:
        assert "validation.html" in str(exc)
    data = json.loads((out / "reports" / "validation.json").read_text("utf-8"))
    failing = [c for c in data["checks"] if c["status"] == "fail"]
    assert [c["name"] for c in failing] == ["consistency:sectors_vs_stated"]
    assert not (out / "curated").exists() and not (out / "datapackage.json").exists()
