import datetime as dt
import shutil

import pytest

from conftest import RAW
from hkcoop.errors import InputError
from hkcoop.ingest.manifest import load_manifest

ENTRY = """documents:
  - file: a.txt
    outlet: 大公报
    published: 2024-04-27
    url: null
    license: All rights reserved.
"""


def _folder(tmp_path, manifest: str | None, files=("a.txt",)):
    for f in files:
        (tmp_path / f).write_text("沪港合作会议第六次会议昨在香港举行。", encoding="utf-8")
    if manifest is not None:
        (tmp_path / "sources.yaml").write_text(manifest, encoding="utf-8")
    return tmp_path


def test_repository_manifest_covers_the_five_seeds():
    m = load_manifest(RAW)
    assert [e.doc_id for e in m.entries] == [
        "000_b3ecfcb3e9bcf8cc", "001_2d9699dec1fe44c4", "002_8ed5b074716643a3",
        "003_3c638678876fc504", "004_f4bafa4d0fcd3cf4"]
    assert m.warnings == []
    by_id = {e.doc_id: e for e in m.entries}
    assert by_id["004_f4bafa4d0fcd3cf4"].published == dt.date(2025, 4, 24)
    assert by_id["001_2d9699dec1fe44c4"].published == dt.date(2024, 4, 27)
    assert by_id["000_b3ecfcb3e9bcf8cc"].published is None
    assert by_id["000_b3ecfcb3e9bcf8cc"].not_before == dt.date(2024, 4, 28)
    assert all(e.published_basis for e in m.entries)


def test_valid_entry_defaults_doc_id_to_stem(tmp_path):
    m = load_manifest(_folder(tmp_path, ENTRY))
    (e,) = m.entries
    assert (e.doc_id, e.outlet, e.published, e.url, e.in_manifest) == ("a", "大公报", dt.date(2024, 4, 27), None, True)


@pytest.mark.parametrize("manifest, message", [
    (ENTRY.replace("    license: All rights reserved.\n", ""),
     "line 2: documents[1] (a.txt): missing required key 'license'; expected file, outlet, published, url, "
     "license, found file, outlet, published, url"),
    (ENTRY + "    colour: red\n", "line 7: documents[1]: unknown key(s): colour; expected only file"),
    (ENTRY + "    script: Latn\n", "line 7: documents[1]: unknown script 'Latn'; expected one of Hans, Hant"),
    (ENTRY.replace("2024-04-27", "27/4/2024"),
     "line 4: documents[1] (a.txt): 'published' must be an ISO date (YYYY-MM-DD) or null, found '27/4/2024'"),
    (ENTRY.replace("2024-04-27", "2024-04-27T10:00:00"), "line 4: documents[1] (a.txt): 'published' must be an "
                                                         "ISO date (YYYY-MM-DD) or null, found datetime"),
    (ENTRY.replace("2024-04-27", "'2024-02-30'"), "'published' must be an ISO date (YYYY-MM-DD) or null, "
                                                  "found '2024-02-30'"),
    (ENTRY.replace("null", "[a, b]"), "line 5: documents[1] (a.txt): 'url' must be text or null, found a list"),
    (ENTRY.replace("a.txt", "missing.txt"),
     "line 2: entry for 'missing.txt': expected a file of that name in"),
    (ENTRY + ENTRY.split("\n", 1)[1], "line 7: documents[2] (a.txt): duplicate entry for file 'a.txt'; expected "
                                       "one entry per file, found another at line 2"),
    ("documents:\n  - file: a.txt\n   outlet: [unclosed\n", "not valid YAML at line"),
    ("- just a list\n", "line 1: expected a mapping with a list under 'documents:', found a list"),
    ("", "line 1: expected a mapping with a list under 'documents:', found an empty file"),
    ("documents:\n  - just text\n", "line 2: documents[1]: expected a mapping of keys"),
    (ENTRY + "    doc_id: 'bad id!'\n", "line 7: documents[1]: doc_id 'bad id!' must be"),
])
def test_bad_manifest_is_a_clear_error(tmp_path, manifest, message):
    """Every message names the file and the line, and says what was expected and what was found."""
    with pytest.raises(InputError) as exc:
        load_manifest(_folder(tmp_path, manifest))
    assert message in str(exc.value)
    assert "sources.yaml" in str(exc.value)


def test_a_quoted_iso_date_is_an_iso_date(tmp_path):
    m = load_manifest(_folder(tmp_path, ENTRY.replace("2024-04-27", "'2024-04-27'") + "    not_before: \"2024-04-01\"\n"))
    (e,) = m.entries
    assert e.published == dt.date(2024, 4, 27) and e.not_before == dt.date(2024, 4, 1)


def test_duplicate_doc_id(tmp_path):
    two = ENTRY + "    doc_id: same\n  - file: b.txt\n    doc_id: same\n    outlet: x\n    published: null\n    url: null\n    license: x\n"
    with pytest.raises(InputError, match="line 8: duplicate doc_id 'same': expected one file per doc_id, found 'a.txt' and 'b.txt'"):
        load_manifest(_folder(tmp_path, two, files=("a.txt", "b.txt")))


def test_file_not_in_manifest_is_a_warning(tmp_path):
    m = load_manifest(_folder(tmp_path, ENTRY, files=("a.txt", "b.txt")))
    assert [e.doc_id for e in m.entries] == ["a", "b"]
    assert m.entries[1].in_manifest is False and m.entries[1].published is None
    assert len(m.warnings) == 1 and "b.txt: not in the manifest" in m.warnings[0]


def test_no_manifest_infers_everything_with_one_warning_per_file(tmp_path):
    m = load_manifest(_folder(tmp_path, None, files=("x.txt", "y.txt")))
    assert [e.doc_id for e in m.entries] == ["x", "y"]
    assert sum("not in the manifest" in w for w in m.warnings) == 2
    assert any("no manifest" in w for w in m.warnings)
