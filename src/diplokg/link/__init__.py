"""The link stage: entities get Wikidata IDs (``owl:sameAs wd:Q…``).

Offline by default, from the gazetteer shipped as package data (and ``--gazetteer FILE``, merged
over it); online lookups through a Wikidata-style SPARQL endpoint are opt-in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from ..config import Settings
from ..extract.records import Extraction
from ..resources import gazetteer_path, officeholders_path
from .gazetteer import Gazetteer, GazetteerLinker, load_gazetteer, load_tenures

__all__ = ["Gazetteer", "GazetteerLinker", "Linker", "build_linker", "offline_linker"]


class Linker(Protocol):
    """Sets ``qid`` on the entities of an extraction that it can identify with certainty, and
    gives each linked entity its canonical name (the item's label; the article's names become
    aliases)."""

    name: str

    def link(self, extraction: Extraction) -> None:
        """Link in place."""


def offline_linker(extra_gazetteer: Path | None = None) -> GazetteerLinker:
    """The default linker: the shipped gazetteer, with the user's CSV merged over it."""
    return GazetteerLinker(load_gazetteer(gazetteer_path(), extra_gazetteer), load_tenures(officeholders_path()))


def build_linker(settings: Settings) -> Linker:
    """The linker the settings ask for: offline, or online when a Wikidata endpoint is given."""
    offline = offline_linker(settings.gazetteer)
    if not settings.wikidata_endpoint:
        return offline
    from .online import WikidataLinker

    return WikidataLinker(settings.wikidata_endpoint, settings.cache / "wikidata", offline)
