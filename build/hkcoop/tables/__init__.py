"""One module per output table: `tables/<name>.py` defines `build(corpus) -> list[dict]`
(see hkcoop.resolve.corpus).

A table in schemas/ without a module here is exported empty (with its schema) and reported as such.
`mentions` is not built here: it is the evidence collected while the other tables are built.
"""

from hkcoop.tables import (agreements, articles, canonical_sectors, documents, event_participants, events, frameworks,
                           indicators, metrics, people, person_roles, sector_comparison, sector_measures, sectors,
                           text_repairs)

BUILDERS = {
    "documents": documents.build,
    "articles": articles.build,
    "text_repairs": text_repairs.build,
    "events": events.build,
    "people": people.build,
    "person_roles": person_roles.build,
    "event_participants": event_participants.build,
    "canonical_sectors": canonical_sectors.build,
    "frameworks": frameworks.build,
    "sectors": sectors.build,
    "sector_measures": sector_measures.build,
    "sector_comparison": sector_comparison.build,
    "indicators": indicators.build,
    "metrics": metrics.build,
    "agreements": agreements.build,
}
