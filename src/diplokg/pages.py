"""Browsable HTML pages of the store: one page per entity, one per article, and a search by name.

What ``diplokg serve`` shows beside the SPARQL UI (``/entity``, ``/article``, ``/search``). The
pages are built over SPARQL, against any :class:`~diplokg.store.base.Store` (the server's own
endpoint when served), in three steps kept apart:

* :func:`lookup` finds the entities a text names: an IRI, a Wikidata ID (``Q7184``), or a name
  or alias (``rdfs:label``, ``skos:altLabel``) in any case. Exact matches are index look-ups (the
  text in its usual case forms, and the IRIs that an unlinked entity of that name would have);
  only when none match is every label compared in lower case.
* :func:`entity_page` and :func:`article_page` build a page model (the dataclasses below): what
  the store says, grouped (offices with the dates of the articles that state them, memberships,
  commitments with their tracked status, summits), every fact with its evidence sentences.
* :func:`render` turns a model into HTML with the Jinja2 templates shipped in ``templates/``
  (autoescaped: names with quotes, ``<`` or ``&`` are text, never markup). Plain HTML, no script:
  the search box is a GET form.

User text enters SPARQL only as bound terms (``VALUES`` of escaped literals and IRIs), never spliced.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlencode

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS
from rdflib.term import Node

from .errors import DiplokgError
from .extract.records import EntityKind
from .resources import templates_dir
from .vocab import DKG, GRAPH_PREFIX, TRACKED_GRAPH, WD, entity_iri, fact_iri, tracked_iri

if TYPE_CHECKING:
    from jinja2 import Environment

    from .store.base import Store

__all__ = [
    "ArticlePage", "CommitmentItem", "EntityLink", "EntityPage", "Evidence", "FactGroup", "Lookup", "NotFound",
    "SearchPage", "SummitItem", "Window", "article_page", "cap", "entity_page", "lookup", "render", "search_page",
]

# neighbours drawn in an entity's picture at most: Graphviz lays out a few dozen readably, and
# the most-stated neighbours of a country number in the hundreds
PICTURE_NODES = 40
# evidence rows read for one page at most (the most-stated entities have about a thousand)
EVIDENCE_LIMIT = 5000
# sentences an entity page shows per section (newest first); the rest on its next pages (&page=2)
SECTION_SENTENCES = 25
# near matches and search results shown
MATCHES = 30
# of the names containing a searched text, those whose classes and mentions are asked (the rest
# are cut: a short text is in thousands of names)
LINKED = 200

PREFIXES = f"""PREFIX dkg: <{DKG._NS}>
PREFIX rdf: <{RDF}>
PREFIX rdfs: <{RDFS}>
PREFIX skos: <{SKOS}>
PREFIX owl: <{OWL}>
PREFIX dcterms: <{DCTERMS}>
"""
_QID = re.compile(r"^[Qq][1-9][0-9]*$")
# what an IRI cannot hold (a text with one is no IRI of the store)
_NOT_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


class NotFound(DiplokgError):
    """No article or entity answers to what a page was asked for (the page is a 404)."""


# -- the page model ---------------------------------------------------------------------------

@dataclass(frozen=True, order=True)
class EntityLink:
    """An entity as a link: its canonical name, its class(es) and IRI."""

    label: str
    iri: str
    kind: str = ""
    articles: int | None = None  # how many articles mention it, where asked

    @property
    def href(self) -> str:
        """The entity's page (by IRI: a name may be shared)."""
        return entity_href(self.iri)


@dataclass(frozen=True)
class Evidence:
    """One sentence that states a fact, and the article it is in."""

    sentence: str
    graph: str
    article_id: str
    start: int
    end: int
    confidence: float | None = None
    rule: str = ""
    date: str = ""
    title: str = ""

    @property
    def href(self) -> str:
        """The sentence on its article's page."""
        return article_href(self.graph, anchor(self.start, self.end))

    @property
    def key(self) -> tuple[str, str, int, int]:
        return (self.date, self.article_id, self.start, self.end)


@dataclass
class FactGroup:
    """One relation to one other entity (or one summit, one commitment), with every sentence
    that states it, earliest article first."""

    other: EntityLink
    evidence: list[Evidence] = field(default_factory=list)
    shown: list[Evidence] | None = None
    """The sentences this page of the entity shows (newest first; None: every one)."""

    @property
    def articles(self) -> int:
        return len({e.graph for e in self.evidence})

    @property
    def first(self) -> str:
        """The date of the earliest dated article that states it ("" if none is dated)."""
        return min((e.date for e in self.evidence if e.date), default="")

    @property
    def last(self) -> str:
        return max((e.date for e in self.evidence if e.date), default="")

    @property
    def dates(self) -> str:
        """"2019-06-03 – 2020-01-05" (one date when they agree; "" when undated)."""
        first, last = self.first, self.last
        return first if first == last else f"{first} – {last}"


@dataclass
class Section:
    """One kind of fact on an entity's page ("Offices held", "Members")."""

    key: str
    title: str
    groups: list[FactGroup]
    window: Window | None = None
    """Which of the section's sentences this page shows (:func:`cap`)."""


@dataclass(frozen=True)
class Window:
    """The sentences of one section that one page shows: ``first`` to ``last`` (from 1) of
    ``total``, newest first, on page ``page`` of ``pages``."""

    page: int
    pages: int
    first: int
    last: int
    total: int


@dataclass
class Report:
    """What one article said of a tracked commitment."""

    status: str
    evidence: Evidence


@dataclass
class CommitmentItem:
    """A commitment of the entity: tracked across articles (``diplokg track``), with the status
    that each article reports, or one article's statement not tracked (yet)."""

    label: str
    status: str  # the latest status; "" when untracked
    first: str = ""
    last: str = ""
    reports: list[Report] = field(default_factory=list)
    tracked: bool = True
    shown: list[Report] | None = None
    """The reports this page of the entity shows (newest first; None: every one)."""


@dataclass
class SummitItem:
    """A summit the entity organized, hosted or took part in (as each article that reports it says)."""

    label: str
    role: str  # organizer, place, participant
    start: str = ""
    end: str = ""
    place: EntityLink | None = None
    organizer: EntityLink | None = None
    evidence: list[Evidence] = field(default_factory=list)
    shown: list[Evidence] | None = None
    """The sentences this page of the entity shows (newest first; None: every one)."""

    @property
    def dates(self) -> str:
        return self.start if not self.end or self.end == self.start else f"{self.start} – {self.end}"


@dataclass
class EntityPage:
    """Everything the store says about one entity."""

    entity: EntityLink
    classes: list[str]
    qid: str | None
    aliases: list[str]
    mentions: int
    sections: list[Section]
    commitments: list[CommitmentItem]
    summits: list[SummitItem]
    picture: str | None = None  # inline SVG (Graphviz's), or None when there is nothing to draw
    picture_note: str = ""
    truncated: bool = False
    page: int = 1
    """Which page of the sentences (each section's :data:`SECTION_SENTENCES`, newest first)."""
    commitments_window: Window | None = None
    summits_window: Window | None = None

    @property
    def pages(self) -> int:
        """How many pages the longest section's sentences fill."""
        windows = [s.window for s in self.sections] + [self.commitments_window, self.summits_window]
        return max((w.pages for w in windows if w is not None), default=1)

    def page_href(self, number: int) -> str:
        """The path of another page of the entity's sentences."""
        return "/entity?" + urlencode({"iri": self.entity.iri, "page": number})

    @property
    def wikidata(self) -> str | None:
        return f"https://www.wikidata.org/wiki/{self.qid}" if self.qid else None

    @property
    def empty(self) -> bool:
        return not (self.sections or self.commitments or self.summits)

    @property
    def facts(self) -> int:
        return sum(len(g.evidence) for s in self.sections for g in s.groups) + \
            sum(len(c.reports) for c in self.commitments) + sum(len(s.evidence) for s in self.summits)


@dataclass
class Sentence:
    """One sentence of an article, with the facts it supports."""

    evidence: Evidence
    facts: list[str]

    @property
    def anchor(self) -> str:
        return anchor(self.evidence.start, self.evidence.end)


@dataclass
class ArticlePage:
    """One article: its header, the entities it mentions, its sentences with their facts, its picture."""

    graph: str
    article_id: str
    title: str
    date: str
    source: str
    url: str
    entities: list[EntityLink]
    sentences: list[Sentence]
    picture: str | None = None


@dataclass
class Lookup:
    """The entities a text names (none, one or several), and near matches when none."""

    query: str
    found: list[EntityLink]
    near: list[EntityLink] = field(default_factory=list)


@dataclass
class SearchPage:
    """A search's answer: its matches, or near ones, and the most mentioned entities for an empty search."""

    query: str
    matches: list[EntityLink]
    near: list[EntityLink] = field(default_factory=list)
    choose: bool = False  # several entities answer to a name: a choice, not a search


def entity_href(iri: str) -> str:
    """The path of an entity's page."""
    return "/entity?" + urlencode({"iri": iri})


def article_href(graph: str, fragment: str = "") -> str:
    """The path of an article's page (at one of its sentences)."""
    return "/article?" + urlencode({"graph": graph}) + (f"#{fragment}" if fragment else "")


def search_href(text: str) -> str:
    return "/search?" + urlencode({"q": text})


def anchor(start: int, end: int) -> str:
    """The id of a sentence on its article's page."""
    return f"s{start}-{end}"


# -- look-up ----------------------------------------------------------------------------------

# (summits, commitments and tracked commitments have labels too, which are no names: their IRIs
# tell them, see _fact_node; a FILTER EXISTS on mentions took a third of a second for a name
# in 18,000 articles)
_BY_NAME = PREFIXES + """SELECT DISTINCT ?e WHERE { GRAPH ?g { ?e rdfs:label|skos:altLabel ?name } }"""
_BY_QID = PREFIXES + """SELECT DISTINCT ?e WHERE { GRAPH ?g { ?e owl:sameAs ?wd } }"""
_KNOWN = PREFIXES + """SELECT DISTINCT ?e WHERE { GRAPH ?g { ?e rdfs:label ?label } }"""
# the slow path, when no case form matched exactly: every name compared in lower case, one scan
# of the labels (a third of a second on 20,000 articles: a UNION, not the path label|altLabel, and
# no more filter in it, each of which doubled that) that finds the names equal to the key and those
# containing it; summits' and commitments' labels are no names (their IRIs tell them, see _fact_node)
_CONTAINING = PREFIXES + """SELECT DISTINCT ?e ?name WHERE {
  GRAPH ?g { { ?e rdfs:label ?name } UNION { ?e skos:altLabel ?name } }
  FILTER (CONTAINS(LCASE(STR(?name)), ?key))
} LIMIT 3000"""
_FACT_NODES = tuple(str(iri).rsplit("/", 1)[0] + "/" for iri in (
    fact_iri("summit", ""), fact_iri("commitment", ""), tracked_iri("")))


def _fact_node(iri: str) -> bool:
    """Whether the IRI is a summit's, a commitment's or a tracked commitment's (not an entity's)."""
    return iri.startswith(_FACT_NODES)


_LINKS = PREFIXES + """SELECT DISTINCT ?e ?label ?type WHERE {
  GRAPH ?g { { ?e rdfs:label ?label } UNION { ?e a ?type . FILTER (STRSTARTS(STR(?type), STR(dkg:))) } }
}"""
_COUNTS = PREFIXES + """SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?e dkg:mentionedIn ?a } } GROUP BY ?e"""
_MOST_MENTIONED = PREFIXES + """SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?e dkg:mentionedIn ?a } }
GROUP BY ?e ORDER BY DESC(?n) STR(?e) LIMIT 30"""


def _case_forms(text: str) -> tuple[Literal, ...]:
    """The case forms a name is usually written in: as given, lower, upper, title case, and each
    word capitalized with the rest kept ("mcDonald" -> "McDonald")."""
    words = text.split(" ")
    capitalized = " ".join(w[:1].upper() + w[1:] for w in words)
    forms = dict.fromkeys([text, text.lower(), text.upper(), text.title(), capitalized,
                           " ".join(w[:1].upper() + w[1:].lower() for w in words)])
    return tuple(Literal(form) for form in forms)


def _slug_iris(text: str) -> tuple[URIRef, ...]:
    """The IRIs an unlinked entity named ``text`` has, one for each group (IRIs are minted from the
    normalized name: these match whatever the case, accents and punctuation)."""
    groups = dict.fromkeys(kind.group for kind in EntityKind)
    return tuple(entity_iri(group, text) for group in groups)


def _iris(rows: Iterable[tuple[Node | None, ...]]) -> list[str]:
    """The entities' IRIs in the first column (not the summits' or commitments')."""
    return sorted({str(row[0]) for row in rows if isinstance(row[0], URIRef) and not _fact_node(str(row[0]))})


def lookup(store: Store, text: str) -> Lookup:
    """The entities ``text`` names: an entity's IRI, a Wikidata ID or item IRI, or a name or alias
    (case-insensitively); near matches (names containing it) when none does."""
    text = " ".join(text.split())
    if not text:
        return Lookup(text, [])
    found: list[str] = []
    wikidata = str(WD)
    if text.startswith(wikidata) and _QID.match(text[len(wikidata):]):
        text = text[len(wikidata):]
    if _QID.match(text):
        found = _iris(store.query(_BY_QID, {"wd": WD[text.upper()]}).rows)
    elif text.startswith(("http://", "https://")) and not _NOT_IRI.search(text):
        found = _iris(store.query(_KNOWN, {"e": URIRef(text)}).rows)
    if not found:
        found = _iris(store.query(_BY_NAME, {"name": _case_forms(text)}).rows)
        found = sorted(set(found) | set(_iris(store.query(_KNOWN, {"e": _slug_iris(text)}).rows)))
    if found:
        return Lookup(text, links(store, found))
    equal, containing = _containing(store, text.lower())
    if equal:
        return Lookup(text, links(store, equal))
    if not containing:
        words = sorted(re.findall(r"\w+", text.lower()), key=len, reverse=True)
        if len(words) > 1 and len(words[0]) > 1:
            containing = _containing(store, words[0])[1]
    return Lookup(text, [], links(store, containing[:LINKED])[:MATCHES])


def _containing(store: Store, key: str) -> tuple[list[str], list[str]]:
    """The entities named ``key`` in lower case, and those whose name contains it."""
    if len(key) < 2:
        return [], []
    rows = store.query(_CONTAINING, {"key": Literal(key)}).rows
    equal = _iris(row for row in rows if str(row[1]).lower() == key)
    return equal, _iris(rows)


def links(store: Store, iris: Sequence[str]) -> list[EntityLink]:
    """The entities as links (label, class, articles mentioning them), the most mentioned first."""
    if not iris:
        return []
    bound = {"e": tuple(URIRef(i) for i in iris)}
    labels: dict[str, str] = {}
    kinds: dict[str, set[str]] = {}
    for e, label, kind in store.query(_LINKS, bound).rows:
        iri = str(e)
        if label is not None and (iri not in labels or str(label) < labels[iri]):
            labels[iri] = str(label)
        if kind is not None:
            kinds.setdefault(iri, set()).add(_local(kind))
    counts = {str(e): _int(n) for e, n in store.query(_COUNTS, bound).rows}
    found = [EntityLink(labels.get(i, _local(URIRef(i))), i, _kind(kinds.get(i, set())), counts.get(i, 0))
             for i in iris]
    return sorted(found, key=lambda link: (-(link.articles or 0), link.label.lower(), link.iri))


def search_page(store: Store, text: str, found: Lookup | None = None) -> SearchPage:
    """What a search for ``text`` finds: the entities it names (``found``, or see :func:`lookup`)
    and those whose name contains it; the most mentioned entities when ``text`` is empty."""
    text = " ".join(text.split())
    if not text:
        top = _iris(store.query(_MOST_MENTIONED).rows)
        return SearchPage("", links(store, top))
    found = found if found is not None else lookup(store, text)
    if found.found:
        known = {f.iri for f in found.found}
        containing = [i for i in _containing(store, text.lower())[1] if i not in known]
        return SearchPage(text, found.found, links(store, containing[:LINKED])[:MATCHES])
    return SearchPage(text, [], found.near)


# -- an entity's page ---------------------------------------------------------------------------

_HEAD = PREFIXES + """SELECT DISTINCT ?label ?type ?wd WHERE {
  GRAPH ?g { { ?e rdfs:label ?label } UNION { ?e a ?type } UNION { ?e owl:sameAs ?wd } }
}"""
_ALIASES = PREFIXES + """SELECT DISTINCT ?alias WHERE { GRAPH ?g { ?e skos:altLabel ?alias } } LIMIT 200"""
_MENTIONS = PREFIXES + """SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?e dkg:mentionedIn ?a } }"""
# Each query below is a join of look-ups on bound terms, and a UNION where a value may be missing:
# Oxigraph evaluates an OPTIONAL over the whole store before joining it (seconds on 20,000
# articles; these take milliseconds). What every fact node carries (mapping.py's evidence: the
# sentence, offsets, confidence, rule and article) is required; the articles' dates and titles
# are asked once for all of them (_ARTICLES).
# (a page's time goes mostly into making the answers' terms: no column more than the page shows)
_EVIDENCE = "dkg:sentence ?sentence ; dkg:charStart ?start ; dkg:charEnd ?end ; dkg:confidence ?confidence"
_RELATIONS = PREFIXES + f"""SELECT ?p ?out ?other ?olabel ?sentence ?start ?end ?confidence ?g WHERE {{
  GRAPH ?g {{
    {{ ?x rdf:subject ?e ; rdf:object ?other . BIND (true AS ?out) }}
    UNION {{ ?x rdf:object ?e ; rdf:subject ?other . BIND (false AS ?out) }}
    ?x rdf:predicate ?p ; {_EVIDENCE} .
    ?other rdfs:label ?olabel .
  }}
}} LIMIT {EVIDENCE_LIMIT}"""
_COMMITMENTS = PREFIXES + f"""SELECT ?c ?sentence ?start ?end ?confidence ?g WHERE {{
  GRAPH ?g {{ ?e dkg:hasCommitment ?c . ?c a dkg:Commitment ; {_EVIDENCE} . }}
}} LIMIT {EVIDENCE_LIMIT}"""
_COMMITMENT_TERMS = PREFIXES + """SELECT ?c ?value ?unit ?topic ?deadline WHERE {
  GRAPH ?g { ?e dkg:hasCommitment ?c .
    { ?c dkg:commitmentValue ?value } UNION { ?c dkg:commitmentUnit ?unit } UNION { ?c dkg:commitmentTopic ?topic }
    UNION { ?c dkg:deadline ?deadline } }
}"""
_TRACKED = PREFIXES + f"""SELECT ?t ?label ?status ?first ?last ?c ?reported WHERE {{
  GRAPH {TRACKED_GRAPH.n3()} {{
    ?t dkg:trackedParty ?e .
    {{ ?t rdfs:label ?label ; dkg:commitmentStatus ?status }}
    UNION {{ ?t dkg:firstStated ?first }} UNION {{ ?t dkg:lastStated ?last }}
    UNION {{ ?t dkg:statusReport ?r . ?r dkg:tracks ?c ; dkg:commitmentStatus ?reported }}
  }}
}}"""
_SUMMITS = PREFIXES + f"""SELECT ?s ?role ?label ?sentence ?start ?end ?confidence ?g WHERE {{
  GRAPH ?g {{
    {{ ?s dkg:organizedBy ?e BIND (dkg:organizedBy AS ?role) }}
    UNION {{ ?s dkg:location ?e BIND (dkg:location AS ?role) }}
    UNION {{ ?s dkg:participant ?e BIND (dkg:participant AS ?role) }}
    ?s a dkg:Summit ; rdfs:label ?label ; {_EVIDENCE} .
  }}
}} LIMIT {EVIDENCE_LIMIT}"""
_SUMMIT_TERMS = PREFIXES + """SELECT ?s ?from ?to ?place ?placeLabel ?org ?orgLabel WHERE {
  GRAPH ?g {
    { ?s dkg:startDate ?from } UNION { ?s dkg:endDate ?to }
    UNION { ?s dkg:location ?place . ?place rdfs:label ?placeLabel }
    UNION { ?s dkg:organizedBy ?org . ?org rdfs:label ?orgLabel }
  }
}"""
_ARTICLES = PREFIXES + """SELECT ?g ?id ?date ?title WHERE {
  GRAPH ?g { ?a a dkg:Article . { ?a dcterms:identifier ?id } UNION { ?a dcterms:date ?date }
             UNION { ?a dcterms:title ?title } }
}"""

# (predicate, the entity is its subject) -> section; in the order the page shows them
SECTIONS: dict[tuple[URIRef, bool], tuple[str, str]] = {
    (DKG.holdsOffice, True): ("offices", "Offices held"),
    (DKG.holdsOffice, False): ("holders", "Held by"),
    (DKG.officeOf, True): ("office-of", "Office of"),
    (DKG.officeOf, False): ("offices-of", "Offices"),
    (DKG.memberOf, True): ("memberships", "Member of"),
    (DKG.memberOf, False): ("members", "Members"),
}
ROLES = {DKG.organizedBy: "organizer", DKG.location: "place", DKG.participant: "participant"}
_CLASS_ORDER = ("Diplomat", "Person", "Alliance", "Organization", "Country", "City", "Place", "Office", "Summit",
                "Commitment")


def _local(term: Node) -> str:
    text = str(term)
    return text.rsplit("#", 1)[-1] if "#" in text else unquote(text.rsplit("/", 1)[-1])


def _kind(classes: Iterable[str]) -> str:
    """The finest of an entity's classes (Diplomat over Person, Alliance over Organization)."""
    found = set(classes)
    return next((c for c in _CLASS_ORDER if c in found), min(found, default=""))


def _int(term: Node | None) -> int:
    try:
        return int(str(term)) if term is not None else 0
    except ValueError:
        return 0


def _text(term: Node | None) -> str:
    return str(term) if term is not None else ""


@dataclass(frozen=True)
class _Article:
    article_id: str = ""
    date: str = ""
    title: str = ""


def _articles(store: Store, nodes: Iterable[Node | None]) -> dict[str, _Article]:
    """The identifier, date and title of the article of each named graph."""
    wanted = tuple(sorted({n for n in nodes if isinstance(n, URIRef)}, key=str))
    found: dict[str, dict[str, str]] = {}
    for start in range(0, len(wanted), 500):
        for a, article_id, date, title in store.query(_ARTICLES, {"g": wanted[start:start + 500]}).rows:
            cells = found.setdefault(str(a), {})
            for name, value in (("article_id", article_id), ("date", date), ("title", title)):
                if value is not None:
                    cells[name] = str(value)
    return {a: _Article(**cells) for a, cells in found.items()}


def _evidence(cells: Sequence[Node | None], articles: dict[str, _Article]) -> Evidence:
    """The evidence of a row whose last five columns are ``?sentence ?start ?end ?confidence ?g``."""
    sentence, start, end, confidence, graph = cells[-5:]
    try:
        score = float(str(confidence)) if confidence is not None else None
    except ValueError:
        score = None
    about = articles.get(str(graph), _Article())
    return Evidence(_text(sentence), _text(graph), about.article_id or unquote(_text(graph)[len(GRAPH_PREFIX):]),
                    _int(start), _int(end), score, "", about.date, about.title)


def _sorted_evidence(items: Iterable[Evidence]) -> list[Evidence]:
    # dated articles first, earliest first; one sentence once
    unique = {(e.graph, e.start, e.end): e for e in items}
    return sorted(unique.values(), key=lambda e: (e.date == "", *e.key))


def _amount(value: Node | None, unit: Node | None) -> str:
    if value is None:
        return _text(unit)
    number = str(value)
    if "." in number:
        number = number.rstrip("0").rstrip(".")
    return f"{number} {_text(unit)}".strip()


def entity_page(store: Store, iri: str, *, picture: bool = True, page: int = 1) -> EntityPage:
    """The page model of the entity ``iri`` (a :class:`NotFound` if the store has no such entity):
    every fact, each section showing its ``page``-th :data:`SECTION_SENTENCES` sentences, newest first."""
    e = URIRef(iri)
    bound: dict[str, Node] = {"e": e}
    labels, classes, qids = set(), set(), set()
    for name, kind, wd in store.query(_HEAD, bound).rows:
        if name is not None:
            labels.add(str(name))
        if kind is not None and str(kind).startswith(str(DKG._NS)):
            classes.add(_local(kind))
        if wd is not None and str(wd).startswith(str(WD)):
            qids.add(str(wd)[len(str(WD)):])
    if not labels and not classes:
        raise NotFound(f"{iri}: no entity with this IRI in the store")
    label = min(labels) if labels else _local(e)
    aliases = sorted({str(row[0]) for row in store.query(_ALIASES, bound).rows if row[0] is not None} - {label},
                     key=lambda a: (a.lower(), a))
    mentions = _int(store.query(_MENTIONS, bound).rows[0][0]) if classes else 0
    entity = EntityLink(label, iri, _kind(classes), mentions)

    relations = store.query(_RELATIONS, bound).rows
    commitments = store.query(_COMMITMENTS, bound).rows
    summits = store.query(_SUMMITS, bound).rows
    articles = _articles(store, (row[-1] for rows in (relations, commitments, summits) for row in rows))
    model = EntityPage(entity, sorted(classes), min(qids) if qids else None, aliases, mentions,
                       _sections(relations, articles), _commitments(store, bound, commitments, articles),
                       _summits(store, summits, articles),
                       truncated=any(len(rows) >= EVIDENCE_LIMIT for rows in (relations, commitments, summits)),
                       page=max(1, page))
    for section in model.sections:
        section.window = cap(section.groups, "evidence", model.page)
    model.commitments_window = cap(model.commitments, "reports", model.page, newest_first=False)
    model.summits_window = cap(model.summits, "evidence", model.page)
    if picture:
        model.picture, model.picture_note = _picture(store, model)
    return model


def _newest(item: Evidence | Report) -> tuple[bool, str, str, int]:
    evidence = item.evidence if isinstance(item, Report) else item
    return (evidence.date != "", evidence.date, evidence.article_id, -evidence.start)


def cap(items: Sequence[FactGroup | CommitmentItem | SummitItem], attribute: str, page: int,
        per_page: int = SECTION_SENTENCES, newest_first: bool = True) -> Window | None:
    """Choose which sentences of a section one page shows: its items in their order, each item's
    sentences newest first (or in their own order: a commitment's reports tell its story),
    ``per_page`` of them a page; sets each item's ``shown`` (the items with none shown stay
    listed, with their counts, on the first page only) and says which window it is. None for an
    empty section."""
    flat = [(item, said) for item in items
            for said in (sorted(getattr(item, attribute), key=_newest, reverse=True) if newest_first
                         else getattr(item, attribute))]
    if not flat:
        return None
    pages = -(-len(flat) // per_page)
    page = min(page, pages)
    start = (page - 1) * per_page
    chosen = flat[start:start + per_page]
    for item in items:
        item.shown = []
    for item, said in chosen:
        item.shown.append(said)  # type: ignore[union-attr]
    return Window(page, pages, start + 1, start + len(chosen), len(flat))


def _sections(rows: Sequence[tuple[Node | None, ...]], articles: dict[str, _Article]) -> list[Section]:
    """The relations grouped by section and other entity, the most stated first."""
    groups: dict[tuple[URIRef, bool], dict[str, FactGroup]] = {}
    for cells in rows:
        p, out, other, olabel = cells[:4]
        key = (URIRef(str(p)), _text(out) in {"true", "1"})
        if key not in SECTIONS or other is None:
            continue
        by_other = groups.setdefault(key, {})
        group = by_other.get(str(other))
        if group is None:
            link = EntityLink(_text(olabel) or _local(other), str(other))
            group = by_other[str(other)] = FactGroup(link)
        elif olabel is not None and str(olabel) < group.other.label:  # (a store of several labels a node)
            group.other = EntityLink(str(olabel), group.other.iri, group.other.kind)
        group.evidence.append(_evidence(cells, articles))
    sections = []
    for key, (name, title) in SECTIONS.items():
        if key in groups:
            items = list(groups[key].values())
            for group in items:
                group.evidence = _sorted_evidence(group.evidence)
            items.sort(key=lambda g: (-g.articles, g.other.label.lower(), g.other.iri))
            sections.append(Section(name, title, items))
    return sections


def _commitments(store: Store, bound: dict[str, Node], rows: Sequence[tuple[Node | None, ...]],
                 articles: dict[str, _Article]) -> list[CommitmentItem]:
    """The entity's commitments: each tracked one with its reports, then the statements no
    tracked commitment holds (all of them before ``diplokg track`` ran)."""
    if not rows:
        return []
    terms: dict[str, dict[str, Node]] = {}
    for c, *values in store.query(_COMMITMENT_TERMS, bound).rows:
        for name, value in zip(("value", "unit", "topic", "deadline"), values, strict=True):
            if value is not None:
                terms.setdefault(str(c), {})[name] = value
    statements: dict[str, tuple[str, Evidence]] = {}
    for cells in rows:
        said = terms.get(str(cells[0]), {})
        value, unit, topic, deadline = (said.get(n) for n in ("value", "unit", "topic", "deadline"))
        goal = _text(topic) or _amount(value, unit) or "commitment"
        amount = _amount(value, unit) if topic is not None and value is not None else ""
        words = [goal] + ([f"({amount})"] if amount else []) + ([f"by {deadline}"] if deadline is not None else [])
        statements.setdefault(str(cells[0]), (" ".join(words), _evidence(cells, articles)))
    tracked: dict[str, CommitmentItem] = {}
    reports: list[tuple[str, str, str]] = []
    for t, label, status, first, last, c, reported in store.query(_TRACKED, bound).rows:
        item = tracked.setdefault(str(t), CommitmentItem("", ""))
        if label is not None:
            item.label, item.status = str(label), _text(status)
        if first is not None:
            item.first = str(first)
        if last is not None:
            item.last = str(last)
        if c is not None:
            reports.append((str(t), str(c), _text(reported)))
    held: set[str] = set()
    for node, statement, reported_status in sorted(reports):
        if statement in statements and statement not in held:
            tracked[node].reports.append(Report(reported_status, statements[statement][1]))
            held.add(statement)
    items = [item for item in tracked.values() if item.reports]
    for item in items:
        item.reports.sort(key=lambda r: (r.evidence.date == "", *r.evidence.key))
    items.sort(key=lambda i: (i.first == "", i.first, i.label.lower()))
    loose = [CommitmentItem(goal, "", evidence.date, evidence.date, [Report("", evidence)], tracked=False)
             for c, (goal, evidence) in statements.items() if c not in held]
    loose.sort(key=lambda i: (i.first == "", i.first, i.label.lower()))
    return items + loose


def _summits(store: Store, rows: Sequence[tuple[Node | None, ...]], articles: dict[str, _Article]) -> list[SummitItem]:
    """The summits the entity organized, hosted or took part in: one item per summit and role,
    the articles that report the same summit (name and dates) together."""
    if not rows:
        return []
    terms: dict[str, dict[str, Node]] = {}
    nodes = tuple(sorted({cells[0] for cells in rows if isinstance(cells[0], URIRef)}, key=str))
    for chunk in range(0, len(nodes), 500):
        for node, *values in store.query(_SUMMIT_TERMS, {"s": nodes[chunk:chunk + 500]}).rows:
            for name, value in zip(("from", "to", "place", "placeLabel", "org", "orgLabel"), values, strict=True):
                if value is not None:
                    terms.setdefault(str(node), {})[name] = value
    found: dict[tuple[str, str, str, str], SummitItem] = {}
    for cells in rows:
        said = terms.get(str(cells[0]), {})
        role = ROLES.get(URIRef(str(cells[1])), "")
        label, start, end = _text(cells[2]), _text(said.get("from")), _text(said.get("to"))
        item = found.setdefault((label, start, end, role), SummitItem(label, role, start, end))
        if "place" in said and item.place is None:
            item.place = EntityLink(_text(said.get("placeLabel")) or _local(said["place"]), str(said["place"]))
        if "org" in said and item.organizer is None:
            item.organizer = EntityLink(_text(said.get("orgLabel")) or _local(said["org"]), str(said["org"]))
        item.evidence.append(_evidence(cells, articles))
    items = list(found.values())
    for item in items:
        item.evidence = _sorted_evidence(item.evidence)
    return sorted(items, key=lambda s: (s.start == "", s.start, s.label.lower(), s.role))


def _picture(store: Store, page: EntityPage) -> tuple[str | None, str]:
    """The entity's picture as ``diplokg show`` draws it (inline SVG), its neighbours cut to the
    :data:`PICTURE_NODES` most stated; None when Graphviz is missing or there is nothing to draw."""
    from .errors import EnvironmentProblem, InputError
    from .show import neighbourhood, svg_of

    stated = {g.other.iri: g.articles for s in page.sections for g in s.groups}
    graph, reached = neighbourhood(store, URIRef(page.entity.iri), PICTURE_NODES,
                                   rank=lambda node: (-stated.get(str(node), 0), str(node)))
    note = f"the {PICTURE_NODES} most stated of {reached} neighbours; 'diplokg show' draws them all" \
        if reached > PICTURE_NODES else ""
    try:
        return _inline(svg_of(graph, page.entity.label, href=entity_href)), note
    except (EnvironmentProblem, InputError):
        return None, ""


def _inline(svg: str) -> str:
    """Graphviz's SVG without its XML declaration and doctype, to stand in an HTML page."""
    return svg[svg.find("<svg"):]


# -- an article's page ------------------------------------------------------------------------

def article_page(store: Store, graph: str, *, picture: bool = True) -> ArticlePage:
    """The page model of the article whose named graph is ``graph`` (a :class:`NotFound` if there is none)."""
    if not graph.startswith(GRAPH_PREFIX) or _NOT_IRI.search(graph):
        raise NotFound(f"{graph}: not the graph of an article (they start with {GRAPH_PREFIX})")
    triples = store.get_graph(URIRef(graph))
    article = next(iter(triples.subjects(RDF.type, DKG.Article)), None)
    if article is None:
        raise NotFound(f"{graph}: no article with this graph in the store")
    article_id = _text(triples.value(article, DCTERMS.identifier))
    date = _text(triples.value(article, DCTERMS.date))
    title = _text(triples.value(article, DCTERMS.title))

    def label(node: Node) -> str:
        return _text(triples.value(node, RDFS.label)) or _local(node)

    def kind(node: Node) -> str:
        return _kind(_local(t) for t in triples.objects(node, RDF.type) if str(t).startswith(str(DKG._NS)))

    entities = sorted({EntityLink(label(n), str(n), kind(n)) for n in triples.subjects(DKG.mentionedIn, article)},
                      key=lambda link: (link.label.lower(), link.iri))
    sentences: dict[tuple[int, int], Sentence] = {}
    for node in set(triples.subjects(DKG.sentence, None)):
        start, end = _int(triples.value(node, DKG.charStart)), _int(triples.value(node, DKG.charEnd))
        confidence = triples.value(node, DKG.confidence)
        evidence = Evidence(_text(triples.value(node, DKG.sentence)), graph, article_id, start, end,
                            float(str(confidence)) if confidence is not None else None,
                            _text(triples.value(node, DKG.extractor)), date, title)
        sentence = sentences.setdefault((start, end), Sentence(evidence, []))
        sentence.facts.append(_fact_text(triples, node, label))
    ordered = sorted(sentences.values(), key=lambda s: (s.evidence.start, s.evidence.end))
    for sentence in ordered:
        sentence.facts.sort()
    page = ArticlePage(graph, article_id, title, date, _text(triples.value(article, DCTERMS.source)),
                       _text(triples.value(article, DCTERMS.references)), entities, ordered)
    if picture:
        from .errors import EnvironmentProblem, InputError
        from .show import svg_of

        try:
            page.picture = _inline(svg_of(triples, f"article {article_id}", href=entity_href))
        except (EnvironmentProblem, InputError):
            page.picture = None
    return page


def _fact_text(triples: Graph, node: Node, label: Any) -> str:
    """"Jens Stoltenberg holds office Secretary General of NATO", "summit: NATO summit (2018-07-11)"."""
    if (node, RDF.type, DKG.Assertion) in triples:
        subject, predicate, obj = (triples.value(node, p) for p in (RDF.subject, RDF.predicate, RDF.object))
        if predicate == DKG.hasCommitment:
            return f"{label(subject)} commits to {_commitment_text(triples, obj)}"
        words = re.sub(r"(?<!^)([A-Z])", r" \1", _local(predicate)).lower() if predicate is not None else "?"
        return f"{label(subject)} {words} {label(obj)}"
    if (node, RDF.type, DKG.Summit) in triples:
        start = triples.value(node, DKG.startDate)
        return f"summit: {label(node)}" + (f" ({start})" if start is not None else "")
    if (node, RDF.type, DKG.Commitment) in triples:
        party = next(iter(triples.subjects(DKG.hasCommitment, node)), None)
        return f"commitment of {label(party) if party is not None else '?'}: {_commitment_text(triples, node)}"
    return _local(node)


def _commitment_text(triples: Graph, node: Node | None) -> str:
    if node is None:
        return "?"
    topic, deadline = triples.value(node, DKG.commitmentTopic), triples.value(node, DKG.deadline)
    amount = _amount(triples.value(node, DKG.commitmentValue), triples.value(node, DKG.commitmentUnit))
    parts = [p for p in (_text(topic), f"({amount})" if amount and topic is not None else amount) if p]
    return " ".join(parts or ["commitment"]) + (f" by {deadline}" if deadline is not None else "")


# -- HTML ---------------------------------------------------------------------------------------

@cache
def _environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(loader=FileSystemLoader(templates_dir()), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(entity_href=entity_href, article_href=article_href, search_href=search_href)
    return env


def render(template: str, **context: Any) -> str:
    """The HTML of a page: ``entity.html``, ``article.html``, ``search.html`` or ``error.html``
    with the page model(s) given (a picture's SVG is Graphviz's own, put in as it is)."""
    from markupsafe import Markup

    for value in context.values():
        if isinstance(value, EntityPage | ArticlePage) and value.picture is not None:
            value.picture = Markup(value.picture)  # Graphviz's SVG, its labels escaped by Graphviz
    return _environment().get_template(template).render(**context)
