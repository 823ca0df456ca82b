"""The entities of one article: mentions (spaCy spans) become one :class:`Entity` per real-world
entity, and the article's context (what it is about, where it was filed) is read from them.

:class:`Article` is what every fact kind's assembler works on: it turns spans into entities,
builds evidence, and records relations. The last place, with the assemblers, where spaCy objects
are seen.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..dates import PartialDate
from ..document import Document
from ..resources import gazetteer_path, officeholders_path
from ..vocab import normalize_name
from .gazetteer import ABBREVIATIONS, ruler_info
from .knowledge import before_their_time, first_years_in_office, tenures_of
from .lexicon import HONORIFICS, NOT_PERSON_HEADS, city_names, first_names
from .records import Entity, EntityKind, Evidence, Extraction, Relation, RelationKind
from .rules import lexicon
from .spans import tokens_with, word_ids
from .temporal import MONTHS
from .text import PreparedText

RULER_KINDS = {"country": EntityKind.COUNTRY, "alliance": EntityKind.ALLIANCE,
               "organization": EntityKind.ORGANIZATION, "city": EntityKind.CITY, "place": EntityKind.PLACE,
               "party": EntityKind.ORGANIZATION, "national": EntityKind.ORGANIZATION, "news": EntityKind.ORGANIZATION,
               "person": EntityKind.PERSON}
NER_KINDS = {"PERSON": EntityKind.PERSON, "ORG": EntityKind.ORGANIZATION, "INTL_ORG": EntityKind.ORGANIZATION,
             "ALLIANCE": EntityKind.ALLIANCE, "GPE": EntityKind.PLACE, "LOC": EntityKind.PLACE,
             "FAC": EntityKind.PLACE, "PLACE": EntityKind.PLACE, "CITY": EntityKind.CITY}
ORGANIZATION_KINDS = frozenset({EntityKind.ORGANIZATION, EntityKind.ALLIANCE})
# words that end a span but are not part of a name ("Crete and", "Democratic Rally in")
TRAILING_POS = frozenset({"CCONJ", "ADP", "DET", "PART", "PUNCT"})
PERSONAL_HONORIFICS = frozenset({"mr", "mrs", "ms", "mr.", "mrs.", "ms.", "dr", "dr."})
QUOTES = "\"'\u2018\u2019\u201c\u201d"
POSSESSIVE = frozenset({"'s", "\u2019s", "'"})
_OPENERS = frozenset({"the"})
_PERSON_OPENERS = _OPENERS | HONORIFICS
_REFERENCES = lexicon("entities").table("references")
_REFERENCE_IDS = word_ids(_REFERENCES)
_BODIES = lexicon("entities").table("bodies")
_CAPITALS = lexicon("entities").table("capitals")
_DATELINE_DAY = re.compile(r"\s*[A-Z][A-Z .'/-]+,\s+(?P<month>[A-Z][a-z]{2,8}\.?)\s+(?P<day>\d{1,2})\s+-")
_HISTORICAL = lexicon("entities").table("historical_names")
_FAMILIAR = lexicon("entities").table("familiar_first_names")
_GENERIC_HEADS = lexicon("entities").words("generic_heads")


@dataclass(frozen=True)
class Mention:
    """What an entity span denotes: kind, canonical name, the text as written, original offsets."""

    kind: EntityKind
    name: str
    surface: str
    start: int
    end: int


def clean(span: Span) -> tuple[str, int, int] | None:
    """The span's name and its offsets in the pipeline's text: without a leading "the",
    honorifics, quotes, a trailing possessive or a dangling conjunction or preposition."""
    doc = span.doc
    first, last = span.start, span.end  # the tokens kept: doc[first:last] (only the ends are looked at)
    openers = _PERSON_OPENERS if span.label_ == "PERSON" else _OPENERS
    while first < last:
        token = doc[first]
        if not (token.lower_ in openers or token.text in QUOTES or token.is_space or
                (token.is_punct and last - first > 1)):
            break
        first += 1  # also markup left in the text ("|Boston Tea Party")
    while first < last:
        token = doc[last - 1]
        if not (token.text in POSSESSIVE or token.text in QUOTES or (token.pos_ in TRAILING_POS and last - first > 1)
                or token.is_punct or token.is_space):
            break
        last -= 1
    if first == last:
        return None
    end_token = doc[last - 1]
    start, end = doc[first].idx, end_token.idx + len(end_token)
    # doc.text rebuilds the whole text from its tokens: take the span's own
    text = doc[first:last].text.strip()
    return (text, start, end) if text else None


class Article:
    """One article's entities, relations and evidence, built from its processed ``Doc``."""

    def __init__(self, doc: Doc, document: Document, prepared: PreparedText) -> None:
        self.doc = doc
        self.ents = list(doc.ents)  # doc.ents builds its spans anew on every access
        self.prepared = prepared
        self.extraction = Extraction(document)
        self.abbreviations: dict[str, str] = doc.user_data.get(ABBREVIATIONS, {})
        self._by_key: dict[str, Entity] = {}
        self._surnames = self._person_surnames()
        self._votes = self._kind_votes()
        self.known: set[str] = set()  # keys of entities the gazetteer knows
        self.ruler_kinds: dict[str, str] = {}  # their gazetteer kind (organization, party, news ...)
        self._org_heads = self._organization_heads()
        self._mentions: dict[tuple[int, int], Mention | None] = {}

    @functools.cached_property
    def date(self):  # type: ignore[no-untyped-def]
        """The article's date (a :class:`~diplokg.dates.PartialDate`), if known: the day its
        dateline gives ("WASHINGTON, April 8 -") when that is up to three days before the
        header's (wire copy is often filed under the next day), else the header's."""
        given = self.extraction.document.date
        match = _DATELINE_DAY.match(self.extraction.document.text)
        if given is None or given.day is None or match is None:
            return given
        month = MONTHS.get(match.group("month").lower().rstrip("."))
        if month is None:
            return given
        header = dt.date(given.year, given.month, given.day)
        for year in (given.year, given.year - 1):
            try:
                filed = dt.date(year, month, int(match.group("day")))
            except ValueError:
                return given
            if 0 < (header - filed).days <= 3:
                return PartialDate(filed.year, filed.month, filed.day)
        return given

    # -- mentions and entities -------------------------------------------------------------

    def _person_surnames(self) -> dict[str, str | None]:
        """Surname -> full name of the one person in the article with that surname (None if several)."""
        surnames: dict[str, str | None] = {}
        for ent in self.ents:
            if ent.label_ != "PERSON":
                continue
            info = ruler_info(ent)
            cleaned = clean(ent)
            full = info[1] if info is not None and (cleaned is None or " " in cleaned[0]) else \
                cleaned[0] if cleaned is not None else None  # (a lone surname is not a full name)
            if full is None or len(full.split()) < 2:
                continue
            for surname in {full.split()[-1], cleaned[0].split()[-1] if cleaned else full.split()[-1]}:
                if surnames.get(surname, full) != full:
                    surnames[surname] = None  # two people share it: do not guess
                else:
                    surnames[surname] = full
        return surnames

    def _kind_votes(self) -> dict[str, EntityKind]:
        """The kind the NER gives a name most often in this article: one name, one kind."""
        counts: dict[str, dict[EntityKind, int]] = {}
        for ent in self.ents:
            kind = NER_KINDS.get(ent.label_) if not ent.ent_id_ else None
            cleaned = clean(ent) if kind is not None else None
            if cleaned is not None and kind is not None:
                tally = counts.setdefault(cleaned[0], {})
                tally[kind] = tally.get(kind, 0) + 1
        order = list(dict.fromkeys(NER_KINDS.values()))  # ties: person, organization, place
        return {text: max(t, key=lambda k: (t[k], -order.index(k))) for text, t in counts.items()}

    def _organization_heads(self) -> dict[str, str]:
        """First word of a multi-word organization name -> the name ("Mahan" -> "Mahan Air")."""
        heads: dict[str, str | None] = {}
        for ent in self.ents:
            cleaned = clean(ent) if ent.label_ == "ORG" and not ent.ent_id_ else None
            if cleaned is None or " " not in cleaned[0]:
                continue
            head = cleaned[0].split()[0]
            heads[head] = cleaned[0] if heads.get(head, cleaned[0]) == cleaned[0] else None
        found = {h: n for h, n in heads.items() if n}
        # "the Commission" in a story of the EC: its body, when no other organization takes the word
        for ent in self.ents:
            info = ruler_info(ent)
            for word, body in (_BODIES.get(info[1], {}) if info is not None else {}).items():
                found.setdefault(word, body)
        return found

    @functools.cached_property
    def _generic_heads(self) -> dict[str, tuple[EntityKind, str]]:
        """Generic head word ("Bank") -> the kind and name of the one organization of the article
        whose name ends in it, or failing that holds it ("the Group" of the "Inter Governmental
        Group on Indonesia")."""
        ending: dict[str, set[tuple[EntityKind, str]]] = {}
        holding: dict[str, set[tuple[EntityKind, str]]] = {}
        for ent in self.ents:
            if ent.label_ not in {"ORG", "INTL_ORG", "ALLIANCE"} or len(ent) < 2:
                continue
            info = ruler_info(ent)
            cleaned = clean(ent)
            if cleaned is None:
                continue
            if info is not None:
                if RULER_KINDS[info[0]] not in ORGANIZATION_KINDS:
                    continue
                found = (RULER_KINDS[info[0]], self._in_its_time(info[1]))
            else:
                found = (EntityKind.ORGANIZATION, cleaned[0])
            words = cleaned[0].split()
            for word in set(words) & _GENERIC_HEADS:
                (ending if words[-1] == word else holding).setdefault(word, set()).add(found)
        out = {}
        for word in ending.keys() | holding.keys():
            names = ending.get(word) or holding.get(word, set())
            if len(names) == 1:
                out[word] = next(iter(names))
        return out

    def _titled(self, span: Span) -> bool:
        """A name right after an honorific or an office title ("Mr Chirac", "President Bush")."""
        first = span[0]
        if first.lower_.rstrip(".") in HONORIFICS:
            return True
        before = span.doc[span.start - 1] if span.start > 0 else None
        return before is not None and (before.lower_.rstrip(".") in HONORIFICS or before.ent_type_ == "TITLE")

    @functools.cached_property
    def _titled_names(self) -> frozenset[str]:
        """Lone names that the article puts after a title somewhere: "President Reagan's move ...
        Reagan announced" is one man, though the second time he goes untitled."""
        return frozenset(cleaned[0] for e in self.ents if e.label_ == "PERSON" and self._titled(e)
                         and (cleaned := clean(e)) is not None and " " not in cleaned[0])

    def mention(self, span: Span) -> Mention | None:
        """What an entity span denotes, or None when it is not one of our kinds (cached per span)."""
        key = (span.start, span.end)
        if key not in self._mentions:
            self._mentions[key] = self._mention(span)
        return self._mentions[key]

    def _mention(self, span: Span) -> Mention | None:
        if span.label_ != "PERSON" and len(span) >= 2 and span[0].lower_ in PERSONAL_HONORIFICS and \
                span[1].is_title:
            # "Mr Bussereau said": whatever the NER took it for, a person
            return self._mention(Span(span.doc, span.start + 1, span.end, label="PERSON"))
        cleaned = clean(span)
        if cleaned is None:
            return None
        text, start, end = cleaned
        start, end = self.prepared.original(start), self.prepared.original(end)
        info = ruler_info(span)
        if info is not None and info[0] == "country" and span.start > 0 and span.doc[span.start - 1].lower_ in {
                "in", "at"} and (city := _CITIES.get(info[1])) is not None and city.label == info[1]:
            # "ministers met in Luxembourg": the city the country is named after
            return Mention(EntityKind.CITY, city.label, text, start, end)
        if info is not None and info[0] == "person" and info[2] and self.date is not None and \
                normalize_name(text) != normalize_name(info[1]) and before_their_time(
                first_years_in_office(officeholders_path(), gazetteer_path()), info[2], self.date.year):
            return Mention(EntityKind.PERSON, text, text, start, end)  # "George Bush" in 1987: another man
        if info is not None and info[0] == "person" and " " not in text and \
                (full := self._surnames.get(text)) and normalize_name(full) != normalize_name(info[1]):
            # "Michael Howard ... Mr Howard": the man named in full, not the gazetteer's John Howard
            return Mention(EntityKind.PERSON, full, text, start, end)
        if info is not None:
            kind = RULER_KINDS[info[0]]
            name = self._in_its_time(info[1])
            key = entity_key(kind, name)
            self.known.add(key)
            self.ruler_kinds.setdefault(key, info[0])
            return Mention(kind, name, text, start, end)
        if text in self.abbreviations:
            long = self.abbreviations[text]
            kind = NER_KINDS.get(span.label_, EntityKind.ORGANIZATION)
            return Mention(kind, self._votes_name(long), text, start, end)
        # a lone surname of a person named in full elsewhere is that person, whatever NER said
        full = self._surnames.get(text) if " " not in text else None
        if full and span.label_ in {"PERSON", "ORG", "GPE", "LOC", "NORP"}:
            return Mention(EntityKind.PERSON, full, text, start, end)
        if span.label_ not in NER_KINDS:
            return None
        if span.label_ != "PERSON" and _person_like(text):
            return Mention(EntityKind.PERSON, text, text, start, end)
        if " " not in text and text in self._org_heads:
            return Mention(EntityKind.ORGANIZATION, self._org_heads[text], text, start, end)
        if text in _GENERIC_HEADS and span.label_ in {"ORG", "FAC", "GPE", "LOC", "NORP"}:
            # "The Bank decided": the one organization named in full with that word, else none
            named = self._generic_heads.get(text)
            return Mention(named[0], named[1], text, start, end) if named is not None else None
        kind = self._votes.get(text, NER_KINDS[span.label_])
        if kind is EntityKind.PERSON and " " not in text and not self._titled(span) and \
                text not in self._titled_names:
            # a lone capitalised word that is no known person's surname: more often a product,
            # a newspaper or a demonym ("EastMed", "Kathimerini", "Africans") than a person
            return None
        if kind is EntityKind.PERSON and text in self._surnames and self._surnames[text] is None:
            return None  # an ambiguous surname: which person is meant is unknown
        return Mention(kind, text, text, start, end)

    def _in_its_time(self, name: str) -> str:
        """The state a name meant in the article's year ("Germany" in 1987 is West Germany)."""
        historical = _HISTORICAL.get(name)
        if historical is None or self.date is None:
            return name
        state, first, last = historical
        return state if first <= self.date.year < last else name

    @staticmethod
    def _votes_name(text: str) -> str:
        cleaned = text.strip()
        return cleaned[4:] if cleaned.lower().startswith("the ") else cleaned

    def add(self, mention: Mention, identity: str | None = None) -> Entity:
        """The entity of a mention, created on first sight. ``identity`` replaces the name as what
        tells entities apart, where the name alone does not."""
        key = entity_key(mention.kind, identity or mention.name)
        entity = self._by_key.get(key)
        if entity is None:
            entity = Entity(key=key, kind=mention.kind, label=mention.name)
            self._by_key[key] = entity
            self.extraction.entities.append(entity)
        elif entity.kind is EntityKind.ORGANIZATION and mention.kind is EntityKind.ALLIANCE:
            entity.kind = EntityKind.ALLIANCE  # the finer class wins
        elif entity.kind is EntityKind.PLACE and mention.kind is EntityKind.CITY:
            entity.kind = EntityKind.CITY
        if mention.surface != entity.label:
            entity.aliases.add(mention.surface)
        if (mention.start, mention.end) not in entity.mentions:
            entity.mentions.append((mention.start, mention.end))
        return entity

    def entity_of(self, span: Span | None, kinds: set[EntityKind] | frozenset[EntityKind]) -> Entity | None:
        """The entity of ``span`` if it is of one of ``kinds`` (created on first sight)."""
        mention = self.mention(span) if span is not None else None
        return self.add(mention) if mention is not None and mention.kind in kinds else None

    def find(self, key: str) -> Entity | None:
        """The entity with this key, if the article has it."""
        return self._by_key.get(key)

    def entity_at(self, token: Token, kinds: set[EntityKind] | frozenset[EntityKind]) -> Entity | None:
        """The entity (of one of ``kinds``) whose span covers ``token``."""
        from .spans import entity_at

        return self.entity_of(entity_at(token), kinds)

    def add_all(self) -> None:
        """Every entity span of the document as an entity, and the definite references to them."""
        for ent in self.ents:
            mention = self.mention(ent)
            if mention is not None:
                self.add(mention)
        self._definite_references()

    def _definite_references(self) -> None:
        """"the alliance" after NATO is NATO; "the bloc" the organization the article is about;
        "the Community", "the Twelve" the European Community: each becomes a mention (and an
        alias) of that entity, when the article names the entity before it."""
        for token in tokens_with(self.doc, _REFERENCE_IDS, ("ORTH",)):
            targets = _REFERENCES.get(token.text)
            if targets is None or token.i == 0 or self.doc[token.i - 1].lower_ != "the" or token.ent_type_:
                continue
            target = self.reference_target(targets)
            if target is None:
                continue
            start = self.prepared.original(token.idx)
            if start < min(s for s, _ in target.mentions):
                continue  # a reference comes after the name it refers to
            target.mentions.append((start, self.prepared.original(token.idx + len(token))))
            target.aliases.add(token.text)

    def reference_target(self, targets: list[str]) -> Entity | None:
        """The entity a definite reference stands for (see ``[references]`` in entities.toml)."""
        if targets == ["alliance"]:
            alliances = [e for e in self.extraction.entities if e.kind is EntityKind.ALLIANCE]
            return max(alliances, key=lambda e: len(e.mentions)) if alliances else None
        if targets == ["main"]:
            return self.main_organization()
        wanted = [normalize_name(t) for t in targets]
        for entity in self.extraction.entities:
            names = {normalize_name(n) for n in (entity.label, *entity.aliases)}
            if entity.kind in ORGANIZATION_KINDS and names & set(wanted):
                return entity
        return None

    # -- the article's context -------------------------------------------------------------

    def organizations(self) -> list[Entity]:
        """The organizations and alliances of the article, most mentioned first."""
        orgs = [e for e in self.extraction.entities if e.kind in ORGANIZATION_KINDS]
        return sorted(orgs, key=lambda e: -len(e.mentions))

    def about(self, organization: Entity) -> bool:
        """Whether the article is about ``organization``: named in its title, or often in its text
        (once in 150 words, or five times)."""
        title = self.extraction.document.title or ""
        if title and any(_named_in(n, title) for n in (organization.label, *organization.aliases) if len(n) > 1):
            return True
        words = max(1, len(self.extraction.document.text.split()))
        mentions = len(organization.mentions)
        return mentions >= 2 and (mentions * 150 >= words or mentions >= 5)

    def main_organization(self) -> Entity | None:
        """The international organization the article is about: the gazetteer's organization
        or alliance mentioned most, at least twice."""
        orgs = [e for e in self.organizations() if self.intergovernmental(e)]
        best = orgs[0] if orgs else None
        return best if best is not None and len(best.mentions) >= 2 else None

    def press_or_party(self, entity: Entity) -> bool:
        """A news agency or a political party: never an organizer, a party to a pledge, a club of states."""
        return self.ruler_kinds.get(entity.key) in {"news", "party"} or entity.label in _NEWS_NAMES

    def home_country(self) -> Entity | None:
        """The country the article is mostly about: mentioned most, at least three times, and
        clearly more than the next; failing that, the country of the capital it was filed from
        ("WELLINGTON, Oct 19 - ... the government"), if it names that country."""
        countries = sorted((e for e in self.extraction.entities if e.kind is EntityKind.COUNTRY),
                           key=lambda e: -len(e.mentions))
        if countries and len(countries[0].mentions) >= 3 and (
                len(countries) == 1 or len(countries[1].mentions) * 3 <= len(countries[0].mentions) * 2):
            return countries[0]
        return self.country_of_capital(self.dateline) if self.dateline is not None else None

    @functools.cached_property
    def dateline(self) -> Entity | None:
        """The place the article was filed from, if it opens with a dateline."""
        first = self.ents[0] if self.ents else None
        if first is None or first.start != 0:
            return None
        return self.entity_of(first, {EntityKind.CITY, EntityKind.PLACE})

    def intergovernmental(self, entity: Entity) -> bool:
        """An international organization or alliance the gazetteer knows (not a party, a news agency)."""
        return self.ruler_kinds.get(entity.key) in {"organization", "alliance"}

    def pair(self) -> list[Entity]:
        """"Both sides": the two parties (countries or international organizations) the article
        names most, if two stand out."""
        parties = sorted((e for e in self.extraction.entities
                          if e.kind is EntityKind.COUNTRY or self.intergovernmental(e)),
                         key=lambda e: -len(e.mentions))
        if len(parties) >= 2 and len(parties[1].mentions) >= 2 and (
                len(parties) == 2 or len(parties[1].mentions) > len(parties[2].mentions)):
            return parties[:2]
        return []

    def country_of_capital(self, place: Entity) -> Entity | None:
        """The country a capital stands for ("Washington imposed"), if the article names it too."""
        year = self.date.year if self.date else None
        for name in (place.label, *place.aliases):
            # a wire dateline writes the city in capitals ("BONN, April 9 -")
            for country, first, last in _CAPITALS.get(name, _CAPITALS.get(name.title(), ())):
                if year is not None and ((first and year < first) or (last and year > last)):
                    continue
                found = self.find(f"country:{normalize_name(country)}")
                if found is not None:
                    return found
        return None

    def offices_of(self, person: Entity) -> list[Entity]:
        """The offices the person holds in this article."""
        return [self.extraction.entity(r.object) for r in self.extraction.relations
                if r.kind is RelationKind.HOLDS_OFFICE and r.subject == person.key]

    def party_of(self, person: Entity) -> Entity | None:
        """The political party the article puts a person in: that of an office they hold here
        ("Tory leader Michael Howard"), or one the sentences naming them call theirs ("Charles
        Kennedy has told voters his Liberal Democrats", "Labour's Gordon Brown")."""
        for office in self.offices_of(person):
            for rel in self.extraction.relations:
                if rel.kind is RelationKind.OFFICE_OF and rel.subject == office.key and \
                        self.ruler_kinds.get(rel.object) == "party":
                    return self.extraction.entity(rel.object)
        found: list[Entity] = []
        for ent in self.ents:
            if ent.label_ != "PERSON" or self.entity_of(ent, {EntityKind.PERSON}) is not person:
                continue
            doc = ent.doc
            for other in self.ents:
                if other.sent.start != ent.sent.start or other is ent:
                    continue
                party = self.entity_of(other, {EntityKind.ORGANIZATION})
                if party is None or self.ruler_kinds.get(party.key) != "party":
                    continue
                before = doc[other.start - 1].lower_ if other.start > 0 else ""
                owned = before in {"his", "her"} and other.start > ent.start
                labelled = other.end + 1 == ent.start and doc[other.end].text in {"'s", "\u2019s"}
                if (owned or labelled) and party not in found:
                    found.append(party)
        return found[0] if len(found) == 1 else None

    def protagonist(self) -> Entity | None:
        """The person the article is about: named at least three times, more often than anyone
        else ("he" with no one named near it is most often them)."""
        people = sorted((e for e in self.extraction.entities if e.kind is EntityKind.PERSON),
                        key=lambda e: len(e.mentions), reverse=True)
        if not people or len(people[0].mentions) < 3 or (
                len(people) > 1 and len(people[1].mentions) >= len(people[0].mentions) - 1):
            return None
        return people[0]

    def speaks_for(self, person: Entity) -> Entity | None:
        """The country or organization a person acts for: that of an office they hold here, or,
        failing that, of the office the office holders table says they held in the article's year
        ("Reagan announced he would raise tariffs" in 1987), if the article names it."""
        offices = {o.key for o in self.offices_of(person)}
        for rel in self.extraction.relations:
            if rel.kind is RelationKind.OFFICE_OF and rel.subject in offices:
                return self.extraction.entity(rel.object)
        year = self.date.year if self.date else None
        if not person.qid and len(person.label.split()) < 2:
            return None  # "Mr Howard": the table's Howard may be another one
        held = {t.country for t in tenures_of(officeholders_path(), gazetteer_path(), person.label, person.aliases,
                                              person.qid) if year is None or t.covers(year)}
        if len(held) != 1:
            return None
        key = normalize_name(held.pop())
        return self.find(f"country:{key}") or self.find(f"organization:{key}")

    # -- evidence and relations ------------------------------------------------------------

    def evidence(self, sentence: Span, confidence: float, rule: str) -> Evidence:
        """Evidence from a sentence, with offsets into (and text from) the original article."""
        start = self.prepared.original(sentence.start_char)
        end = self.prepared.original(sentence.end_char)
        return Evidence(self.extraction.document.text[start:end], start, end, round(confidence, 3), rule)

    def relate(self, kind: RelationKind, subject: Entity, obj: Entity, evidence: Evidence) -> None:
        """Record ``subject kind object`` (the first, earliest evidence of a relation stands)."""
        for rel in self.extraction.relations:
            if (rel.kind, rel.subject, rel.object) == (kind, subject.key, obj.key):
                return
        self.extraction.relations.append(Relation(kind, subject.key, obj.key, evidence))

    def holds(self, kind: RelationKind, subject: Entity, obj: Entity) -> bool:
        """Whether the relation is already recorded."""
        return any((r.kind, r.subject, r.object) == (kind, subject.key, obj.key) for r in self.extraction.relations)


_NEWS_NAMES = frozenset(lexicon("entities").table("news_organizations").values())


_FIRST_NAMES = first_names(gazetteer_path())
_CITIES = city_names(gazetteer_path())
def entity_key(kind: EntityKind, name: str) -> str:
    """The key that tells an article's entities apart (and gives an unlinked one its IRI): the
    kind's group and the normalized name; a person's familiar first name counts as its formal
    one ("Tom Foley" is "Thomas Foley"), a different first name is a different person."""
    norm = normalize_name(name)
    if kind is EntityKind.PERSON:
        first, _, rest = norm.partition(" ")
        if rest and (formal := _FAMILIAR.get(first)):
            norm = f"{formal} {rest}"
    return f"{kind.group}:{norm}"


def _person_like(text: str) -> bool:
    """Two to four capitalised words opening with a known first name, none an organization's or
    a place's head word: "Ignaz Kiechle", "Viktor Pinchuk"."""
    words = text.split()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() or w.lower() in {"de", "van", "von", "al", "bin", "da",
                                                                          "di", "du", "la", "le", "der", "den"}
                                           for w in words):
        return False
    if any(w in NOT_PERSON_HEADS for w in words) or not all(c.isalpha() or c in "-'." for w in words for c in w):
        return False
    return normalize_name(words[0]) in _FIRST_NAMES


def _named_in(name: str, title: str) -> bool:
    """``name`` occurs in ``title`` as whole words, case aside (Reuters titles are in capitals)."""
    return re.search(rf"(?<![\w-]){re.escape(name.upper())}(?![\w-])", title.upper()) is not None
