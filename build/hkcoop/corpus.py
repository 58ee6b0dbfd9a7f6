"""The documents being built, the evidence collected, and results shared by several tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from hkcoop.document import Document
from hkcoop.evidence import Evidence


@dataclass
class Corpus:
    docs: list[Document]
    evidence: Evidence = field(default_factory=Evidence)

    @cached_property
    def conferences(self):
        from hkcoop.conferences import resolve_conferences

        return resolve_conferences(self.docs)

    @cached_property
    def stated_totals(self):
        from hkcoop.stated_totals import find_stated_totals

        return find_stated_totals(self)

    @cached_property
    def frameworks(self):
        from hkcoop.frameworks import find_area_lists

        return find_area_lists(self)

    @cached_property
    def signings(self):
        from hkcoop.signings import find_signings

        return find_signings(self)

    @cached_property
    def areas(self):
        """(sector row, AreaList, AreaItem) for every cooperation area (see tables/sectors.py)."""
        from hkcoop.tables.sectors import area_rows

        return area_rows(self)

    @cached_property
    def figures(self):
        from hkcoop.figures import find_figures

        return find_figures(self)

    @cached_property
    def people(self):
        from hkcoop.people import resolve_people

        return resolve_people(self.docs)

    @cached_property
    def events(self):
        """Events other than conference meetings (see hkcoop.events), by event_id."""
        from hkcoop.events import resolve_events

        return resolve_events(self.docs, self.conferences, self.areas)
