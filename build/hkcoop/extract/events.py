"""Events other than cooperation-conference meetings (those are hkcoop.extract.conferences): visits, meetings,
forums, signings, unveilings, promotion conferences, inspections and 调研 visits, receptions, festivals.

Shapes, on the simplified view, sentence by sentence:
- a name ending in an event word (reference/event_types.csv) that is held: NAME(昨日)(在PLACE)举行,
  NAME(简称…)3日在PLACE开幕, 在PLACE举行(的)NAME, 出席/参加/召开 NAME(、NAME …), 在NAME上; the name ends
  at a word's end (not 会议 in 会议展览中心) and starts after a dateline or a bracketed byline;
- a quoted name followed by 活动 that is held: “…”活动N日在某地举行;
- a visit: X率领的…代表团 DATE 访问 PLACE, and the officials' visits and meetings of hkcoop.extract.leader_events
  (X与Y会面, X率团访问P, X一行来港考察, X结束N天的P访问行程 …);
- an inspection: X赴/到 PLACE (进行)(专题)调研/考察;
- a meeting of two leaders: X会见 Y (X a personal name);
- a signing not at a cooperation conference (hkcoop.extract.signings): "甲与乙签署某协议", one event per sentence;
- what none of these names: a trigger verb in a clause with its lead and object (hkcoop.extract.clause_events:
  代表团先后拜会某商会, 参观某科技园 — a trip's meetings and visits);
- a ceremony witnessed (见证12个项目签约); a bare event word chaired, attended or held, named by who did it
  (某某主持座谈会, 考察团与当地企业举行座谈会), or the named event of its article it refers back to; a tour
  (先后深入A、B等地进行考察); a trip's day named by its place in it (…行程的最后一日).
A name that says only a kind (各类活动, 启动仪式 alone) and a measure agreed on (进一步推进…举办某周) are none.
Dates come from the sentence (hkcoop.extract.dates). A sentence that opens with 期间, 会上, 当天, 晚上 … has the date
of the event its article reported last; an event reported without a date inside an article that reports
a visit took place during the visit; an undated ceremony (开幕式, 签约仪式 …) in an article whose first
event is dated took place at it: their parent, with date_precision within_range. An event the text
announces (将于…举行), or dates after its report, is flagged is_announced. Still undated, an event takes the
day its paragraph or article gave before it (not in a sentence of plans, habits or the past), else its
nearest dated ancestor's days; 日前/近日 are said in date_basis.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from hkcoop.extract import clause_events, leader_events
from hkcoop.extract.dates import announced, find_dates_or_time_of_day
from hkcoop.extract.numerals import whole_number
from hkcoop.reference import rows
from hkcoop.spans import within

HELD = r"(?:隆重|正式|成功)?(?:举行|召开|举办|开幕|开展)(?![地方式])"  # not 举办地 (the venue), not 开幕式
MECHANISM_ONLY = re.compile(r"(?:合作会议|联席会议)$")  # a mechanism named without its meeting number
NAME_DELIMS = "，,。;；:：、\n 】]"
NAME_MAX = 60
QUANTIFIER = re.compile(r"(?:一场|一次|本次|此次|本届|这次)")
QUOTES = re.compile(r"[“”\"「」『』‘’]")
# an event word ends a word: 会议 but not 会议展览中心 (a venue)
WORD_END = r"(?!展|中心|厅|室|楼|馆|大厦|酒店|场|路|街)"
BRACKET = r"(?:[(（][^()（）]{1,24}[)）])?"  # 交流大会(简称“某某会”)3日在某地开幕
LEADING_JUNK = re.compile(r"^(?:[^,，。]{0,30}?(?:日电|日讯|日訊|日電)(?:[(（][^()（）]{0,24}[)）])?|【[^】]{0,10}】|本报讯|本网讯)")
DURING = re.compile(r"^(?:期间|其间|(?:会议|活动|仪式|典礼|座谈会?|推介会|论坛|大会|会)(?:结束)?(?:上|后|前|期间)|当天|当日|同日|当晚|晚上|下午|上午|随后|其后|此外|同时|"
                    r"在当天的|在同日的|(?P<back>返港|返回|回程|离开|结束)[^,，。]{0,4}?(?:当天|当日))")
# words that end an event's name but say nothing of which event it is, and what may stand before them alone
GENERIC_KIND = re.compile(r"(?:活动|仪式|典礼|庆典|晚宴|午宴|宴会)$")
GENERIC_FILLER = re.compile(r"各类|各项|各种|相关|有关|系列|一系列|多项|多场|上述|这些|其他|其它|一些|主要|重要|重点|大型|"
                            r"多次|首场|首次|该|此|本|各|[\d一二三四五六七八九十两几多]+[场项次个]|的|等|了|和|及")
# what was done before the report's days: 曾, 此前, 去年 … (a day the article gave does not date it)
VAGUE = re.compile(r"日前|近日|近期|前不久|早前")
PLANNED = re.compile(r"将|拟|计划|推进|推动|进一步|继续|加强|鼓励|支持|今后|未来|争取|希望|定期|每年|每届|轮流")
PLAN_OPENING = re.compile(rf"\s*(?:[(（]?[一二三四五六七八九十\d]{{1,2}}[)）、.]?)?(?:双方|两地)?(?:{PLANNED.pattern})")
# or over many days, as a habit, or as a plan (连日来, 每年, 进一步推进…举办): no day of its own either
EARLIER = re.compile(rf"曾|此前|早前|以往|过去|去年|前年|上届|上次|多年来|以来|当年|连日|近年|近日|日前|{PLANNED.pattern}")
GENERAL = re.compile(r"等(?![\d一二三四五六七八九十两]+[个项场])|多样|多元|丰富|各类|各种|各项|大型|重大|规模|一系列|系列")
GENERAL_BEFORE = re.compile(r"(?:各类|各种|各项|一系列|相关|有关|多项|多种)[^,，。;；]*$")
WITNESSED = {"签约": "signing_ceremony", "揭牌": "unveiling", "启动": "launch", "开业": "launch", "落户": "launch"}
MEETING_ADVERB = re.compile(r"(?:随即|亲切|热情|也|还|再次|分别|先后|专门|共同|又|亦)+")
DEED_VERB = re.compile(r"访问|考察|走进|抵达|到访|出访|来到|赴|签署|签约|揭牌|会见|会面|拜会")
TRIP_END = re.compile(r"结束|返回|返港|回到|圆满完成|离开")  # the day given is the trip's last
LASTING = re.compile(r"(?:为期|一连)(?P<n>\d{1,2}|[一二三四五六七八九十]{1,2})[天日]")
TRIP_LENGTH = re.compile(r"(?:为期|一连)?(?P<n>\d{1,2}|[一二三四五六七八九十]{1,2})[天日](?:的)?[\u4e00-\u9fff]{0,6}?(?:访问|考察)?行程")
@dataclass
class EventMention:
    doc: object
    start: int  # normalized span of the name (or of the clause that reports a visit/inspection/meeting)
    end: int
    name_zh: str
    event_type: str
    date: tuple[dt.date, dt.date] | None = None
    date_span: tuple[int, int] | None = None
    date_basis: str | None = None
    place: tuple[int, int, str] | None = None
    lead_span: tuple[int, int] | None = None  # where the leading person's name stands (visits, inspections)
    other_span: tuple[int, int] | None = None  # the person met (X会见Y)
    announced: bool = False  # the text announces it (将于…举行)
    trip_days: int | None = None  # 结束N天的访问: a visit of N days ending on the date given
    trip_day: int | None = None  # the date given is the Nth day of the trip (None: its last, as above)
    lasting: int | None = None  # 进行为期4天的考察访问: a trip of N days, its days not given
    signings: list = field(default_factory=list)  # the signings (hkcoop.extract.signings) this event is the signing of
    host: "EventMention | None" = None  # the event it took place at (签署 at a forum's 会上)
    paragraph_date: tuple | None = None  # (date, span, basis) its paragraph gave before it: the last resort
    vague: str | None = None  # 日前/近日: said to be before the report, no day given (its date_basis)


def _suffix_pattern() -> str:
    return "|".join(sorted((re.escape(r["suffix"]) for r in rows("event_types.csv")), key=len, reverse=True))


@lru_cache(maxsize=1)
def event_suffix() -> re.Pattern:
    """The longest event word that ends a name (read once)."""
    return re.compile(f"(?:{_suffix_pattern()})$")


def event_type_of(name: str) -> str:
    best = None
    for r in rows("event_types.csv"):
        if name.endswith(r["suffix"]) and (best is None or len(r["suffix"]) > len(best["suffix"])):
            best = r
    return best["event_type"] if best else "other"


def _name_before(text: str, end: int, floor: int) -> int:
    """Start of an event name that ends at `end`: back to a delimiter, 的, or an opening verb; a bracket
    inside the name (某市(香港)推介会) is part of it, a bracketed byline before it is not."""
    j = end
    while j > floor and text[j - 1] not in NAME_DELIMS and end - j < NAME_MAX:
        if text[j - 1] in "的是" or re.search(r"(?:出席|参加|召开|参观|来到|前往|举行|举办|作为|成为)$", text[floor:j]):
            break
        if text[j - 1] in ")）":
            open_at = max(text.rfind("(", floor, j - 1), text.rfind("（", floor, j - 1))
            inner = text[open_at + 1:j - 1] if open_at >= 0 else ""
            if open_at < 0 or not re.fullmatch(r"[\u4e00-\u9fff]{1,6}", inner) or open_at == floor \
                    or not "\u4e00" <= text[open_at - 1] <= "\u9fff":
                break
            j = open_at
            continue
        j -= 1
    return j


def find_event_mentions(doc, article, excluded, people=()) -> list[EventMention]:
    """Event mentions in an article of `doc`, outside the `excluded` spans (conference names, sector
    measures); `people` are the document's person mentions (for meetings and visits)."""
    text = doc.view.simplified
    ref, basis = doc.reference_date
    sfx = _suffix_pattern()
    out: list[EventMention] = []
    seen: set[tuple[int, int]] = set()

    def add(ms, me, typ=None, name=None, **kw):
        if name is None:
            ms = max(ms, _name_before(text, me, ms))  # 在香港举行的X会议 -> X会议
            junk = LEADING_JUNK.match(text, ms, me)
            ms = junk.end() if junk else ms
            q = QUANTIFIER.match(text, ms)
            ms = q.end() if q else ms
            name = text[ms:me]
        if re.search(r"[(（][^()（）]*简称[^()（）]*$", text[max(0, ms - 24):me]):
            return  # the short name in brackets after the full one (…洽谈会(简称“某某会”))
        if re.match(r"(?:并|及|和|以及)?(?:共同)?(?:主持|出席|参加|召开|举行|举办)", name):
            return  # 出席并共同主持会议: what was done at an event, not its name
        name = QUOTES.sub("", name).strip().lstrip("▲▶►△")
        if MECHANISM_ONLY.search(name) and not re.search(r"第.{1,3}次", name):
            return  # which meeting is meant is hkcoop.extract.conferences' business
        if len(name) < 4 or (ms, me) in seen or any(a <= ms < b or a < me <= b for a, b in excluded) \
                or _generic(name, text[max(0, ms - 12):ms]):
            return
        seen.add((ms, me))
        out.append(EventMention(doc, ms, me, name, typ or event_type_of(name), **kw))

    subject = None  # who the article's last clause event was done by (hkcoop.extract.clause_events)
    article_date = None  # the last day the article gave so far, with its sentence's start
    for i in range(article.first, article.last + 1):
        bs, be = doc.view.block_span(i)
        paragraph_date = None  # the last date of the paragraph so far, with its span in the text
        for ss, se in _sentences(text, bs, be):
            sentence = text[ss:se]
            dates = find_dates_or_time_of_day(sentence, ref, basis)
            before = len(out)
            # NAME(在PLACE)举行 | 在PLACE举行的NAME | 出席 NAME、NAME | 在NAME上
            for m in re.finditer(rf"(?:{sfx}){WORD_END}(?={BRACKET}[^,，。;；]{{0,8}}?(?:在[^,，。;；]{{2,20}}?)?{HELD})",
                                 sentence):
                add(ss + _name_before(sentence, m.end(), 0), ss + m.end())
            # 举行(了)NAME, 进行NAME签约仪式, 举行「NAME」: a quoted name closes before the clause ends
            for m in re.finditer(rf"(?:{HELD}|进行)了?[“「『]?(?P<n>[^的,，。;；“「『]{{2,80}}?(?:{sfx})){WORD_END}"
                                 rf"(?=[”」』]?(?:[,，。;；、]|$))", sentence):
                if PLANNED.search(sentence, _clause_start(sentence, m.start()), m.start()) or PLAN_OPENING.match(sentence):
                    continue  # 进一步推进…，举办某某周: a measure agreed on, not an event reported
                listed = re.match(rf"(?P<first>[^、]{{2,40}}?)、[^,，。;；]*?(?P<count>\d+个[^、\d]{{1,12}})$", m["n"])
                if listed:  # 举行了A、B和C 3个项目启动仪式 -> A等3个项目启动仪式
                    add(ss + m.start("n"), ss + m.end("n"), name=f"{listed['first']}等{listed['count']}")
                else:
                    add(ss + m.start("n"), ss + m.end("n"))
            for m in re.finditer(rf"{HELD}的(?P<n>[^,，。;；]{{2,40}}?(?:{sfx})){WORD_END}", sentence):
                add(ss + m.start("n"), ss + m.end("n"))
            for m in re.finditer(rf"(?:出席|参加|召开|参观|主持)(?P<list>[^。;；,，]{{4,200}})", sentence):
                for part in re.finditer(rf"[^、,，]+?(?:{sfx}){WORD_END}(?=[、,，]|$|并|时|期间|上)", m["list"]):
                    add(ss + m.start("list") + part.start(), ss + m.start("list") + part.end())
            # a ceremony witnessed: 见证(了)某某项目签约, 见证两个项目揭牌仪式 (a signing with its parties is hkcoop.extract.signings')
            for m in re.finditer(r"见证(?:了|下)?(?P<n>[^,，。;；]{2,40}?(?P<k>签约|揭牌|启动|开业|落户)(?:仪式)?)(?=[,，。;；]|$)",
                                 sentence):
                add(ss + m.start("n"), ss + m.end("n"), WITNESSED[m["k"]], name=m["n"])
            # a bare event word chaired or attended (某某主持座谈会, 出席欢迎晚宴): named by who did it
            for m in re.finditer(rf"(?P<v>出席|参加|主持|举行|召开)了?(?P<n>{sfx})(?=[,，。;；并]|$)", sentence):
                if m["n"] in ("会议", "大会") or GENERIC_KIND.search(m["n"]):
                    continue  # 会议 alone is a cooperation meeting's (hkcoop.extract.conferences); 出席活动, the one reported
                earlier = next((em for em in reversed(out) if em.name_zh.endswith(m["n"]) and em.name_zh != m["n"]), None)
                if earlier is not None:  # 某某推介会举行。某某主持推介会: the one just reported, a mention of it here
                    add(ss + m.start("n"), ss + m.end(), earlier.event_type, name=earlier.name_zh)
                    continue
                who = clause_events.actor(text, ss + _clause_start(sentence, m.start()), ss + m.start(), people)
                between = text[who[1][1]:ss + m.start()] if who else ""
                side = re.fullmatch(r"(?:[^,，。;；]{0,8}?)(?P<w>与|同|和|跟)(?P<o>[^,，。;；与同和跟]{2,20})", between) \
                    if m["v"] in ("举行", "召开") else None
                if who and side:  # 考察团与当地企业举行座谈会: the other side is part of its name
                    add(who[1][0], ss + m.end(), name=f"{who[0]}{side['w']}{side['o']}{m['v']}{m['n']}", lead_span=who[1],
                        other_span=(who[1][1] + side.start("o"), who[1][1] + side.end("o")))
                elif who and not re.search(r"[、和及与]", between):  # one who, not a list of them
                    add(who[1][0], ss + m.end(), name=f"{who[0]}{m['v']}{m['n']}", lead_span=who[1])
            for m in re.finditer(rf"在(?P<n>[^,，。;；在]{{2,40}}?(?:{sfx}|活动))上", sentence):
                add(ss + m.start("n"), ss + m.end("n"))
            # a quoted name and 活动, held: “某某行”活动N日在某地举行
            for m in re.finditer(rf"[“「](?P<n>[^”」]{{4,60}})[”」](?:系列)?活动(?=[^,，。;；]{{0,8}}?(?:在[^,，。;；]{{2,20}}?)?{HELD})",
                                 sentence):
                add(ss + m.start("n"), ss + m.end("n"), event_type_of(m["n"]) if event_type_of(m["n"]) != "other"
                    else "promotion_conference" if re.search(r"行$|推介|招商", m["n"]) else "other", name=m["n"])
            # a quoted week or series taken part in: 参加2024香港“上海周”系列活动
            for m in re.finditer(r"(?:参加|出席|举办|开展|举行)(?:了)?(?P<n>(?:\d{4}年?)?[\u4e00-\u9fff]{0,6}[“「][^”」]{2,20}[”」])"
                                 r"(?:系列)?活动", sentence):
                name = m["n"]
                add(ss + m.start("n"), ss + m.end("n"), "festival" if QUOTES.sub("", name).endswith("周")
                    else event_type_of(QUOTES.sub("", name)), name=name)
            # a forum with its subtitle after a colon, in a list of what was attended
            for m in re.finditer(rf"(?:出席|参加)(?:了)?(?P<list>[^。;；,，]{{4,200}})", sentence):
                for part in re.finditer(rf"(?:^|(?<=、))(?P<n>(?P<head>[^、,，]+?(?:{sfx}))[:：][^、,，:：]{{2,40}})(?=[、,，]|$)",
                                        m["list"]):
                    add(ss + m.start("list") + part.start("n"), ss + m.start("list") + part.end("n"),
                        event_type_of(part["head"]), name=part["n"])
            # an institution founded: 见证了某某(香港)中心成立 / …中心成立、… (not 自…成立以来, not 于某年成立)
            for m in re.finditer(r"(?:^|(?<=[,，、。])|(?<=见证)|(?<=见证了)|(?<=宣布)|(?<=祝贺)|(?<=标志着)|(?<=庆祝))"
                                 r"(?P<n>[\u4e00-\u9fff()（）]{2,30}?(?:中心|研究院|学院|办事处|联络处|基金会|委员会|联盟|平台|实验室))"
                                 r"(?:正式)?(?:揭牌)?成立(?!以来|于|\d|一周年|周年)", sentence):
                if re.search(r"(?:自|于|在)[^,，。]{0,12}$|\d{4}年[^,，。]{0,8}$", sentence[:m.start()]):
                    continue  # a founding in the past, as background
                cut = list(re.finditer(r"见证了?|宣布|祝贺|标志着|庆祝|出席|参加", m["n"]))
                start = m.start("n") + (cut[-1].end() if cut else 0)  # the institution, not who saw it founded
                add(ss + start, ss + m.end(), "launch", name=f"{sentence[start:m.end('n')]}成立")
            # leaders visiting front-line workers: 区领导分赴慰问服务保障一线工作人员
            for m in re.finditer(r"(?:^|(?<=等)|(?<=[,，、]))(?P<who>[\u4e00-\u9fff]{2,12}?领导)(?:分赴|分别|深入|前往|赴)[^,，。;；]{0,10}?"
                                 r"(?P<verb>慰问|看望|走访)(?P<obj>[^,，。;；]{2,30})", sentence):
                add(ss + m.start("who"), ss + m.end("obj"), "inspection", name=f"{m['who']}{m['verb']}{m['obj']}",
                    lead_span=(ss + m.start("who"), ss + m.end("who")))
            for le in leader_events.find(text, ss, se, people):
                add(le.start, le.end, le.event_type, name=le.name_zh, lead_span=le.lead_span,
                    other_span=le.other_span, place=le.place, trip_days=le.days)
            # visits, inspections, meetings of leaders
            for m in re.finditer(r"率领的(?P<d>[^,，。;；]{2,20}?代表团)[^,，。;；]{0,16}?(?:访问|出访|考察)(?P<p>[\u4e00-\u9fff]{2,8})",
                                 sentence):
                add(ss + m.start("d"), ss + m.end(), "visit", name=f"{m['d']}访问{m['p']}",
                    lead_span=(ss, ss + m.start()), place=(ss + m.start("p"), ss + m.end("p"), m["p"]))
            for m in re.finditer(r"(?:赴|到|前往)(?P<p>[\u4e00-\u9fff()（）]{2,16}?)(?:进行)?(?:专题|实地)?(?:调研|考察|视察)",
                                 sentence):
                # who: in its clause, else the sentence's subject (代表团每年暑假，都会到内地视察)
                who = clause_events.actor(text, ss + _clause_start(sentence, m.start()), ss + m.start(), people) \
                    or clause_events.actor(text, ss, ss + m.start(), people)
                deed = clause_events.FILLER.sub("", m.group(0))
                lasting = LASTING.search(sentence)  # 起到某省进行为期五日的视察: a trip of five days from that day
                add(ss + m.start("p"), ss + m.end(), "inspection",
                    name=f"{who[0]}{deed}" if who else f"{m['p']}{m.group(0)[-2:]}",  # 某考察团到某地考察, else 某地调研
                    lead_span=who[1] if who else (ss, ss + m.start()),
                    place=(ss + m.start("p"), ss + m.end("p"), m["p"]), lasting=whole_number(lasting["n"]) if lasting else None)
            # a trip's day named by its place in it: 今日(19日)是某某考察团某省行程的最后一日
            for m in re.finditer(r"(?P<n>[\u4e00-\u9fff]{2,30}?(?:访问|考察|交流)?行程)的?(?P<k>最后|首|第[一二三四五六七八九十\d]{1,2})"
                                 r"一?[日天]", sentence):
                start = ss + _name_before(sentence, m.end("n"), 0)
                days = TRIP_LENGTH.search(sentence)
                add(start, ss + m.end("n"), "visit", trip_days=whole_number(days["n"]) if days else None,
                    trip_day=1 if m["k"] == "首" else None if m["k"] == "最后" else whole_number(m["k"][1:]))
            # a tour of several places: (先后)深入/走进 A、B、C等地(进行)考察 -> 某团考察A、B等地
            for m in re.finditer(r"(?:深入|走进|来到|前往|到|赴)(?P<p>[^,，。;；]{2,60}?、[^。;；]{2,150}?)等(?P<k>地|企业|单位|项目|园区|机构)"
                                 r"(?:进行|开展)?(?:实地|专题)?(?P<v>考察|调研|参观|视察)", sentence):
                who = clause_events.actor(text, ss + _clause_start(sentence, m.start()), ss + m.start(), people)
                if who:
                    first_two = "、".join(re.split(r"[、,，]", m["p"])[:2])
                    add(who[1][0], ss + m.end(), "inspection", name=f"{who[0]}{m['v']}{first_two}等{m['k']}",
                        lead_span=who[1])
            for m in re.finditer(r"会见(?![及和并与])(?P<b>[^,，。;；]{2,40}?)(?=[,，。;；时]|$)", sentence):
                lead = _person_before(text, ss + m.start(), people)
                if lead is None:
                    continue
                add(lead.start, ss + m.end(), "meeting", name=f"{text[lead.start:lead.end]}会见{m['b']}",
                    lead_span=(lead.start, ss + m.start()), other_span=(ss + m.start("b"), ss + m.end("b")))
            # what the shapes above did not name: a trigger in a clause with its lead and object
            found, subject = clause_events.find(text, ss, se, people, [(em.start, em.end) for em in out[before:]]
                                                + list(excluded), subject)
            for ce in found:
                lasting = LASTING.search(sentence) if ce.event_type == "visit" else None
                add(ce.start, ce.end, ce.event_type, name=ce.name_zh, lead_span=ce.lead_span, other_span=ce.other_span,
                    lasting=whole_number(lasting["n"]) if lasting else None)
            for em in out[before:]:
                bracket = re.match(BRACKET, text[em.end:se])  # 某某会(简称“某会”)3日在…开幕
                near = [d for d in dates if ss + d.end <= em.end + len(bracket.group(0)) + 12]
                if near:
                    d = near[-1]
                    first, last = d.first, d.last
                    said = d.basis
                    if em.trip_days and first == last and em.trip_day is None:  # 十五日结束四天的访问: 12th to 15th
                        first = last - dt.timedelta(days=em.trip_days - 1)
                        said += f"; the last day of a trip of {em.trip_days} days"
                    elif em.lasting and first == last:  # 抵达某地，展开一连三日的访问 / 结束为期三天的访问
                        if TRIP_END.search(sentence):
                            first = last - dt.timedelta(days=em.lasting - 1)
                            said += f"; the last day of a trip of {em.lasting} days"
                        else:
                            last = first + dt.timedelta(days=em.lasting - 1)
                            said += f"; the first day of a trip of {em.lasting} days"
                    elif em.trip_day and first == last:  # the Nth day of a trip of M days
                        first = first - dt.timedelta(days=em.trip_day - 1)
                        last = first + dt.timedelta(days=(em.trip_days or em.trip_day) - 1)
                        said += f"; day {em.trip_day} of a trip of {em.trip_days or 'unstated'} days"
                    em.date, em.date_span, em.date_basis = (first, last), (ss + d.start, ss + d.end), said
                elif (paragraph_date or article_date) is not None and not DURING.match(sentence.lstrip()) \
                        and not EARLIER.search(sentence):
                    # 昨日(23日)抵达某地。并参观…: the day said before it, in its paragraph or else in its article
                    (d, d0), where = (paragraph_date, "paragraph") if paragraph_date else (article_date, "article")
                    em.paragraph_date = ((d.first, d.last), (d0 + d.start, d0 + d.end),
                                         f"{d.basis}; the date its {where} gave before it")
                if em.date is None and em.paragraph_date is None and ref and basis.startswith(("publication date", "dateline")):
                    vague = VAGUE.search(text, ss, em.start)  # 日前赴某地考察: before the report, no day given
                    if vague:
                        em.vague = f"'{vague.group()}': before the report of {ref.isoformat()} ({basis}), no day given"
                em.announced = announced(text, ss, em.start, em.date_span and em.date_span[0]) or bool(
                    em.date and ref and basis.startswith(("publication date", "dateline")) and em.date[0] > ref)  # 明日会前往…
                if em.place is None:
                    p = re.search(r"在(?P<p>[\u4e00-\u9fff()（）]{2,20}?)(?:隆重|正式)?(?:举行|召开|举办|开幕)", sentence)
                    if p:
                        em.place = (ss + p.start("p"), ss + p.end("p"), p["p"])
            if dates and dates[-1].first == dates[-1].last:  # a day; a range is a trip's, its parts are within it
                paragraph_date = article_date = (dates[-1], ss)
            elif dates:
                article_date = None  # after a range, a day said before it no longer holds
    return out


def _generic(name: str, before: str) -> bool:
    """A name that says only what kind of thing happened, no event of its own: a bare event word (启动仪式,
    推介大会), a kind qualified only by a determiner (本次活动, 一系列活动), or a kind of activity spoken of in
    general (各类投资、商贸推广活动, 某展等重大活动, 多样化文化活动)."""
    suffix = event_suffix().search(name)
    head = GENERIC_FILLER.sub("", name[:suffix.start()]) if suffix else name
    if len(head) < 2:
        return True
    return bool(GENERIC_KIND.search(name)) and bool(GENERAL.search(name) or GENERAL_BEFORE.search(before))


def _person_before(text: str, end: int, people):
    """The person found (hkcoop.extract.people) whose name ends right before `end`, or before an adverb that does
    (湖北省委书记王某某|会见, 某某随即|会见), if any; not characters that only look like a name (明随即)."""
    for pm in within(people, max(0, end - 12), end):
        if pm.end == end or (pm.end < end and MEETING_ADVERB.fullmatch(text, pm.end, end)):
            return pm
    return None


def _clause_start(sentence: str, pos: int) -> int:
    """Where the clause holding `pos` of the sentence starts (after the last comma or semicolon before it)."""
    return max((k + 1 for k in range(pos) if sentence[k] in ",，;；:："), default=0)


def _sentences(text, bs, be):
    start = bs
    for m in re.finditer(r"[。！？!?;；]", text[bs:be]):
        yield start, bs + m.end()
        start = bs + m.end()
    if start < be:
        yield start, be
