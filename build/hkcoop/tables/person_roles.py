"""Table `person_roles`: the titles each person holds as stated, one row per (person, title,
organization), variants of one organization merged to the longest (see hkcoop.people)."""

from __future__ import annotations

from hkcoop.people import jurisdiction_of
from hkcoop.reference import rows as reference_rows
from hkcoop.script import to_simplified


UNSTATED = "未注明"  # the text names no organization; a key column cannot be empty


def canonical(title: str, org: str) -> tuple[str, str]:
    aliases = {r["alias"]: r["title"] for r in reference_rows("title_aliases.csv")}
    title = aliases.get(title, title)
    for r in sorted(reference_rows("org_aliases.csv"), key=lambda r: len(r["alias_prefix"]), reverse=True):
        if org.startswith(r["alias_prefix"]):
            org = r["canonical_prefix"] + org[len(r["alias_prefix"]):]
            break
    return title, org


def build(corpus) -> list[dict]:
    out = []
    for person in corpus.people.values():
        merged: dict[str, list] = {}  # title -> [(org, mention, role)]
        for m in person.mentions:
            for role in m.roles:
                title, org = canonical(role.title_zh, role.organization_zh)
                merged.setdefault(title, []).append((org, m, role))
        for title, items in merged.items():
            groups: list[list] = []
            for item in sorted(items, key=lambda i: -len(i[0])):
                home = next((g for g in groups if item[0] in g[0][0]), None)  # '' and 财政司 fold into 香港…财政司
                (home.append(item) if home else groups.append([item]))
            for group in groups:
                org = group[0][0] or UNSTATED
                key = f"{person.person_id}|{title}|{org}"
                for _, m, role in group:
                    corpus.evidence.add(m.doc, role.span[0], role.span[1], "person_roles", key, "title")
                first = min(group, key=lambda i: (i[1].doc.doc_id, i[1].start))
                doc, role = first[1].doc, first[2]
                out.append({
                    "person_id": person.person_id,
                    "title_zh": title,
                    "organization_zh": org,
                    "title_original": doc.view.source_text(*role.title_span) if role.title_span else None,
                    "organization_original": doc.view.source_text(*role.org_span) if role.org_span else None,
                    "jurisdiction": jurisdiction_of(group[0][0], title) if not person.is_reporter else "none",
                    "doc_id": doc.doc_id,
                })
    return out
