"""Great Expectations suites, one per table, in checks/suites/<table>.json.

Generic expectations come from schemas/ (not-null for required fields — frictionless misses nulls in
Parquet number and date columns —, unique keys, enums, patterns, ranges, lengths, the column list);
semantic ones are hand-written in checks/semantic_expectations.json. `python -m hkcoop suites` writes
the files; a test fails when the committed suites differ from what schemas/ and the semantic file give.
"""

from __future__ import annotations

import json
from pathlib import Path

from hkcoop.schema import load_tables

REPO = Path(__file__).resolve().parents[3]
SUITE_DIR = REPO / "checks" / "suites"
SEMANTIC = REPO / "checks" / "semantic_expectations.json"


def generate() -> dict[str, dict]:
    semantic = json.loads(SEMANTIC.read_text("utf-8"))
    suites = {}
    for name, table in load_tables().items():
        exp = [_e("expect_table_columns_to_match_ordered_list", {"column_list": table.columns}, "schema: columns")]
        pk = table.primary_key
        if len(pk) == 1:
            exp.append(_e("expect_column_values_to_be_unique", {"column": pk[0]}, "schema: primary key"))
        else:
            exp.append(_e("expect_compound_columns_to_be_unique", {"column_list": pk}, "schema: primary key"))
        for f in table.fields:
            c, col = f.get("constraints", {}), f["name"]
            if c.get("required"):
                exp.append(_e("expect_column_values_to_not_be_null", {"column": col}, "schema: required"))
            if "enum" in c:
                exp.append(_e("expect_column_values_to_be_in_set", {"column": col, "value_set": c["enum"]}, "schema: enum"))
            if "pattern" in c:
                exp.append(_e("expect_column_values_to_match_regex", {"column": col, "regex": c["pattern"]}, "schema: pattern"))
            if "minimum" in c or "maximum" in c:
                exp.append(_e("expect_column_values_to_be_between",
                              {"column": col, "min_value": c.get("minimum"), "max_value": c.get("maximum")}, "schema: range"))
            if "minLength" in c or "maxLength" in c:
                exp.append(_e("expect_column_value_lengths_to_be_between",
                              {"column": col, "min_value": c.get("minLength"), "max_value": c.get("maxLength")}, "schema: length"))
        for e in semantic.get(name, []):
            exp.append({"type": e["type"], "kwargs": e["kwargs"], "meta": {"source": "semantic", "why": e["meta"]["why"]}})
        suites[name] = {"name": name, "expectations": exp, "meta": {"generated_by": "python -m hkcoop suites"}}
    unknown = set(semantic) - {"_about"} - set(suites)
    if unknown:
        raise ValueError(f"{SEMANTIC}: expectations for unknown table(s) {sorted(unknown)}")
    return suites


def _e(kind: str, kwargs: dict, why: str) -> dict:
    return {"type": kind, "kwargs": {k: v for k, v in kwargs.items() if v is not None}, "meta": {"source": why}}


def write(directory: Path = SUITE_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, suite in generate().items():
        p = directory / f"{name}.json"
        p.write_text(json.dumps(suite, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        paths.append(p)
    return paths


def load(directory: Path = SUITE_DIR) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text("utf-8")) for p in sorted(directory.glob("*.json"))}


def columns_named(suite: dict) -> set[str]:
    """Every column a suite's expectations name."""
    out = set()
    for e in suite["expectations"]:
        kw = e["kwargs"]
        for key in ("column", "column_A", "column_B"):
            if key in kw:
                out.add(kw[key])
        if e["type"] != "expect_table_columns_to_match_ordered_list":
            out.update(kw.get("column_list", []))
    return out
