"""Consistency rules: what the texts state about themselves against the rows built from them.

Each rule reads the built tables (CSV rows as text) and returns failures and warnings; validate.py runs
them. A failure stops the build; a warning is printed and kept in the report, with its reason.
"""

from __future__ import annotations

from collections import defaultdict

STRUCTURED_FORMS = {"heading_markdown", "heading_underlined", "heading_bracketed", "numbered"}


def _num(value: str) -> float:
    return float(value)


def _stated(tables, indicator):
    """event_id -> [(value, metric row)] for a stated-total indicator."""
    out = defaultdict(list)
    for m in tables.get("metrics", []):
        if m["indicator"] == indicator and m["event_id"]:
            out[m["event_id"]].append((_num(m["value"]), m))
    return out


def sector_numbering(tables):
    """Per framework, the areas are numbered 1..N with none missing or doubled."""
    fails = []
    by_fw = defaultdict(list)
    for s in tables.get("sectors", []):
        by_fw[s["framework_event_id"]].append(int(s["number"]))
    for fw, numbers in sorted(by_fw.items()):
        doubled = sorted({n for n in numbers if numbers.count(n) > 1})
        missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        if doubled:
            fails.append(f"{fw}: area number(s) {doubled} doubled")
        if missing:
            fails.append(f"{fw}: area number(s) {missing} missing from 1..{max(numbers)}")
    return fails, [], f"{len(by_fw)} framework(s) numbered 1..N without gaps or doubles"


def sectors_vs_stated(tables):
    """Per framework, the areas listed equal every stated count of areas (a complete list), or at most
    it when the text names only some of them inline."""
    fails, warns = [], []
    listed = defaultdict(list)
    for s in tables.get("sectors", []):
        listed[s["framework_event_id"]].append(s)
    stated = _stated(tables, "cooperation_areas")
    for fw in sorted(set(listed) | set(stated)):
        rows = listed.get(fw, [])
        n = len(rows)
        structured = any(s["list_form"] in STRUCTURED_FORMS for s in rows)
        for value, m in stated.get(fw, []):
            if n == 0:
                warns.append(f"{fw}: {m['doc_id']} states {value:g} areas ({m['quote']}) but lists none")
            elif n > value:
                fails.append(f"{fw}: {n} areas listed but {m['doc_id']} states {value:g} ({m['quote']})")
            elif n < value and structured:
                fails.append(f"{fw}: {n} areas listed but {m['doc_id']} states {value:g} ({m['quote']})")
            elif n < value:
                warns.append(f"{fw}: the text names {n} of the {value:g} areas it states ({m['quote']})")
        if rows and fw not in stated:
            warns.append(f"{fw}: {n} areas listed, but no document states how many there are")
    return fails, warns, f"areas listed equal the stated counts ({sum(len(v) for v in stated.values())} stated)"


def stated_totals_agree(tables):
    """The same fact (fact_id: a stated total of an event, or a figure with the same indicator, subject,
    unit and period) has the same value in every document that reports it."""
    warns = []
    by_fact = defaultdict(list)
    for m in tables.get("metrics", []):
        if m["fact_id"]:
            by_fact[m["fact_id"]].append(m)
    n_multi = 0
    for fact, rows in sorted(by_fact.items()):
        by_doc = defaultdict(set)
        for r in rows:
            by_doc[r["doc_id"]].add(_num(r["value"]))
        if len(by_doc) < 2:
            continue  # one source: nothing to reconcile
        n_multi += 1
        if len({frozenset(v) for v in by_doc.values()}) > 1:
            detail = "; ".join(f"{r['doc_id']}: {r['value_as_reported']} ({r['quote']})" for r in rows)
            warns.append(f"{fact}: sources disagree — {detail}")
    return [], warns, f"{n_multi} fact(s) stated in more than one document agree"


def listed_documents(tables):
    """Documents enumerated under a stated total (亦签署四份合作文件:) are as many as it says; documents
    listed for an event are no more than the total stated for it."""
    fails = []
    metrics = {m["metric_id"]: m for m in tables.get("metrics", [])}
    under = defaultdict(int)
    for a in tables.get("agreements", []):
        if a["listed_under_metric_id"]:
            under[a["listed_under_metric_id"]] += 1
    for mid, n in sorted(under.items()):
        value = _num(metrics[mid]["value"]) if mid in metrics else None
        if value is None or n != value:
            fails.append(f"{mid}: {n} documents listed under a stated total of {value} ({metrics.get(mid, {}).get('quote')})")
    listed = defaultdict(int)
    for a in tables.get("agreements", []):
        if a["event_id"] and a["is_earlier_agreement"] != "true":
            listed[a["event_id"]] += 1
    for event, totals in sorted(_stated(tables, "documents_signed").items()):
        for value, m in totals:
            if listed[event] > value:
                fails.append(f"{event}: {listed[event]} documents listed but {m['doc_id']} states {value:g} ({m['quote']})")
    return fails, [], f"{len(under)} enumerated list(s) match their stated totals; listed ≤ stated for every event"


def projects_vs_measures(tables):
    """A stated number of projects against the measures printed: a known, explained discrepancy when a
    report prints a selection (the press box prints fewer measures than the projects agreed)."""
    warns = []
    measures = defaultdict(int)
    sector_fw = {s["sector_id"]: s["framework_event_id"] for s in tables.get("sectors", [])}
    for m in tables.get("sector_measures", []):
        measures[sector_fw.get(m["sector_id"])] += 1
    for event, totals in sorted(_stated(tables, "projects").items()):
        for value, m in totals:
            if measures[event] != value:
                warns.append(f"{event}: {m['doc_id']} states {value:g} projects ({m['quote']}); {measures[event]} "
                             f"measures are printed under its areas — the report prints a selection, not all projects")
    return [], warns, "stated projects equal the measures printed"


def event_dates_in_window(tables):
    """An event reported by a document took place before the document was published (a day's grace
    for time zones), and within the year before it unless the text marks it as past."""
    import datetime as dt

    fails, warns = [], []
    docs = {d["doc_id"]: d for d in tables.get("documents", [])}
    reporters = defaultdict(set)
    for m in tables.get("mentions", []):
        if m["table_name"] == "events":
            reporters[m["row_id"]].add(m["doc_id"])
    n = 0
    for e in tables.get("events", []):
        if not e["start_date"]:
            continue
        start = dt.date.fromisoformat(e["start_date"])
        for doc_id in sorted(reporters[e["event_id"]]):
            d = docs.get(doc_id, {})
            published = d.get("published") or ""
            ref = dt.date.fromisoformat(published or d.get("not_before") or e["start_date"])
            n += 1
            if published and start > ref + dt.timedelta(days=1):
                fails.append(f"{e['event_id']}: starts {start}, after {doc_id} was published ({ref})")
            elif start < ref - dt.timedelta(days=366):
                warns.append(f"{e['event_id']}: starts {start}, more than a year before {doc_id} ({ref})")
    return fails, warns, f"{n} (event, report) date(s) inside the publication window"


def one_person_one_script(tables):
    """A person is one row whatever the script: the simplified name equals the simplified original."""
    from hkcoop.script import to_simplified

    fails = []
    for p in tables.get("people", []):
        if to_simplified(p["name_original"]) != p["name_zh"] or to_simplified(p["name_zh"]) != p["name_zh"]:
            fails.append(f"{p['person_id']}: name_zh {p['name_zh']} is not the simplified form of {p['name_original']}")
    return fails, [], f"{len(tables.get('people', []))} people, each once across scripts"


RULES = [sector_numbering, sectors_vs_stated, stated_totals_agree, listed_documents, projects_vs_measures,
         event_dates_in_window, one_person_one_script]


def run(tables):
    """[(rule name, failures, warnings, message when it passes)]."""
    return [(rule.__name__, *rule(tables)) for rule in RULES]
