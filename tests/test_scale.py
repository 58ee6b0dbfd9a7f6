"""The extract stage runs per article in parallel, on Dask, or from its cache, and never changes an output
byte; adding one article extracts one; a no-op build reads the stored validation and never imports
Great Expectations; a fault in one article in a worker leaves that article out, not the build."""

import hashlib
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO
from hkcoop.cli import app
from hkcoop.extract import stage as extract
from hkcoop.extract import people
from hkcoop.pipeline import build

sys.path.insert(0, str(REPO / "bench"))
from generate import Generator  # noqa: E402 - the benchmark's corpus generator

RULES = REPO / "bench" / "content_rules.csv"
N = 24


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("generated") / "raw"
    Generator().write(N, raw)
    return raw


def package_bytes(out: Path) -> str:
    h = hashlib.sha256()
    for p in sorted((out / "curated").iterdir()) + [out / "datapackage.json"]:
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def reference(generated, tmp_path_factory):
    """The generated corpus built in this process, one worker, no cache."""
    out = tmp_path_factory.mktemp("one")
    result = build(generated, out, workers=1, cache=False, rules=RULES)
    assert result.report.ok and result.rows["people"] > 20 and result.rows["metrics"] > 10
    assert result.extracted == {"documents": N, "from_cache": 0, "extracted": N}
    return package_bytes(out)


def test_the_generator_is_deterministic(tmp_path):
    a, b = Generator().write(5, tmp_path / "a"), Generator().write(5, tmp_path / "b")
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    assert len({p.read_bytes() for p in a}) == 5


def test_two_workers_and_a_warm_cache_give_the_same_bytes(generated, reference, tmp_path):
    cold = build(generated, tmp_path, workers=2, rules=RULES)
    assert cold.extracted["extracted"] == N and package_bytes(tmp_path) == reference
    warm = build(generated, tmp_path, workers=2, rules=RULES, force=True)
    assert warm.extracted == {"documents": N, "from_cache": N, "extracted": 0}
    assert package_bytes(tmp_path) == reference


def test_dask_local_cluster_gives_the_same_bytes(generated, reference, tmp_path):
    result = build(generated, tmp_path, workers=2, executor="dask", cache=False, rules=RULES)
    assert result.extracted["extracted"] == N
    assert package_bytes(tmp_path) == reference


def test_adding_one_article_extracts_one_and_a_damaged_cache_entry_is_extracted_again(generated, tmp_path):
    raw = tmp_path / "raw"
    Generator().write(N, raw)
    out = tmp_path / "out"
    build(raw, out, workers=2, rules=RULES)
    Generator().write(1, raw, start=N)
    grown = build(raw, out, workers=2, rules=RULES)
    assert grown.rebuilt and grown.extracted == {"documents": N + 1, "from_cache": N, "extracted": 1}
    first = package_bytes(out)
    victim = next((out / extract.CACHE).rglob("*.json"))
    victim.write_bytes(b"not a record")
    again = build(raw, out, workers=2, rules=RULES, force=True)
    assert again.extracted == {"documents": N + 1, "from_cache": N, "extracted": 1}
    assert package_bytes(out) == first


def test_a_no_op_build_reads_the_stored_validation_without_importing_the_heavy_libraries(generated, tmp_path):
    build(generated, tmp_path, workers=2, rules=RULES)
    script = textwrap.dedent(f"""
        import sys
        from hkcoop.cli import app
        try:  # as `hkcoop build` runs it
            app(["build", "--raw", {str(generated)!r}, "--out", {str(tmp_path)!r}, "--content-rules", {str(RULES)!r}])
        except SystemExit as exc:
            assert exc.code in (0, None), exc.code
        heavy = ('great_expectations', 'frictionless', 'jieba', 'pyarrow', 'pandas', 'pypinyin', 'duckdb')
        print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))
    """)
    res = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         env={"PYTHONPATH": str(REPO / "build"), "PATH": "/usr/bin:/bin"})
    assert res.returncode == 0, res.stderr
    assert "up to date (inputs unchanged), validated" in res.stdout
    assert res.stdout.strip().splitlines()[-1] == "[]"


def test_a_stricter_build_than_the_stored_one_validates_again(generated, tmp_path):
    build(generated, tmp_path, workers=2, rules=RULES)
    again = build(generated, tmp_path, workers=2, rules=RULES, strict=True)
    assert again.rebuilt  # the stored report was not strict: it cannot stand for a strict one


MARKER = "某某故障标记"


def test_a_fault_in_one_article_in_a_worker_leaves_that_article_out(tmp_path, monkeypatch):
    real = people.name_candidates

    def flaky(doc, start, end):
        if MARKER in doc.view.text[start:end]:
            raise KeyError("tag")
        return real(doc, start, end)

    monkeypatch.setattr(people, "name_candidates", flaky)  # the forked workers inherit it
    raw = tmp_path / "raw"
    Generator().write(6, raw)
    (raw / "zz.txt").write_text(f"某地签约\n\n本报讯 {MARKER}街道服务中心启用,约300家企业入驻。\n", encoding="utf-8")
    result = build(raw, tmp_path / "out", workers=2, rules=RULES)
    assert result.extracted["extracted"] == 7
    failed = [c for c in result.report.checks if c.name == "extraction"][0]
    assert failed.status == "warn" and "zz.txt" in failed.message and "people" in failed.message


def test_the_cli_takes_workers_and_executor_and_shows_no_bar_off_a_terminal(generated, tmp_path):
    res = CliRunner().invoke(app, ["build", "--raw", str(generated), "--out", str(tmp_path), "--workers", "1",
                                   "--content-rules", str(RULES)])
    assert res.exit_code == 0, res.output
    assert "built:" in res.output and "docs/s" not in res.output and "0:00:" not in res.output
    bad = CliRunner().invoke(app, ["build", "--raw", str(generated), "--out", str(tmp_path), "--executor", "spark"])
    assert bad.exit_code == 2 and "expected local or dask, found 'spark'" in bad.output
    missing = CliRunner().invoke(app, ["build", "--raw", str(generated), "--out", str(tmp_path),
                                       "--content-rules", str(tmp_path / "nope.csv")])
    assert missing.exit_code == 1 and "nope.csv" in missing.output and "no such content rules file" in missing.output
