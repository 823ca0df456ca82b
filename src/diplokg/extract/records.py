"""What extraction produces: plain dataclasses, with no spaCy object in them.

Offsets are character offsets into :attr:`diplokg.document.Document.text` (the article body).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeAlias

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
        return _GROUPS[self]


_GROUPS = {kind: {EntityKind.ALLIANCE: "organization", EntityKind.CITY: "place"}.get(kind, kind.value.lower())
           for kind in EntityKind}


class RelationKind(StrEnum):
    """Binary facts between entities; the value is the ontology property's local name."""

    HOLDS_OFFICE = "holdsOffice"
    FORMERLY_HELD = "formerlyHeld"
    """"former foreign minister X": held the office before the article, not at its time."""
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

    def renamed(self, names: Mapping[str, str]) -> Relation:
        """The same relation between the entities ``names`` maps the keys to (others unchanged)."""
        return replace(self, subject=names.get(self.subject, self.subject), object=names.get(self.object, self.object))

    @property
    def identity(self) -> Hashable:
        """What makes two relations one (whatever their evidence)."""
        return (self.kind, self.subject, self.object)


@dataclass(frozen=True)
class Commitment:
    """A party's pledge: value, unit, topic, deadline."""

    party: str
    evidence: Evidence
    value: Decimal | None = None
    unit: str | None = None
    topic: str | None = None
    deadline: PartialDate | None = None

    def renamed(self, names: Mapping[str, str]) -> Commitment:
        """The same pledge by the entity ``names`` maps the party to (if it does)."""
        return replace(self, party=names.get(self.party, self.party))

    @property
    def identity(self) -> Hashable:
        """What makes two pledges one (whatever their evidence)."""
        return (self.party, self.value, self.unit, self.topic, self.deadline)


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

    def renamed(self, names: Mapping[str, str]) -> Summit:
        """The same meeting with its entities renamed by ``names`` (a participant named twice once)."""
        def new(key: str | None) -> str | None:
            return names.get(key, key) if key is not None else None

        return replace(self, organizer=new(self.organizer), location=new(self.location),
                       participants=tuple(dict.fromkeys(names.get(p, p) for p in self.participants)))

    @property
    def identity(self) -> Hashable:
        """Two summit records are one only when they are equal, evidence included."""
        return self


Fact: TypeAlias = Relation | Commitment | Summit
"""One fact of an article: a relation between entities, or a fact with a node of its own."""

_FACTS: dict[str, Any] = {"facts": True}
"""Marks the fields of :class:`Extraction` that hold facts (see :attr:`Extraction.facts`)."""


@dataclass
class Extraction:
    """Everything extracted from one article."""

    document: Document
    entities: list[Entity] = field(default_factory=list)
    # a new kind of fact is a new list field marked like these: counted, renamed, mapped with them
    relations: list[Relation] = field(default_factory=list, metadata=_FACTS)
    commitments: list[Commitment] = field(default_factory=list, metadata=_FACTS)
    summits: list[Summit] = field(default_factory=list, metadata=_FACTS)

    @property
    def facts(self) -> tuple[Fact, ...]:
        """Every fact of the article, kind after kind (relations, commitments, summits), each kind
        in the order it was found."""
        return tuple(fact for name in _FACT_FIELDS for fact in getattr(self, name))

    def merge_linked(self) -> None:
        """Entities that linking gave one QID are one entity: "US president" and "President of
        the United States" both link to Q11696, and two nodes with one IRI would carry two labels
        (and a relation two pieces of evidence). The first named keeps its label; the others'
        names become aliases, and every fact points to it."""
        keep: dict[tuple[str, str], Entity] = {}
        renamed: dict[str, str] = {}
        for entity in sorted(self.entities, key=lambda e: min(e.mentions, default=(1 << 30, 0))):
            if not entity.qid:
                continue
            first = keep.setdefault((entity.kind.group, entity.qid), entity)
            if first is not entity:
                first.aliases |= {entity.label, *entity.aliases} - {first.label}
                first.mentions = sorted({*first.mentions, *entity.mentions})
                first.title = first.title or entity.title
                renamed[entity.key] = first.key
        if not renamed:
            return
        self.entities = [e for e in self.entities if e.key not in renamed]
        for name in _FACT_FIELDS:
            kept: dict[Hashable, Fact] = {}
            for fact in getattr(self, name):
                moved = fact.renamed(renamed)
                kept.setdefault(moved.identity, moved)  # the first evidence stands
            setattr(self, name, list(kept.values()))

    def entity(self, key: str) -> Entity:
        """The entity with this key; ``KeyError`` if there is none."""
        for entity in self.entities:
            if entity.key == key:
                return entity
        raise KeyError(key)


_FACT_FIELDS = tuple(f.name for f in fields(Extraction) if f.metadata.get("facts"))
"""The names of :class:`Extraction`'s fields that hold facts."""
