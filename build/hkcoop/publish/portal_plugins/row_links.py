"""A Datasette plugin of the portal (hkcoop.publish.portal): in the results of a query (a canned query, or SQL typed
by a user), a column that holds a table's key (event_id, person_id, doc_id …) links to that row's page,
where its evidence is one click further. Table pages link their foreign keys already."""

from __future__ import annotations

from datasette import hookimpl
from datasette.utils import tilde_encode
from markupsafe import Markup, escape

KEYS = {"event_id": "events", "person_id": "people", "doc_id": "documents", "article_id": "articles",
        "framework_id": "frameworks", "sector_id": "sectors", "metric_id": "metrics", "agreement_id": "agreements",
        "measure_id": "sector_measures", "mention_id": "mentions"}


@hookimpl
def render_cell(value, column, table, database, datasette):
    if table is not None or column not in KEYS or not isinstance(value, str) or not value:
        return None  # a table page: Datasette links its foreign keys itself
    href = datasette.urls.row(database, KEYS[column], tilde_encode(value))
    return Markup(f'<a href="{escape(href)}">{escape(value)}</a>')
