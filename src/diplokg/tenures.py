"""Offices reconciled across articles: who held which office when, as the news tells it, and where
the articles contradict each other or the office holders table.

Every article's ``holdsOffice`` is a *holding* (with its assertion: the sentence, the article and
its date); every ``formerlyHeld`` ("Germany's former foreign minister Joschka Fischer") a
*former* statement. For the store as a whole (:func:`reconcile`):

* each (person, office) held in some article is one :class:`Seen` tenure, first and last seen on
  the dates of the earliest and the latest dated article that say so (dates compare by their
  text, as the named queries do: 2019 before 2019-06 before 2019-06-03);
* contradictions are reported, not resolved (:class:`Conflict`):

  - ``same-day``: two people credited with one single-holder office in articles of the same
    day (an office of a known state, and not one that several people hold at once: members,
    envoys, deputies ..., see :data:`SHARED_OFFICES`), each pair of assertions once;
  - ``after-term``: a holding in an article dated more than :data:`GRACE_DAYS` after the end of
    the last year of the person's term of that office in the office holders table
    (``data/officeholders.csv``, read by :func:`diplokg.extract.knowledge.office_holders`), and
    in no term of theirs that the table gives for the article's year; person and office are
    matched to the table by their Wikidata IDs;
  - ``former-credited``: an article calls X a former holder of office O, and an article dated
    on or after it (the same article too, in another sentence) credits X with holding O, and the
    table has no term of X in O begun since then that covers the holding's year (back in
    office); the holding is paired with the latest such former statement.

Only offices with a known state qualify (an ``officeOf`` in some article, or an office of the
table): a bare title's office ("President held by X") is its holder's alone, and says nothing
about anyone else. The result replaces the store's tenures graph (:func:`tenures_graph`).
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from rdflib import RDF, XSD, Graph, Literal, URIRef

from .extract.knowledge import Tenure, office_holders
from .resources import gazetteer_path, officeholders_path
from .store.base import Store
from .vocab import DATA_BASE, DKG, GRAPH_PREFIX, TENURES_GRAPH, normalize_name, tenure_iri

__all__ = ["GRACE_DAYS", "SHARED_OFFICES", "Conflict", "Holding", "Reconciliation", "Seen", "read_holdings",
           "reconcile", "tenures_graph"]

GRACE_DAYS = 30
"""News lags: an article may call someone the holder for a few weeks after the term's last year
(the table gives years only: a term "to 2005" may have ended on 31 December 2005)."""

SHARED_OFFICES = re.compile(
    r"member|senator|congress|\bmp\b|\bmep\b|spokes|delegate|envoy|representative|advis|negotiator|official|deputy"
    r"|vice|assistant|junior|minister of state|counsel|attach|consul|whip"
    r"|^(minister|commissioner|ambassador|secretary|director|directors|official)( of [^ ]+( [^ ]+)*)?$",
    re.IGNORECASE)
"""Offices that several people hold at once, by name: members of parliament, spokespeople, envoys,
delegates, deputies, and a bare rank of a state ("Minister of France", "Ambassador of Japan"
without where to). Two of their holders on one day are no contradiction."""

_WIKIDATA_IRI = DATA_BASE + "id/wd/"


@dataclass(frozen=True)
class Holding:
    """One article's assertion that a person holds (or formerly held) an office."""

    assertion: URIRef
    person: URIRef
    person_label: str
    office: URIRef
    office_label: str
    article: URIRef
    article_id: str
    date: Literal | None
    sentence: str
    former: bool = False

    @property
    def day(self) -> str:
        """The article's date as sortable text ("" when undated)."""
        return str(self.date) if self.date is not None else ""

    @property
    def start(self) -> datetime.date | None:
        """The first day the article's date can mean (2019-06 -> 2019-06-01), if it is dated."""
        match = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", self.day)
        if match is None:
            return None
        year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            return None


@dataclass
class Seen:
    """One person's tenure of one office as the news tells it."""

    person: URIRef
    office: URIRef
    holdings: list[Holding] = field(default_factory=list)

    @property
    def iri(self) -> URIRef:
        return tenure_iri("tenure", str(self.person), str(self.office))

    @property
    def first_seen(self) -> Literal | None:
        dates = [h.date for h in self.holdings if h.date is not None]
        return min(dates, key=str) if dates else None

    @property
    def last_seen(self) -> Literal | None:
        dates = [h.date for h in self.holdings if h.date is not None]
        return max(dates, key=str) if dates else None


@dataclass(frozen=True)
class Conflict:
    """A contradiction: ``holding`` against ``other`` (an assertion) or the table's ``term_ended``."""

    kind: str
    """"same-day", "after-term" or "former-credited"."""
    holding: Holding
    other: Holding | None = None
    term_ended: int | None = None

    @property
    def iri(self) -> URIRef:
        against = str(self.other.assertion) if self.other is not None else str(self.term_ended)
        return tenure_iri("conflict", self.kind, str(self.holding.assertion), against)


@dataclass
class Reconciliation:
    """The tenures and the conflicts of a store."""

    tenures: list[Seen] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Conflicts by kind."""
        found: dict[str, int] = {}
        for conflict in self.conflicts:
            found[conflict.kind] = found.get(conflict.kind, 0) + 1
        return found


_HOLDINGS = f"""
PREFIX dkg: <https://w3id.org/diplokg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?x ?predicate ?p ?person ?o ?office ?a ?id ?date ?sentence
WHERE {{
  VALUES ?predicate {{ dkg:holdsOffice dkg:formerlyHeld }}
  GRAPH ?g {{
    ?x rdf:predicate ?predicate ; rdf:subject ?p ; rdf:object ?o ; dkg:sentence ?sentence ; dkg:extractedFrom ?a .
    ?a dcterms:identifier ?id .
    OPTIONAL {{ ?a dcterms:date ?date }}
    OPTIONAL {{ ?p rdfs:label ?person }}
    OPTIONAL {{ ?o rdfs:label ?office }}
  }}
  FILTER (STRSTARTS(STR(?g), {Literal(GRAPH_PREFIX).n3()}))
}}
"""

_STATED = f"""
PREFIX dkg: <https://w3id.org/diplokg/ontology#>
SELECT DISTINCT ?o WHERE {{
  GRAPH ?g {{ ?o dkg:officeOf ?state }}
  FILTER (STRSTARTS(STR(?g), {Literal(GRAPH_PREFIX).n3()}))
}}
"""


def read_holdings(store: Store) -> tuple[list[Holding], set[URIRef]]:
    """Every article's office holdings and former holdings in the store (embedded or endpoint),
    and the offices some article gives a state (``officeOf``). (A node with several labels in one
    graph gives a row per label: the first label in order is kept.)"""
    result = store.query(_HOLDINGS)
    found: dict[URIRef, Holding] = {}
    for row in result.rows:
        cells = dict(zip(result.variables, row, strict=True))
        x, person, office, article = cells["x"], cells["p"], cells["o"], cells["a"]
        if not all(isinstance(t, URIRef) for t in (x, person, office, article)):
            continue
        assert isinstance(x, URIRef) and isinstance(person, URIRef) and isinstance(office, URIRef)
        assert isinstance(article, URIRef)
        date = cells.get("date")
        holding = Holding(x, person, str(cells.get("person") or person), office, str(cells.get("office") or office),
                          article, str(cells["id"]), date if isinstance(date, Literal) else None,
                          str(cells["sentence"]), former=cells["predicate"] == DKG.formerlyHeld)
        known = found.get(x)
        if known is None or (holding.person_label, holding.office_label) < (known.person_label, known.office_label):
            found[x] = holding
    stated = {row[0] for row in store.query(_STATED).rows if isinstance(row[0], URIRef)}
    return sorted(found.values(), key=lambda h: str(h.assertion)), stated


def _qid(node: URIRef) -> str | None:
    """The Wikidata ID in a linked entity's IRI (``.../id/wd/Q7184``), if it is one."""
    text = str(node)
    return text[len(_WIKIDATA_IRI):] if text.startswith(_WIKIDATA_IRI) else None


def _one_person(a: Holding, b: Holding) -> bool:
    """Whether two holders may be one person named two ways: a surname or a first name alone
    beside the full name ("Bush", "Nigel" beside "Nigel Lawson"), the words run together
    ("MargaretThatcher"), or a misspelling ("Kiichi Miyazwa": nine tenths of the letters alike)."""
    one, other = normalize_name(a.person_label).split(), normalize_name(b.person_label).split()
    if one == other or "".join(one) == "".join(other):
        return True
    for short, full in ((one, other), (other, one)):
        if len(short) == 1 and short[0] in (full[0], full[-1]):
            return True
    return difflib.SequenceMatcher(None, " ".join(one), " ".join(other)).ratio() >= 0.9


def reconcile(holdings: Iterable[Holding], stated: set[URIRef] | None = None,
              table: Sequence[Tenure] | None = None) -> Reconciliation:
    """The tenures and conflicts that ``holdings`` make (see the module's rules). ``stated``: the
    offices some article gives a state; ``table``: the office holders table (the shipped one by
    default)."""
    if table is None:
        table = office_holders(officeholders_path(), gazetteer_path())
    terms: dict[tuple[str, str], list[Tenure]] = defaultdict(list)
    for tenure in table:
        terms[(tenure.person, tenure.office)].append(tenure)
    table_offices = {tenure.office for tenure in table}
    stated = stated or set()

    def known_state(office: URIRef) -> bool:
        return office in stated or (_qid(office) or "") in table_offices

    ordered = sorted(holdings, key=lambda h: (h.day, h.article_id, str(h.assertion)))
    held = [h for h in ordered if not h.former]
    out = Reconciliation()
    seen: dict[tuple[URIRef, URIRef], Seen] = {}
    for holding in held:
        key = (holding.person, holding.office)
        if key not in seen:
            seen[key] = Seen(holding.person, holding.office)
            out.tenures.append(seen[key])
        seen[key].holdings.append(holding)
    out.conflicts.extend(_same_day(held, known_state))
    out.conflicts.extend(_after_term(held, terms, known_state))
    out.conflicts.extend(_former_credited(ordered, terms, known_state))
    return out


def _same_day(held: list[Holding], known_state: Callable[[URIRef], bool]) -> list[Conflict]:
    by_day: dict[tuple[URIRef, str], list[Holding]] = defaultdict(list)
    for holding in held:
        if len(holding.day) == 10 and known_state(holding.office) and \
                not SHARED_OFFICES.search(holding.office_label):
            by_day[(holding.office, holding.day)].append(holding)
    found: list[Conflict] = []
    for group in by_day.values():
        for i, one in enumerate(group):
            for other in group[i + 1:]:
                if one.person == other.person or _one_person(one, other):
                    continue
                if one.article == other.article and one.sentence == other.sentence:
                    continue  # one sentence naming several holders is a plural title ("Commissioners A and B")
                first, second = sorted((one, other), key=lambda h: (h.person_label, str(h.person), h.article_id))
                found.append(Conflict("same-day", first, second))
    return found


def _after_term(held: list[Holding], terms: dict[tuple[str, str], list[Tenure]],
                known_state: Callable[[URIRef], bool]) -> list[Conflict]:
    found: list[Conflict] = []
    for holding in held:
        person, office, start = _qid(holding.person), _qid(holding.office), holding.start
        if person is None or office is None or start is None:
            continue
        theirs = terms.get((person, office))
        if not theirs or any(t.covers(start.year) for t in theirs):
            continue
        ended = [t.end for t in theirs if t.end is not None and t.end < start.year]
        if not ended:
            continue  # (before the table's first term: not this check's)
        last = max(ended)
        if start > datetime.date(last, 12, 31) + datetime.timedelta(days=GRACE_DAYS):
            found.append(Conflict("after-term", holding, term_ended=last))
    return found


def _former_credited(ordered: list[Holding], terms: dict[tuple[str, str], list[Tenure]],
                     known_state: Callable[[URIRef], bool]) -> list[Conflict]:
    formers: dict[tuple[URIRef, URIRef], list[Holding]] = defaultdict(list)
    found: list[Conflict] = []
    for holding in ordered:  # in date order: the former statements before a holding are already seen
        if not known_state(holding.office) or holding.start is None:
            continue
        key = (holding.person, holding.office)
        if holding.former:
            formers[key].append(holding)
            continue
        start = holding.start
        earlier = [f for f in formers.get(key, ()) if f.start is not None and f.start <= start
                   and not (f.article == holding.article and f.sentence == holding.sentence)]
        if not earlier:
            continue
        former = earlier[-1]
        assert former.start is not None
        theirs = terms.get((_qid(holding.person) or "", _qid(holding.office) or ""), [])
        if any(t.start >= former.start.year and t.covers(start.year) for t in theirs):
            continue  # back in office: the table has a new term, begun since the article called them former
        found.append(Conflict("former-credited", holding, former))
    return found


def tenures_graph(reconciliation: Reconciliation) -> Graph:
    """The tenures and conflicts as triples, in the store's tenures graph (replaced as a whole)."""
    graph = Graph(identifier=TENURES_GRAPH)
    for item in reconciliation.tenures:
        node = item.iri
        first = item.holdings[0]
        graph.add((node, RDF.type, DKG.Tenure))
        graph.add((node, DKG.holder, item.person))
        graph.add((node, DKG.office, item.office))
        graph.add((node, DKG.holderName, Literal(first.person_label)))
        graph.add((node, DKG.officeName, Literal(first.office_label)))
        if (day := item.first_seen) is not None:
            graph.add((node, DKG.firstSeen, day))
        if (day := item.last_seen) is not None:
            graph.add((node, DKG.lastSeen, day))
        for holding in item.holdings:
            graph.add((node, DKG.evidence, holding.assertion))
    for conflict in reconciliation.conflicts:
        node = conflict.iri
        holding = conflict.holding
        graph.add((node, RDF.type, DKG.OfficeConflict))
        graph.add((node, DKG.conflictKind, Literal(conflict.kind)))
        graph.add((node, DKG.holder, holding.person))
        graph.add((node, DKG.office, holding.office))
        graph.add((node, DKG.holderName, Literal(holding.person_label)))
        graph.add((node, DKG.officeName, Literal(holding.office_label)))
        graph.add((node, DKG.evidence, holding.assertion))
        if conflict.other is not None:
            graph.add((node, DKG.contradicts, conflict.other.assertion))
        if conflict.term_ended is not None:
            graph.add((node, DKG.termEnded, Literal(f"{conflict.term_ended:04d}", datatype=XSD.gYear)))
    return graph
