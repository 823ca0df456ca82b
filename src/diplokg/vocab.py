"""The ontology's terms as closed namespaces: a misspelled term raises instead of minting an IRI.

Every IRI that diplokg writes comes from here: ontology terms from :class:`DKG`, and the
IRIs of data (entities, articles, graphs, assertions) from the minting helpers at the bottom.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from urllib.parse import quote

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

ONTOLOGY_IRI = "https://w3id.org/diplokg/ontology"
DATA_BASE = "https://w3id.org/diplokg/"


class DKG(DefinedNamespace):
    """Terms of ``ontology/diplokg.ttl``."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # classes
    Person: URIRef
    Diplomat: URIRef
    Country: URIRef
    Organization: URIRef
    Alliance: URIRef
    Office: URIRef
    Place: URIRef
    City: URIRef
    Summit: URIRef
    Commitment: URIRef
    Article: URIRef
    Assertion: URIRef
    TrackedCommitment: URIRef
    StatusReport: URIRef
    Tenure: URIRef
    OfficeConflict: URIRef
    Listing: URIRef
    ListingPage: URIRef
    # relations
    holdsOffice: URIRef
    formerlyHeld: URIRef
    heldBy: URIRef
    officeOf: URIRef
    memberOf: URIRef
    hasCommitment: URIRef
    organizedBy: URIRef
    location: URIRef
    participant: URIRef
    # attributes
    officeTitle: URIRef
    startDate: URIRef
    endDate: URIRef
    commitmentValue: URIRef
    commitmentUnit: URIRef
    commitmentTopic: URIRef
    deadline: URIRef
    # provenance
    mentionedIn: URIRef
    extractedFrom: URIRef
    sentence: URIRef
    charStart: URIRef
    charEnd: URIRef
    confidence: URIRef
    extractor: URIRef
    # commitments tracked across articles
    trackedParty: URIRef
    tracks: URIRef
    statusReport: URIRef
    commitmentStatus: URIRef
    firstStated: URIRef
    lastStated: URIRef
    reportedIn: URIRef
    # offices reconciled across articles
    holder: URIRef
    office: URIRef
    holderName: URIRef
    officeName: URIRef
    firstSeen: URIRef
    lastSeen: URIRef
    evidence: URIRef
    contradicts: URIRef
    conflictKind: URIRef
    termEnded: URIRef
    # the store's index: the listing queries' rows, kept by `diplokg track`
    queryName: URIRef
    columns: URIRef
    rowCount: URIRef
    pageOf: URIRef
    pageNumber: URIRef
    rows: URIRef


WD = Namespace("http://www.wikidata.org/entity/")

_ENTITY = Namespace(DATA_BASE + "id/")
_ARTICLE = Namespace(DATA_BASE + "article/")
GRAPH_PREFIX = DATA_BASE + "graph/"
"""Where the article graphs' IRIs start: the graphs of diplokg in a store that holds others too."""
_GRAPH = Namespace(GRAPH_PREFIX)
_ASSERTION = Namespace(DATA_BASE + "assertion/")
TRACKED_GRAPH = URIRef(DATA_BASE + "tracked")
"""The named graph of the commitments tracked across articles (``diplokg track``); outside the article graphs."""
TENURES_GRAPH = URIRef(DATA_BASE + "tenures")
"""The named graph of the offices reconciled across articles: tenures and conflicts (``diplokg track``)."""
INDEX_GRAPH = URIRef(DATA_BASE + "index")
"""The named graph of the store's index: the rows of the listing queries, in their order, a page
of them a node (``diplokg track``; emptied by ``load`` and ``link``, which make it stale)."""
_LISTING = Namespace(DATA_BASE + "index/")


@functools.lru_cache(maxsize=65536)
@functools.lru_cache(maxsize=1 << 16)  # (the same names are folded over and over: cached)
def normalize_name(name: str) -> str:
    """Fold a name to the key that decides identity: case, accents, punctuation, a leading "the".

    >>> normalize_name("The United States")
    'united states'
    >>> normalize_name("Gerhard Schröder")
    'gerhard schroder'
    """
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    folded = folded.replace("&", " and ").replace("\u2019", "'")
    folded = re.sub(r"[.,'\"()\u2018\u201c\u201d]", "", folded)
    folded = re.sub(r"[-\u2013\u2014/\s]+", " ", folded).strip()
    return folded[4:] if folded.startswith("the ") else folded


def _slug(name: str) -> str:
    norm = normalize_name(name)
    slug = re.sub(r"[^a-z0-9]+", "-", norm).strip("-")
    if slug and slug.replace("-", "").isascii():
        return slug
    # names with no Latin letters keep identity through a digest of their normal form
    return "h" + hashlib.sha1(norm.encode()).hexdigest()[:16]


def entity_iri(group: str, name: str, qid: str | None = None) -> URIRef:
    """Stable IRI of an entity: from its Wikidata ID when it has one, so that one item is one node
    whatever its name in each article; otherwise the same coarse group and normalized name give
    the same IRI.

    >>> str(entity_iri("person", "Mike Pompeo"))
    'https://w3id.org/diplokg/id/person/mike-pompeo'
    >>> str(entity_iri("person", "Mike Pompeo", "Q473239"))
    'https://w3id.org/diplokg/id/wd/Q473239'
    """
    if qid:
        return _ENTITY[f"wd/{qid}"]
    return _ENTITY[f"{group}/{_slug(name)}"]


def article_iri(article_id: str) -> URIRef:
    """IRI of the article node."""
    return _ARTICLE[quote(article_id, safe="")]


def graph_iri(article_id: str) -> URIRef:
    """IRI of the named graph holding one article's facts (stable, so reloading replaces it)."""
    return _GRAPH[quote(article_id, safe="")]


def fact_iri(kind: str, article_id: str, *parts: str) -> URIRef:
    """IRI of a fact node (assertion, summit, commitment) of one article, from its content."""
    digest = hashlib.sha1("\x1f".join((article_id, *parts)).encode()).hexdigest()[:20]
    return _ASSERTION[f"{kind}-{digest}"] if kind == "assertion" else _ENTITY[f"{kind}/{digest}"]


def tracked_iri(*parts: str) -> URIRef:
    """IRI of a tracked commitment (from its party and first statement) or of one of its status
    reports (from the tracked commitment and the statement)."""
    digest = hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:20]
    return _ENTITY[f"tracked/{digest}"]


def tenure_iri(kind: str, *parts: str) -> URIRef:
    """IRI of a tenure (``kind`` "tenure", from the person and the office) or of an office
    conflict ("conflict", from its kind and the assertions it names): the same in every run."""
    digest = hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:20]
    return _ENTITY[f"{kind}/{digest}"]


def listing_iri(query: str) -> URIRef:
    """IRI of one named query's listing in the store's index."""
    return _LISTING[quote(query, safe="")]


def listing_page_iri(query: str, number: int) -> URIRef:
    """IRI of one page of a listing (``number`` from 0): computed, so that a page is read by its IRI."""
    return _LISTING[f"{quote(query, safe='')}/page/{number}"]
