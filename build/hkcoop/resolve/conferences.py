"""One cooperation-conference meeting across reports: the mentions the articles yield (hkcoop.extract.conferences)
grouped by mechanism and meeting number, with the date and place most reports give; the meeting a fact
belongs to (`conference_near`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from hkcoop.extract.conferences import ConferenceMention, meeting_near
from hkcoop.slugs import slug
from hkcoop.spans import pairs_by_doc


@dataclass
class Conference:
    key: tuple[str, int]
    event_id: str
    name_zh: str
    name_original: str
    start_date: dt.date | None
    end_date: dt.date | None
    date_basis: str | None
    place_zh: str | None
    place_original: str | None
    mentions: list[ConferenceMention] = field(default_factory=list)

    @property
    def is_announced(self) -> bool:
        """A report announces it ahead (将于…举行)."""
        return any(c.announced for c in self.mentions if not c.in_title)


def resolve_conferences(corpus) -> dict[tuple, Conference]:
    """One event per (mechanism, meeting number); a meeting named by its mechanism only, per (mechanism,
    year of its date, else of its report)."""
    groups: dict[tuple, list[ConferenceMention]] = {}
    found = corpus.found("conferences")
    numbered = [cm for cm in found if cm.number is not None]
    for cm in found:
        if cm.number is not None:
            key = (cm.mechanism, cm.number)
        else:
            # the numbered meeting its document names (▲某港合作会议昨在某地举行, under a report of its 第N次会议),
            # or one held the same day; else one meeting per mechanism and year
            same = [n for n in numbered if n.mechanism == cm.mechanism and (
                n.doc is cm.doc or (cm.date and n.date and (n.date.first, n.date.last) == (cm.date.first, cm.date.last)))]
            if same:
                near = min(same, key=lambda n: (n.doc is not cm.doc, abs(n.start - cm.start)))
                key = (near.mechanism, near.number)
            else:
                ref = cm.doc.reference_date[0]
                key = (cm.mechanism, 0, cm.date.first.year if cm.date else ref.year if ref else 0)
        groups.setdefault(key, []).append(cm)
    out = {}
    for key, mentions in sorted(groups.items()):
        best = max(mentions, key=lambda c: (c.number is not None, len(c.name_zh), not c.in_title))
        dated = [c.date for c in mentions if c.date]
        votes = Counter((d.first, d.last) for d in dated)
        (first, last), _ = votes.most_common(1)[0] if votes else ((None, None), 0)
        basis = next((d.basis for d in dated if (d.first, d.last) == (first, last)), None)
        places = Counter(c.place[2] for c in mentions if c.place)
        place = places.most_common(1)[0][0] if places else None
        place_mention = next((c for c in mentions if c.place and c.place[2] == place), None)
        ref = best.doc.reference_date[0]
        year = first.year if first else ref.year if ref else "undated"
        original = best.doc.view.source_text(best.start, best.end)
        out[key] = Conference(
            key=key, event_id=f"{year}-{slug(best.name_zh)}", name_zh=best.name_zh,
            name_original=re.sub(r"[「」“”]", "", original), start_date=first, end_date=last, date_basis=basis,
            place_zh=place,
            place_original=place_mention.doc.view.source_text(*place_mention.place[:2]) if place_mention else None,
            mentions=mentions)
    return out


def meetings_by_doc(conferences: dict) -> dict:
    """doc_id -> [(mention, its Conference)] in the order of `conferences`: what `conference_near` looks
    up, built once so that a fact's lookup reads its own document's mentions only."""
    owner = {id(c): conf for conf in conferences.values() for c in conf.mentions}
    return pairs_by_doc((c, owner[id(c)]) for conf in conferences.values() for c in conf.mentions)


def conference_near(doc, pos: int, meetings: dict, article_fallback: bool = True) -> Conference | None:
    """The meeting a fact at normalized offset `pos` belongs to (hkcoop.extract.conferences.meeting_near);
    `meetings` is `meetings_by_doc`'s."""
    pairs = meetings.get(doc.doc_id, ())
    k = meeting_near(doc, pos, pairs, article_fallback)
    return None if k is None else pairs[k][1]
