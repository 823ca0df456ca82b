"""What extraction produces: plain dataclasses, with no spaCy object in them.

Offsets are character offsets into :attr:`diplokg.document.Document.text` (the article body).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from ..dates import PartialDate
from ..document import Document


class EntityKind(StrEnum):
    """Entity classes; the value is the ontology class's local name."""

    PERSON = "Person"
    COUNTRY = "Country"
    ORGANIZATION = "Organization"
    ALLIANCE = "Alliance"
    OFFICE = "Office"
    PLACE = "Place"
    CITY = "City"

    @property
    def group(self) -> str:
        """The coarse group that decides identity: an Alliance is an organization, a City a place."""
        return {
            EntityKind.ALLIANCE: "organization",
            EntityKind.CITY: "place",
        }.get(self, self.value.lower())


class RelationKind(StrEnum):
    """Binary facts between entities; the value is the ontology property's local name."""

    HOLDS_OFFICE = "holdsOffice"
    OFFICE_OF = "officeOf"
    MEMBER_OF = "memberOf"


@dataclass(frozen=True)
class Evidence:
    """Where a fact comes from: the sentence and its offsets, the rule, and a confidence in [0, 1]."""

    sentence: str
    start: int
    end: int
    confidence: float
    rule: str

    def __post_init__(self) -> None:
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} is outside [0, 1]")
        if self.end < self.start:
            raise ValueError(f"evidence ends ({self.end}) before it starts ({self.start})")


@dataclass
class Entity:
    """One real-world entity of an article, however many times it is mentioned."""

    key: str
    """Identity within the article: ``group:normalized name``."""
    kind: EntityKind
    label: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    qid: str | None = None
    title: str | None = None
    """For an office, its bare title ("Secretary of State"), for linking."""


@dataclass(frozen=True)
class Relation:
    """``subject kind object``, between entity keys."""

    kind: RelationKind
    subject: str
    object: str
    evidence: Evidence


@dataclass(frozen=True)
class Commitment:
    """A party's pledge: value, unit, topic, deadline."""

    party: str
    evidence: Evidence
    value: Decimal | None = None
    unit: str | None = None
    topic: str | None = None
    deadline: PartialDate | None = None


@dataclass(frozen=True)
class Summit:
    """A summit or ministerial meeting, with organizer, place, dates and participants (entity keys)."""

    label: str
    evidence: Evidence
    organizer: str | None = None
    location: str | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    participants: tuple[str, ...] = ()


@dataclass
class Extraction:
    """Everything extracted from one article."""

    document: Document
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    summits: list[Summit] = field(default_factory=list)

    def entity(self, key: str) -> Entity:
        """The entity with this key; ``KeyError`` if there is none."""
        for entity in self.entities:
            if entity.key == key:
                return entity
        raise KeyError(key)
