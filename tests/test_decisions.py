"""Human decisions: reject, set and alias, each with reason and evidence, applied after extraction."""

import pytest

from conftest import make_corpus
from hkcoop.errors import InputError
from hkcoop.resolve import decisions
from hkcoop.tables import BUILDERS

TEXT = ("广东省省长王伟中出席会议。省长王伟中表示,两地合作前景广阔。广东省副省长张三丰出席。"
        "大会秘书长李四方在会上致辞,李四方说,合作将继续。\n")


def built_rows(tmp_path):
    corpus = make_corpus(tmp_path, {"a.txt": TEXT})
    rows = {name: build(corpus) for name, build in BUILDERS.items()}
    rows["mentions"] = corpus.evidence.rows
    return rows


def write(tmp_path, body):
    p = tmp_path / "decisions.yaml"
    p.write_text(body, "utf-8")
    return decisions.load(p)


def test_reject_set_and_alias(tmp_path):
    rows = built_rows(tmp_path / "c")
    ids = {p["person_id"] for p in rows["people"]}
    assert {"wang-weizhong", "zhang-sanfeng", "li-sifang"} <= ids
    ds = write(tmp_path, """decisions:
  - action: reject
    table: people
    row_id: zhang-sanfeng
    reason: invented name in a test
    evidence: {doc_id: a, quote: 副省长张三丰}
  - action: set
    table: people
    row_id: li-sifang
    field: name_pinyin
    value: Li Sifang (checked)
    reason: romanisation confirmed
    evidence: {doc_id: a, quote: 秘书长李四方}
  - action: alias
    table: people
    row_id: li-sifang
    into: wang-weizhong
    reason: a test of merging
    evidence: {doc_id: a, quote: 李四方说}
  - action: reject
    table: events
    row_id: no-such-event
    reason: stale on purpose
    evidence: {doc_id: a, quote: 会议}
""")
    warnings = decisions.apply(rows, ds)
    people = {p["person_id"]: p for p in rows["people"]}
    assert "zhang-sanfeng" not in people and "li-sifang" not in people
    assert not any(m["row_id"] == "zhang-sanfeng" for m in rows["mentions"] if m["table_name"] == "people")
    assert not any(r["person_id"] == "zhang-sanfeng" for r in rows["person_roles"])
    assert people["wang-weizhong"]["n_mentions"] == 4  # two of his own, two of the alias
    assert {r["title_zh"] for r in rows["person_roles"] if r["person_id"] == "wang-weizhong"} == {"省长", "秘书长"}
    assert warnings == ["stale decision (reject events no-such-event): no such row any more — stale on purpose"]


@pytest.mark.parametrize("body, message", [
    ("decisions:\n  - action: reject\n    table: people\n    row_id: x\n    evidence: {doc_id: a, quote: q}\n", "missing reason"),
    ("decisions:\n  - action: drop\n    table: people\n    row_id: x\n    reason: r\n    evidence: {doc_id: a, quote: q}\n", "unknown action 'drop'"),
    ("decisions:\n  - action: alias\n    table: people\n    row_id: x\n    reason: r\n    evidence: {doc_id: a, quote: q}\n", "'alias' merges people"),
    ("decisions:\n  - action: reject\n    table: people\n    row_id: x\n    reason: r\n    evidence: {doc_id: a}\n", "evidence needs doc_id and quote"),
])
def test_a_decision_without_reason_or_evidence_is_refused(tmp_path, body, message):
    with pytest.raises(InputError, match=message):
        write(tmp_path, body)


def test_the_repository_file_loads():
    assert decisions.load() == []
