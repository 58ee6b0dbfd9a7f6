"""schemas/ is the single source of truth: house rules, drift between data and schema, the dictionary."""

import json
import shutil

import pytest

from conftest import REPO
from hkcoop.errors import BuildError
from hkcoop.publish.dictionary import render
from hkcoop.publish.export import check_columns
from hkcoop.schema import SCHEMA_DIR, load_tables


@pytest.fixture
def schema_copy(tmp_path):
    dst = tmp_path / "schemas"
    shutil.copytree(SCHEMA_DIR, dst)
    return dst


def edit(path, fn):
    d = json.loads(path.read_text("utf-8"))
    fn(d)
    path.write_text(json.dumps(d, ensure_ascii=False), "utf-8")


def test_tables_in_package_order():
    assert list(load_tables()) == ["documents", "articles", "mentions", "text_repairs", "events", "people",
                                   "person_roles", "event_participants", "canonical_sectors", "frameworks", "sectors",
                                   "sector_measures", "sector_comparison", "indicators", "metrics", "agreements",
                                   "check_outcomes"]


def test_empty_field_description_is_a_build_error(schema_copy):
    edit(schema_copy / "events.json", lambda d: d["schema"]["fields"][1].update(description="  "))
    with pytest.raises(BuildError, match="field 'name_zh' has an empty description"):
        load_tables(schema_copy)


def test_schema_file_not_listed_in_the_package_is_a_build_error(schema_copy):
    shutil.copy(schema_copy / "events.json", schema_copy / "extra.json")
    with pytest.raises(BuildError, match="do not match the schema files"):
        load_tables(schema_copy)


def test_column_in_data_but_not_in_schema_and_the_reverse(schema_copy):
    table = load_tables()["text_repairs"]
    row = {c: None for c in table.columns}
    check_columns(table, [row])
    with pytest.raises(BuildError, match=r"columns not in schema \['colour'\]"):
        check_columns(table, [{**row, "colour": "red"}])
    del row["quote"]
    with pytest.raises(BuildError, match=r"schema fields not produced \['quote'\]"):
        check_columns(table, [row])


def test_committed_data_dictionary_is_generated_from_schemas():
    assert (REPO / "docs" / "data_dictionary.md").read_text("utf-8") == render("en")
    assert (REPO / "docs" / "data_dictionary.zh.md").read_text("utf-8") == render("zh")
    assert render().count("\n## `") == 17
