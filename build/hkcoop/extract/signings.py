"""Signed documents: titles in 《》 after a signing verb, enumerated lists of titles under a stated total,
and unnamed agreements whose parties the text names (X、Y与Z签署了三方合作协议; X分别与A、B签订…协议).

Documents only counted (签署20份合作文件, 二十多家企业签署合作协议) stay stated totals, not rows; titles
that are promoted or cited without a signing verb (推介《…规划》) are not agreements.

Found in one article with the document's people, meetings and stated totals as resolved
(hkcoop.extract.inputs.Resolved); the meeting a signing was signed at and the total it is listed under are
recorded by their position in those lists (`meeting`, `listed`), and what the meeting gives (its date, the
parties of a signing "by both sides") is added in the resolve stage (hkcoop.resolve.signings), from the
meeting merged across reports.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from hkcoop.extract.dates import find_dates
from hkcoop.reference import agreement_type, jurisdictions, titles
from hkcoop.extract.conferences import meeting_near
from hkcoop.spans import within

SIGN = re.compile(r"签署|签订|签定|签约")
TITLE = re.compile(r"《(?P<title>[^《》\n]{2,80})》")
ENUM_ITEM = re.compile(r"^(?:[(（]?[一二三四五六七八九十]{1,3}[)）、]|\d{1,2}[.、)）])\s*《")
# an agreement described by its kind, with the words that qualify it (全面合作框架协议, 联合办学补充协定);
# not 签订的合作协议, an agreement signed before that the text refers to
UNNAMED = re.compile(r"(?:签署|签订|签定)了?(?!的)(?P<kind>(?:(?![份项个])[\u4e00-\u9fff]){0,10}?(?:合作|框架|补充)"
                     r"(?:框架|补充)?(?:协议书|协议|协定|备忘录|意向书))(?![》\w]*》)")
# between the verb and a title: other titles of the same list, with or without separators (签署了《A》《B》)
BETWEEN_OK = re.compile(r"^(?:了|的)?:?(?:《[^《》]*》(?:及|和|、|与|以及|,)?)*$")
# a count, then the titles it counts: 签署了七份合作文件,包括《A》及《B》 / 签署了五份合作协议:《A》《B》
COUNTED_THEN_TITLES = re.compile(r"^了?[^。;《]{0,24}?(?:文件|协议|备忘录|意向书|合同|协定)[,:]?(?:其中)?"
                                 r"(?:包括|分别是|分别为|即|如下)?:?(?:《[^《》]*》(?:及|和|、|与|以及|,)?)*$")
ADVERBIAL_TAIL = re.compile(r"(?:于会上|在会上|于会议上|在会议上|会后|会上|会前|期间|在线|线上|于|在|并|并且|正式|共同|分别|"
                            r"当天|同日|昨日|今日|昨|今天|(?:\d{1,2}月)?\d{1,2}日(?:上午|下午|晚上)?|"
                            r"是次|本次|此次|现场|上|亦|也|还|又|(?:在|于)[\u4e00-\u9fff]{2,10}?(?=昨日|今日|$))+$")  # 在香港: where
LEADING_TIME = re.compile(r"^(?:(?:本报讯|[\u4e00-\u9fff]{0,12}?(?:社|报|网)[\u4e00-\u9fff]{0,8}?\d{1,2}月\d{1,2}日(?:电|讯))"
                          r"(?:[(][^()]{0,20}[)])?)?"  # a dateline and its bracketed byline
                          r"(?:早于|早在|于|在)?(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:上午|下午|晚上)?"
                          r"(?:并|并且|还|又|亦)?(?:见证(?:了)?|目睹(?:了)?)?")
COUNTED = re.compile(r"\d+多?家|[一二三四五六七八九十百]+多?家|多家|数家|几家|多个|众多|一批|各")
PARTY_MAX = 30  # longer, a "party" is a clause read wrongly
VAGUE = {"双方", "两地", "各方", "三方", "企业", "机构", "高校", "两地政府", "有关方面"}
YEAR = re.compile(r"(?P<y>(?:19|20)\d{2})年")


@dataclass
class Signing:
    doc: object
    title_start: int | None  # normalized span of the title inside 《》, or of the unnamed kind phrase
    title_end: int | None
    title_zh: str | None
    kind_text: str  # what the type is read from: the title, or the unnamed phrase
    parties: list[str] = field(default_factory=list)
    signatories: list[str] = field(default_factory=list)
    signed_date: dt.date | None = None
    signed_year: int | None = None
    date_basis: str | None = None
    date_span: tuple[int, int] | None = None
    conference: object | None = None  # the Conference it was signed at: set in the resolve stage, from `meeting`
    is_earlier: bool = False
    listed_under: object | None = None  # the StatedTotal its list is counted by: likewise, from `listed`
    evidence_span: tuple[int, int] = (0, 0)
    meeting: int | None = None  # an index into the document's `Resolved.meetings`
    listed: int | None = None  # an index into the document's `Resolved.stated`


def in_article(doc, article, got) -> list[Signing]:
    """The signings `article` reports, `got` its document's share of the resolve stage (see module doc)."""
    out = []
    text = doc.view.simplified
    ref, basis = doc.reference_date
    for i in range(article.first, article.last + 1):
        block = doc.view.blocks[i]
        bs, be = doc.view.block_span(i)
        if ENUM_ITEM.match(block.text):
            continue  # handled with its introducer below
        for m in TITLE.finditer(text, bs, be):
            ss, _ = doc.sentence_at(m.start())
            verb = _verb_before(text, ss, m.start())
            if verb is None:
                continue
            sig = Signing(doc, m.start("title"), m.end("title"), m["title"], m["title"],
                          evidence_span=(m.start(), m.end()))
            _subject(sig, got, text, ss, verb, pair_ok=True)
            _when_where(sig, got, text, ss, verb, ref, basis)
            out.append(sig)
        for m in UNNAMED.finditer(text, bs, be):
            ss, _ = doc.sentence_at(m.start())
            clause = text[ss:m.start()]
            if COUNTED.search(clause) or re.search(r"\d+\s*[份项个]", text[m.start():m.end() + 2]):
                continue
            sig = Signing(doc, m.start("kind"), m.end("kind"), None, m["kind"], evidence_span=(m.start(), m.end()))
            same = next((o for o in out if o.title_zh is None and agreement_type(o.kind_text) ==
                         agreement_type(m["kind"]) and o.evidence_span[0] < m.start()), None)
            subject = _subject_span(text, ss, m.start())
            if same is not None and subject[0] == subject[1]:
                continue  # the agreement the article named before, signed "by both sides"
            if within(got.people, *subject):
                _parties_and_signatories(sig, got, *subject)
                if same is not None:  # the officials who signed an agreement the article named before
                    same.signatories += [n for n in sig.signatories if n not in same.signatories]
                    continue
                if len(sig.parties) < 2 and len(sig.signatories) < 2:
                    continue  # one official alone does not make an agreement between parties
                _when_where(sig, got, text, ss, m.start(), ref, basis)
                out.append(sig)
                continue
            groups = _split_distributive(_subject_text(text, ss, m.start(), fallback=True))
            for group in groups:
                parties = [p for p in group if 2 <= len(p) <= PARTY_MAX and p not in VAGUE and not _abbreviations_only(p)]
                if len(parties) < 2 or len(parties) != len(group):
                    continue
                sig = Signing(doc, m.start("kind"), m.end("kind"), None, m["kind"], parties=parties,
                              evidence_span=(m.start(), m.end()))
                _when_where(sig, got, text, ss, m.start(), ref, basis)
                out.append(sig)
        out.extend(_enumerated(got, doc, i, article.last, ref, basis))
    return out


def vague(party: str) -> bool:
    """双方, 两地有关部门: no party named."""
    return party in VAGUE or bool(re.fullmatch(r"(?:双方|两地|各方|三方)?(?:有关|相关)?(?:部门|单位|方面|政府)?", party))


def _abbreviations_only(phrase: str) -> bool:
    """粤港, 川港: a pair of jurisdiction abbreviations, too vague to be the parties of one agreement."""
    return len(phrase) <= 3 and all(ch in jurisdictions() for ch in phrase)


def _verb_before(text: str, sentence_start: int, title_start: int) -> int | None:
    """Offset of the signing verb governing a title at `title_start`, if there is one in its clause:
    签署《A》及《B》, 签署的《A》, or 签署了七份合作文件,包括《A》及《B》 (a partial list)."""
    for m in reversed(list(SIGN.finditer(text, sentence_start, title_start))):
        between = text[m.end():title_start]
        if BETWEEN_OK.match(between) or COUNTED_THEN_TITLES.match(between):
            return m.start()
    return None


def _subject_span(text: str, sentence_start: int, verb: int) -> tuple[int, int]:
    """Normalized span of the clause's subject before the verb, without time words and adverbials."""
    clause = text[sentence_start:verb]
    start = sentence_start + max(clause.rfind(","), clause.rfind(":")) + 1
    tail = ADVERBIAL_TAIL.sub("", text[start:verb])
    lead = LEADING_TIME.match(tail)
    return start + lead.end(), start + len(tail)


def _subject_text(text: str, sentence_start: int, verb: int, fallback: bool = False) -> str:
    clause = text[sentence_start:verb]
    tail = text[slice(*_subject_span(text, sentence_start, verb))]
    if tail or not fallback:
        return tail
    # the subject stands at the head of the sentence, before an adverbial clause (X,与Y,以及Z,于昨日出席…,并…)
    parts = []
    for seg in re.split(r",", clause):
        if re.match(r"^(?:于|在|并|昨|今|同时|随后)", seg) or re.search(r"出席|举行|参加|表示", seg):
            break
        parts.append(re.sub(r"^(?:与|以及|及|和|同)", "", seg))
    return "与".join(p for p in parts if p)


def _split_distributive(subject: str) -> list[list[str]]:
    """X分别与A、B -> [[X, A], [X, B]]; otherwise one group of parties split on 与/和/及/、/同."""
    if "分别与" in subject or "分别同" in subject:
        head, rest = re.split(r"分别[与同]", subject, maxsplit=1)
        return [[head.strip(), p.strip()] for p in re.split(r"、|和|及", rest) if p.strip()]
    return [[p.strip() for p in re.split(r"、|与|以及|和|同|及(?=[^及]*$)", subject) if p.strip()]]


def _subject(sig: Signing, got, text: str, ss: int, verb: int, pair_ok: bool) -> None:
    start, end = _subject_span(text, ss, verb)
    subject = text[start:end]
    pair = re.fullmatch(r"(?P<a>\w)(?P<b>\w)双方", subject)
    abbr = jurisdictions()
    if pair_ok and pair and pair["a"] in abbr and pair["b"] in abbr:
        sig.parties = [abbr[pair["a"]], abbr[pair["b"]]]
        return
    _parties_and_signatories(sig, got, start, end)


def _parties_and_signatories(sig: Signing, got, start: int, end: int) -> None:
    """The subject's phrases: an official (a person found there, or a title then a name) signs for the
    organization of the title; a title with no name is part of the next official's title chain (某区党工委
    委员、某局副局长张三); any other phrase is a party."""
    text = sig.doc.view.simplified
    people = list(within(got.people, start, end))
    for group in _split_distributive(text[start:end]):
        for phrase in group:
            pm = next((p for p in people if p.name_zh in phrase), None)
            person = (next((r.organization_zh for r in reversed(pm.roles) if r.organization_zh), ""), pm.name_zh) \
                if pm else split_person(phrase)
            if person:
                sig.signatories.append(person[1])
                party = person[0] or (phrase[:phrase.index(person[1])] if not pm else "")
                if party and party not in sig.parties:
                    sig.parties.append(party)
            elif phrase and not any(phrase.endswith(t) for t in titles()):
                sig.parties.append(phrase)


def split_person(phrase: str) -> tuple[str, str] | None:
    """'某省副省长李明' -> ('某省', '李明'): an office title followed by a two- or three-character name."""
    for title in titles():
        for name_len in (2, 3):
            cut = len(phrase) - name_len
            if cut >= len(title) and phrase[cut - len(title):cut] == title and \
                    re.fullmatch(r"[\u4e00-\u9fff]{2,3}", phrase[cut:]):
                return phrase[:cut - len(title)], phrase[cut:]
    return None


def _when_where(sig: Signing, got, text, ss, verb, ref, basis) -> None:
    doc = sig.doc
    _, se = doc.sentence_at(verb)
    sentence = text[ss:se]
    years = [int(y["y"]) for y in YEAR.finditer(text, ss, verb)]
    ref_year = ref.year if ref else None
    if years and ref_year and years[-1] < ref_year:
        sig.signed_year, sig.is_earlier = years[-1], True
        sig.date_basis = "year stated in the sentence"
        return
    sig.meeting = meeting_near(doc, verb, got.meetings, article_fallback=sig.title_zh is not None)
    dates = [d for d in find_dates(sentence, ref, basis) if ss + d.end <= verb + 4]
    if dates:  # else the date of its meeting, if one day (hkcoop.resolve.signings)
        d = dates[-1]
        sig.signed_date, sig.signed_year = d.first, d.first.year
        sig.date_basis, sig.date_span = f"stated: {d.basis}", (ss + d.start, ss + d.end)


def _enumerated(got, doc, i, last, ref, basis) -> list[Signing]:
    """(一)《…》;(二)《…》 items after an introducer that signs documents (亦签署四份合作文件:), up to the
    article's last block `last`."""
    blocks = doc.view.blocks[:last + 1]
    if ENUM_ITEM.match(blocks[i].text) or i + 1 >= len(blocks) or not ENUM_ITEM.match(blocks[i + 1].text):
        return []
    text = doc.view.simplified
    bs, be = doc.view.block_span(i)
    verb = next((m.start() for m in SIGN.finditer(text, bs, be)), None)
    if verb is None:
        return []
    total = next((k for k, t in enumerate(got.stated) if t.doc is doc and bs <= t.start < be
                  and t.indicator.startswith("documents_signed")), None)
    ss, _ = doc.sentence_at(verb)
    out = []
    j = i + 1
    while j < len(blocks) and ENUM_ITEM.match(blocks[j].text):
        js, je = doc.view.block_span(j)
        m = TITLE.search(text, js, je)
        if m:
            sig = Signing(doc, m.start("title"), m.end("title"), m["title"], m["title"],
                          evidence_span=(m.start(), m.end()), listed=total)
            _subject(sig, got, text, ss, verb, pair_ok=True)
            _when_where(sig, got, text, ss, verb, ref, basis)
            out.append(sig)
        j += 1
    return out
