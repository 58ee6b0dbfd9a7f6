"""The README's loading snippets run as printed, against the committed package."""

import os
import re

from conftest import REPO


def test_readme_python_snippets_run(monkeypatch):
    text = (REPO / "README.md").read_text("utf-8")
    section = text[text.index("## Loading the tables"):text.index("## Layout")]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 4  # pandas, DuckDB, frictionless, polars
    monkeypatch.chdir(REPO)
    scope: dict = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), scope)
    assert len(scope["officials"]) < len(scope["people"])
    assert sorted(scope["sectors"].groupby("framework_id")["number"].count()) == [0, 13, 15]  # + an inline list
    kept = scope["sectors"][scope["sectors"].framework_id.isin(scope["complete"].subject_id)]
    assert sorted(kept.groupby("framework_id")["sector_id"].count()) == [13, 15]
    assert len(scope["metrics"]) > 20
    counts = dict(scope["by_jurisdiction"].iter_rows())
    assert counts["HKSAR"] == 13 and counts["上海"] == 6 and sum(counts.values()) == 70
