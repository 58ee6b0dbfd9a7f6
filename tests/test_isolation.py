"""No traceback, ever: an exception inside one article's extraction is caught at the article's boundary,
the rest of the corpus builds, and the article is named with its file and error in one line and in the
report; `--strict` makes it a failed build. A bug outside any article is one line too."""

import json

import pytest
from typer.testing import CliRunner

from hkcoop.cli import app
from hkcoop.errors import ValidationFailed
from hkcoop.extract import figures, signings
from hkcoop.pipeline import build

runner = CliRunner()
MARKER = "某某故障标记"

PAGE = ("闽港签约\n\n本报讯 福建省与香港昨日签署合作备忘录,展会吸引观众逾2万人次。\n\n据新华社电\n\n"
        f"社区新空间\n\n本报讯 {MARKER}街道服务中心启用,约300家企业入驻。\n")
OTHER = "行政长官李家超今日(五月八日)在官邸与某省省委书记王明会面,双方签署《湘港合作备忘录》。\n"


@pytest.fixture
def corpus_folder(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(PAGE, encoding="utf-8")
    (raw / "b.txt").write_text(OTHER, encoding="utf-8")
    return raw


@pytest.fixture
def broken_figures(monkeypatch):
    """The figures stage raises on any article that holds the marker, as a bug on an odd text would."""
    real = figures._in_span

    def flaky(doc, start, end, regex, taken):
        if MARKER in doc.view.text[start:end]:
            raise KeyError("unit")
        return real(doc, start, end, regex, taken)

    monkeypatch.setattr(figures, "_in_span", flaky)


def test_a_failing_article_is_left_out_and_the_rest_builds(corpus_folder, tmp_path, broken_figures):
    result = build(corpus_folder, tmp_path / "out")
    curated = tmp_path / "out" / "curated"
    articles = {r["article_id"]: r for r in _csv(curated / "articles.csv")}
    assert articles["a-02"]["extraction_error"].startswith("figures: KeyError: 'unit'")
    assert articles["a-01"]["extraction_error"] == "" and articles["b-01"]["extraction_error"] == ""
    metrics = _csv(curated / "metrics.csv")
    assert {m["value_as_reported"] for m in metrics} == {"逾2万人次"}  # the first article's; none of the second's
    mentions = _csv(curated / "mentions.csv")
    assert not any(m["article_id"] == "a-02" and m["table_name"] != "articles" for m in mentions)
    assert {p["name_zh"] for p in _csv(curated / "people.csv")} == {"李家超", "王明"}  # the other file built whole
    (check,) = [c for c in result.report.checks if c.name == "extraction"]
    assert check.status == "warn"
    assert check.failures == ["a.txt: article 2: figures: " + articles["a-02"]["extraction_error"][len("figures: "):]
                              + " (left out)"]


def test_a_finder_that_reads_the_resolved_document_is_charged_to_its_article(corpus_folder, tmp_path, monkeypatch):
    """Signings are found after the document is resolved on its own: a fault there is still one article's."""
    real = signings._enumerated

    def flaky(got, doc, i, last, ref, basis):
        if MARKER in doc.view.blocks[i].text:
            raise KeyError("party")
        return real(got, doc, i, last, ref, basis)

    monkeypatch.setattr(signings, "_enumerated", flaky)
    build(corpus_folder, tmp_path / "out")
    articles = {r["article_id"]: r for r in _csv(tmp_path / "out" / "curated" / "articles.csv")}
    assert articles["a-02"]["extraction_error"].startswith("signings: KeyError: 'party'")
    assert articles["a-01"]["extraction_error"] == "" and articles["b-01"]["extraction_error"] == ""
    agreements = _csv(tmp_path / "out" / "curated" / "agreements.csv")  # a-01's unnamed one and b's
    assert sorted(r["title_zh"] for r in agreements) == ["", "湘港合作备忘录"]


def test_strict_turns_a_left_out_article_into_a_failed_build(corpus_folder, tmp_path, broken_figures):
    with pytest.raises(ValidationFailed, match="extraction"):
        build(corpus_folder, tmp_path / "out", strict=True)
    assert not (tmp_path / "out" / "datapackage.json").exists()  # nothing half-written


def test_the_cli_names_the_article_in_one_line_and_exits_0(corpus_folder, tmp_path, broken_figures):
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", "--raw", str(corpus_folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if "a.txt: article 2: figures: KeyError" in line]
    assert len(lines) == 1
    report = json.loads((out / "reports" / "validation.json").read_text("utf-8"))
    assert any("a.txt: article 2" in f for c in report["checks"] if c["name"] == "extraction" for f in c["failures"])
    strict = runner.invoke(app, ["build", "--raw", str(corpus_folder), "--out", str(tmp_path / "s"), "--strict"])
    assert strict.exit_code == 1 and "Traceback" not in strict.output
    assert strict.output.strip().splitlines()[-1].startswith("error:")


def test_a_bug_outside_any_article_is_one_line(corpus_folder, tmp_path, monkeypatch):
    from hkcoop.tables import BUILDERS

    def broken(corpus):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(BUILDERS, "sector_comparison", broken)
    result = runner.invoke(app, ["build", "--raw", str(corpus_folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    (line,) = [x for x in result.output.splitlines() if x.strip()]
    assert line.startswith("error: building table 'sector_comparison': ZeroDivisionError: division by zero")


def test_the_reported_crash_shape_builds(tmp_path):
    """A page that prints a short press release among its articles (headline, asterisks, 今日(N月N日))."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "p.txt").write_text(
        "沪港合作再上新台阶\n\n本报讯 沪港合作会议第六次会议昨在香港举行,双方签署20份合作文件。\n\n"
        "行政长官李家超出席会议并致辞。\n\n「两地合作成果展」于某市举行(附图)\n************************\n"
        "  为纪念合作机制建立十周年,驻某市经济贸易办事处联合主办的「两地合作成果展」今日(十一月三日)开幕。\n",
        encoding="utf-8")
    result = build(raw, tmp_path / "out")
    assert result.report.ok
    arts = _csv(tmp_path / "out" / "curated" / "articles.csv")
    assert [a["headline_zh"] for a in arts] == ["沪港合作再上新台阶", "「两地合作成果展」于某市举行(附图)"]


def _csv(path):
    import csv

    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))
