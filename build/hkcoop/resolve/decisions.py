"""Human decisions: the one reviewed file where a person overrides extraction (reference/decisions.yaml).

Each entry has an `action`, its target, a `reason` and `evidence` (a document and a quote from it), and is
applied deterministically after extraction, before export:

- ``reject``: drop a row (a false positive), with its evidence and the rows that point at it;
- ``set``: correct one field of a row;
- ``alias``: merge one person into another (a nickname, a known misspelling): roles, participation and
  evidence move to the person kept.

A decision whose target no longer exists is reported as stale (a warning), never silently ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from hkcoop.errors import InputError

PATH = Path(__file__).resolve().parents[3] / "reference" / "decisions.yaml"
ACTIONS = {"reject", "set", "alias"}
KEYS = {"events": "event_id", "people": "person_id", "sectors": "sector_id", "agreements": "agreement_id",
        "metrics": "metric_id", "articles": "article_id", "sector_measures": "measure_id"}
# rows that point at a row of these tables by its key
REFERRERS = {"people": [("person_roles", "person_id"), ("event_participants", "person_id")],
             "events": [("event_participants", "event_id")],
             "sectors": [("sector_measures", "sector_id")]}


@dataclass(frozen=True)
class Decision:
    action: str
    table: str
    row_id: str
    reason: str
    evidence_doc: str
    evidence_quote: str
    field: str | None = None
    value: object = None
    into: str | None = None


def load(path: Path = PATH) -> list[Decision]:
    if not path.exists():
        return []
    try:
        data = yaml.safe_load(path.read_text("utf-8")) or {}
    except yaml.YAMLError as exc:
        raise InputError(path, f"not valid YAML: {exc}") from None
    out = []
    for i, d in enumerate(data.get("decisions") or [], 1):
        where = f"decisions[{i}]"
        missing = [k for k in ("action", "table", "row_id", "reason", "evidence") if not d.get(k)]
        if missing:
            raise InputError(path, f"{where}: missing {', '.join(missing)} (every decision needs a reason and evidence)")
        if d["action"] not in ACTIONS:
            raise InputError(path, f"{where}: unknown action {d['action']!r} (use {', '.join(sorted(ACTIONS))})")
        if d["table"] not in KEYS:
            raise InputError(path, f"{where}: decisions apply to {', '.join(sorted(KEYS))}, not {d['table']!r}")
        if d["action"] == "set" and "field" not in d:
            raise InputError(path, f"{where}: 'set' needs a field and a value")
        if d["action"] == "alias" and (d["table"] != "people" or not d.get("into")):
            raise InputError(path, f"{where}: 'alias' merges people: give table: people and into: <person_id>")
        ev = d["evidence"]
        if not isinstance(ev, dict) or not ev.get("doc_id") or not ev.get("quote"):
            raise InputError(path, f"{where}: evidence needs doc_id and quote")
        out.append(Decision(d["action"], d["table"], str(d["row_id"]), d["reason"], ev["doc_id"], ev["quote"],
                            d.get("field"), d.get("value"), d.get("into")))
    return out


def apply(rows: dict[str, list[dict]], decisions: list[Decision]) -> list[str]:
    """Apply the decisions to the built rows in place; return warnings for stale ones."""
    warnings = []
    for d in decisions:
        key = KEYS[d.table]
        target = next((r for r in rows.get(d.table, []) if r[key] == d.row_id), None)
        if target is None or (d.action == "alias" and not any(r[key] == d.into for r in rows["people"])):
            warnings.append(f"stale decision ({d.action} {d.table} {d.row_id}): no such row any more — {d.reason}")
            continue
        if d.action == "set":
            if d.field not in target:
                warnings.append(f"stale decision (set {d.table} {d.row_id}): no field {d.field!r}")
                continue
            target[d.field] = d.value
        elif d.action == "reject":
            rows[d.table] = [r for r in rows[d.table] if r[key] != d.row_id]
            for table, column in REFERRERS.get(d.table, []):
                rows[table] = [r for r in rows.get(table, []) if r[column] != d.row_id]
            rows["mentions"] = [m for m in rows["mentions"] if not _names(m, d.table, d.row_id)]
        elif d.action == "alias":
            rows["people"] = [r for r in rows["people"] if r["person_id"] != d.row_id]
            for table, column in REFERRERS["people"]:
                moved = [{**r, column: d.into} if r[column] == d.row_id else r for r in rows.get(table, [])]
                key_cols = ("event_id", "person_id") if table == "event_participants" else \
                    ("person_id", "title_zh", "organization_zh")
                rows[table] = list({tuple(r[c] for c in key_cols): r for r in moved}.values())
            for m in rows["mentions"]:
                if _names(m, "people", d.row_id):
                    m["row_id"] = "|".join(d.into if part == d.row_id else part for part in m["row_id"].split("|"))
            _recount(rows, d.into)
    return warnings


def _names(mention: dict, table: str, row_id: str) -> bool:
    """Whether a mention is evidence for the row, or for a row that points at it (composite keys)."""
    if mention["table_name"] == table:
        return mention["row_id"] == row_id
    return any(mention["table_name"] == t for t, _ in REFERRERS.get(table, [])) and row_id in mention["row_id"].split("|")


def _recount(rows: dict, person_id: str) -> None:
    mentions = [m for m in rows["mentions"] if m["table_name"] == "people" and m["row_id"] == person_id]
    for r in rows["people"]:
        if r["person_id"] == person_id:
            r["n_mentions"] = len(mentions)
            r["n_documents"] = len({m["doc_id"] for m in mentions})
            r["is_mentioned_in_passing"] = len(mentions) == 1
