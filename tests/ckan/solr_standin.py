"""A minimal stand-in for CKAN's Solr core, for the publishing integration test only.

No Solr server can be installed from the package registries these machines reach, and CKAN refuses every
write without one (it indexes each dataset on save). This serves just what CKAN 2.11/2.12 asks of its
core through pysolr, in memory: the schema (CKAN's own schema.xml, for its version check), /update (JSON
or XML add, XML delete by id or query, commit) and /select (q and fq as conjunctions of field:value terms, rows,
start; wt=json). It is not a search engine: no ranking, no text analysis, no facets. Everything the test
reads back goes through CKAN's database-backed actions (package_show, resource_show, downloads).

    python solr_standin.py PORT SCHEMA_XML
"""

from __future__ import annotations

import json
import re
import sys
import threading
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

DOCS: dict[str, dict] = {}
LOCK = threading.Lock()
TERM = re.compile(r'([+-]?)([\w.]+):("(?:[^"\\]|\\.)*"|\S+)')


def terms(query: str) -> list[tuple[str, str, str]]:
    """(sign, field, value) of each field:value term; *:* and bare words match everything."""
    return [(sign, field, value.strip('"').replace('\\"', '"')) for sign, field, value in TERM.findall(query or "")
            if not (field == "*" and value == "*")]


def matches(doc: dict, query: str, any_term: bool = False) -> bool:
    found = []
    for sign, field, value in terms(query):
        have = doc.get(field)
        values = have if isinstance(have, list) else [have]
        hit = value == "*" and have is not None or any(str(v) == value for v in values)
        if sign == "-":
            hit = not hit
        found.append(hit)
    if not found:
        return True
    return any(found) if any_term and " OR " in query else all(found)


class Handler(BaseHTTPRequestHandler):
    schema = b""

    def log_message(self, *args):  # quiet: the test prints CKAN's log on failure, not this one
        pass

    def _send(self, body: bytes, kind: str = "application/json", status: int = 200):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        url = urlparse(self.path)
        params = parse_qs(url.query)
        if url.path.rstrip("/").endswith("/schema") or url.path.rstrip("/").endswith("/admin/file"):
            return self._send(self.schema, "application/xml")
        if url.path.rstrip("/").endswith("/select"):
            q = params.get("q", ["*:*"])[0]
            fqs = params.get("fq", [])
            with LOCK:
                docs = [d for _, d in sorted(DOCS.items())
                        if matches(d, q, any_term=True) and all(matches(d, fq) for fq in fqs)]
            start, rows = int(params.get("start", ["0"])[0]), int(params.get("rows", ["10"])[0])
            body = {"responseHeader": {"status": 0, "QTime": 0},
                    "response": {"numFound": len(docs), "start": start, "docs": docs[start:start + rows]},
                    "facet_counts": {"facet_queries": {}, "facet_fields": {}, "facet_ranges": {},
                                     "facet_intervals": {}, "facet_heatmaps": {}}}
            return self._send(json.dumps(body).encode())
        if url.path.rstrip("/").endswith("/admin/ping"):
            return self._send(b'{"status": "OK"}')
        return self._send(b'{"error": "not served by the stand-in"}', status=404)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        if urlparse(self.path).path.rstrip("/").endswith("/update") and body.lstrip()[:1] in (b"[", b"{"):
            docs = json.loads(body)  # pysolr sends additions as a JSON array of documents
            with LOCK:
                for doc in docs if isinstance(docs, list) else [docs]:
                    DOCS[str(doc.get("index_id") or doc.get("id"))] = doc
        elif urlparse(self.path).path.rstrip("/").endswith("/update") and body.strip():
            root = ET.fromstring(body)  # deletions and commits come as XML
            with LOCK:
                for el in ([root] if root.tag in ("add", "delete") else list(root)):
                    if el.tag == "add":
                        for doc in el.iter("doc"):
                            fields: dict = {}
                            for f in doc.iter("field"):
                                name, value = f.get("name"), f.text or ""
                                if name in fields:
                                    fields[name] = (fields[name] if isinstance(fields[name], list)
                                                    else [fields[name]]) + [value]
                                else:
                                    fields[name] = value
                            DOCS[str(fields.get("index_id") or fields.get("id"))] = fields
                    elif el.tag == "delete":
                        for i in el.iter("id"):
                            DOCS.pop(i.text, None)
                        for q in el.iter("query"):
                            for key in [k for k, d in DOCS.items() if matches(d, q.text, any_term=True)]:
                                del DOCS[key]
        return self._send(b'{"responseHeader": {"status": 0, "QTime": 0}}')


def main() -> None:
    port, schema = int(sys.argv[1]), sys.argv[2]
    with open(schema, "rb") as fh:
        Handler.schema = fh.read()
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    main()
