"""Turn an annotated spaCy ``Doc`` into an :class:`Extraction`: one entity per real-world entity,
relations between their keys, evidence for every fact. The last place spaCy objects are seen."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..dates import PartialDate
from ..document import Document
from ..resources import memberships_path
from ..vocab import normalize_name
from .amounts import find_amounts
from .commitments import PRONOUNS, CommitmentMatch
from .knowledge import membership_book
from .memberships import MemberMatch
from .offices import POSSESSIVE, OfficeMatch
from .records import Commitment, Entity, EntityKind, Evidence, Extraction, Relation, RelationKind, Summit
from .summits import SummitMention
from .temporal import DateRange, resolve
from .text import PreparedText

# confidence of an entity mention by where it came from
RULER_KINDS = {"country": EntityKind.COUNTRY, "alliance": EntityKind.ALLIANCE,
               "organization": EntityKind.ORGANIZATION, "city": EntityKind.CITY, "place": EntityKind.PLACE}
RULER_LABELS = frozenset({"COUNTRY", "ALLIANCE", "INTL_ORG", "CITY", "PLACE"})
NER_KINDS = {"PERSON": EntityKind.PERSON, "ORG": EntityKind.ORGANIZATION,
             "GPE": EntityKind.PLACE, "LOC": EntityKind.PLACE, "FAC": EntityKind.PLACE}
PARTY_KINDS = {EntityKind.COUNTRY, EntityKind.ORGANIZATION, EntityKind.ALLIANCE, EntityKind.PERSON}
# words that end a span but are not part of a name ("Crete and", "Democratic Rally in")
TRAILING_POS = frozenset({"CCONJ", "ADP", "DET", "PART", "PUNCT"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "mr.", "mrs.", "ms.", "dr.",
                        "prof", "professor", "general", "gen", "ambassador", "senator", "sen"})
QUOTES = "\"'\u2018\u2019\u201c\u201d"


@dataclass(frozen=True)
class _Mention:
    kind: EntityKind
    name: str  # canonical name
    surface: str
    start: int
    end: int


def _clean(span: Span) -> tuple[str, int, int] | None:
    """The span's name and its offsets in the pipeline's text: without a leading "the",
    honorifics, quotes, a trailing possessive or a dangling conjunction or preposition."""
    tokens = list(span)
    while tokens and (tokens[0].lower_ in {"the"} | HONORIFICS or tokens[0].text in QUOTES):
        tokens = tokens[1:]
    while tokens and (tokens[-1].text in POSSESSIVE or tokens[-1].text in QUOTES
                      or (tokens[-1].pos_ in TRAILING_POS and len(tokens) > 1) or tokens[-1].is_punct):
        tokens = tokens[:-1]
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    # doc.text rebuilds the whole text from its tokens: join the span's own instead
    text = "".join(t.text_with_ws for t in tokens).strip()
    return (text, start, end) if text else None


def _ruler_info(span: Span) -> tuple[str, str] | None:
    parts = span.ent_id_.split("|")
    return (parts[0], parts[1]) if len(parts) == 4 else None


class _Builder:
    """Collects mentions into entities for one document."""

    def __init__(self, doc: Doc, document: Document, prepared: PreparedText) -> None:
        self.doc = doc
        self.ents = list(doc.ents)  # doc.ents builds its spans anew on every access
        self.prepared = prepared
        self.extraction = Extraction(document)
        self._by_key: dict[str, Entity] = {}
        self._surnames = self._person_surnames()
        self._votes = self._kind_votes()
        self._known: set[str] = set()  # keys of entities the gazetteer knows
        self._org_heads = self._organization_heads()

    def _person_surnames(self) -> dict[str, str | None]:
        """Surname -> full name of the one person in the article with that surname (None if several)."""
        surnames: dict[str, str | None] = {}
        for ent in self.ents:
            cleaned = _clean(ent) if ent.label_ == "PERSON" else None
            if cleaned is None or len(cleaned[0].split()) < 2:
                continue
            full = cleaned[0]
            surname = full.split()[-1]
            if surnames.get(surname, full) != full:
                surnames[surname] = None  # two people share it: do not guess
            else:
                surnames[surname] = full
        return surnames

    def _kind_votes(self) -> dict[str, EntityKind]:
        """The kind the NER gives a name most often in this article: one name, one kind."""
        counts: dict[str, dict[EntityKind, int]] = {}
        for ent in self.ents:
            kind = NER_KINDS.get(ent.label_)
            cleaned = _clean(ent) if kind is not None else None
            if cleaned is not None and kind is not None:
                tally = counts.setdefault(cleaned[0], {})
                tally[kind] = tally.get(kind, 0) + 1
        # ties go to the first kind in NER_KINDS order: person, organization, place
        order = list(dict.fromkeys(NER_KINDS.values()))
        return {text: max(t, key=lambda k: (t[k], -order.index(k))) for text, t in counts.items()}

    def _organization_heads(self) -> dict[str, str]:
        """First word of a multi-word organization name -> the name ("Mahan" -> "Mahan Air")."""
        heads: dict[str, str | None] = {}
        for ent in self.ents:
            cleaned = _clean(ent) if ent.label_ == "ORG" else None
            if cleaned is None or " " not in cleaned[0]:
                continue
            head = cleaned[0].split()[0]
            heads[head] = cleaned[0] if heads.get(head, cleaned[0]) == cleaned[0] else None
        return {h: n for h, n in heads.items() if n}

    def _titled(self, span: Span) -> bool:
        """A name right after an honorific or an office title ("Mr Chirac", "President Bush")."""
        first = span[0]
        if first.lower_.rstrip(".") in HONORIFICS:
            return True
        before = span.doc[span.start - 1] if span.start > 0 else None
        return before is not None and (before.lower_.rstrip(".") in HONORIFICS or before.ent_type_ == "TITLE")

    def mention(self, span: Span) -> _Mention | None:
        """What an entity span denotes, or None when it is not one of our kinds."""
        cleaned = _clean(span)
        if cleaned is None:
            return None
        text, start, end = cleaned
        start, end = self.prepared.original(start), self.prepared.original(end)
        if span.label_ in RULER_LABELS:
            info = _ruler_info(span)
            if info is None:
                return None
            kind = RULER_KINDS[info[0]]
            self._known.add(f"{kind.group}:{normalize_name(info[1])}")
            return _Mention(kind, info[1], text, start, end)
        # a lone surname of a person named in full elsewhere is that person, whatever NER said
        full = self._surnames.get(text) if " " not in text else None
        if full and span.label_ in {"PERSON", "ORG", "GPE", "LOC", "NORP"}:
            return _Mention(EntityKind.PERSON, full, text, start, end)
        if span.label_ not in NER_KINDS:
            return None
        if " " not in text and text in self._org_heads:
            return _Mention(EntityKind.ORGANIZATION, self._org_heads[text], text, start, end)
        kind = self._votes.get(text, NER_KINDS[span.label_])
        if kind is EntityKind.PERSON and " " not in text and not self._titled(span):
            # a lone capitalised word that is no known person's surname: more often a product,
            # a newspaper or a demonym ("EastMed", "Kathimerini", "Africans") than a person
            return None
        if kind is EntityKind.PERSON and text in self._surnames and self._surnames[text] is None:
            return None  # an ambiguous surname: which person is meant is unknown
        return _Mention(kind, text, text, start, end)

    def add(self, mention: _Mention, identity: str | None = None) -> Entity:
        """The entity of a mention, created on first sight. ``identity`` replaces the name as what
        tells entities apart, where the name alone does not."""
        key = f"{mention.kind.group}:{normalize_name(identity or mention.name)}"
        entity = self._by_key.get(key)
        if entity is None:
            entity = Entity(key=key, kind=mention.kind, label=mention.name)
            self._by_key[key] = entity
            self.extraction.entities.append(entity)
        elif entity.kind is EntityKind.ORGANIZATION and mention.kind is EntityKind.ALLIANCE:
            entity.kind = EntityKind.ALLIANCE  # the finer class wins
        if mention.surface != entity.label:
            entity.aliases.add(mention.surface)
        entity.mentions.append((mention.start, mention.end))
        return entity

    def _entity_of(self, span: Span | None, kinds: set[EntityKind]) -> Entity | None:
        mention = self.mention(span) if span is not None else None
        return self.add(mention) if mention is not None and mention.kind in kinds else None

    def _main_organization(self) -> Entity | None:
        """The international organization the article is about: the gazetteer's organization
        or alliance mentioned most, at least twice."""
        orgs = [e for e in self.extraction.entities
                if e.kind in {EntityKind.ORGANIZATION, EntityKind.ALLIANCE} and e.key in self._known]
        best = max(orgs, key=lambda e: len(e.mentions), default=None)
        return best if best is not None and len(best.mentions) >= 2 else None

    def _dateline(self) -> Entity | None:
        first = self.ents[0] if self.ents else None
        if first is None or first.start != 0:
            return None
        return self._entity_of(first, {EntityKind.CITY, EntityKind.PLACE})

    def summits(self, mentions: list[SummitMention]) -> None:
        """Merge the mentions of each summit, resolve its dates, and add it."""
        base = self.extraction.document.date
        drafts: list[_SummitDraft] = []
        for m in mentions:
            draft = _SummitDraft(
                organizer=self._entity_of(m.organizer, {EntityKind.ORGANIZATION, EntityKind.ALLIANCE}),
                location=self._entity_of(m.location, {EntityKind.CITY, EntityKind.PLACE}),
                dates=next((r for r in (resolve(d.text, base, m.past) for d in m.dates) if r is not None), None),
                evidence=self.evidence(m.trigger.sent, m.confidence, m.rule),
                noun=m.trigger.lemma_.lower(),
                participants=[e for e in (self._entity_of(p, {EntityKind.COUNTRY}) for p in m.participants) if e],
                of_countries=m.numbered or bool(m.participants),
            )
            if m.anaphoric and drafts:
                continue  # "the summit": one named before
            same = next((d for d in reversed(drafts) if d.compatible(draft, base)), None)
            if same is not None:
                same.absorb(draft)
            else:
                drafts.append(draft)
        main_org = self._main_organization()
        dateline = self._dateline()
        for d in drafts:
            # a summit the text does not attribute is the summit of the organization the article is
            # about, unless it is a meeting of countries
            organizer = d.organizer or (main_org if not d.of_countries else None)
            start = d.dates.start if d.dates else base
            location = d.location
            if location is None and dateline is not None and d.dates is None:
                location = dateline  # happening now, where the article was filed
            label = " ".join(p for p in (
                organizer.label if organizer else None, d.noun,
                f"in {location.label}" if location else None,
                f"({start.isoformat()})" if start else None) if p)
            self.extraction.summits.append(Summit(
                label=label, evidence=d.evidence,
                organizer=organizer.key if organizer else None,
                location=location.key if location else None,
                start=start, end=d.dates.end if d.dates else None,
                participants=tuple(p.key for p in d.participants),
            ))

    def definite_references(self) -> None:
        """"the alliance" after NATO is NATO; "the bloc", "the union" the organization the article
        is about: each becomes a mention (and an alias) of that entity."""
        alliances = [e for e in self.extraction.entities if e.kind is EntityKind.ALLIANCE]
        alliance = max(alliances, key=lambda e: len(e.mentions)) if alliances else None
        organization = self._main_organization()
        for token in self.doc:
            if token.i == 0 or self.doc[token.i - 1].lower_ != "the" or token.ent_type_:
                continue
            target = {"alliance": alliance, "bloc": organization, "organisation": organization,
                      "organization": organization}.get(token.lower_)
            if target is None:
                continue
            first = min(start for start, _ in target.mentions)
            start = self.prepared.original(token.idx)
            if start < first:
                continue  # a reference comes after the name it refers to
            target.mentions.append((start, self.prepared.original(token.idx + len(token))))
            target.aliases.add(token.text)

    def _speaks_for(self, person: Entity) -> Entity | None:
        """The country or organization a person acts for: that of an office they hold here."""
        offices = {r.object for r in self.extraction.relations
                   if r.kind is RelationKind.HOLDS_OFFICE and r.subject == person.key}
        for rel in self.extraction.relations:
            if rel.kind is RelationKind.OFFICE_OF and rel.subject in offices:
                return self.extraction.entity(rel.object)
        return None

    def _home_country(self) -> Entity | None:
        """The country the article is mostly about: mentioned most, at least three times."""
        countries = [e for e in self.extraction.entities if e.kind is EntityKind.COUNTRY]
        best = max(countries, key=lambda e: len(e.mentions), default=None)
        return best if best is not None and len(best.mentions) >= 3 else None

    def _antecedent(self, pronoun: Token) -> Entity | None:
        """What a pronoun stands for: the nearest party named before it, in its sentence or the one before."""
        sent = pronoun.sent
        previous = self.doc[sent.start - 1].sent if sent.start > 0 else None
        window_start = previous.start if previous is not None else sent.start
        for ent in reversed([e for e in self.ents if window_start <= e.start and e.end <= pronoun.i]):
            entity = self._entity_of(ent, PARTY_KINDS)
            if entity is not None:
                return entity
        return None

    def _pair(self) -> list[Entity]:
        """"Both sides": the two countries the article names most, if two stand out."""
        countries = sorted((e for e in self.extraction.entities if e.kind is EntityKind.COUNTRY),
                           key=lambda e: -len(e.mentions))
        if len(countries) >= 2 and len(countries[1].mentions) >= 2 and (
                len(countries) == 2 or len(countries[1].mentions) > len(countries[2].mentions)):
            return countries[:2]
        return []

    def _parties_of(self, ref: Span | Token) -> list[tuple[Entity, float]]:
        if isinstance(ref, Token) and ref.lower_ not in PRONOUNS:
            return [(e, 0.8) for e in self._pair()]
        party, factor = self._party(ref)
        return [(party, factor)] if party is not None else []

    def _party(self, ref: Span | Token) -> tuple[Entity | None, float]:
        """The committing state or organization, and how sure that is (a factor on confidence)."""
        entity = self._antecedent(ref) if isinstance(ref, Token) else self._entity_of(ref, PARTY_KINDS)
        if entity is None or entity.kind is not EntityKind.PERSON:
            return entity, 1.0
        # a person commits the state they speak for, as far as the article tells
        represented = self._speaks_for(entity)
        if represented is not None:
            return represented, 0.9
        home = self._home_country()
        return (home, 0.7) if home is not None else (None, 0.0)

    def commitments(self, matches: list[CommitmentMatch]) -> None:
        """One commitment per party and undertaking, with value, unit, deadline and topic."""
        base = self.extraction.document.date
        best: dict[tuple[str, object], Commitment] = {}
        for m in matches:
            amounts = find_amounts(m.scope.text)
            preferred = [a for a in amounts if a.kind != "count"] or amounts
            amount = preferred[0] if preferred else None
            deadline = next((r.start for r in (resolve(d.text, base) for d in m.deadlines) if r is not None), None)
            topic = _topic_text(m)
            for party, factor in (pf for ref in m.parties for pf in self._parties_of(ref)):
                commitment = Commitment(
                    party=party.key,
                    evidence=self.evidence(m.trigger.sent, round(m.confidence * factor, 3), m.rule),
                    value=amount.value if amount else None,
                    unit=amount.unit if amount else None,
                    topic=topic,
                    deadline=deadline,
                )
                # one undertaking per party and value; within a sentence, the reading with a value wins
                key: tuple[str, object] = (party.key, amount.value if amount else ("sentence", m.trigger.sent.start))
                held = best.get(key) or best.get((party.key, ("sentence", m.trigger.sent.start)))
                if held is None or (held.value is None and commitment.value is not None):
                    best.pop((party.key, ("sentence", m.trigger.sent.start)), None)
                    best[key] = commitment
        self.extraction.commitments.extend(best.values())

    def memberships(self, matches: list[MemberMatch]) -> None:
        """Membership relations; implied ones only when the membership book confirms them."""
        book = membership_book(memberships_path())
        date = self.extraction.document.date
        year = date.year if date else None
        alliances = [e for e in self.extraction.entities if e.kind is EntityKind.ALLIANCE]
        known_orgs = [e for e in self.extraction.entities if book.organization(e.label) and len(e.mentions) >= 2]
        context = {
            "alliance": max(alliances, key=lambda e: len(e.mentions)) if alliances else None,
            "organization": max(known_orgs, key=lambda e: len(e.mentions)) if known_orgs else None,
        }
        listed: dict[int, list[MemberMatch]] = {}
        for m in matches:
            if m.rule == "memberships.known-members-listed":
                listed.setdefault(m.sentence.start, []).append(m)
        for m in matches:
            country = self._entity_of(m.country, {EntityKind.COUNTRY})
            org = (self._entity_of(m.organization, {EntityKind.ORGANIZATION, EntityKind.ALLIANCE})
                   if m.organization is not None else context[m.context])
            if m.rule == "memberships.known-members-listed" and org is not None:
                # a list counts only when every country in it belongs
                group = [self._entity_of(g.country, {EntityKind.COUNTRY}) for g in listed[m.sentence.start]
                         if g.country.root.sent.start == m.country.root.sent.start]
                if not all(g is not None and book.is_member(g.label, org.label, year) for g in group):
                    continue
            if country is None or org is None:
                continue
            known = book.is_member(country.label, org.label, year)
            if known is False or (m.implied and known is not True):
                continue
            self.relate(RelationKind.MEMBER_OF, country, org, self.evidence(m.sentence, m.confidence, m.rule))

    def evidence(self, sentence: Span, confidence: float, rule: str) -> Evidence:
        """Evidence from a sentence, with offsets into (and text from) the original article."""
        start = self.prepared.original(sentence.start_char)
        end = self.prepared.original(sentence.end_char)
        return Evidence(self.extraction.document.text[start:end], start, end, confidence, rule)

    def relate(self, kind: RelationKind, subject: Entity, obj: Entity, evidence: Evidence) -> None:
        for rel in self.extraction.relations:
            if (rel.kind, rel.subject, rel.object) == (kind, subject.key, obj.key):
                return  # the first (earliest) evidence stands
        self.extraction.relations.append(Relation(kind, subject.key, obj.key, evidence))

    def office(self, match: OfficeMatch) -> None:
        person_mention = self.mention(match.person)
        if person_mention is None or person_mention.kind is not EntityKind.PERSON:
            return
        qualifier = self.mention(match.qualifier) if match.qualifier is not None else None
        if qualifier is not None and qualifier.kind not in {
            EntityKind.COUNTRY, EntityKind.ORGANIZATION, EntityKind.ALLIANCE,
        }:
            qualifier = None
        title = " ".join(t.text for t in match.title)
        title_start = self.prepared.original(match.title.start_char)
        title_end = self.prepared.original(match.title.end_char)
        title = title.replace(" - ", "-").title().replace(" Of ", " of ").replace(" The ", " the ")
        name = f"{title} of {qualifier.name}" if qualifier is not None else title
        destination = self.mention(match.destination) if match.destination is not None else None
        if destination is not None and destination.kind in {EntityKind.COUNTRY, EntityKind.ORGANIZATION}:
            name = f"{name} to {destination.name}"
        # a title without its country ("President") is no name: two people's "President" may be two
        # offices, so such an office is told apart by its holder
        identity = f"{title} held by {person_mention.name}" if qualifier is None and destination is None else None
        office = self.add(_Mention(EntityKind.OFFICE, name, match.title.text, title_start, title_end), identity)
        office.title = office.title or title
        person = self.add(person_mention)
        evidence = self.evidence(match.title.sent, match.confidence, match.rule)
        self.relate(RelationKind.HOLDS_OFFICE, person, office, evidence)
        if qualifier is not None:
            self.relate(RelationKind.OFFICE_OF, office, self.add(qualifier), evidence)


def _topic_text(match: CommitmentMatch, words: int = 16) -> str | None:
    """What the undertaking is about, in at most ``words`` words: the phrase it governs."""
    span = match.topic if match.topic is not None and len(match.topic) > 1 else match.scope
    tokens = [t.text for t in span if t.i != match.trigger.i]
    text = " ".join(" ".join(tokens).split()[:words]).strip(" ,.;:-\u2014")
    return text or None


@dataclass
class _SummitDraft:
    organizer: Entity | None
    location: Entity | None
    dates: DateRange | None
    evidence: Evidence
    noun: str
    participants: list[Entity]
    of_countries: bool
    """Numbered (trilateral ...) or with countries as participants: not an organization's summit."""

    def compatible(self, other: _SummitDraft, today: PartialDate | None) -> bool:
        """No attribute conflicts, and at least one is shared: two mentions of one summit. A
        mention without a date is taken to be of the article's day (``today``)."""
        shared = False
        for mine, theirs in ((self.organizer, other.organizer), (self.location, other.location)):
            if mine is not None and theirs is not None:
                if mine.key != theirs.key:
                    return False
                shared = True
        a = self.dates.start if self.dates is not None else today
        b = other.dates.start if other.dates is not None else today
        if a is not None and b is not None:
            if a.year != b.year or (a.month and b.month and a.month != b.month):
                return False
            shared = True
        return shared

    def absorb(self, other: _SummitDraft) -> None:
        self.organizer = self.organizer or other.organizer
        self.location = self.location or other.location
        self.participants += [p for p in other.participants if p not in self.participants]
        self.of_countries = self.of_countries or other.of_countries
        if other.dates is not None and (self.dates is None or _precision_rank(other.dates.start)
                                        > _precision_rank(self.dates.start)):
            self.dates = other.dates


def _precision_rank(value: PartialDate) -> int:
    return {"year": 0, "month": 1, "day": 2}[value.precision]


def assemble(doc: Doc, document: Document, prepared: PreparedText) -> Extraction:
    """The :class:`Extraction` of one processed article (``doc`` is of ``prepared.text``)."""
    builder = _Builder(doc, document, prepared)
    for ent in builder.ents:
        mention = builder.mention(ent)
        if mention is not None:
            builder.add(mention)
    builder.definite_references()
    for match in doc._.dkg_offices or ():
        builder.office(match)
    builder.summits(doc._.dkg_summits or [])
    builder.memberships(doc._.dkg_members or [])
    builder.commitments(doc._.dkg_commitments or [])
    return builder.extraction
