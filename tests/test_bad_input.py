"""Bad input end to end: a clear one-line error, a non-zero exit, and the previous package untouched."""

import json
import shutil

import pytest
from typer.testing import CliRunner

from conftest import tree_digest
from hkcoop.cli import app
from hkcoop.pipeline import build
from hkcoop.quality.validate import validate_package

runner = CliRunner()


@pytest.fixture
def previous(built, tmp_path):
    """A copy of a good package in an OUT folder, as a previous build left it."""
    out = tmp_path / "out"
    shutil.copytree(built, out, ignore=shutil.ignore_patterns("reports"))
    return out, tree_digest(out)


def corrupt_first_article(raw):
    p = sorted(raw.glob("*.txt"))[0]
    data = p.read_bytes()
    p.write_bytes(data[:100] + b"\xff" + data[100:])
    return p.name


def empty_file(raw):
    (raw / "005_empty.txt").write_bytes(b"")
    return "005_empty.txt"


def binary_file(raw):
    (raw / "005_image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    return "005_image.txt"


def missing_file(raw):
    sorted(raw.glob("*.txt"))[-1].unlink()
    return "expected a file of that name"


def duplicate_doc_id(raw):
    m = raw / "sources.yaml"
    m.write_text(m.read_text("utf-8").replace("  - file: 001_2d9699dec1fe44c4.txt\n",
                                               "  - file: 001_2d9699dec1fe44c4.txt\n    doc_id: 000_b3ecfcb3e9bcf8cc\n"),
                 "utf-8")
    return "duplicate doc_id '000_b3ecfcb3e9bcf8cc'"


def invalid_yaml(raw):
    m = raw / "sources.yaml"
    m.write_text(m.read_text("utf-8").replace("    outlet: 大公报\n", "    outlet: [大公报\n"), "utf-8")
    return "not valid YAML"


def unknown_script(raw):
    m = raw / "sources.yaml"
    m.write_text(m.read_text("utf-8").replace("    outlet: 大公报\n", "    outlet: 大公报\n    script: Traditional\n"),
                 "utf-8")
    return "unknown script 'Traditional'"


@pytest.mark.parametrize("make_bad, problem", [
    (corrupt_first_article, "not valid UTF-8: invalid start byte at byte offset 100"),
    (empty_file, "empty file"),
    (binary_file, "binary file"),
    (missing_file, "sources.yaml"),
    (duplicate_doc_id, "sources.yaml"),
    (invalid_yaml, "sources.yaml"),
    (unknown_script, "sources.yaml"),
])
def test_bad_input_fails_cleanly_and_keeps_the_previous_package(previous, raw_copy, make_bad, problem):
    out, digest = previous
    detail = make_bad(raw_copy)
    result = runner.invoke(app, ["build", "--raw", str(raw_copy), "--out", str(out), "--force"])
    assert result.exit_code == 1
    (message,) = [line for line in result.output.splitlines() if line.strip()]  # one line, nothing else
    assert message.startswith("error:") and problem in message and detail in message
    assert tree_digest(out) == digest
    assert not list(out.glob(".staging-*")) and not list(out.glob(".previous-*"))


def test_file_not_in_manifest_builds_with_a_warning(previous, raw_copy):
    out, _ = previous
    shutil.copy(raw_copy / "004_f4bafa4d0fcd3cf4.txt", raw_copy / "005_copy.txt")
    result = runner.invoke(app, ["build", "--raw", str(raw_copy), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "warning:" in result.output and "005_copy.txt: not in the manifest" in result.output
    docs = json.loads((out / "datapackage.json").read_text("utf-8"))["x-coverage"]["documents"]
    assert docs == 6


def test_raw_file_changed_after_the_build_fails_provenance(previous, raw_copy):
    out, _ = previous
    p = raw_copy / "004_f4bafa4d0fcd3cf4.txt"
    p.write_bytes(p.read_bytes().replace("浙港".encode(), "苏港".encode(), 1))
    report = validate_package(out / "datapackage.json", raw_copy)
    (check,) = [c for c in report.checks if c.name == "provenance"]
    assert check.status == "fail" and "the raw file changed since the build" in check.message


def test_quote_that_no_longer_matches_fails_provenance(previous, raw_copy):
    out, _ = previous
    path = out / "curated" / "mentions.csv"
    text = path.read_text("utf-8")
    path.write_text(text.replace("浙港高层会晤", "苏港高层会晤", 1), "utf-8")
    report = validate_package(out / "datapackage.json", raw_copy)
    (check,) = [c for c in report.checks if c.name == "provenance"]
    assert check.status == "fail" and "!= raw text" in check.message


def test_an_article_whose_stated_count_disagrees_with_its_list(previous, raw_copy, tmp_path):
    """One framework of three disagrees with its text: flagged in check_outcomes, and a warning; a failed
    build in strict mode, which leaves the previous package untouched. (The changed file is no longer the
    pinned facts' source, so they do not apply.)"""
    out, digest = previous
    p = raw_copy / "004_f4bafa4d0fcd3cf4.txt"
    p.write_bytes(p.read_bytes().replace("以下13个范畴".encode(), "以下14个范畴".encode()))
    strict = runner.invoke(app, ["build", "--raw", str(raw_copy), "--out", str(out), "--strict"])
    assert strict.exit_code == 1
    assert "consistency:sectors_vs_stated" in strict.output and "states 14 (14个范畴)" in strict.output
    assert tree_digest(out) == digest
    graded = runner.invoke(app, ["build", "--raw", str(raw_copy), "--out", str(tmp_path / "graded")])
    assert graded.exit_code == 0 and "warn consistency:sectors_vs_stated" in graded.output
    import csv

    with (tmp_path / "graded" / "curated" / "check_outcomes.csv").open(encoding="utf-8") as fh:
        flagged = [o for o in csv.DictReader(fh) if o["rule"] == "sectors_vs_stated" and o["status"] == "fail"]
    assert [o["subject_id"] for o in flagged] == ["2025-zhe-gang-gao-ceng-hui-wu-ji-zhe-gang-he-zuo-hui-yi-di-yi-ci-hui-yi"]
