"""Events from the clause: who (a person named in it or a group: 代表团, 考察团, 某某一行, 嘉宾 …), a
trigger verb (reference/event_triggers.csv: 拜会, 参观, 走访, 考察, 访问, 抵达, 签署 …) and what or whom
(the clause's rest after the verb). The name is made of those parts, lead + verb + object, never cut
from the sentence with its dateline or connectives: 某某代表团|在香港|拜会了|某商会 -> 某某代表团拜会某商会.

What a trip is made of (meetings, visits to places, signings) is reported this way more often than by a
named event; a clause with no one doing it (加强互访), a verb that is part of a noun (考察团, 访问量),
a verb that is hoped for or planned (希望…到访, 将赴), and a verb an event found otherwise already covers
give nothing. A clause without its own subject takes the one before it in the sentence (代表团先后参观
A，随后拜会B), or the article's last when the sentence opens with 随后, 期间, 此外 ….
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from hkcoop.extract.leader_events import lead_text
from hkcoop.reference import rows
from hkcoop.spans import within

CLAUSE_BREAK = re.compile(r"[,，;；:：。!！?？]")
GROUP = (r"(?:代表团|考察团|访问团|经贸团|交流团|研修团|参访团|访港团|商务团|企业团|团组|工作组|考察组|访问组|一行|此行|嘉宾|"
         r"企业家|领导|官员|学生|青年|师生)(?![会长处联节人团])")  # not 代表 or 委员: a verb, a title
GROUP_NOUN = re.compile(rf"[\u4e00-\u9fff（）()]{{0,30}}{GROUP}")  # to the last group word before the verb
NOT_ACTOR_START = re.compile(r"^(?:并|及|和|与|同|由|率|率领|带领|组织|邀请|欢迎|陪同|包括|其中|有|的|了|在|为|对|向|将|也|还|"
                             r"随后|其后|之后|接着|期间|此外|同时|当天|当日|同日|当晚|上午|下午|晚上|首先|先后)+")
# 考察团, 访问量, 参观者, 座谈会, 签署仪式, 访问非常充实, 会面上表示: the verb used as a noun, not a deed
NOUN_AFTER = re.compile(r"[团组队者量员期点处人会的中令使让]|学者|活动|行程|计划|工作|仪式|典礼|非常|十分|得以|圆满|顺利|取得|成果|"
                        r"上(?=[表指说致发讲])")
MEANS = re.compile(r"(?:等|的)?(?:方式|形式|途径)$")
CONNECTIVE = re.compile(r"^(?:以及|及|和|与|等|或|并|、)")
DURATION = re.compile(r"^[\d一二三四五六七八九十两]{1,3}(?:天|日|晚|周|个月)$")
RELATIVE = re.compile(r"^[\u4e00-\u9fff]{1,4}的")  # 赴港的手续: the verb phrase qualifies a noun
NOT_DONE = re.compile(r"(?:将|拟|计划|准备|打算|希望|欢迎|邀请|期待|期望|愿意|有望|争取|推动|促进|加强|鼓励|支持|安排|组织|方便|"
                      r"通过|采取|采用)"
                      r"[^,，。;；]{0,6}$")
ESCORT = re.compile(r"陪同[^,，。;；]{0,6}$")  # 某某陪同考察: the guests' deed, the escort takes part in it
CARRY = re.compile(r"^(?:随后|其后|之后|接着|此后|期间|其间|此外|同时|当天|当日|同日|当晚|翌日|次日|[上下]午|晚上|最后|还|并|又|亦)")
OBJECT_END = re.compile(r"[,，。;；:：!！?？]|并(?=[\u4e00-\u9fff])|时|期间|以来")
WITH = re.compile(r"(?P<w>与|(?<![陪共一协相不如])同|和|跟)(?P<o>[^,，。;；与同和跟]{2,40}?)(?:举行|进行|开展)?$")
# how a deed is carried out, not what it is: 赴某市进行为期4天的考察访问 -> 赴某市考察访问
FILLER = re.compile(r"(?:进行|开展)了?|为期[\d一二三四五六七八九十两]{1,3}(?:天|日|周|个月)的|一连[\d一二三四五六七八九十两]{1,3}[天日]的?")
WITNESSED_BY = re.compile(r"见证(?:了|下)?(?P<s>[\u4e00-\u9fff]{2,20}?)$")  # 见证|闽港两地|签署
PLAN = re.compile(r"将(?!近|军)|拟|计划|准备|打算")
JOINED_ON = re.compile(r"(?:并|并且|还|也|同时|再|随后)")
AFTER_ARRIVAL = re.compile(r"(?:后|之后|以后|前|时|当天|当日)")  # 抵达后随即…: when, not where
WHEN_WHERE = re.compile(r"(?:昨日|今日|前日|昨天|今天|[上下]午|晚上|(?:\d{1,2}月)?\d{1,2}日|(?:在|于)[\u4e00-\u9fff]{1,12}?)+$")
FOR = re.compile(r"为(?P<o>[^,，。;；为]{2,30}?)$")  # 为某某中心揭牌
PASSIVE = re.compile(r"(?:获|获得|受到|得到)(?:了)?(?=[\u4e00-\u9fff])")  # 获某某会见: met by them
OBJECT_MAX = 40
QUOTE_MAX = 80  # the evidence quoted from a news text stays short
ACTOR_MAX = 14
BARE = {"领导", "官员", "学生", "青年", "嘉宾", "企业家", "师生", "一行"}
SIDE = re.compile(r"(?:与|同|和|跟)")
# what stands before a group's own name in its phrase: a modifier (…的), a bracket, its leader and verb
LEAD_IN = re.compile(r"的|[)）]|率领|率|带领|带队|由|为|在|于|将|[上下]午|\d日|[一二三四五六七八九十]日")
# 某某(昨日(23日))率领某团: the leader, a time between them
LED_BY = re.compile(r"(?:(?:[(（][^()（）]{0,8}[)）])|昨日|今日|昨天|今天|日前|近日|[上下]午|"
                    r"(?:\d{1,2}月)?\d{1,2}日|于|在)*(?:一行)?(?:率领|率|带领|带)(?:由)?")


@dataclass(frozen=True)
class ClauseEvent:
    start: int  # normalized span of the clause's parts, lead to object
    end: int
    name_zh: str
    event_type: str
    lead_span: tuple[int, int]
    other_span: tuple[int, int] | None


@lru_cache(maxsize=1)
def triggers() -> tuple[tuple[str, str, bool], ...]:
    """(verb, event type, needs an object), the longest verbs first."""
    out = [(r["trigger"], r["event_type"], r["object"] == "required") for r in rows("event_triggers.csv")]
    return tuple(sorted(out, key=lambda t: (-len(t[0]), t[0])))


@lru_cache(maxsize=1)
def _kinds() -> dict[str, tuple[str, bool]]:
    """verb -> (event type, needs an object)."""
    return {t: (typ, needs) for t, typ, needs in triggers()}


@lru_cache(maxsize=1)
def _trigger_pattern() -> re.Pattern:
    return re.compile("|".join(re.escape(t) for t, _, _ in triggers()))


def find(text: str, start: int, end: int, people, covered: list[tuple[int, int]], carried=None):
    """The clause events of the sentence [start, end). `people`: the document's person mentions in text
    order; `covered`: spans events found otherwise hold; `carried`: the (name, span) of the subject the
    article named last, for a sentence that opens without one. Returns (events, the subject it ends with)."""
    kinds = _kinds()
    here = list(within(people, start, end))
    out: list[ClauseEvent] = []
    subject = carried if CARRY.match(text, start) else None
    clause_start = start
    planned = False  # an earlier clause of the sentence speaks of a plan (代表团将参观…，并与…座谈)
    for brk in list(CLAUSE_BREAK.finditer(text, start, end)) + [None]:
        clause_end = brk.start() if brk else end
        if subject is None and CARRY.match(text, clause_start):
            subject = carried  # 亦与某某会面: the article's subject, though the sentence opened with another
        own = first = None
        taken = clause_start  # a verb inside the last one's object (前往某地考察, 参观考察) is part of it
        if planned and JOINED_ON.match(text, clause_start):
            clause_start = clause_end + 1
            continue  # …，并与当地青年座谈: the plan goes on
        planned = planned or bool(PLAN.search(text, clause_start, clause_end))
        for m in _deeds(text, clause_start, clause_end):
            first = first or m
            if m.start() < taken or any(a <= m.start() < b for a, b in covered):
                continue
            verb_end = m.end()
            while (more := _trigger_pattern().match(text, verb_end + (1 if text[verb_end:verb_end + 1] in "及和并" else 0))) \
                    is not None:
                verb_end = more.end()  # 参观考察, 会见及宴请: one deed
            verb = text[m.start():verb_end]
            typ, needs = kinds[m.group()]
            hosts = _hosts(text, clause_start, m.start(), here) if typ in ("meeting", "reception") else None
            if hosts is not None:  # 代表团获某某、某某会见: met by them, the hosts named first
                names, span, marker = hosts
                guest = _group(text, clause_start, marker, here) or subject
                if guest is not None:
                    out.append(ClauseEvent(span[0], verb_end, f"{names}{verb}{guest[0]}", typ, guest[1], span))
                    taken = verb_end
                continue
            own = own or _actor(text, clause_start, m.start(), here)
            who = own or subject
            witnessed = WITNESSED_BY.search(text, clause_start, m.start())
            if witnessed:  # 某某见证两地签署…: the signing is the two sides'; whoever saw it is its witness
                who = (witnessed["s"], witnessed.span("s"))
            if who is None:
                continue
            obj_start = verb_end + (1 if text.startswith("了", verb_end) else 0)
            stop = OBJECT_END.search(text, obj_start, clause_end)
            obj_end = min(stop.start() if stop else clause_end, obj_start + OBJECT_MAX)
            obj = text[obj_start:obj_end].strip()
            if DURATION.match(obj):
                obj, obj_end = "", obj_start  # 考察三天: how long, not what
            if any(a < max(obj_end, verb_end) and m.start() < b for a, b in covered):
                continue  # an event found otherwise holds this verb's object (赴某镇调研)
            if (needs and len(obj) < 2) or (typ == "visit" and (_opens_with_a_verb(obj) or AFTER_ARRIVAL.match(obj))) \
                    or MEANS.search(obj):
                continue  # 赴某地: a place; 赴做好某事 is no trip, 以座谈等方式 no meeting
            connective = CONNECTIVE.match(obj)
            if connective and not needs:
                obj, obj_end = "", obj_start  # 座谈以及…: no object of its own
            elif connective or RELATIVE.match(obj):
                continue
            lead_text, lead_span = who
            span_start = lead_span[0] if lead_span[0] >= clause_start else m.start()
            if max(obj_end, verb_end) - span_start > QUOTE_MAX:
                span_start = m.start()  # the evidence a short quote: the verb and its object
            other = (obj_start, obj_end) if obj else None
            # 代表团(在某地)与某某座谈: the counterpart stands between the lead and the verb
            side = WITH.search(text, max(lead_span[1], clause_start), m.start())
            beneficiary = FOR.search(text, max(lead_span[1], clause_start), m.start()) if not obj else None
            if side and side.end() == m.start():
                other = (side.start("o"), side.end("o"))
                whom = WHEN_WHERE.sub("", side["o"]) or side["o"]  # 与某某昨日在香港|签署: when and where, not whom
                obj = f"{side['w']}{whom}{verb}{obj}"
            elif beneficiary:  # 某某到某地为某某中心揭牌: what was unveiled stands before the verb
                obj = f"为{beneficiary['o']}{verb}"
            else:
                obj = f"{verb}{FILLER.sub('', obj)}"
            out.append(ClauseEvent(span_start, max(obj_end, verb_end), f"{lead_text}{obj}", typ, lead_span, other))
            taken = max(obj_end, verb_end)
        subject = own or _actor(text, clause_start, first.start() if first else clause_end, here) or subject
        clause_start = clause_end + 1
    return out, subject


def _hosts(text: str, start: int, end: int, people):
    """Who a passive clause says did the meeting (访问团获某省省长某某、副省长某某会见): the first of them as
    printed with 等 for the rest, their span, and where 获 stands; None when the clause is not passive."""
    marker = PASSIVE.search(text, start, end)
    if marker is None:
        return None
    named = [pm for pm in people if marker.end() <= pm.start and pm.end <= end]
    if not named:
        return None
    first = named[0]
    chain = lead_text(text, first)[:-len(first.name_zh)]  # the title chain, without what stands before 获
    chain = chain[max(0, marker.end() - (first.start - len(chain))):].lstrip("该其")
    return chain + first.name_zh + ("等" if len(named) > 1 else ""), (first.start, named[-1].end), marker.start()


def _group(text: str, start: int, end: int, people, tries: int = 2):
    """The group that does what the clause [start, end) reports, named as printed (see `_actor`)."""
    group = GROUP_NOUN.search(text, start, end)
    if group is None or NOT_DONE.match(text[group.start():group.start() + 4] + "x"):
        return None
    phrase = text[group.start():group.end()]
    cut = max((m.end() for m in LEAD_IN.finditer(phrase)), default=0)
    lead = NOT_ACTOR_START.match(phrase, cut)
    g0 = group.start() + (lead.end() if lead else cut)
    name = text[g0:group.end()]
    side = SIDE.search(name)
    if side:  # 代表团与某市领导: what follows 与 is the other side; the group is before it
        return _group(text, start, g0 + side.start(), people, tries - 1) if tries > 1 else None
    if not 2 <= len(name) <= ACTOR_MAX or name in BARE:
        return None
    led = next((pm for pm in people if start <= pm.start and pm.end <= g0 and LED_BY.fullmatch(text, pm.end, g0)), None)
    if led is not None:  # 某某(昨日)率某市代表团: the leader as printed, the verb, and the group (not when)
        verb = re.search(r"率领|带领|率|带", text[led.end:g0]).group()
        return lead_text(text, led) + verb + text[g0:group.end()], (led.start, group.end())
    return name, (g0, group.end())


def _opens_with_a_verb(obj: str) -> bool:
    """jieba's reading of the object's first word: a verb, adverb, preposition or conjunction (赴慰问…,
    前往做好…) is no place a trip goes to."""
    import jieba.posseg as pseg

    words = pseg.lcut(obj[:6], HMM=False)
    return bool(words) and words[0].flag[:1] in ("v", "d", "p", "c")


def _deeds(text: str, start: int, end: int):
    """The trigger verbs of the clause [start, end) used as verbs: not a noun's part (考察团, 访问期间),
    not hoped for or planned (希望…到访), not a word of its own (互访, 来访)."""
    for m in _trigger_pattern().finditer(text, start, end):
        if NOUN_AFTER.match(text, m.end()) or NOT_DONE.search(text, start, m.start()) \
                or text[m.start() - 1:m.start()] in ("互", "来", "回", "对") or ESCORT.search(text, start, m.start()):
            continue
        yield m


def actor(text: str, start: int, end: int, people) -> tuple[str, tuple[int, int]] | None:
    """Who does what the clause [start, end) reports, as printed, with their span (see `_actor`)."""
    return _actor(text, start, end, list(within(people, start, end)))


def _actor(text: str, start: int, end: int, people) -> tuple[str, tuple[int, int]] | None:
    """Who does what the clause [start, end) reports: a group noun that opens the clause (某省代表团,
    大湾区企业家考察团, led by the person named right before it: 某某率团), else the first person named in it
    who is not the other side (与某某), with their title chain as printed and 一行 or 等… after them."""
    found = _group(text, start, end, people)
    if found is not None:
        return found
    side = SIDE.search(text, start, end)
    end = side.start() if side else end  # a person after 与 is the other side
    for pm in people:
        if not (start <= pm.start and pm.end <= end):
            continue
        tail = re.match(r"(?:等[\u4e00-\u9fff]{0,4}?(?:嘉宾|领导|人)|一行)", text[pm.end:pm.end + 8])
        stop = pm.end + (tail.end() if tail else 0)
        return lead_text(text, pm) + text[pm.end:stop], (pm.start, stop)
    return None
