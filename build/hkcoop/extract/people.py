"""People: names found from title chains, bylines and (as a helper) a NER model, merged across scripts.

A title chain is one or more (organization + office title) joined by 、, then a name: 某省委副书记、
省长张明; 某某控股有限公司党委书记、董事长王建华; 香港特别行政区行政长官陈立. A name is a
known surname (reference/surnames.csv) and one or two more characters; it ends before punctuation, a
particle or a verb (率, 出席, 表示 …) or a title printed after it (刘强教授). Names listed with 、 after
a titled name share its title (副主任周涛、吴敏). Reporters come from bylines and photo credits.
Everything is matched on the simplified view, so 陳立 and 陈立 are one person.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache

from hkcoop.ingest.pages import BYLINE
from hkcoop.reference import jurisdictions, rows, titles

# words that end a name: after a two-character name, the text goes on with one of them (张明率领, 王华赴)
STOP_WORDS = ("率领", "率", "会见", "会面", "会晤", "陪同", "出席", "参加", "主持", "带队", "代表", "强调", "表示", "指出",
              "说", "认为", "称", "介绍", "致辞", "发表", "提出", "形容", "在", "与", "和", "及", "等", "对", "向", "的",
              "是", "也", "赴", "亦", "同", "并", "于", "就", "将", "已", "还", "到", "一行", "作", "为", "均", "都",
              "先后", "分别", "共同", "见证", "前往", "来到", "走访", "调研", "慰问", "看望", "听取", "勉励", "鼓励",
              "考察", "担任", "出任", "则", "又", "随后", "现场", "同志", "今日", "今天", "昨日", "昨天", "明日", "昨",
              "近日", "日前", "上午", "下午", "晚上", "今年", "去年")
DATE_AFTER = re.compile(r"[一二三四五六七八九十〇]{1,3}[日月号]")  # 某某十二日结束…: a date in Chinese numerals
LOOK = 16  # how far a name's surroundings are read: longer than any stop word, title or date after it
POST_TITLES = ("教授", "博士", "院士", "先生", "女士", "律师", "医生")
# two-character words that begin a clause, not a given name (习近平总书记关于社会工作…)
FUNCTION_WORDS = ("关于", "对于", "由于", "在于", "为了", "以及", "并且", "同时", "通过", "根据", "按照", "围绕", "加强",
                  "推动", "全面", "进一步")
CHAIN_START = re.compile(r"(?:会见|会晤|由|包括|陪同|出席|见证|邀请|率领|还有|其中|暨|以及|欢迎|感谢|祝贺|恭贺|联同|会同)$")
NAME_DELIMITERS = set("、,，。;；:：()（）“”「」《》【】[]〔〕 \n")
LIST_SEPARATOR = re.compile(r"、|以及|及|和")
ORG_MAX = 24
SPEECH = ("说", "表示", "指出", "强调", "认为", "介绍", "称", "形容")
PLACE_SUFFIX = set("区市县镇省村路街湖山园港岛湾州城")
PERSON_TAGS = {"nr", "nrfg", "nrt"}
CONJUNCTIONS = set("和同与及跟")
ORG_AFTER_NAME = re.compile(r"集团|公司|基金|大学|中学|小学|学院|书院|医院|纪念|体育馆|博物馆|图书馆|大厦|中心|路|街|奖|杯|楼|堂")


@lru_cache(maxsize=1)
def surnames() -> tuple[str, ...]:
    return tuple(sorted((r["surname"] for r in rows("surnames.csv")), key=len, reverse=True))


@lru_cache(maxsize=1)
def _title_pattern() -> re.Pattern:
    return re.compile("|".join(map(re.escape, titles())))


@dataclass
class Role:
    title_zh: str
    organization_zh: str
    span: tuple[int, int]  # normalized span of organization + title (the evidence)
    title_span: tuple[int, int] | None = None  # normalized span of the title as printed
    org_span: tuple[int, int] | None = None  # normalized span of the organization as printed


@dataclass
class PersonMention:
    doc: object
    name_zh: str
    start: int  # normalized span of the name
    end: int
    roles: list[Role] = field(default_factory=list)
    is_reporter: bool = False
    source: str = "title"  # title | list | byline | credit | jieba | name


def read_name(text: str, pos: int) -> str | None:
    """A personal name starting at `pos`, or None: a surname and one or two characters."""
    sur = next((s for s in surnames() if text.startswith(s, pos)), None)
    if sur is None:
        return None
    g = pos + len(sur)
    if g >= len(text) or not "\u4e00" <= text[g] <= "\u9fff" or text[pos:g + 1] in FUNCTION_WORDS:
        return None
    name = text[pos:g + 1]
    third = text[g + 1:g + 2]
    after = text[g + 1:g + 1 + LOOK]
    ends_here = (not third or not "\u4e00" <= third <= "\u9fff"
                 or any(after.startswith(w) for w in STOP_WORDS + POST_TITLES) or bool(DATE_AFTER.match(after)))
    # a one-character stop word right before punctuation is the name's last character (李德和,)
    if ends_here and third and "\u4e00" <= third <= "\u9fff" and text[g + 2:g + 3] in NAME_DELIMITERS \
            and text[g + 2:g + 3] != "":
        ends_here = False
    if not ends_here:
        name = text[pos:g + 2]
        if any(text.startswith(t, g + 1) for t in POST_TITLES):
            name = text[pos:g + 1]
        elif len(sur) == 1 and _ends_name(text, g + 3) and not _ends_name(text, g + 2) \
                and text[g] in single_surnames() and "\u4e00" <= text[g + 2:g + 3] <= "\u9fff":
            name = text[pos:g + 3]  # a married name: her husband's surname before her own (陈黄美玲, 何林秀英)
    return name if 2 <= len(name) <= 4 else None


def _ends_name(text: str, pos: int) -> bool:
    """A name can end right before `pos`: punctuation, the end, a stop word, a date or a title after it."""
    after = text[pos:pos + LOOK]
    return not after or after[0] in NAME_DELIMITERS or not "\u4e00" <= after[0] <= "\u9fff" \
        or any(after.startswith(w) for w in STOP_WORDS + POST_TITLES) or bool(DATE_AFTER.match(after))


@lru_cache(maxsize=1)
def single_surnames() -> frozenset[str]:
    return frozenset(s for s in surnames() if len(s) == 1)


NOT_NAME_POS = {"v", "vn", "vd", "p", "c", "d", "a", "ad", "u", "f"}


def plausible_name(text: str, pos: int, name: str) -> bool:
    """jieba as a second opinion on a name read after a title: it must not cut a word in two
    (市长和副市长: 和副市 ends inside 副市长), and a two-character name must not be a verb, adverb,
    conjunction … (书记强调)."""
    import jieba.posseg as pseg

    from hkcoop.ingest.textview import jieba_module

    after = text[pos + len(name):pos + len(name) + LOOK]
    ends_clearly = not after or after[0] in NAME_DELIMITERS or any(after.startswith(w) for w in STOP_WORDS)
    ends, n = set(), 0
    for token in jieba_module().lcut(text[pos:pos + len(name) + 4], HMM=False):
        n += len(token)
        ends.add(n)
    if not ends_clearly and len(name) not in ends:
        return False  # unless punctuation or a verb closes it (陈嘉明说: jieba reads 明说 as a word)
    if len(name) == 2:
        tagged = pseg.lcut(name, HMM=False)
        if len(tagged) == 1 and tagged[0].flag in NOT_NAME_POS:
            return False
    if len(name) == 3 and name[0] in CONJUNCTIONS:
        tagged = pseg.lcut(name, HMM=True)
        if len(tagged) != 1 or tagged[0].flag not in PERSON_TAGS:
            return False  # 委员和专家: a conjunction (also a surname) before a common noun
    return True


def _split_role(chain_part: str) -> tuple[str, str] | None:
    """'上海市人民政府副秘书长' -> ('副秘书长', '上海市人民政府')."""
    for title in titles():
        if chain_part.endswith(title):
            return title, chain_part[:-len(title)]
    return None


def find_titled(doc, start: int, end: int) -> list[PersonMention]:
    """Names after title chains in the normalized span [start, end)."""
    text = doc.view.simplified
    out: list[PersonMention] = []
    floor = start
    for m in _title_pattern().finditer(text, start, end):
        name = read_name(text, m.end())
        if name is None or not plausible_name(text, m.end(), name):
            continue
        roles = _chain_before(text, m.start(), m.end(), floor)
        floor = m.end() + len(name)
        pm = PersonMention(doc, name, m.end(), m.end() + len(name), roles)
        post = next((t for t in POST_TITLES[:3] if text.startswith(t, pm.end)), None)
        if post:  # 刘强教授
            span = (pm.end, pm.end + len(post))
            pm.roles.append(Role(post, "", span, span))
            floor = pm.end + len(post)
        out.append(pm)
        # names listed after it with 、 share its title chain (副主任周涛、吴敏), and the last one after 及 or 和
        pos = pm.end
        while (sep := LIST_SEPARATOR.match(text, pos)) is not None:
            at = sep.end()
            nxt = read_name(text, at)
            if nxt is not None and not plausible_name(text, at, nxt):
                break
            delim = next((k for k in range(at, min(len(text), at + 30)) if text[k] in NAME_DELIMITERS), at + 30)
            if nxt is None or _title_pattern().search(text, at, delim):
                break  # the start of another title chain (商务及经济发展局局长…), not a bare name
            tail = text[at + len(nxt):at + 1 + len(nxt)]
            if tail and tail not in "、,，。;；等及和与" and not any(text.startswith(w, at + len(nxt)) for w in STOP_WORDS):
                break  # the last name of the list may be followed by what they did (…、韦某陪同)
            out.append(PersonMention(doc, nxt, at, at + len(nxt), list(roles), source="list"))
            pos = floor = at + len(nxt)
            if sep.group() != "、":
                break  # 及 and 和 join the last name of the list
    return _dedupe(out)


DELIMITERS = set("、,，。;；:：\n()（）“”「」《》 ")


def _element_start(text: str, end: int, floor: int = 0) -> int:
    """Start of the chain element ending at `end`: back to a delimiter, a chain-opening verb, or the end
    of the name before it."""
    j = end
    while j > floor and end - j < ORG_MAX and text[j - 1] not in NAME_DELIMITERS and not CHAIN_START.search(text, max(0, j - LOOK), j):
        j -= 1
    return j


def _clean_org(org: str) -> str:
    org = re.split(r"与|同", org)[-1]  # …代表团与浙江省委书记: the organization follows the conjunction
    org = re.sub(r"^(?:和|及|并|暨)", "", org)
    org = re.sub(r"(?:分管|负责|主管|兼任|专责)[^的]*的$", "", org)  # 分管日常工作的副主任
    # 来自上海某医院国际医疗部的韩国医生: the organization is what 来自 introduces
    m = re.match(r"^来自(?P<org>[^的]+)的[\u4e00-\u9fff]{0,3}$", org)
    return m["org"] if m else org


def _chain_before(text: str, title_start: int, title_end: int, floor: int = 0) -> list[Role] | None:
    """The (organization, title) roles of the chain whose last title is at [title_start, title_end):
    某省委副书记、市长 -> [(副书记, 上海市委), (市长, '')]."""
    j = _element_start(text, title_start, floor)
    roles = [_role(text, j, title_start, title_end)]
    while j > floor and text[j - 1] == "、":
        k = _element_start(text, j - 1, floor)
        split = _split_role(text[k:j - 1])
        if split is None or (k == floor and floor > 0):
            break  # a title printed after the previous name (刘强教授、…) belongs to that name
        roles.insert(0, _role(text, k, j - 1 - len(split[0]), j - 1))
        j = k
    return roles


def _role(text: str, start: int, title_start: int, title_end: int) -> Role:
    org = _clean_org(text[start:title_start])
    org_start = start + text[start:title_start].rfind(org) if org else title_start
    return Role(text[title_start:title_end], org, (org_start, title_end), (title_start, title_end),
                (org_start, org_start + len(org)) if org else None)


def find_bylines(doc, article) -> list[PersonMention]:
    """Reporters and photographers from the bylines and photo credits of an article."""
    from hkcoop.ingest.pages import CREDIT, is_byline

    out = []
    text = doc.view.simplified
    blocks = doc.view.blocks
    for i in range(article.first, article.last + 1):
        block = blocks[i]
        credit = CREDIT.search(block.text)
        if not (is_byline(block.text) or (credit and len(block.text) <= 20)):
            # a credit whose names stand on the line before it (刘坤 陈文卿⏎摄影报道)
            continue
        bs, be = doc.view.block_span(i)
        spans = [(bs, be)]
        if credit and credit.start() == 0 and i > article.first and blocks[i].blank_before == 0:
            spans.insert(0, doc.view.block_span(i - 1))
        for s, e in spans:
            segment = text[s:e]
            role_words = list(BYLINE.finditer(segment))

            def role_before(pos):
                """The role token (大公报记者, 特聘首席记者) of the last role word before `pos`."""
                rw = next((r for r in reversed(role_words) if r.start() < pos), role_words[0] if role_words else None)
                if rw is None:
                    return None
                t0 = segment.rfind(" ", 0, rw.start()) + 1
                outlet = _outlet_in(segment[t0:rw.end()]) or doc.entry.outlet or ""
                return Role("记者", outlet, (s + t0, s + rw.end()), (s + t0, s + rw.end()))

            for tok in re.finditer(r"[\u4e00-\u9fff]+", segment):
                word = tok.group(0)
                # a role token with the name glued on (大公报记者吴俊宏): the name follows the role word
                rw_in = next((r for r in role_words if tok.start() <= r.start() < tok.end()), None)
                if rw_in is not None:
                    word, offset = segment[rw_in.end():tok.end()], rw_in.end()
                else:
                    offset = tok.start()
                if 2 <= len(word) <= 4 and read_name(word, 0) == word and not CREDIT.search(word):
                    p = s + offset
                    role = role_before(offset)
                    out.append(PersonMention(doc, word, p, p + len(word), [role] if role else [], True,
                                             "credit" if credit else "byline"))
    return out


INLINE_BYLINE = re.compile(r"[(（](?P<role>[^()（）]{0,12}?(?:记者|通讯员))\s*(?P<names>[\u4e00-\u9fff][\u4e00-\u9fff\s、]{1,30}?)[)）]")


def find_inline_bylines(doc, start: int, end: int) -> list[PersonMention]:
    """本报讯（记者 张三 李四）: reporters named in brackets inside the lead paragraph."""
    text = doc.view.simplified
    out = []
    for m in INLINE_BYLINE.finditer(text, start, end):
        role = Role("记者", _outlet_in(m["role"]) or doc.entry.outlet or "", m.span("role"), m.span("role"))
        for tok in re.finditer(r"[\u4e00-\u9fff]+", m["names"]):
            if 2 <= len(tok.group(0)) <= 4 and read_name(tok.group(0), 0) == tok.group(0):
                p = m.start("names") + tok.start()
                out.append(PersonMention(doc, tok.group(0), p, p + len(tok.group(0)), [role], True, "byline"))
    return out


def _outlet_in(segment: str) -> str:
    m = re.match(r"^[□\s]*([\u4e00-\u9fff]{2,4}?[报社台网])", segment)
    return m.group(1) if m else ""


@dataclass(frozen=True)
class NameCandidate:
    """A name the NER model tags as a person's, with everything that decides it but the names other articles know."""
    name_zh: str
    start: int
    end: int
    title: tuple[str, int] | None  # an office title printed right after it, the name opening a clause: (title, end)
    untitled_ok: bool  # three characters, not a place (某某区), and speaking or named twice in the document


def name_candidates(doc, start: int, end: int) -> list[NameCandidate]:
    """Names the NER model (hkcoop.extract.ner) tags as a person's and a known surname begins, not the start of an
    organization's name (某某集团, 某某基金会), not a surname and a title (金主任: a person named before,
    by their office). Per article and independent of every other article (hkcoop.extract.stage runs it in
    parallel and caches it); `find_by_model` decides with the names the corpus knows."""
    text = doc.view.simplified
    out = []
    counts: dict[str, int] = {}  # how often a word is in the document, counted once per word
    for word, begin, pos in _proposed(text, start, end):
        if not 2 <= len(word) <= 4 or read_name(word, 0) != word or ORG_AFTER_NAME.match(text, pos) or _surname_and_title(word):
            continue
        title = _title_pattern().match(text, pos)
        opens_clause = begin == start or text[begin - 1] in NAME_DELIMITERS or bool(CHAIN_START.search(text, max(start, begin - LOOK), begin))
        honorific = HONORIFIC_AFTER.match(text, pos)  # 香港大学刘某某教授, 团长何某某小姐: a person, wherever printed
        if (title and opens_clause or honorific) and not read_name(text, (title or honorific).end()):
            found = title if title and opens_clause else honorific
            out.append(NameCandidate(word, begin, pos, (found.group(0), found.end()), False))
            continue
        # in a list after a group noun (拜访了侨领A、B、C): named as one of them
        untitled_ok = bool(GROUP_LIST.search(text, max(start, begin - 40), begin)) and \
            (text[pos:pos + 1] in "、,，。;；及和等并" or text.startswith(("以及", "等人"), pos))
        if untitled_ok:
            out.append(NameCandidate(word, begin, pos, None, True))
            continue
        if len(word) == 3 and word[-1] not in PLACE_SUFFIX:
            clause_end = next((k for k in range(pos, min(len(text), pos + 40)) if text[k] in ",，。;；\n"), pos + 40)
            untitled_ok = any(text.startswith(v, pos) for v in SPEECH) or (
                opens_clause and any(v in text[pos:clause_end] for v in SPEECH + ("致辞",))) or _count(counts, text, word) >= 2
        out.append(NameCandidate(word, begin, pos, None, untitled_ok))
    return out


HONORIFIC_AFTER = re.compile("|".join(POST_TITLES + ("小姐",)))
# a group named, then its members listed without titles (侨领A、B, 嘉宾A、B): the list so far ends at the name
GROUP_LIST = re.compile(r"(?:侨领|乡亲|嘉宾|企业家|学者|专家|校友|青年代表|学生代表|代表)(?:[\u4e00-\u9fff]{2,4}、)*$")
HONORIFICS = POST_TITLES + ("小姐", "太太", "夫人", "老师", "主席", "同学")


def _surname_and_title(word: str) -> bool:
    """金主任, 刘省长, 高先生: a surname and an office title or an honorific, no given name."""
    sur = next((s for s in surnames() if word.startswith(s)), "")
    return bool(sur) and (_title_pattern().fullmatch(word, len(sur)) is not None or word[len(sur):] in HONORIFICS)


def _proposed(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """(word, start, end) of the names proposed in text[start:end]: by the NER model (hkcoop.extract.ner), or by
    jieba's posseg with HKCOOP_NAMES=jieba (the build before the model, kept to measure against)."""
    if os.environ.get("HKCOOP_NAMES") != "jieba":
        from hkcoop.extract.ner import person_names

        return person_names(text, start, end)
    import jieba.posseg as pseg

    out, pos = [], start
    for word, flag in pseg.lcut(text[start:end], HMM=True):
        if flag in PERSON_TAGS:
            out.append((word, pos, pos + len(word)))
        pos += len(word)
    return out


def _count(counts: dict[str, int], text: str, word: str) -> int:
    """How often `word` is in `text`, counted once per word (setdefault would count it at every call)."""
    if word not in counts:
        counts[word] = text.count(word)
    return counts[word]


def find_by_model(doc, candidates: list[NameCandidate], known: set[str], longest: int) -> list[PersonMention]:
    """Of the model's candidates (`name_candidates`), the people's mentions:
    - with an office title printed right after them (某某主任, 某某总书记): the title is their role;
    - untitled, three characters, and either speaking (a speech verb right after, or later in a clause
      the name opens: 某某在会上致辞时表示) or named twice in the document.
    A helper signal only: names found with their titles (`known`) are not found again, nor is the start or
    the end of a longer known name (`longest`: the length of the longest known name; 林郑某某, not 郑某某)."""
    text = doc.view.simplified
    out = []
    for c in candidates:
        if c.name_zh in known or any(text[c.start:c.start + n] in known or text[max(0, c.end - n):c.end] in known
                                     for n in range(len(c.name_zh) + 1, longest + 1)):
            continue
        if c.title:
            span = (c.end, c.title[1])
            out.append(PersonMention(doc, c.name_zh, c.start, c.end, [Role(c.title[0], "", span, span)], source="post_title"))
        elif c.untitled_ok:
            out.append(PersonMention(doc, c.name_zh, c.start, c.end, [], source="jieba"))
    return out


def titled_mentions(doc, article, start: int, end: int) -> list[PersonMention]:
    """The people an article names with a title, in a byline or a credit: per article, independent of
    every other article."""
    return _dedupe(find_titled(doc, start, end) + find_bylines(doc, article) + find_inline_bylines(doc, start, end))


def _dedupe(mentions: list[PersonMention]) -> list[PersonMention]:
    seen, out = set(), []
    for m in mentions:
        if (m.start, m.end) not in seen:
            seen.add((m.start, m.end))
            out.append(m)
    return out


def jurisdiction_of(org: str, title: str) -> str:
    """HKSAR, central, a province or city by name, or unknown."""
    kinds = {r["title"]: r["kind"] for r in rows("titles.csv")}
    if kinds.get(title) in ("business", "academic", "organisation", "media", "occupation") or \
            re.search(r"公司|集团|大学|学院|商会|协会|联会|报社|银行|医院|[报社]$", org):
        return "none"
    if org.startswith(("澳门", "澳門")):
        return "Macao SAR"
    hk_markers = ("香港", "特区", "特别行政区", "律政司", "政务司", "财政司", "立法会", "行政长官办公室")
    if "立法会" in title:
        return "HKSAR"
    if any(k in org for k in hk_markers) or title in ("行政长官", "特首", "司长") or re.search(r"(?:事务|发展)?局$", org) \
            and not re.search(r"[省市区县]", org):
        return "HKSAR"
    if org.startswith(("中央", "国务院", "中共中央", "全国")):
        return "central"
    full = sorted(set(jurisdictions().values()), key=len, reverse=True)
    for name in full:
        if org.startswith(name):
            return name
    m = re.match(r"^([\u4e00-\u9fff]{2,4}?)(?:省|市|区|县)", org)
    return m.group(1) if m else "unknown"


