"""One person across articles and scripts: the names each article yields (hkcoop.extract.people), the model's
names kept where no longer known name holds them, and every other occurrence of a known name.
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick

from hkcoop.extract.people import PersonMention, find_by_model, surnames
from hkcoop.reference import rows


@dataclass
class Person:
    person_id: str
    name_zh: str
    name_pinyin: str
    mentions: list[PersonMention]

    @property
    def is_reporter(self) -> bool:
        sources = {m.source for m in self.mentions}
        return bool(sources & {"byline", "credit"}) and not sources & {"title", "list", "post_title"}


def name_pinyin(name: str) -> tuple[str, str]:
    """('Li Jiachao', 'li-jiachao'), the surname's reading from reference/pinyin_overrides.csv if listed."""
    from pypinyin import lazy_pinyin

    sur = next((s for s in surnames() if name.startswith(s)), name[:1])
    override = {r["character"]: r["pinyin"] for r in rows("pinyin_overrides.csv") if r["position"] == "surname"}
    sur_py = override.get(sur, "".join(lazy_pinyin(sur))).replace(" ", "")
    given_py = "".join(lazy_pinyin(name[len(sur):]))
    return f"{sur_py.capitalize()} {given_py.capitalize()}".strip(), f"{sur_py}-{given_py}".strip("-").lower()


def people_mentions(people: dict[str, Person]) -> dict[str, list[PersonMention]]:
    """doc_id -> the mentions of people who are not reporters, in text order."""
    out: dict[str, list] = {}
    for person in people.values():
        if not person.is_reporter:
            for m in person.mentions:
                out.setdefault(m.doc.doc_id, []).append(m)
    return {k: sorted(v, key=lambda m: m.start) for k, v in out.items()}


def known_names(names) -> ahocorasick.Automaton | None:
    """One automaton over `names` (None for none): every occurrence of each in one pass over a text."""
    if not names:
        return None
    automaton = ahocorasick.Automaton()
    for name in sorted(names):
        automaton.add_word(name, name)
    automaton.make_automaton()
    return automaton


def resolve_people(corpus) -> dict[str, Person]:
    found: dict[str, list[PersonMention]] = {}
    per_article = corpus.scan("people", lambda doc, a, _s, _e: [(doc, a.ordinal, list(corpus.facts(doc, a).people))])
    known = {m.name_zh for _, _, ms in per_article for m in ms}
    longest = max(map(len, known), default=0)
    untitled = corpus.scan("people", lambda doc, a, _s, _e: [
        (a.ordinal, m) for m in find_by_model(doc, corpus.facts(doc, a).names, known, longest)])
    known |= {m.name_zh for _, m in untitled}
    by_article = {(doc.doc_id, n): ms for doc, n, ms in per_article}
    for n, m in untitled:
        by_article[(m.doc.doc_id, n)].append(m)
    automaton = known_names(known)

    def again(doc, article, start, end):
        """Every other occurrence of a known name in the article is a mention of that person: one pass of
        the automaton finds them all; longer names claim their characters first, then the earlier."""
        mentions = by_article[(doc.doc_id, article.ordinal)]
        taken = bytearray(end - start)
        for m in mentions:
            a, b = max(m.start, start), min(m.end, end)
            taken[a - start:b - start] = b"\1" * max(b - a, 0)
        text = doc.view.simplified
        hits = [(last + 1 - len(name), name) for last, name in automaton.iter(text, start, end)] if automaton else []
        for i, name in sorted(hits, key=lambda hit: (-len(hit[1]), hit[0])):
            if not any(taken[i - start:i - start + len(name)]):
                mentions.append(PersonMention(doc, name, i, i + len(name), [], source="name"))
                taken[i - start:i - start + len(name)] = b"\1" * len(name)
        return mentions

    for m in corpus.scan("people", again):
        found.setdefault(m.name_zh, []).append(m)
    people = {}
    for name, mentions in sorted(found.items()):
        if not any(m.source != "name" for m in mentions):
            continue
        mentions.sort(key=lambda m: (m.doc.doc_id, m.start))
        pinyin, pid = name_pinyin(name)
        people[pid] = Person(pid, name, pinyin, mentions)
    return people
