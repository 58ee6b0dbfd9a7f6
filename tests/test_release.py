"""Releases: two cut into a temporary folder from a committed copy of raw/, the second after one figure in one
article changes; what a release holds, its checksums and archive, and what is refused (nothing written)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tarfile

import pandas as pd
import pytest
import yaml

from conftest import git
from hkcoop.publish.release import ReleaseError, _archive, cut, uncommitted, verify_sums


def test_the_changelog_names_exactly_the_changed_row_and_fields(releases):
    second, metric = releases["second"], releases["metric"]
    assert second.previous == "0.1.0"
    changes = pd.read_csv(second.folder / "changes.csv", dtype=str, keep_default_na=False)
    assert set(changes.change) == {"changed"}  # no row added or removed, no schema change
    in_metrics = changes[changes.table == "metrics"]
    assert set(in_metrics.key) == {metric.metric_id}
    assert set(in_metrics.field) == {"value", "value_as_reported", "quote"}
    value = in_metrics.set_index("field").loc["value"]
    assert float(value.before) == metric.value and float(value.after) == metric.value + int(
        releases["changed"][-2]) - int(releases["printed"][-2])
    # the same edit seen from the other tables: the file's checksum and the one evidence quote
    assert set(changes[changes.table == "documents"].field) == {"sha256"}
    assert list(changes[changes.table == "mentions"].field) == ["quote"]
    assert set(changes.table) == {"documents", "mentions", "metrics"}
    log = (second.folder / "CHANGELOG.md").read_text("utf-8")
    section = log[log.index("## `metrics`"):]
    assert f"| `{metric.metric_id}` | `value` |" in section and releases["changed"] in section
    assert "1 changed:" in section and "| `metrics` | 33 | 33 | 0 | 0 | 1 | 0 |" in log


def test_first_release_has_no_diff_and_is_stamped(releases):
    first = releases["first"]
    assert "First release" in (first.folder / "CHANGELOG.md").read_text("utf-8")
    pkg = json.loads((first.folder / "datapackage.json").read_text("utf-8"))
    assert pkg["version"] == "0.1.0" and pkg["x-release"]["version"] == "0.1.0"
    assert re.fullmatch(r"[0-9a-f]{40}", pkg["x-release"]["commit"])
    cff = yaml.safe_load((first.folder / "CITATION.cff").read_text("utf-8"))
    assert cff["version"] == "0.1.0" and cff["commit"] == pkg["x-release"]["commit"]


def test_checksums_verify_and_catch_a_change(releases, tmp_path):
    folder = releases["second"].folder
    assert verify_sums(folder) == []
    res = subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    (copy / "curated" / "people.csv").write_text("tampered\n", encoding="utf-8")
    (copy / "extra.txt").write_text("not listed\n", encoding="utf-8")
    assert verify_sums(copy) == ["curated/people.csv", "extra.txt"]


def test_archive_holds_the_folder_byte_for_byte_and_is_stable(releases, tmp_path):
    second = releases["second"]
    with tarfile.open(second.archive) as tar:
        names = {m.name for m in tar.getmembers() if m.isfile()}
        sums = tar.extractfile("hk-mainland-cooperation-0.2.0/SHA256SUMS").read().decode()
    assert names == {f"hk-mainland-cooperation-0.2.0/{p.relative_to(second.folder).as_posix()}"
                     for p in second.folder.rglob("*") if p.is_file()}
    assert sums == (second.folder / "SHA256SUMS").read_text("utf-8")
    again = tmp_path / "again.tar.gz"
    _archive(second.folder, again, "hk-mainland-cooperation-0.2.0",
             tarfile.open(second.archive).getmember("hk-mainland-cooperation-0.2.0").mtime)
    assert again.read_bytes() == second.archive.read_bytes()


def test_release_contents_documented_and_no_article_text(releases):
    folder = releases["second"].folder
    for name in ("DATASET_CARD.md", "CITATION.cff", "CHANGELOG.md", "changes.csv", "SHA256SUMS",
                 "checks/validation.json", "docs/data_dictionary.md", "docs/data_dictionary.zh.md",
                 "docs/data_dictionary.html", "docs/data_dictionary.zh.html"):
        assert (folder / name).is_file(), name
    zh = (folder / "docs" / "data_dictionary.zh.md").read_text("utf-8")
    assert "## `people` — 人物" in zh and "简体姓名" in zh and "`li-jiachao`" in zh  # Chinese, with examples
    html = (folder / "docs" / "data_dictionary.html").read_text("utf-8")
    assert "<h2 id=\"metrics\">" in html and "http" not in html.split("<body>")[0]  # self-contained
    assert "<code>curated/&lt;table&gt;.parquet</code>" in html
    zh_html = (folder / "docs" / "data_dictionary.zh.html").read_text("utf-8")
    # each page links to the other language's; the contents are in the page's language
    assert '<a href="data_dictionary.zh.html" hreflang="zh-Hans">' in html
    assert '<a href="data_dictionary.html" hreflang="en">' in zh_html
    assert '<a href="#people"><code>people</code> — 人物</a>' in zh_html and '<a href="#people"><code>people</code> — People</a>' in html
    card = (folder / "DATASET_CARD.md").read_text("utf-8")
    assert "Release **0.2.0**" in card and "| `people` | 59 |" in card and "projects_vs_measures" in card
    assert "大公报" in card and "not republished" in card and "How to cite" in card
    # the seeds' manifest records no address: the card says so rather than claiming one
    assert "(0 of 5 documents)" in card and card.count("| not recorded |") == 5
    assert not list(folder.rglob("*.txt")), "the article texts are not republished"
    longest = pd.read_parquet(folder / "curated" / "mentions.parquet").quote.str.len().max()
    assert longest < 100


def test_plots_are_drawn_with_content(releases):
    import matplotlib.image as mpimg
    import numpy as np

    from hkcoop.publish.plots import cjk_font

    assert cjk_font()  # the Chinese labels have a font
    plots = releases["second"].folder / "docs" / "plots"
    for stem in ("framework_comparison", "events_timeline"):
        img = mpimg.imread(plots / f"{stem}.png")[..., :3]
        ink = (img.mean(axis=2) < 0.9).mean()  # share of pixels that are not (nearly) white
        assert 0.02 < ink < 0.8, (stem, ink)
        assert len(np.unique((img * 255).astype(int).reshape(-1, 3), axis=0)) > 20
        svg = (plots / f"{stem}.svg").read_text("utf-8")
        assert svg.startswith("<?xml") and "<path" in svg and "Date" not in svg[:600]
    # a meeting's 15 areas and another's 13 are the comparison's columns
    heat = mpimg.imread(plots / "framework_comparison.png")
    assert heat.shape[1] > heat.shape[0] * 0.8


@pytest.mark.parametrize("version, message", [
    ("0.1.0", "already exists"), ("0.2.0", "already exists"), ("0.0.9", "below the latest release 0.2.0"),
    ("1.0", "expected MAJOR.MINOR.PATCH"), ("v1.0.0", "expected MAJOR.MINOR.PATCH")])
def test_refused_versions_write_nothing(releases, version, message):
    out = releases["out"]
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    with pytest.raises(ReleaseError, match=message):
        cut(version, raw=releases["raw"], releases=out, code_inputs=())
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before


def test_uncommitted_names_untracked_and_modified_files(tmp_path):
    repo = tmp_path / "r"
    (repo / "raw").mkdir(parents=True)
    (repo / "raw" / "a.txt").write_text("一\n", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "a")
    assert uncommitted([repo / "raw"]) == []
    (repo / "raw" / "a.txt").write_text("二\n", encoding="utf-8")
    (repo / "raw" / "b.txt").write_text("三\n", encoding="utf-8")
    assert uncommitted([repo / "raw"]) == [str(repo / "raw" / "a.txt"), str(repo / "raw" / "b.txt")]
    with pytest.raises(ReleaseError, match="not in a git checkout"):
        uncommitted([tmp_path])


def test_a_cjk_font_installed_after_matplotlib_cached_its_list_is_found(monkeypatch):
    from matplotlib import font_manager

    from hkcoop.publish.plots import CJK_FAMILIES, cjk_font

    stale = [f for f in font_manager.fontManager.ttflist if f.name not in CJK_FAMILIES]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", stale)
    assert cjk_font() == "WenQuanYi Micro Hei"  # `make fonts` installs it; the cache did not know it


def test_a_previous_release_unpacked_from_its_archive_is_named_by_its_version(releases, tmp_path):
    unpacked = tmp_path / "unpacked"
    with tarfile.open(releases["first"].archive) as tar:
        tar.extractall(unpacked, filter="data")
    previous = unpacked / "hk-mainland-cooperation-0.1.0"
    third = cut("0.3.0", raw=releases["raw"], releases=tmp_path / "elsewhere", code_inputs=(), previous=previous)
    assert third.previous == "0.1.0"
    log = (third.folder / "CHANGELOG.md").read_text("utf-8")
    assert "Compared with release 0.1.0" in log and "| `metrics` | 33 | 33 | 0 | 0 | 1 | 0 |" in log
    with pytest.raises(ReleaseError, match="--previous: expected a release folder"):
        cut("0.4.0", raw=releases["raw"], releases=tmp_path / "elsewhere", code_inputs=(), previous=tmp_path)
