"""Table `person_roles`: the titles each person holds as stated, one row per (person, title,
organization), variants of one organization merged to the longest (see hkcoop.extract.people)."""

from __future__ import annotations

import re

from hkcoop.extract.people import jurisdiction_of
from hkcoop.reference import rows as reference_rows


UNSTATED = "未注明"  # the text names no organization; a key column cannot be empty


def canonical(title: str, org: str) -> tuple[str, str]:
    aliases = {r["alias"]: r["title"] for r in reference_rows("title_aliases.csv")}
    title = aliases.get(title, title)
    for r in sorted(reference_rows("org_aliases.csv"), key=lambda r: len(r["alias_prefix"]), reverse=True):
        if org.startswith(r["alias_prefix"]):
            org = r["canonical_prefix"] + org[len(r["alias_prefix"]):]
            break
    return title, org


# an office of a level whose place the chain leaves out (市委副书记, 区委书记, 区政协主席, 区长): the place is
# the same person's office of that level elsewhere, else the place of that level its article (else its
# document) names most
LEVEL_ORG = re.compile(r"^(?P<level>[省市区县])(?:委|政府|政协|人大|纪委|[^,，。]{0,12}(?:办公室|指挥部|委员会))")
LEVEL_TITLE = re.compile(r"^副?(?P<level>[省市区县])(?:长|领导)$")
NOT_A_PLACE = set("园社城片地湾辖景街小市全该本各两郊新老山矿农")  # 园区, 社区, 全区 …: not a named district


def _level(org: str, title: str) -> str | None:
    m = LEVEL_ORG.match(org) or (LEVEL_TITLE.match(title) if org in ("", UNSTATED) else None)
    return m["level"] if m else None


def _named_place(text: str, level: str) -> str | None:
    """The place of `level` (某某区, 某某市 …) the text names most, named at least twice; ties: the first named."""
    names = [m.group(1) for m in re.finditer(rf"([\u4e00-\u9fff]{{2}}){level}", text) if m.group(1)[-1] not in NOT_A_PLACE
             and m.group(1)[0] not in NOT_A_PLACE]
    if not names:
        return None
    best = max(dict.fromkeys(names), key=names.count)
    return best + level if names.count(best) >= 2 else None


def _jurisdiction(org: str, title: str, doc, pos: int, stated: dict[str, str], places: dict) -> str:
    """The jurisdiction the office's organization names; for one that leaves its place out, the place of
    its level the person's other offices name, else the one its article names most, else its document.
    `places` keeps what an article or document names, per level, for the build."""
    found = jurisdiction_of(org, title)
    level = _level(org, title) if found == "unknown" else None
    if level is None:
        return found
    if level in stated:
        return stated[level]
    article = doc.article_at(pos)
    for key, span in ([((doc.doc_id, article.ordinal, level), doc.article_span(article))] if article else []) + \
            [((doc.doc_id, None, level), (0, len(doc.view.simplified)))]:
        if key not in places:
            places[key] = _named_place(doc.view.simplified[span[0]:span[1]], level)
        if places[key]:
            return jurisdiction_of(places[key], title)
    return "unknown"


def build(corpus) -> list[dict]:
    out = []
    places: dict = {}  # (doc_id, article ordinal or None, level) -> the place named most there, or None
    for person in corpus.people.values():
        # the places the person's offices name, by level (上海市市长 -> 市: 上海), for the offices that leave it out
        stated: dict[str, str] = {}
        for m in person.mentions:
            for role in m.roles:
                place = re.match(r"^[\u4e00-\u9fff]{2,4}?([省市区县])", role.organization_zh)
                named = jurisdiction_of(role.organization_zh, role.title_zh) if place else "unknown"
                if named not in ("unknown", "none"):
                    stated.setdefault(place.group(1), named)
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
                    "jurisdiction": _jurisdiction(group[0][0], title, doc, first[1].start, stated, places) if not person.is_reporter
                    else "none",
                    "doc_id": doc.doc_id,
                })
    return out
