"""Content rules: what the texts state about themselves against the rows built from them.

Each rule reads the built tables (CSV rows as text) and gives one outcome per subject it judges (a
framework, an event, a fact, a person): pass, warn or fail, with the reason. The outcomes are published
with the data (table `check_outcomes`) so that a user can drop, say, a framework whose list is
incomplete. Whether a failing outcome blocks the build is decided in hkcoop.quality.validate from the threshold
declared beside the rule in checks/content_rules.csv, and from the pinned facts (hkcoop.quality.pinned).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from hkcoop.errors import InputError

THRESHOLDS = Path(__file__).resolve().parents[3] / "checks" / "content_rules.csv"

STRUCTURED_FORMS = {"heading_markdown", "heading_underlined", "heading_bracketed", "numbered"}
RANK = {"pass": 0, "warn": 1, "fail": 2}


@dataclass(frozen=True)
class Outcome:
    rule: str
    subject_table: str  # the table holding the subject
    subject_key: str  # the column that names it there (event_id, fact_id, person_id, metric_id)
    subject_id: str
    status: str  # pass | warn | fail
    message: str

    def row(self) -> dict:
        return dict(self.__dict__)


def _num(value: str) -> float:
    return float(value)


def _worst(rule, table, key, subject, results: list[tuple[str, str]], ok: str) -> Outcome:
    """One outcome for a subject from its (status, message) findings: the worst status, every message."""
    bad = [(s, m) for s, m in results if s != "pass"]
    if not bad:
        return Outcome(rule, table, key, subject, "pass", ok)
    status = max((s for s, _ in bad), key=RANK.get)
    return Outcome(rule, table, key, subject, status, "; ".join(dict.fromkeys(m for _, m in bad)))


def _stated(tables, indicator):
    """event_id -> [(value, metric row)] for a stated-total indicator."""
    out = defaultdict(list)
    for m in tables.get("metrics", []):
        if m["indicator"] == indicator and m["event_id"]:
            out[m["event_id"]].append((_num(m["value"]), m))
    return out


def sector_numbering(tables):
    """Per framework whose source prints numbers, the areas are numbered 1..N with none missing or doubled."""
    by_fw = defaultdict(list)
    for s in tables.get("sectors", []):
        if s["number"]:
            by_fw[s["framework_id"]].append(int(s["number"]))
    out = []
    for fw, numbers in sorted(by_fw.items()):
        found = []
        doubled = sorted({n for n in numbers if numbers.count(n) > 1})
        missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        if doubled:
            found.append(("fail", f"{fw}: area number(s) {doubled} doubled"))
        if missing:
            found.append(("fail", f"{fw}: area number(s) {missing} missing from 1..{max(numbers)}"))
        out.append(_worst("sector_numbering", "sectors", "framework_id", fw, found,
                          f"areas numbered 1..{max(numbers)} without gaps or doubles"))
    return out


def sectors_vs_stated(tables):
    """Per framework, the areas listed equal every stated count of areas when the list is complete (printed
    as headings or numbered lines), or are at most that count when the text names some of them inline."""
    listed = defaultdict(list)
    for s in tables.get("sectors", []):
        listed[s["framework_id"]].append(s)
    stated = defaultdict(list)
    for m in tables.get("metrics", []):
        if m["indicator"] == "cooperation_areas" and m["framework_id"]:
            stated[m["framework_id"]].append((_num(m["value"]), m))
    out = []
    for fw in sorted(set(listed) | set(stated)):
        rows = listed.get(fw, [])
        n = len(rows)
        structured = any(s["list_form"] in STRUCTURED_FORMS for s in rows)
        found = []
        for value, m in stated.get(fw, []):
            if n == 0:
                found.append(("warn", f"{fw}: {m['doc_id']} states {value:g} areas ({m['quote']}) but lists none"))
            elif n > value:
                found.append(("fail", f"{fw}: {n} areas listed but {m['doc_id']} states {value:g} ({m['quote']})"))
            elif n < value and structured:
                found.append(("fail", f"{fw}: {n} areas listed but {m['doc_id']} states {value:g} ({m['quote']})"))
            elif n < value:
                found.append(("warn", f"{fw}: the text names {n} of the {value:g} areas it states ({m['quote']})"))
        if rows and fw not in stated:
            found.append(("warn", f"{fw}: {n} areas listed, but no document states how many there are"))
        out.append(_worst("sectors_vs_stated", "sectors", "framework_id", fw, found,
                          f"{n} areas listed, as stated"))
    return out


def stated_totals_agree(tables):
    """The same fact (fact_id: a stated total of an event, or a figure with the same indicator, subject,
    unit and period) has the same value in every document that reports it; when sources disagree, the
    outcome warns with both values (the sources disagree, not the build)."""
    by_fact = defaultdict(list)
    for m in tables.get("metrics", []):
        if m["fact_id"]:
            by_fact[m["fact_id"]].append(m)
    out = []
    for fact, rows in sorted(by_fact.items()):
        by_doc = defaultdict(set)
        for r in rows:
            by_doc[r["doc_id"]].add(_num(r["value"]))
        if len(by_doc) < 2:
            continue  # one source: nothing to reconcile
        found = []
        if len({frozenset(v) for v in by_doc.values()}) > 1:
            detail = "; ".join(f"{r['doc_id']}: {r['value_as_reported']} ({r['quote']})" for r in rows)
            found.append(("warn", f"{fact}: sources disagree — {detail}"))
        out.append(_worst("stated_totals_agree", "metrics", "fact_id", fact, found,
                          f"{len(by_doc)} documents state the same value"))
    return out


def listed_documents(tables):
    """Documents enumerated under a stated total (亦签署四份合作文件:) are as many as it says; documents
    listed for an event are no more than the total stated for it."""
    out = []
    metrics = {m["metric_id"]: m for m in tables.get("metrics", [])}
    under = defaultdict(int)
    for a in tables.get("agreements", []):
        if a["listed_under_metric_id"]:
            under[a["listed_under_metric_id"]] += 1
    for mid, n in sorted(under.items()):
        value = _num(metrics[mid]["value"]) if mid in metrics else None
        found = []
        if value is None or n != value:
            found.append(("fail", f"{mid}: {n} documents listed under a stated total of {value} "
                                  f"({metrics.get(mid, {}).get('quote')})"))
        out.append(_worst("listed_documents", "metrics", "metric_id", mid, found,
                          f"{n} documents listed under a stated total of {n}"))
    listed = defaultdict(int)
    for a in tables.get("agreements", []):
        if a["event_id"] and a["is_earlier_agreement"] != "true":
            listed[a["event_id"]] += 1
    for event, totals in sorted(_stated(tables, "documents_signed").items()):
        found = [("fail", f"{event}: {listed[event]} documents listed but {m['doc_id']} states {value:g} "
                          f"({m['quote']})") for value, m in totals if listed[event] > value]
        out.append(_worst("listed_documents", "events", "event_id", event, found,
                          f"{listed[event]} documents listed, no more than stated"))
    return out


def projects_vs_measures(tables):
    """A stated number of projects against the measures printed under the event's areas, where any are: a
    known, explained discrepancy when a report prints a selection (fewer measures than projects agreed)."""
    measures = defaultdict(int)
    sector_fw = {s["sector_id"]: s["framework_event_id"] for s in tables.get("sectors", [])}
    for m in tables.get("sector_measures", []):
        measures[sector_fw.get(m["sector_id"])] += 1
    out = []
    for event, totals in sorted(_stated(tables, "projects").items()):
        if not measures[event]:
            continue  # no measures printed for it: nothing to compare
        found = [("warn", f"{event}: {m['doc_id']} states {value:g} projects ({m['quote']}); {measures[event]} "
                          f"measures are printed under its areas — the report prints a selection, not all projects")
                 for value, m in totals if measures[event] != value]
        out.append(_worst("projects_vs_measures", "events", "event_id", event, found,
                          f"{measures[event]} measures printed, as many as the projects stated"))
    return out


def event_dates_in_window(tables):
    """An event reported by a document took place before the document was published (a day's grace for
    time zones), and within the year before it; an event dated after its report is a misread date, unless
    the text announces it (is_announced: 将于…举行)."""
    docs = {d["doc_id"]: d for d in tables.get("documents", [])}
    reporters = defaultdict(set)
    for m in tables.get("mentions", []):
        if m["table_name"] == "events":
            reporters[m["row_id"]].add(m["doc_id"])
    out = []
    for e in tables.get("events", []):
        if not e["start_date"]:
            continue
        start = dt.date.fromisoformat(e["start_date"])
        found = []
        for doc_id in sorted(reporters[e["event_id"]]):
            d = docs.get(doc_id, {})
            published = d.get("published") or ""
            ref = dt.date.fromisoformat(published or d.get("not_before") or e["start_date"])
            if published and start > ref + dt.timedelta(days=1) and e.get("is_announced") != "true":
                found.append(("fail", f"{e['event_id']}: starts {start}, after {doc_id} was published ({ref})"))
            elif start < ref - dt.timedelta(days=366):
                found.append(("warn", f"{e['event_id']}: starts {start}, more than a year before {doc_id} ({ref})"))
        out.append(_worst("event_dates_in_window", "events", "event_id", e["event_id"], found,
                          f"starts {start}, inside the publication window of its reports"))
    return out


def one_person_one_script(tables):
    """A person is one row whatever the script: the simplified name equals the simplified original."""
    from hkcoop.ingest.script import to_simplified

    out = []
    for p in tables.get("people", []):
        found = []
        if to_simplified(p["name_original"]) != p["name_zh"] or to_simplified(p["name_zh"]) != p["name_zh"]:
            found.append(("fail", f"{p['person_id']}: name_zh {p['name_zh']} is not the simplified form of "
                                  f"{p['name_original']}"))
        out.append(_worst("one_person_one_script", "people", "person_id", p["person_id"], found,
                          "one row across scripts"))
    return out


RULES = [sector_numbering, sectors_vs_stated, stated_totals_agree, listed_documents, projects_vs_measures,
         event_dates_in_window, one_person_one_script]


def outcomes(tables) -> list[Outcome]:
    """Every rule's outcome for every subject, in rule order then subject order."""
    return [o for rule in RULES for o in rule(tables)]


@dataclass(frozen=True)
class Threshold:
    max_fail_share: float  # the largest share of its subjects that may fail
    min_failures: int  # and the fewest failing subjects that make the rule fail the package

    def blocks(self, failures: int, subjects: int) -> bool:
        return failures >= self.min_failures and subjects > 0 and failures / subjects > self.max_fail_share


@lru_cache(maxsize=None)
def thresholds(path: Path = THRESHOLDS) -> dict[str, Threshold]:
    """rule -> when its failing subjects fail the package (checks/content_rules.csv)."""
    with Path(path).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = {}
    for line, r in enumerate(rows, start=2):
        try:
            share, least = float(r["max_fail_share"]), int(r["min_failures"])
        except (TypeError, ValueError, KeyError):
            raise InputError(path, f"line {line}: expected max_fail_share between 0 and 1 and min_failures a whole "
                                   f"number, found {r.get('max_fail_share')!r} and {r.get('min_failures')!r}") from None
        if not 0 <= share <= 1 or least < 1 or not (r.get("reason") or "").strip():
            raise InputError(path, f"line {line}: expected max_fail_share between 0 and 1, min_failures at least 1 "
                                   f"and a reason, found {share}, {least} and {r.get('reason')!r}")
        out[r["rule"]] = Threshold(share, least)
    missing = [rule.__name__ for rule in RULES if rule.__name__ not in out]
    if missing:
        raise InputError(path, f"expected a threshold for every content rule, found none for {', '.join(missing)}")
    return out
