"""The validation report: the checks and outcomes of a validation (Report), and its machine-readable JSON and
self-contained HTML page (no CDN, no scripts), written to <package folder>/reports/. Deterministic: no
timestamps, no paths. Light to import: a no-op build reads the stored report back with nothing else."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from pathlib import Path


SAMPLE = 10
FEW = 3  # subjects named in a one-line message; the rest are counted
WIDTH = 400  # characters of one subject's message in a one-line message


def shorten(text: str, width: int = WIDTH) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[:width - 1] + "…"


def listing(items: list, few: int = FEW) -> str:
    """The first `few` items, each shortened, and how many more there are: for a message of one line."""
    shown = "; ".join(shorten(i) for i in items[:few])
    return shown + (f"; and {len(items) - few} more" if len(items) > few else "")


@dataclass
class Check:
    name: str
    status: str  # pass | warn | fail
    message: str
    failures: list = field(default_factory=list)


@dataclass
class Report:
    checks: list[Check] = field(default_factory=list)
    outcomes: list[dict] = field(default_factory=list)  # content rules and pinned facts, per subject

    def add(self, name: str, problems: list, message_ok: str, *, warn: bool = False) -> None:
        if problems:
            status = "warn" if warn else "fail"
            self.checks.append(Check(name, status, f"{len(problems)} problem(s): {listing(problems)}", problems[:SAMPLE]))
        else:
            self.checks.append(Check(name, "pass", message_ok))

    def count(self, status: str) -> int:
        return sum(1 for c in self.checks if c.status == status)

    @property
    def ok(self) -> bool:
        return self.count("fail") == 0

    def by_kind(self) -> dict[str, dict[str, int]]:
        """{kind: {pass: n, warn: n, fail: n}}, the kind being the part of a check's name before ':'."""
        kinds: dict[str, dict[str, int]] = {}
        for c in self.checks:
            k = kinds.setdefault(c.name.split(":")[0], {"pass": 0, "warn": 0, "fail": 0})
            k[c.status] += 1
        return kinds

    def outcomes_by_rule(self) -> dict[str, dict[str, int]]:
        rules: dict[str, dict[str, int]] = {}
        for o in self.outcomes:
            rules.setdefault(o["rule"], {"pass": 0, "warn": 0, "fail": 0})[o["status"]] += 1
        return rules

    @classmethod
    def from_dict(cls, d: dict) -> "Report":
        """A report read back from `to_dict` (its passing outcomes are not kept there)."""
        return cls([Check(**c) for c in d["checks"]], list(d["outcomes"]))

    def to_dict(self) -> dict:
        return {"passed": self.count("pass"), "warned": self.count("warn"), "failed": self.count("fail"),
                "by_kind": self.by_kind(), "checks": [c.__dict__ for c in self.checks],
                "outcomes_by_rule": self.outcomes_by_rule(),
                "outcomes": [o for o in self.outcomes if o["status"] != "pass"]}


CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2rem;color:#1b1f24}
h1{font-size:1.4rem}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d0d7de;padding:.4rem .6rem;
text-align:left;vertical-align:top}th{background:#f6f8fa}.pass{color:#116329}.warn{color:#9a6700}.fail{color:#cf222e}
.badge{font-weight:700;text-transform:uppercase;font-size:.8rem}ul{margin:.2rem 0 0 1rem;padding:0}
.summary span{margin-right:1.5rem;font-weight:600}code{font-size:.85rem}
"""


def write_reports(report: Report, folder: Path) -> tuple[Path, Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    data = report.to_dict()
    json_path = folder / "validation.json"
    json_path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    html_path = folder / "validation.html"
    html_path.write_text(render_html(data), encoding="utf-8")
    return json_path, html_path


def render_html(data: dict) -> str:
    e = html.escape
    kinds = "".join(f"<tr><td>{e(k)}</td><td class=pass>{v['pass']}</td><td class=warn>{v['warn']}</td>"
                    f"<td class=fail>{v['fail']}</td></tr>" for k, v in sorted(data["by_kind"].items()))
    rows = []
    for c in sorted(data["checks"], key=lambda c: ({"fail": 0, "warn": 1, "pass": 2}[c["status"]], c["name"])):
        items = "".join(f"<li><code>{e(str(f))}</code></li>" for f in c["failures"])
        rows.append(f"<tr id='{e(c['name'])}'><td><span class='badge {c['status']}'>{c['status']}</span></td>"
                    f"<td>{e(c['name'])}</td><td>{e(c['message'])}{'<ul>' + items + '</ul>' if items else ''}</td></tr>")
    counts = "".join(f"<tr><td>{e(rule)}</td><td class=pass>{v['pass']}</td><td class=warn>{v['warn']}</td>"
                     f"<td class=fail>{v['fail']}</td></tr>" for rule, v in sorted(data.get("outcomes_by_rule", {}).items()))
    flagged = "".join(f"<tr><td><span class='badge {o['status']}'>{o['status']}</span></td><td>{e(o['rule'])}</td>"
                      f"<td><code>{e(o['subject_table'])}.{e(o['subject_key'])} = {e(o['subject_id'])}</code></td>"
                      f"<td>{e(o['message'])}</td></tr>"
                      for o in sorted(data.get("outcomes", []), key=lambda o: (o["status"] != "fail", o["rule"],
                                                                               o["subject_id"])))
    verdict = "failed" if data["failed"] else "passed"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Validation report — hk-mainland-cooperation</title>
<style>{CSS}</style></head><body>
<h1>Validation report: {verdict}</h1>
<p class="summary"><span class="pass">{data['passed']} passed</span><span class="warn">{data['warned']} warned</span>
<span class="fail">{data['failed']} failed</span></p>
<h2>By kind</h2>
<table><thead><tr><th>kind</th><th>passed</th><th>warned</th><th>failed</th></tr></thead><tbody>{kinds}</tbody></table>
<h2>Content outcomes by subject</h2>
<p>Every content rule and pinned fact judges each subject (a framework, an event, a fact, a person); all outcomes
are published in the table <code>check_outcomes</code>. Counts per rule:</p>
<table><thead><tr><th>rule</th><th>pass</th><th>warn</th><th>fail</th></tr></thead><tbody>{counts}</tbody></table>
<p>Subjects that do not pass:</p>
<table><thead><tr><th>status</th><th>rule</th><th>rows concerned</th><th>finding</th></tr></thead><tbody>{flagged or
'<tr><td colspan=4>none</td></tr>'}</tbody></table>
<h2>Checks</h2>
<table><thead><tr><th>status</th><th>check</th><th>result and failing rows</th></tr></thead><tbody>
{''.join(rows)}
</tbody></table>
</body></html>
"""
