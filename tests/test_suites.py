"""Great Expectations suites: generated from schemas/ (drift), and each catching what it names."""

import json

from hkcoop.quality.suites import SUITE_DIR, columns_named, generate, load
from hkcoop.schema import load_tables


def test_committed_suites_are_what_schemas_and_the_semantic_file_give():
    assert load() == json.loads(json.dumps(generate()))


def test_every_table_and_column_is_covered_and_no_suite_names_an_unknown_column():
    tables, suites = load_tables(), load()
    assert set(suites) == set(tables)
    for name, table in tables.items():
        named = columns_named(suites[name])
        assert named <= set(table.columns), (name, named - set(table.columns))
        listed = next(e for e in suites[name]["expectations"] if e["type"] == "expect_table_columns_to_match_ordered_list")
        assert listed["kwargs"]["column_list"] == table.columns
        required = {f["name"] for f in table.fields if f.get("constraints", {}).get("required")}
        not_null = {e["kwargs"]["column"] for e in suites[name]["expectations"]
                    if e["type"] == "expect_column_values_to_not_be_null" and "row_condition" not in e["kwargs"]}
        assert required == not_null, name


def test_metric_units_cover_the_reference_currencies_and_count_units():
    from hkcoop.reference import rows

    unit_set = next(e["kwargs"]["value_set"] for e in load()["metrics"]["expectations"]
                    if e["type"] == "expect_column_values_to_be_in_set" and e["kwargs"]["column"] == "unit")
    codes = {r["code"] for r in rows("currencies.csv")} - {"context"}
    units = {r["unit"] for r in rows("count_units.csv")} | {r["unit"] for r in rows("count_nouns.csv")} | {"items"} \
        | {r["unit"] for r in rows("indicators.csv")
                                                             if r["unit"] not in ("currency", "various")}
    assert codes | units <= set(unit_set)


def test_suite_files_are_json_in_checks():
    assert sorted(p.stem for p in SUITE_DIR.glob("*.json")) == sorted(load_tables())
