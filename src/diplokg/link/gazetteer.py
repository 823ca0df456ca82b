"""Offline linking: entities to Wikidata items through the shipped gazetteer (and the user's).

A link is made only when exactly one item of a compatible kind carries the entity's name (or,
for an office, a name built from its title and its country or organization): a wrong QID is
worse than none.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..extract.knowledge import Tenure, before_their_time, first_years, office_holders
from ..extract.records import Entity, EntityKind, Extraction, Relation, RelationKind
from ..resources import gazetteer_path
from ..vocab import normalize_name

# which gazetteer kinds an entity of each kind may link to
COMPATIBLE: dict[EntityKind, frozenset[str]] = {
    EntityKind.PERSON: frozenset({"person"}),
    EntityKind.COUNTRY: frozenset({"country"}),
    # a state's own bodies ("national"), news agencies and parties are organizations, never clubs of states
    EntityKind.ORGANIZATION: frozenset({"organization", "alliance", "national", "news", "party"}),
    EntityKind.ALLIANCE: frozenset({"alliance", "organization"}),
    EntityKind.OFFICE: frozenset({"office"}),
    # "locality" rows (cities beyond the capitals and the cities of diplomacy) are linked where the
    # NER or a dateline names a place, never matched by the entity ruler: "Phoenix", "Memphis" or
    # "Charlotte" open too many other names to be a city wherever they stand
    EntityKind.CITY: frozenset({"city", "locality"}),
    # "region" rows (US states) are linked, never matched by the entity ruler: a state's name opens
    # too many companies' ("Texas Air Corp", "Florida Power and Light Co") to be a place wherever it stands
    EntityKind.PLACE: frozenset({"city", "locality", "other", "region"}),
}
REQUIRED_COLUMNS = ("qid", "label", "kind")
# the same office under other titles: "foreign affairs minister" is the "foreign minister"
TITLE_SYNONYMS = {
    "foreign affairs minister": ("foreign minister", "minister of foreign affairs"),
    "minister of foreign affairs": ("foreign minister",),
    "minister for foreign affairs": ("foreign minister", "minister of foreign affairs"),
    "foreign secretary": ("foreign minister",),
    "secretary-general": ("secretary general",),
    "secretary general": ("secretary-general",),
    "premier": ("prime minister",),
    "pm": ("prime minister",),
    "foreign minister": ("minister of foreign affairs",),
    "treasury secretary": ("secretary of the treasury",),
    "finance minister": ("minister of finance",),
    "minister of finance": ("finance minister",),
    "defence minister": ("minister of defence", "minister of defense"),
    "defense minister": ("minister of defense", "minister of defence"),
    "agriculture minister": ("minister of agriculture",),
    "farm minister": ("minister of agriculture",),
    "economy minister": ("minister of economy", "minister of the economy"),
    "economics minister": ("minister of economy", "minister of economics"),
    "interior minister": ("minister of the interior", "minister of interior"),
    "justice minister": ("minister of justice",),
    "oil minister": ("minister of petroleum", "minister of oil"),
    "petroleum minister": ("minister of petroleum",),
    "energy minister": ("minister of energy",),
    "health minister": ("minister of health",),
    "labour minister": ("minister of labour",),
    "trade minister": ("minister of trade",),
    "education minister": ("minister of education",),
}


@dataclass(frozen=True)
class Item:
    """A gazetteer row."""

    qid: str
    label: str
    kind: str


class Gazetteer:
    """Names -> Wikidata items, by normalized name."""

    def __init__(self, items: Iterable[tuple[Item, list[str]]]) -> None:
        self._by_name: dict[str, dict[str, Item]] = {}
        self._by_surname: dict[str, dict[str, Item]] = {}
        self.names: dict[str, tuple[str, ...]] = {}
        """QID -> the item's label and aliases."""
        self.size = 0
        for item, aliases in items:
            self.size += 1
            self.names[item.qid] = (item.label, *aliases)
            for name in (item.label, *aliases):
                key = normalize_name(name)
                if key:
                    self._by_name.setdefault(key, {})[item.qid] = item
                    if item.kind == "person":
                        self._by_surname.setdefault(key.split()[-1], {})[item.qid] = item

    def candidates(self, name: str, kinds: frozenset[str]) -> dict[str, Item]:
        """Items of one of ``kinds`` that carry ``name``."""
        return {q: i for q, i in self._by_name.get(normalize_name(name), {}).items() if i.kind in kinds}

    def people_named(self, surname: str) -> dict[str, Item]:
        """Persons whose name ends in ``surname``."""
        return dict(self._by_surname.get(normalize_name(surname), {}))


def _read_rows(path: Path) -> list[tuple[Item, list[str]]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(
                    f"{path}: gazetteer lacks column(s) {', '.join(missing)}; "
                    f"a gazetteer CSV needs qid,label,kind and optionally aliases (separated by |)"
                )
            rows = []
            for lineno, row in enumerate(reader, start=2):
                qid = (row.get("qid") or "").strip()
                if not qid.startswith("Q") or not qid[1:].isdigit():
                    raise InputError(f"{path}:{lineno}: {qid!r} is not a Wikidata item id (Q followed by digits)")
                aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
                rows.append((Item(qid, row["label"].strip(), row["kind"].strip().lower()), aliases))
            return rows
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8; save the gazetteer as UTF-8 CSV") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read the gazetteer ({err.strerror}); check --gazetteer") from None


@functools.lru_cache(maxsize=4)
def load_gazetteer(shipped: Path, extra: Path | None = None) -> Gazetteer:
    """The shipped gazetteer with the user's rows merged over it (a user row replaces the
    shipped row with the same QID)."""
    rows = {item.qid: (item, aliases) for item, aliases in _read_rows(shipped)}
    if extra is not None:
        rows.update({item.qid: (item, aliases) for item, aliases in _read_rows(extra)})
    return Gazetteer(rows.values())


def _office_names(office: Entity, qualifier: Entity, known: tuple[str, ...] = ()) -> list[str]:
    """Names the office may go by: its own, and its title joined with its country's names (those
    of the article, and ``known``: the gazetteer's, once the country is linked)."""
    names = [office.label]
    if office.title is None:
        return names
    titles = [office.title, *TITLE_SYNONYMS.get(office.title.lower(), ())]
    places = list(dict.fromkeys([qualifier.label, *qualifier.aliases, *known]))
    for title in titles:
        for place in places:
            names += [f"{title} of {place}", f"{title} of the {place}", f"{place} {title}"]
    return names


def load_tenures(path: Path) -> tuple[Tenure, ...]:
    """Office holders by year (``data/officeholders.csv``)."""
    return office_holders(path, gazetteer_path())


class GazetteerLinker:
    """Links the entities of an extraction, in place."""

    name = "gazetteer"

    def __init__(self, gazetteer: Gazetteer, tenures: tuple[Tenure, ...] = ()) -> None:
        self.gazetteer = gazetteer
        self.tenures = tenures
        self.first_years = first_years(tenures)
        # the state (or organization) of each office the table lists, where its name is one item's
        states: dict[str, set[str]] = {}
        for tenure in tenures:
            found = gazetteer.candidates(tenure.country, frozenset({"country", "organization", "alliance"}))
            states.setdefault(tenure.office, set()).update(found if len(found) == 1 else {""})
        self.office_states = {office: next(iter(qids)) for office, qids in states.items()
                              if len(qids) == 1 and "" not in qids}

    def _unique(self, names: list[str], kinds: frozenset[str]) -> str | None:
        """The one item that the entity's unambiguous names agree on, if any. A name that several
        items carry says nothing; names that point to different items forbid a link."""
        found: set[str] = set()
        for name in names:
            hits = self.gazetteer.candidates(name, kinds)
            if len(hits) == 1:
                found.update(hits)
        return found.pop() if len(found) == 1 else None

    def link(self, extraction: Extraction) -> None:
        """Set ``qid`` on every entity the gazetteer names unambiguously."""
        office_of = {r.subject: r.object for r in extraction.relations if r.kind is RelationKind.OFFICE_OF}
        # offices last: the country of an office, once linked, lends its gazetteer names
        for entity in sorted(extraction.entities, key=lambda e: e.kind is EntityKind.OFFICE):
            if entity.qid:
                continue
            kinds = COMPATIBLE[entity.kind]
            if entity.kind is EntityKind.OFFICE:
                if entity.key not in office_of:
                    continue  # a bare title ("Foreign Minister") is every country's: only tenures decide
                qualifier = extraction.entity(office_of[entity.key])
                known = self.gazetteer.names.get(qualifier.qid, ()) if qualifier.qid else ()
                names = _office_names(entity, qualifier, known)
            elif entity.kind is EntityKind.PERSON:
                names = [n for n in (entity.label, *entity.aliases) if len(n.split()) > 1]
                if not names:
                    continue  # known by surname only: see _by_surname
            elif entity.kind is EntityKind.COUNTRY and len(self.gazetteer.candidates(entity.label, kinds)) == 1:
                # the label is the state the article meant in its time ("Germany" in 1987 is West
                # Germany): the present state's names among its aliases do not outvote it
                names = [entity.label]
            else:
                names = [entity.label, *entity.aliases]
            entity.qid = self._unique(names, kinds)
        date = extraction.document.date
        if date is not None and self.tenures:
            self._by_tenure(extraction, date.year)
        self._by_surname(extraction)
        if date is not None:
            for entity in extraction.entities:
                if entity.kind is EntityKind.PERSON and entity.qid and \
                        before_their_time(self.first_years, entity.qid, date.year) and \
                        not self._by_label(entity, entity.qid):
                    entity.qid = None  # "George Bush" in 1987 is not George W. Bush
        extraction.merge_linked()
        self._one_state(extraction)
        self.canonical_names(extraction)

    def _one_state(self, extraction: Extraction) -> None:
        """A linked office is of the one state the office holders table gives it: an article's
        ``officeOf`` to another item is left out (a 1987 story's "West German Chancellor" holds
        the office of Germany, whose state of the time the gazetteer tells apart), so that the
        office has one state across the store. Its holder's ``holdsOffice`` stands."""
        def other_state(rel: Relation) -> bool:
            state = self.office_states.get(extraction.entity(rel.subject).qid or "")
            return state is not None and extraction.entity(rel.object).qid != state
        extraction.relations = [r for r in extraction.relations
                                if r.kind is not RelationKind.OFFICE_OF or not other_state(r)]

    def canonical_names(self, extraction: Extraction) -> None:
        """Every linked entity that the gazetteer knows takes the gazetteer's label, so that one
        item has one name in every article ("George W. Bush", whether an article says "Bush" or
        "President George W Bush"); the article's own names stay as its aliases (written as
        ``skos:altLabel`` in the article's graph). An alias equal to the label is dropped."""
        for entity in extraction.entities:
            names = self.gazetteer.names.get(entity.qid) if entity.qid else None
            if names and entity.label != names[0]:
                entity.aliases.add(entity.label)
                entity.label = names[0]
            entity.aliases.discard(entity.label)

    def _by_label(self, entity: Entity, qid: str) -> bool:
        """Whether the article names the item by its gazetteer label, not by a mere alias."""
        names = self.gazetteer.names.get(qid)
        label = normalize_name(names[0]) if names else None
        return any(normalize_name(n) == label for n in (entity.label, *entity.aliases))

    def _by_surname(self, extraction: Extraction) -> None:
        """A person known only by surname ("Mr Kerry") is linked when the gazetteer knows exactly
        one person of that name, unless they hold a title whose holders the tenures list: then
        only the tenures decide ("President Bush" in 1990 is not the gazetteer's only Bush)."""
        titles = {t.title for t in self.tenures}
        titled = {r.subject for r in extraction.relations if r.kind is RelationKind.HOLDS_OFFICE
                  and normalize_name(extraction.entity(r.object).title or "") in titles}
        for entity in extraction.entities:
            if entity.kind is not EntityKind.PERSON or entity.qid or entity.key in titled:
                continue
            if any(len(n.split()) > 1 for n in (entity.label, *entity.aliases)):
                continue
            people = self.gazetteer.people_named(entity.label)
            entity.qid = next(iter(people)) if len(people) == 1 else None

    def _by_tenure(self, extraction: Extraction, year: int) -> None:
        """An office named by its title alone, and its holder, by who held it in the article's year:
        "President Bush" in 2004 is George W. Bush, President of the United States."""
        for rel in extraction.relations:
            if rel.kind is not RelationKind.HOLDS_OFFICE:
                continue
            person, office = extraction.entity(rel.subject), extraction.entity(rel.object)
            if office.title is None or (office.qid and person.qid):
                continue
            title = normalize_name(office.title)
            surname = normalize_name(person.label).split()[-1]
            tenures = [t for t in self.tenures if t.title == title and t.covers(year)
                       and (t.person == person.qid if person.qid else t.surname == surname)
                       and (office.qid is None or t.office == office.qid)]
            if len({(t.office, t.person) for t in tenures}) == 1:
                office.qid, person.qid = tenures[0].office, tenures[0].person
