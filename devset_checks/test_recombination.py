"""Property: any recombination of real paragraphs of the genre builds into a package or stops with a one-line
error, never a traceback, and every quote of the package is exact.

Paragraphs come from the seeds (raw/) and the development set (../shared/devset/raw, read at run time:
this folder is run by `make devset`, beside ../shared, not by `make test`, which runs from a clone alone);
pages are made of them as the genre's pages are: the headline first or last, issue-number and page-stamp
lines, paragraphs duplicated or cut off mid-sentence, several articles on one page, blank lines of
non-breaking spaces, with or without a manifest.
"""

import csv
import hashlib
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st
from typer.testing import CliRunner

from hkcoop.cli import app

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "raw"
DEVSET = Path(os.environ.get("DEVSET", REPO.parent / "shared" / "devset")) / "raw"
runner = CliRunner()


def _paragraphs() -> list[str]:
    assert DEVSET.is_dir(), f"the development set is expected beside the clone ({DEVSET})"
    out = []
    for path in sorted(RAW.glob("*.txt")) + sorted(DEVSET.glob("*.txt")):
        out += [p.strip("\n") for p in path.read_text("utf-8").split("\n") if p.strip()]
    return out


PARAGRAPHS = _paragraphs()
FURNITURE = ["第8123期", "A08版 要闻", "2024年5月6日 星期一", "26-4-2024", "\u00a0\u00a0\u00a0", "\u3000", "************",
             "责任编辑:某某", "(完)", "IMG_0001.jpg", "07 某版新闻"]

paragraph = st.integers(0, len(PARAGRAPHS) - 1).map(lambda i: PARAGRAPHS[i])


@st.composite
def article(draw) -> str:
    paras = draw(st.lists(paragraph, min_size=1, max_size=6))
    if draw(st.booleans()):  # a paragraph printed twice, as page breaks do
        k = draw(st.integers(0, len(paras) - 1))
        paras.insert(k, paras[k])
    if draw(st.booleans()):  # cut off mid-sentence
        k = draw(st.integers(0, len(paras) - 1))
        paras[k] = paras[k][:draw(st.integers(1, max(1, len(paras[k]) - 1)))]
    headline = draw(paragraph)[:draw(st.integers(4, 30))]
    paras = [headline] + paras if draw(st.booleans()) else paras + [headline]
    for _ in range(draw(st.integers(0, 3))):
        paras.insert(draw(st.integers(0, len(paras))), draw(st.sampled_from(FURNITURE)))
    sep = draw(st.sampled_from(["\n", "\n\n", "\n\u00a0\n", "\r\n\r\n"]))
    return sep.join(paras)


@st.composite
def page(draw) -> str:
    return "\n\n".join(draw(st.lists(article(), min_size=1, max_size=3)))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(page(), min_size=1, max_size=3), st.sampled_from([None, "2024-05-06", "'2021-09-07'"]))
def test_any_recombination_builds_or_stops_with_one_line(pages, published):
    with tempfile.TemporaryDirectory() as tmp:
        raw, out = Path(tmp) / "raw", Path(tmp) / "out"
        raw.mkdir()
        for i, text in enumerate(pages):
            (raw / f"p{i}.txt").write_text(text, encoding="utf-8")
        if published is not None:
            (raw / "sources.yaml").write_text("documents:\n" + "".join(
                f"  - file: p{i}.txt\n    outlet: test\n    published: {published}\n    url: null\n    license: test\n"
                for i in range(len(pages))), encoding="utf-8")
        result = runner.invoke(app, ["build", "--raw", str(raw), "--out", str(out), "--force"])
        assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
        if result.exit_code != 0:
            errors = [line for line in result.output.splitlines() if line.startswith("error:")]
            assert result.exit_code == 1 and len(errors) == 1, result.output
            assert not (out / "datapackage.json").exists()  # nothing half-written
            return
        texts = {}
        with (out / "curated" / "documents.csv").open(encoding="utf-8") as fh:
            for d in csv.DictReader(fh):
                data = (raw / d["file"]).read_bytes()
                assert hashlib.sha256(data).hexdigest() == d["sha256"]
                texts[d["doc_id"]] = data.decode("utf-8")
        with (out / "curated" / "mentions.csv").open(encoding="utf-8", newline="") as fh:
            for m in csv.DictReader(fh):
                assert texts[m["doc_id"]][int(m["char_start"]):int(m["char_end"])] == m["quote"]
