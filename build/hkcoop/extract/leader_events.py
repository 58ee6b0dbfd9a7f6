"""Meetings and visits of named officials, in the clause that reports them (simplified view):

- a meeting: X(今日下午)(在PLACE)与Y(、Z)会面/会晤/见面/会谈, named "X与Y、Z会面" where X is the lead as printed
  (title and name) and Y, Z the names of the people met;
- a visit: X(于DATE)率团访问/到访 PLACE, X一行来港考察, X(今日)抵达PLACE,展开访问行程, X结束N天的PLACE
  访问行程 (ending that day, begun N-1 days before), X展开PLACE访问行程; named from the lead, the verb as
  printed and the place;
- a press encounter: X(在PLACE)会见传媒/记者.

The people are those found by hkcoop.extract.people (title chains and all), so a lead is "某省委书记某某" as the
text prints it; a clause with no person found names no meeting or visit here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hkcoop.extract.numerals import whole_number
from hkcoop.spans import within

MEET = re.compile(r"与(?P<b>[^,，。;；]{2,60}?)(?:举行)?(?:会面|会晤|见面|会谈)|(?<=[\u4e00-\u9fff])晤(?P<b2>[^,，。;；\s]{2,30})")
PRESS = re.compile(r"会见(?P<b>传媒|记者|媒体)")
# X(噚日)(在/喺PLACE)会见Y: the lead away from the verb (right before it, hkcoop.extract.events reads it)
RECEIVE = re.compile(r"会见(?P<b>(?!传媒|记者|媒体)[^,，。;；]{2,60}?)(?=[,，。;；时]|$)")
ADVERBIAL = re.compile(r"(?:[(（][^()（）]{0,6}[)）])|(?:于|在|喺)?(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日"
                       r"|(?:今日|今天|昨日|昨天|明日|噚日|㖊日|寻日|尋日)"
                       r"(?:[(（][^()（）]{2,12}[)）])?|上午|下午|晚上|先|随后|亦|也|再")
VISIT = re.compile(r"^(?P<adv>[^,，。;；]{0,14}?)(?P<verb>(?:率领[^,，。;；]{0,12}?代表团|率团|带团|率队)?(?:访问|到访|出访|来访|访港|访澳|抵港)"
                   r"|一行来港(?:考察|访问)"
                   r"|一行赴港(?:考察|访问)|一行抵港)(?P<place>[\u4e00-\u9fff()（）]{0,12}?)(?=[,，。;；]|行程|$|期间|并|的)")
ARRIVE = re.compile(r"^(?P<adv>[^,，。;；]{0,14}?)(?:抵达|到达|抵)(?P<place>[\u4e00-\u9fff]{2,8}?)[,，]?(?:展开|开始|进行)"
                    r"[^,，。;；]{0,6}?访问")
TRIP = re.compile(r"^(?P<adv>[^,，。;；]{0,14}?)(?:结束|展开|开始)(?:(?P<days>\d{1,2}|[一二三四五六七八九十]{1,2})天的)?"
                  r"(?P<place>[\u4e00-\u9fff]{2,8}?)(?:访问|考察)(?:行程|之旅)?")


@dataclass
class LeaderEvent:
    start: int  # normalized span of the clause that reports it
    end: int
    name_zh: str
    event_type: str
    lead_span: tuple[int, int]
    other_span: tuple[int, int] | None = None
    place: tuple[int, int, str] | None = None
    days: int | None = None  # a trip of N days that ends on the date the clause gives


def find(text: str, start: int, end: int, people: list) -> list[LeaderEvent]:
    """Meetings and visits reported in the sentence [start, end); `people` are the person mentions of the
    document (hkcoop.extract.people), in text order."""
    here = within(people, start, end)
    if not here:
        return []
    out = []
    for m in MEET.finditer(text, start, end):
        lead = _lead_before(text, start, m.start(), here)
        group = "b" if m["b"] else "b2"  # 某某晤某某 (a headline's 晤) is a meeting too
        if lead is None:
            continue
        met = [pm for pm in here if m.start(group) <= pm.start < m.end(group)]
        if group == "b2" and not met:
            continue
        others = "、".join(pm.name_zh for pm in met) if met else m[group]
        lead_name = lead_text(text, lead)
        out.append(LeaderEvent(_lead_start(lead), m.end(), f"{lead_name}与{others}会面", "meeting",
                               (lead.start, lead.end), (m.start(group), m.end(group))))
    for m in RECEIVE.finditer(text, start, end):
        lead = _lead_before(text, start, m.start(), here)
        if lead is None or lead.end == m.start():
            continue
        met = [pm for pm in here if m.start("b") <= pm.start < m.end("b")]
        if met:
            out.append(LeaderEvent(_lead_start(lead), m.end(), f"{lead.name_zh}会见{'、'.join(p.name_zh for p in met)}",
                                   "meeting", (lead.start, lead.end), (m.start("b"), m.end("b"))))
    for m in PRESS.finditer(text, start, end):
        lead = _lead_before(text, start, m.start(), here)
        if lead is not None:
            place = re.search(r"在(?P<p>[\u4e00-\u9fff]{1,8}?)$", text[lead.end:m.start()])
            where = f"在{place['p']}" if place else ""
            out.append(LeaderEvent(_lead_start(lead), m.end(), f"{lead.name_zh}{where}会见{m['b']}", "meeting",
                                   (lead.start, lead.end)))
    for lead in here:
        clause_end = next((k for k in range(lead.end, end) if text[k] in "。;；"), end)
        after = text[lead.end:clause_end]
        lead_name = lead_text(text, lead)
        v = VISIT.match(after)
        if v and not ADVERBIAL.sub("", v["adv"]) and (v["place"] or re.search(r"[来赴抵访][港澳]", v["verb"])):
            p0 = lead.end + v.start("place")
            out.append(LeaderEvent(_lead_start(lead), lead.end + v.end(), f"{lead_name}{v['verb']}{v['place']}",
                                   "visit", (lead.start, lead.end),
                                   place=(p0, p0 + len(v["place"]), v["place"]) if v["place"] else None))
            continue
        a = ARRIVE.match(after) or TRIP.match(after)
        if a and not ADVERBIAL.sub("", a["adv"]):
            p0 = lead.end + a.start("place")
            days = a.groupdict().get("days")
            out.append(LeaderEvent(_lead_start(lead), lead.end + a.end(), f"{lead_name}访问{a['place']}", "visit",
                                   (lead.start, lead.end), place=(p0, p0 + len(a["place"]), a["place"]),
                                   days=whole_number(days) if days else None))
    return out


def _lead_before(text: str, floor: int, pos: int, people: list):
    """The person who leads the clause ending at `pos`: the first one named in it, if only adverbials and
    a place stand between their name and `pos` (某某今日下午在某地与…会面)."""
    clause_start = max((k + 1 for k in range(floor, pos) if text[k] in ",，:："), default=floor)
    candidates = [pm for pm in people if clause_start <= pm.start and pm.end <= pos]
    if not candidates:
        return None
    lead = candidates[0]
    between = ADVERBIAL.sub("", text[lead.end:pos])
    between = re.sub(r"^[在喺][\u4e00-\u9fff()（）]{1,12}$", "", between)
    return lead if not between else None


def _lead_start(pm) -> int:
    return min([pm.start] + [r.span[0] for r in pm.roles if r.span and r.span[1] <= pm.start])


def lead_text(text: str, pm) -> str:
    """The lead as printed: the title chain right before the name, and the name (行政长官某某)."""
    start = _lead_start(pm)
    return text[start:pm.start] + pm.name_zh if start < pm.start and "\n" not in text[start:pm.start] else pm.name_zh
