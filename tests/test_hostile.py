"""Hostile and careless input, one case per class: nothing outside the raw folder is read, a default build
is never refused for content, every error is one line naming the file, line or path with what was
expected and found (no traceback, no "internal error"), and a previous package in OUT stays byte for byte
as it was."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO, tree_digest
from hkcoop.cli import app
from hkcoop.extract import stage as extract
from hkcoop.extract import records
from hkcoop.publish.portal import metadata
from hkcoop.quality.report import listing

runner = CliRunner()
SECRET = "root:x:0:0:the-secret-line"  # what a file outside the raw folder holds: must never be published

ENTRY = "  - file: {file}\n    outlet: test\n    published: {published}\n    url: {url}\n    license: test\n"
ARTICLE = ("两地合作交流会昨日在香港举行\n\n"
           "本报讯 某省代表团昨日在香港出席经贸合作交流会，双方签署合作协议3份，涉及金额约12亿元。\n")


@pytest.fixture
def previous(built, tmp_path):
    """An OUT folder holding a good package, as a previous build left it, and its digest."""
    out = tmp_path / "out"
    shutil.copytree(built, out, ignore=shutil.ignore_patterns("reports"))
    return out, tree_digest(out)


@pytest.fixture
def outside(tmp_path):
    secret = tmp_path / "elsewhere" / "passwd"
    secret.parent.mkdir()
    secret.write_text(SECRET + "\n" + ARTICLE, encoding="utf-8")
    return secret


def small_raw(folder: Path, files: dict[str, str], manifest: bool = True, **entry) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    if manifest:
        fields = {"published": "2025-06-10", "url": "null", **entry}
        (folder / "sources.yaml").write_text(
            "documents:\n" + "".join(ENTRY.format(file=name, **fields) for name in files), encoding="utf-8")
    return folder


def one_error(result, *parts: str) -> str:
    """The run failed with exit 1 and printed exactly one line, an error holding every part."""
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert result.exit_code == 1, result.output
    assert len(lines) == 1 and lines[0].startswith("error:"), result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    for part in parts:
        assert part in lines[0], lines[0]
    return lines[0]


def build_cli(raw: Path, out: Path, *args: str):
    return runner.invoke(app, ["build", "--raw", str(raw), "--out", str(out), *args])


# 1. inputs confined to the raw folder -------------------------------------------------------------------

@pytest.mark.parametrize("name", ["/etc/passwd", "../../../etc/passwd", "sub/a.txt", "..", "a\\b.txt"])
def test_a_manifest_file_that_is_a_path_is_refused(previous, tmp_path, name):
    out, digest = previous
    raw = small_raw(tmp_path / "raw", {"a.txt": ARTICLE})
    (raw / "sources.yaml").write_text("documents:\n" + ENTRY.format(file=json.dumps(name), published="null",
                                                                     url="null"), encoding="utf-8")
    one_error(build_cli(raw, out), "sources.yaml", "line 2", "'file' must be the name of a file in this folder")
    assert tree_digest(out) == digest


def test_a_link_out_of_the_raw_folder_is_refused_with_or_without_a_manifest(previous, tmp_path, outside):
    out, digest = previous
    raw = small_raw(tmp_path / "raw", {"a.txt": ARTICLE}, manifest=False)
    (raw / "x.txt").symlink_to(outside)
    one_error(build_cli(raw, out), "x.txt", "is a link to", "outside the raw folder")
    small_raw(raw, {"a.txt": ARTICLE})
    (raw / "sources.yaml").write_text((raw / "sources.yaml").read_text("utf-8")
                                      + ENTRY.format(file="x.txt", published="null", url="null"), "utf-8")
    one_error(build_cli(raw, out), "sources.yaml", "line 7", "article file 'x.txt' is a link to")
    assert tree_digest(out) == digest
    assert SECRET not in "".join(p.read_text("utf-8") for p in (out / "curated").glob("*.csv"))


def test_a_manifest_that_links_out_of_the_folder_is_refused(tmp_path, outside):
    raw = small_raw(tmp_path / "raw", {"a.txt": ARTICLE}, manifest=False)
    (raw / "sources.yaml").symlink_to(outside)
    one_error(build_cli(raw, tmp_path / "out"), "sources.yaml", "manifest is a link to")


def test_a_link_inside_the_raw_folder_is_an_article(tmp_path):
    raw = small_raw(tmp_path / "raw", {"a.txt": ARTICLE}, manifest=False)
    (raw / "b.txt").symlink_to(raw / "a.txt")
    from hkcoop.ingest.manifest import load_manifest

    assert [e.file for e in load_manifest(raw).entries] == ["a.txt", "b.txt"]


@pytest.mark.parametrize("file", ["../elsewhere/passwd", "/etc/passwd"])
def test_validate_never_reads_a_document_outside_the_raw_folder(tmp_path, outside, file):
    """A package's documents table names the files its quotes are checked against: a hostile package's
    paths are refused, never opened."""
    from hkcoop.quality.report import Report
    from hkcoop.quality.validate import _provenance

    report = Report()
    texts = _provenance({"documents": [{"doc_id": "x", "file": file, "sha256": "0" * 64}],
                         "mentions": [{"mention_id": "m", "doc_id": "x", "char_start": "0", "char_end": "4",
                                       "quote": SECRET[:4]}]}, outside.parent.parent / "raw", report)
    (check,) = report.checks
    assert texts == {} and check.status == "fail" and "is not a file of the raw folder" in check.message


# 2. content outcomes never refuse a default build ---------------------------------------------------------

def test_content_past_its_threshold_warns_in_a_default_build_and_fails_only_strict(previous, raw_copy, tmp_path):
    out, digest = previous
    p = raw_copy / "004_f4bafa4d0fcd3cf4.txt"
    p.write_bytes(p.read_bytes().replace("以下13个范畴".encode(), "以下14个范畴".encode()))
    rules = tmp_path / "rules.csv"  # any failing subject is past this threshold
    rules.write_text("\n".join(line if i == 0 else ",".join([line.split(",")[0], "0.0", "1", "test"])
                               for i, line in enumerate((REPO / "checks" / "content_rules.csv").read_text(
                                   "utf-8").splitlines())) + "\n", "utf-8")
    graded = build_cli(raw_copy, tmp_path / "graded", "--content-rules", str(rules))
    assert graded.exit_code == 0, graded.output
    assert "warn consistency:sectors_vs_stated" in graded.output and "past the 0% threshold, it fails under --strict" \
        in graded.output
    outcomes = (tmp_path / "graded" / "curated" / "check_outcomes.csv").read_text("utf-8")
    assert "sectors_vs_stated" in outcomes and ",fail," in outcomes
    line = one_error(build_cli(raw_copy, out, "--strict", "--content-rules", str(rules)),
                     "consistency:sectors_vs_stated", "validation.html")
    assert len(line) < 2000
    assert tree_digest(out) == digest


def test_a_one_line_message_names_a_few_subjects_and_counts_the_rest():
    text = listing([f"framework {i}: " + "很长的说明" * 100 for i in range(40)])
    assert text.count("framework") == 3 and text.endswith("; and 37 more") and len(text) < 1400


# 3. one line, never a traceback --------------------------------------------------------------------------

def test_report_into_a_missing_folder(previous, tmp_path):
    out, digest = previous
    missing = tmp_path / "no" / "such" / "report.json"
    one_error(build_cli(REPO / "raw", out, "--report", str(missing)), "--report", "found no folder")
    one_error(runner.invoke(app, ["validate", "--package", str(out / "datapackage.json"), "--report", str(missing)]),
              "--report", "found no folder")
    assert tree_digest(out) == digest


def test_a_date_that_does_not_exist(previous, tmp_path):
    out, digest = previous
    raw = small_raw(tmp_path / "raw", {"a.txt": ARTICLE}, published="2024-13-45")
    one_error(build_cli(raw, out), "sources.yaml", "line 4", "'published' must be an ISO date", "'2024-13-45'")
    assert tree_digest(out) == digest


def _damage_people(pkg: Path, how: str) -> None:
    target = pkg / "curated" / "people.parquet"
    if how == "another table":
        shutil.copy(pkg / "curated" / "events.parquet", target)
    elif how == "garbage":
        target.write_bytes(b"PAR1 this is not parquet at all")
    elif how == "missing":
        target.unlink()
    elif how == "csv missing":
        (pkg / "curated" / "people.csv").unlink()
    elif how == "descriptor cut short":
        d = pkg / "datapackage.json"
        d.write_text(d.read_text("utf-8")[:5000], "utf-8")


@pytest.mark.parametrize("how, check, words", [
    ("another table", "parquet:people", "Parquet columns"),
    ("garbage", "parquet:people", "not a readable Parquet file"),
    ("missing", "parquet:people", "missing"),
    ("csv missing", "schema:people", "cannot read curated/people.csv"),
    ("descriptor cut short", "descriptor", "expected a JSON data package descriptor"),
])
def test_validate_a_damaged_package_writes_its_report(previous, how, check, words):
    out, _ = previous
    _damage_people(out, how)
    result = runner.invoke(app, ["validate", "--package", str(out / "datapackage.json")])
    assert result.exit_code == 1 and "Traceback" not in result.output and "internal error" not in result.output
    report = json.loads((out / "reports" / "validation.json").read_text("utf-8"))
    failed = {c["name"]: c["message"] for c in report["checks"] if c["status"] == "fail"}
    assert check in failed and words in failed[check], failed


def test_a_full_disk_while_exporting(previous, monkeypatch):
    out, digest = previous
    import hkcoop.publish.export

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device", str(out / "curated" / "events.csv"))

    monkeypatch.setattr(hkcoop.publish.export, "write_table", full)
    one_error(build_cli(REPO / "raw", out, "--force"), "events.csv", "No space left on device",
              "expected a writable folder with free space")
    assert tree_digest(out) == digest
    assert not list(out.glob(".staging-*")) and not list(out.glob(".previous-*"))


def test_a_full_disk_while_caching_leaves_no_partial_record(tmp_path, monkeypatch):
    raw = small_raw(tmp_path / "raw", {"a.txt": ARTICLE})
    real_replace = os.replace

    def full(src, dst, *a, **k):
        if ".cache" in str(dst):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", full)
    one_error(build_cli(raw, tmp_path / "out", "--workers", "1"), "No space left on device")
    assert not [p for p in (tmp_path / "out" / ".cache").rglob("*") if p.is_file()]


def test_a_read_only_out_folder(tmp_path, monkeypatch):
    raw = small_raw(tmp_path / "raw", {"a.txt": ARTICLE})
    real_mkdir = Path.mkdir

    def read_only(self, *a, **k):
        if "out" in self.parts:
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        return real_mkdir(self, *a, **k)

    monkeypatch.setattr(Path, "mkdir", read_only)
    one_error(build_cli(raw, tmp_path / "out"), "out", "Read-only file system")


def test_a_malformed_checksum_line(tmp_path):
    release = tmp_path / "releases" / "1.0.0"
    release.mkdir(parents=True)
    (release / "datapackage.json").write_text(json.dumps({"version": "1.0.0"}), "utf-8")
    (release / "SHA256SUMS").write_text("0" * 64 + "  datapackage.json\nnot a checksum line\n", "utf-8")
    result = runner.invoke(app, ["publish", "1.0.0", "--portal", "http://127.0.0.1:9", "--releases",
                                 str(tmp_path / "releases")])
    one_error(result, "SHA256SUMS", "line 2", "expected '<64 hex digits>  <path in the release>'")


# 4. bounded cost ----------------------------------------------------------------------------------------

def test_a_file_over_the_size_limit_is_refused(previous, tmp_path):
    from hkcoop.ingest.rawtext import MAX_BYTES

    out, digest = previous
    raw = small_raw(tmp_path / "raw", {"a.txt": ARTICLE})
    (raw / "a.txt").write_text("合作" * (MAX_BYTES // 6 + 1), "utf-8")
    one_error(build_cli(raw, out), "a.txt", "bytes: expected an article of at most")
    assert tree_digest(out) == digest


def test_sentences_of_a_one_line_article_are_looked_up_as_they_were_scanned(tmp_path):
    """The quadratic step of a one-line article (each sentence scanned from the line's start) is a lookup;
    it must find the same sentences."""
    from hkcoop.ingest.document import SENTENCE_END, load_document
    from hkcoop.ingest.manifest import load_manifest

    raw = small_raw(tmp_path / "raw", {"a.txt": ("两地签署协议；双方同意合作。会议在香港举行！" * 50) + "未完的句子"})
    doc = load_document(raw, load_manifest(raw).entries[0])
    text = doc.view.text
    for pos in range(0, len(text), 7):
        start, end = doc.view.block_span(doc.block_at(pos))
        s = max((m.end() for m in SENTENCE_END.finditer(text, start, pos)), default=start)
        m = SENTENCE_END.search(text, pos, end)
        assert doc.sentence_at(pos) == (s, m.end() if m else end)


def test_a_page_of_more_than_a_hundred_articles(tmp_path):
    text = "".join(f"# 合作新闻第{i}篇\n\n两地代表团第{i}次在香港举行会谈，双方就经贸合作交换意见。\n\n" for i in range(105))
    raw = small_raw(tmp_path / "raw", {"page.txt": text})
    result = build_cli(raw, tmp_path / "out")
    assert result.exit_code == 0, result.output
    articles = (tmp_path / "out" / "curated" / "articles.csv").read_text("utf-8")
    assert "page-105," in articles and "page-01," in articles


# 5. processes and state ---------------------------------------------------------------------------------

def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split()[2] != "Z"


def test_killing_a_build_ends_its_workers_and_the_next_build_cleans_up(tmp_path):
    sys.path.insert(0, str(REPO / "bench"))
    from generate import Generator

    raw = tmp_path / "raw"
    Generator().write(400, raw)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(REPO / "build")}
    proc = subprocess.Popen([sys.executable, "-m", "hkcoop", "build", "--raw", str(raw), "--out", str(out),
                             "--workers", "2", "--no-cache"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    workers: list[int] = []
    deadline = time.monotonic() + 120
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        workers = _children(proc.pid)
    assert len(workers) >= 2, "the build never started its workers"
    (out / ".staging-left-by-a-killed-build").mkdir()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 20
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(w) for w in workers), "workers outlived their build"
    small_raw(tmp_path / "small", {"a.txt": ARTICLE})
    assert build_cli(tmp_path / "small", out).exit_code == 0
    assert not list(out.glob(".staging-*")) and not list(out.glob(".previous-*"))


def test_a_second_build_into_the_same_out_is_refused_while_the_first_runs(previous):
    out, digest = previous
    with open(out / ".build-lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        held.truncate(0)
        held.write("4242\n")
        held.flush()
        one_error(build_cli(REPO / "raw", out, "--force"), "another build is writing into this folder", "4242")
    assert tree_digest(out) == digest


@pytest.fixture
def cached(tmp_path):
    """A small corpus of two articles built with its cache: (raw, out, {doc_id: cache file})."""
    raw = small_raw(tmp_path / "raw", {"a.txt": ARTICLE, "b.txt": ARTICLE.replace("12亿", "30亿").replace("3份", "5份")})
    out = tmp_path / "out"
    assert build_cli(raw, out, "--workers", "1").exit_code == 0
    files = {}
    for p in sorted((out / extract.CACHE).rglob("*.json")):
        files[json.loads(p.read_text("utf-8"))["doc_id"]] = p
    assert sorted(files) == ["a", "b"]
    return raw, out, files


def test_a_relabelled_cache_record_is_not_trusted(cached):
    raw, out, files = cached
    before = tree_digest(out)
    envelope = json.loads(files["a"].read_text("utf-8"))
    envelope["key"] = files["b"].stem
    envelope["doc_id"] = "b"  # a's record under b's key and name: its sha256 and text still say a
    files["b"].write_text(json.dumps(envelope, ensure_ascii=False), "utf-8")
    again = build_cli(raw, out, "--force", "--workers", "1")
    assert again.exit_code == 0, again.output
    assert tree_digest(out) == before
    assert json.loads(files["b"].read_text("utf-8"))["sha256"] != envelope["sha256"]  # rewritten


def test_a_cache_record_of_another_type_or_a_pickle_is_extracted_again(cached, tmp_path):
    raw, out, files = cached
    before = tree_digest(out)
    wrong = json.loads(files["a"].read_text("utf-8"))
    wrong["record"] = {"c": "Repair", "f": {"kind": "x", "raw_start": 0, "raw_end": 1}}
    files["a"].write_text(json.dumps(wrong), "utf-8")
    marker = tmp_path / "pwned"
    import pickle

    class Crafted:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    files["b"].write_bytes(pickle.dumps(Crafted()))
    again = build_cli(raw, out, "--force", "--workers", "1")
    assert again.exit_code == 0, again.output
    assert not marker.exists() and tree_digest(out) == before
    with pytest.raises(records.RecordError):
        records.loads(pickle.dumps(Crafted()), extract.DocExtract)


# 6. release, publish, portal ----------------------------------------------------------------------------

def test_a_version_with_a_trailing_newline_is_refused(tmp_path):
    result = runner.invoke(app, ["release", "1.0.0\n", "--releases", str(tmp_path / "releases")])
    one_error(result, "expected MAJOR.MINOR.PATCH")
    assert not (tmp_path / "releases").exists()


def test_a_portal_that_never_answers_times_out(releases):
    folder = releases["first"].folder
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept_and_stay_silent():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept_and_stay_silent, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.getsockname()[1]}"
        result = runner.invoke(app, ["publish", folder.name, "--portal", url, "--releases", str(folder.parent),
                                     "--timeout", "1"])
    finally:
        stop.set()
        thread.join()
        for s in held:
            s.close()
        server.close()
    one_error(result, f"portal {url}", "action package_show", "no answer within 1 s")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "ftp://example.org/a", "http://"])
def test_a_source_url_that_is_not_a_web_address_is_refused(previous, tmp_path, url):
    out, digest = previous
    raw = small_raw(tmp_path / "raw", {"a.txt": ARTICLE}, url=json.dumps(url))
    one_error(build_cli(raw, out), "sources.yaml", "line 5", "'url' must be an http or https address")
    assert tree_digest(out) == digest


def test_the_portal_links_only_web_addresses():
    pkg = {"title": "t", "x-title-zh-Hans": "t", "description": "d", "resources": [],
           "licenses": [{"name": "x", "path": "javascript:alert(1)"}],
           "sources": [{"title": "a", "path": "javascript:alert(1)"}, {"title": "b", "path": "https://example.org/b"}]}
    meta = metadata(pkg, [])
    assert 'href="javascript' not in meta["description_html"] and 'href="https://example.org/b"' in meta["description_html"]
    assert meta["license_url"] is None


# 7. file names a user gives -----------------------------------------------------------------------------

def test_file_names_that_are_no_doc_id_build_without_a_manifest(tmp_path):
    raw = small_raw(tmp_path / "raw", {"my article 1.txt": ARTICLE, "浙港合作.txt": ARTICLE.replace("12亿", "13亿"),
                                       "-rf.txt": ARTICLE.replace("12亿", "14亿"),
                                       "UPPER.TXT": ARTICLE.replace("12亿", "15亿")}, manifest=False)
    result = build_cli(raw, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "sources.yaml" not in result.output.replace(f"{raw / 'sources.yaml'}: no manifest", "")
    docs = (tmp_path / "out" / "curated" / "documents.csv").read_text("utf-8")
    for doc_id, name in [("my-article-1", "my article 1.txt"), ("zhe-gang-he-zuo", "浙港合作.txt"), ("rf", "-rf.txt"),
                         ("UPPER", "UPPER.TXT")]:
        assert f"{doc_id},{name}," in docs or f'{doc_id},"{name}",' in docs, docs


def test_other_files_in_the_raw_folder_are_named_as_skipped(tmp_path):
    raw = small_raw(tmp_path / "raw", {"a.txt": ARTICLE}, manifest=False)
    (raw / "notes.md").write_text("x", "utf-8")
    from hkcoop.ingest.manifest import load_manifest

    assert any("notes.md: skipped: not an article file" in w for w in load_manifest(raw).warnings)


# 8. tests that run where the repository is --------------------------------------------------------------

def test_no_test_of_make_test_needs_the_development_set():
    """A public clone has no ../shared: what needs the development set runs in `make devset`."""
    needs = [p.name for p in sorted((REPO / "tests").rglob("*.py"))
             if p.name != Path(__file__).name and "devset" in p.read_text("utf-8")]
    assert needs == []


def test_a_folder_of_many_files_without_a_manifest_warns_in_a_few_lines(tmp_path):
    raw = small_raw(tmp_path / "raw", {f"a{i:03d}.txt": ARTICLE.replace("12亿", f"{i + 20}亿") for i in range(30)},
                    manifest=False)
    result = build_cli(raw, tmp_path / "out")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 21 and warnings[-1] == "warning: and 11 more warnings"
