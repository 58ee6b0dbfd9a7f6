"""Pinned facts (checks/pinned_facts.yaml): what the release guarantees about particular source texts.

A fact applies when the package was built from its source file (same sha256); its quote must then be in
that raw text, and the tables must hold what it says. Each applicable fact gives one outcome (rule
`pinned:<id>`), published with the content rules' outcomes; a failing one blocks the build.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import yaml

from hkcoop.errors import InputError
from hkcoop.quality.consistency import Outcome

PINNED = Path(__file__).resolve().parents[3] / "checks" / "pinned_facts.yaml"
KINDS = {"areas": ("framework_id", "count"), "stated_total": ("event_id", "indicator", "value"),
         "agreements": ("event_id", "count"), "event_date": ("event_id", "date")}


@lru_cache(maxsize=None)
def load(path: Path = PINNED) -> tuple[dict, ...]:
    """The facts, each checked for the keys its kind needs."""
    try:
        data = yaml.safe_load(Path(path).read_text("utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(path, f"pinned facts unreadable: {exc}") from None
    facts = data.get("facts") if isinstance(data, dict) else None
    if not isinstance(facts, list):
        raise InputError(path, "expected a mapping with a list under 'facts:'")
    seen = set()
    for i, f in enumerate(facts, 1):
        kind = (f.get("check") or {}).get("kind") if isinstance(f, dict) else None
        if kind not in KINDS:
            raise InputError(path, f"facts[{i}]: expected check.kind in {', '.join(KINDS)}, found {kind!r}")
        missing = [k for k in ("id", "statement", "source") if not f.get(k)] + \
                  [k for k in ("file", "sha256", "quote") if not (f.get("source") or {}).get(k)] + \
                  [k for k in KINDS[kind] if (f["check"].get(k) is None)]
        if missing:
            raise InputError(path, f"facts[{i}] ({f.get('id')}): missing {', '.join(missing)}")
        if f["id"] in seen:
            raise InputError(path, f"facts[{i}]: duplicate id {f['id']!r}")
        seen.add(f["id"])
    return tuple(facts)


def evaluate(tables: dict[str, list[dict]], raw_by_sha256: dict[str, str], facts=None) -> list[Outcome]:
    """One outcome per fact whose source file is in the package (tables hold CSV rows as text)."""
    docs = {d["sha256"]: d["doc_id"] for d in tables.get("documents", [])}
    out = []
    for fact in facts if facts is not None else load():
        source, check = fact["source"], fact["check"]
        doc_id = docs.get(source["sha256"])
        if doc_id is None:
            continue  # built from other texts: the fact does not apply
        problems = []
        raw = raw_by_sha256.get(source["sha256"])
        if raw is not None and source["quote"] not in raw:
            problems.append(f"its evidence {source['quote']!r} is not in {source['file']}")
        problems += CHECKS[check["kind"]](tables, check, doc_id)
        table, key, subject = ("sectors", "framework_id", check["framework_id"]) \
            if check["kind"] == "areas" else ("events", "event_id", check["event_id"])
        status = "fail" if problems else "pass"
        message = f"{fact['statement']} — " + ("; ".join(problems) if problems else "holds")
        out.append(Outcome(f"pinned:{fact['id']}", table, key, subject, status, message))
    return out


def _areas(tables, check, _doc_id) -> list[str]:
    rows = [s for s in tables.get("sectors", []) if s["framework_id"] == check["framework_id"]]
    problems = []
    if len(rows) != check["count"]:
        problems.append(f"{len(rows)} areas in the table, {check['count']} pinned")
    if check.get("numbered"):
        numbers = sorted(int(s["number"]) for s in rows if s["number"])
        if numbers != list(range(1, check["count"] + 1)):
            problems.append(f"numbered {numbers}, pinned 1..{check['count']}")
    return problems


def _stated_total(tables, check, doc_id) -> list[str]:
    rows = [m for m in tables.get("metrics", []) if m["event_id"] == check["event_id"]
            and m["indicator"] == check["indicator"] and m["doc_id"] == doc_id]
    if not rows:
        return [f"no {check['indicator']} stated for the event in {doc_id}"]
    values = sorted({float(m["value"]) for m in rows})
    return [] if values == [float(check["value"])] else [f"{check['indicator']} {values}, pinned {check['value']}"]


def _agreements(tables, check, _doc_id) -> list[str]:
    rows = [a for a in tables.get("agreements", []) if a["event_id"] == check["event_id"]
            and a["is_earlier_agreement"] != "true"]
    problems = [] if len(rows) == check["count"] else [f"{len(rows)} documents signed, {check['count']} pinned"]
    if "listed_under" in check:
        totals = {m["metric_id"] for m in tables.get("metrics", []) if m["event_id"] == check["event_id"]
                  and m["indicator"] == check["indicator"]}
        under = defaultdict(int)
        for a in rows:
            if a["listed_under_metric_id"] in totals:
                under[a["listed_under_metric_id"]] += 1
        if sum(under.values()) != check["listed_under"]:
            problems.append(f"{sum(under.values())} listed under the stated {check['indicator']}, "
                            f"{check['listed_under']} pinned")
    return problems


def _event_date(tables, check, _doc_id) -> list[str]:
    event = next((e for e in tables.get("events", []) if e["event_id"] == check["event_id"]), None)
    if event is None:
        return [f"no event {check['event_id']}"]
    want = check["date"].isoformat() if isinstance(check["date"], dt.date) else str(check["date"])
    got = (event["start_date"], event["end_date"])
    return [] if got == (want, want) else [f"dated {got[0] or 'unknown'}..{got[1] or 'unknown'}, pinned {want}"]


CHECKS = {"areas": _areas, "stated_total": _stated_total, "agreements": _agreements, "event_date": _event_date}
