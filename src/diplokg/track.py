"""Commitments tracked across articles: one node per (party, goal) for the store as a whole.

The same pledge is restated in article after article ("the 2% of GDP target by 2024"). Every
article's ``dkg:Commitment`` is a *statement*; statements of one party that agree on the goal are
one :class:`Tracked` commitment, with the dates it was first and last stated and the status that
each later article reports.

How two statements are judged to state one commitment (:func:`same_goal`):

* the same party (node), and neither the unit nor the deadline year tells them apart (equal, or
  missing in one);
* the values agree (equal; sums of 1,000 or more within 1%; or one has none), unless the later
  sentence says the pledge was raised or lowered, when the value may change;
* and the topics are close: at least a third of their content words shared (Jaccard), and two
  words at least, or the same value in the same unit with a topic word in common (a "2 percent of
  GDP" pledge however its topic is worded). Two statements with neither a value nor a shared topic word are never one
  commitment.

A statement joins the closest tracked commitment it matches (earlier statements first); if none
matches it starts a new one. The status of a statement comes from its sentence
(``data/tracking.toml``: "fell short of" is missed, "reached its" met, "went back on"
withdrawn, "raised its" raised ...); the first statement with none of those words is
"pledged", a later one "reaffirmed" (a second statement in the same article repeats the first's
status). The tracked commitment's status is its latest statement's.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import cache

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from .resources import tracking_path
from .store.base import Store
from .vocab import DKG, TRACKED_GRAPH, tracked_iri

__all__ = ["Statement", "Status", "Tracked", "read_statements", "status_of", "track", "tracked_graph"]


class Status(Enum):
    """What an article reports of a commitment."""

    PLEDGED = "pledged"
    REAFFIRMED = "reaffirmed"
    RAISED = "raised"
    LOWERED = "lowered"
    MET = "met"
    MISSED = "missed"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class Statement:
    """One article's commitment, as the store holds it."""

    commitment: URIRef
    party: URIRef
    party_label: str
    article: URIRef
    article_id: str
    date: Literal | None
    sentence: str
    value: Decimal | None = None
    unit: str | None = None
    topic: str | None = None
    deadline: str | None = None

    @property
    def day(self) -> str:
        """The article's date as sortable text ("" when undated: before every dated one)."""
        return str(self.date) if self.date is not None else ""

    @property
    def deadline_year(self) -> str | None:
        return self.deadline[:4] if self.deadline else None


@dataclass
class Tracked:
    """One commitment of one party, stated by one or more articles."""

    party: URIRef
    party_label: str
    statements: list[Statement] = field(default_factory=list)
    statuses: list[Status] = field(default_factory=list)

    @property
    def iri(self) -> URIRef:
        return tracked_iri(str(self.party), str(self.statements[0].commitment))

    @property
    def status(self) -> Status:
        return self.statuses[-1]

    @property
    def value(self) -> Decimal | None:
        """The latest value stated (a raised pledge's new sum)."""
        return next((s.value for s in reversed(self.statements) if s.value is not None), None)

    def first(self, attribute: str) -> str | None:
        return next((getattr(s, attribute) for s in self.statements if getattr(s, attribute)), None)

    @property
    def label(self) -> str:
        """"Germany: to spend 2 percent of GDP on defence by 2024": the first topic stated, else
        the value and unit, and the deadline where the topic does not say it."""
        value, unit, topic = self.value, self.first("unit"), self.first("topic")
        amount = " ".join(p for p in (_plain(value) if value is not None else None, unit) if p)
        goal = topic or amount or "commitment"
        deadline = self.first("deadline")
        return f"{self.party_label}: {goal}" + (f" by {deadline}" if deadline and deadline not in goal else "")


@cache
def _lexicon() -> tuple[tuple[tuple[Status, tuple[str, ...]], ...], frozenset[str]]:
    with tracking_path().open("rb") as handle:
        data = tomllib.load(handle)
    statuses = tuple((Status(name), tuple(phrases)) for name, phrases in data["statuses"].items())
    return statuses, frozenset(data["stopwords"])


def status_of(sentence: str) -> Status | None:
    """The status a sentence reports by its words, if it reports one ("fell short of" -> missed)."""
    text = " " + " ".join(re.findall(r"[a-z]+", sentence.lower())) + " "
    for status, phrases in _lexicon()[0]:
        if any(f" {p} " in text for p in phrases):
            return status
    return None


def _words(text: str | None) -> frozenset[str]:
    stop = _lexicon()[1]
    return frozenset(w.rstrip("s") if len(w) > 3 else w for w in re.findall(r"[a-z]+", (text or "").lower())
                     if w not in stop and len(w) > 1)


def _agree(a: object, b: object) -> bool:
    return a is None or b is None or a == b


def _values_agree(a: Decimal | None, b: Decimal | None) -> bool:
    """Equal, or sums of 1,000 or more within 1% ("25.8 billion" restating "26 billion"); small
    numbers (percentages, counts) must be equal: 99.4% is not 100%."""
    if a is None or b is None or a == b:
        return True
    large = min(abs(a), abs(b)) >= 1000
    return large and abs(a - b) <= abs(max(a, b, key=abs)) * Decimal("0.01")


def same_goal(earlier: Statement, later: Statement, later_status: Status | None = None) -> float:
    """How close ``later`` is to stating ``earlier``'s commitment: 0 when it does not (see the
    module's rules), else the share of topic words they have in common (1 for the same value)."""
    if earlier.party != later.party:
        return 0.0
    if not _agree(earlier.unit and earlier.unit.lower(), later.unit and later.unit.lower()) or \
            not _agree(earlier.deadline_year, later.deadline_year):
        return 0.0
    changed = later_status in {Status.RAISED, Status.LOWERED}
    if not changed and not _values_agree(earlier.value, later.value):
        return 0.0
    a, b = _words(earlier.topic), _words(later.topic)
    overlap = len(a & b) / len(a | b) if a and b else 0.0
    same_sum = earlier.value is not None and later.value is not None and earlier.unit is not None and \
        later.unit is not None and _values_agree(earlier.value, later.value)
    if same_sum and (a & b or earlier.article == later.article):
        return max(overlap, 1.0)  # (a sum alone is not a goal: "1 mln dlrs" in two unrelated stories)
    return overlap if overlap >= 1 / 3 and len(a & b) >= 2 else 0.0


def track(statements: Iterable[Statement]) -> list[Tracked]:
    """The tracked commitments that ``statements`` make, earliest statement first."""
    tracked: list[Tracked] = []
    ordered = sorted(statements, key=lambda s: (s.day, s.article_id, str(s.commitment)))
    for statement in ordered:
        reported = status_of(statement.sentence)
        best, score = None, 0.0
        for candidate in tracked:
            if candidate.party != statement.party:
                continue
            closeness = max(same_goal(s, statement, reported) for s in candidate.statements)
            if closeness > score:
                best, score = candidate, closeness
        if best is None:
            best = Tracked(statement.party, statement.party_label)
            tracked.append(best)
            status = reported or Status.PLEDGED
        elif (same := next((i for i, s in enumerate(best.statements) if s.article == statement.article), None)) \
                is not None:
            status = reported or best.statuses[same]  # the article says it twice: one report
        else:
            status = reported or _changed(best, statement) or Status.REAFFIRMED
        best.statements.append(statement)
        best.statuses.append(status)
    return tracked


def _changed(tracked: Tracked, statement: Statement) -> Status | None:
    """A restatement with a larger or smaller value than the last one is the pledge raised or lowered."""
    if statement.value is None or tracked.value is None or _values_agree(statement.value, tracked.value):
        return None
    return Status.RAISED if statement.value > tracked.value else Status.LOWERED


_STATEMENTS = """
PREFIX dkg: <https://w3id.org/diplokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?c ?party ?name ?article ?id ?date ?sentence ?value ?unit ?topic ?deadline
WHERE {
  GRAPH ?g {
    ?party dkg:hasCommitment ?c .
    ?c a dkg:Commitment ; dkg:extractedFrom ?article ; dkg:sentence ?sentence .
    ?article dcterms:identifier ?id .
    OPTIONAL { ?party rdfs:label ?name }
    OPTIONAL { ?article dcterms:date ?date }
    OPTIONAL { ?c dkg:commitmentValue ?value }
    OPTIONAL { ?c dkg:commitmentUnit ?unit }
    OPTIONAL { ?c dkg:commitmentTopic ?topic }
    OPTIONAL { ?c dkg:deadline ?deadline }
  }
  FILTER (STRSTARTS(STR(?g), "https://w3id.org/diplokg/graph/"))
}
"""


def read_statements(store: Store) -> list[Statement]:
    """Every article's commitments in the store (embedded or endpoint). (No GROUP BY: a party
    with several labels gives a row per label, and the first label in order is kept here.)"""
    result = store.query(_STATEMENTS)
    found: dict[URIRef, Statement] = {}
    for row in result.rows:
        cells = dict(zip(result.variables, row, strict=True))
        commitment, party, article = cells["c"], cells["party"], cells["article"]
        if not (isinstance(commitment, URIRef) and isinstance(party, URIRef) and isinstance(article, URIRef)):
            continue
        date = cells.get("date")
        statement = Statement(
            commitment, party, str(cells.get("name") or party), article, str(cells["id"]),
            date if isinstance(date, Literal) else None, str(cells["sentence"]),
            _decimal(cells.get("value")), _text(cells.get("unit")), _text(cells.get("topic")),
            _text(cells.get("deadline")),
        )
        known = found.get(commitment)
        if known is None or statement.party_label < known.party_label:
            found[commitment] = statement
    return sorted(found.values(), key=lambda s: str(s.commitment))


def _decimal(term: object) -> Decimal | None:
    if term is None:
        return None
    try:
        return Decimal(str(term))
    except InvalidOperation:
        return None


def _text(term: object) -> str | None:
    return str(term) if term is not None else None


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def tracked_graph(tracked: Iterable[Tracked]) -> Graph:
    """The tracked commitments as triples, in the store's tracked graph (replaced as a whole)."""
    graph = Graph(identifier=TRACKED_GRAPH)
    for item in tracked:
        node = item.iri
        # the party's name and the articles' identifiers are copied here, so that the tracker
        # reads one graph: joined with the article graphs, Oxigraph took 67 s on the real corpus
        graph.add((item.party, RDFS.label, Literal(item.party_label)))
        graph.add((node, RDF.type, DKG.TrackedCommitment))
        graph.add((node, RDFS.label, Literal(item.label)))
        graph.add((node, DKG.trackedParty, item.party))
        graph.add((node, DKG.commitmentStatus, Literal(item.status.value)))
        dates = [s.date for s in item.statements if s.date is not None]
        if dates:
            graph.add((node, DKG.firstStated, min(dates, key=str)))
            graph.add((node, DKG.lastStated, max(dates, key=str)))
        for statement, status in zip(item.statements, item.statuses, strict=True):
            report = tracked_iri(str(node), str(statement.commitment))
            graph.add((node, DKG.tracks, statement.commitment))
            graph.add((node, DKG.statusReport, report))
            graph.add((report, RDF.type, DKG.StatusReport))
            graph.add((report, DKG.commitmentStatus, Literal(status.value)))
            graph.add((report, DKG.tracks, statement.commitment))
            graph.add((report, DKG.reportedIn, statement.article))
            graph.add((statement.article, DCTERMS.identifier, Literal(statement.article_id)))
            graph.add((report, DKG.sentence, Literal(statement.sentence)))
            if statement.date is not None:
                graph.add((report, DCTERMS.date, statement.date))
    return graph
