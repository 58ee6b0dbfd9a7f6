"""Table `people`: one row per person across articles and scripts (see hkcoop.extract.people)."""

from __future__ import annotations


def build(corpus) -> list[dict]:
    rows = []
    for person in corpus.people.values():
        first = person.mentions[0]
        for m in person.mentions:
            corpus.evidence.add(m.doc, m.start, m.end, "people", person.person_id, "name")
        rows.append({
            "person_id": person.person_id,
            "name_zh": person.name_zh,
            "name_original": first.doc.view.source_text(first.start, first.end),
            "name_pinyin": person.name_pinyin,
            "is_reporter": person.is_reporter,
            "n_documents": len({m.doc.doc_id for m in person.mentions}),
            "n_mentions": len(person.mentions),
            "is_mentioned_in_passing": len(person.mentions) == 1,
        })
    return rows
