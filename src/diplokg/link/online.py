"""Online linking (opt-in): entities the gazetteer lacks, looked up by label and alias on any
Wikidata-style SPARQL endpoint, with their type (P31) to check the kind.

Polite by construction: a User-Agent that names diplokg, at most one request per
``min_interval`` seconds, retries with exponential backoff on network errors and 5xx/429
answers, and every answer cached on disk so that a second run asks nothing. When the endpoint
cannot be reached the run goes on with offline links only, after one warning.
"""

from __future__ import annotations

import hashlib
import json
import logging
import socket
import time
import urllib.error
from pathlib import Path
from typing import Any

from rdflib import Literal
from SPARQLWrapper import JSON, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import EndPointInternalError, SPARQLWrapperException
from tenacity import retry, retry_if_exception, stop_after_attempt, wait_exponential

from .. import __version__
from ..extract.records import EntityKind, Extraction
from .gazetteer import GazetteerLinker

log = logging.getLogger("diplokg.link")

USER_AGENT = f"diplokg/{__version__} (knowledge-graph loader for diplomatic news; https://w3id.org/diplokg)"
WD_ENTITY = "http://www.wikidata.org/entity/"
# instance-of (P31) classes that an entity of each kind may have
TYPES: dict[EntityKind, frozenset[str]] = {
    EntityKind.PERSON: frozenset({"Q5"}),
    EntityKind.COUNTRY: frozenset({"Q6256", "Q3624078"}),
    EntityKind.ORGANIZATION: frozenset({"Q43229", "Q484652", "Q245065", "Q7210356", "Q1127126", "Q4830453"}),
    EntityKind.ALLIANCE: frozenset({"Q1127126", "Q484652", "Q245065"}),
    EntityKind.CITY: frozenset({"Q515", "Q5119", "Q1549591", "Q1637706"}),
    EntityKind.PLACE: frozenset({"Q515", "Q5119", "Q1549591", "Q1637706", "Q82794", "Q35657"}),
}
QUERY = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
SELECT DISTINCT ?item ?type WHERE {
  VALUES ?name { %s }
  { ?item rdfs:label ?name } UNION { ?item skos:altLabel ?name }
  ?item wdt:P31 ?type .
} LIMIT 50"""


class EndpointUnavailable(Exception):
    """The endpoint did not answer usefully after the retries."""


def _transient(err: BaseException) -> bool:
    if isinstance(err, urllib.error.HTTPError):
        return err.code == 429 or err.code >= 500
    return isinstance(err, (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError,
                            EndPointInternalError))


class WikidataLinker:
    """The gazetteer first; then the endpoint, for entities still unlinked."""

    name = "wikidata"

    def __init__(self, endpoint: str, cache_dir: Path, fallback: GazetteerLinker, *, user_agent: str = USER_AGENT,
                 min_interval: float = 1.0, attempts: int = 4, timeout: float = 20.0) -> None:
        self.endpoint = endpoint
        self.cache_dir = cache_dir
        self.fallback = fallback
        self.user_agent = user_agent
        self.min_interval = min_interval
        self.attempts = attempts
        self.timeout = timeout
        self.disabled = False
        self.requests = 0
        self._last = 0.0

    def link(self, extraction: Extraction) -> None:
        """Link offline, then ask the endpoint about what is left (never an office: titles are
        not item labels)."""
        self.fallback.link(extraction)
        for entity in extraction.entities:
            if entity.qid or entity.kind not in TYPES or self.disabled:
                continue
            names = [entity.label, *sorted(entity.aliases)]
            if entity.kind is EntityKind.PERSON:
                names = [n for n in names if len(n.split()) > 1]  # a surname names too many people
            found: set[str] = set()
            for name in names:
                hits = {item for item, kind in self._lookup(name) if kind in TYPES[entity.kind]}
                if len(hits) == 1:
                    found |= hits
            entity.qid = found.pop() if len(found) == 1 else None
        extraction.merge_linked()
        self.fallback.canonical_names(extraction)  # an item found online that the gazetteer knows: its label

    def _cache_file(self, name: str) -> Path:
        key = hashlib.sha256(f"{self.endpoint}\n{name}".encode()).hexdigest()
        return self.cache_dir / key[:2] / f"{key}.json"

    def _lookup(self, name: str) -> list[tuple[str, str]]:
        """(QID, type QID) pairs of the items labelled ``name``; cached on disk."""
        path = self._cache_file(name)
        if path.exists():
            return [(str(item), str(kind)) for item, kind in json.loads(path.read_text(encoding="utf-8"))]
        if self.disabled:
            return []
        try:
            rows = self._ask(name)
        except EndpointUnavailable as err:
            self.disabled = True
            log.warning("Wikidata endpoint %s unavailable (%s); linking offline only for the rest of this run",
                        self.endpoint, err)
            return []
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(rows), encoding="utf-8")
        tmp.replace(path)
        return rows

    def _ask(self, name: str) -> list[tuple[str, str]]:
        # SPARQLWrapper has no parameters: the name enters as an escaped RDF literal (n3())
        values = " ".join(Literal(name, lang=lang).n3() for lang in ("en", "mul"))
        query = QUERY % values

        @retry(retry=retry_if_exception(_transient), stop=stop_after_attempt(self.attempts),
               wait=wait_exponential(multiplier=0.5, max=8), reraise=True)
        def ask() -> Any:
            wait = self.min_interval - (time.monotonic() - self._last)
            if wait > 0:
                time.sleep(wait)
            self._last = time.monotonic()
            self.requests += 1
            client = SPARQLWrapper(self.endpoint, agent=self.user_agent)
            client.setQuery(query)
            client.setReturnFormat(JSON)
            client.setTimeout(int(self.timeout))
            return client.queryAndConvert()

        try:
            answer = ask()
        except (urllib.error.URLError, TimeoutError, ConnectionError, SPARQLWrapperException, ValueError) as err:
            raise EndpointUnavailable(str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__) \
                from None
        if not isinstance(answer, dict) or "results" not in answer:
            raise EndpointUnavailable("the answer is not SPARQL JSON results")
        rows: list[tuple[str, str]] = []
        for binding in answer["results"]["bindings"]:
            item, kind = binding.get("item", {}).get("value", ""), binding.get("type", {}).get("value", "")
            if item.startswith(WD_ENTITY) and kind.startswith(WD_ENTITY):
                rows.append((item[len(WD_ENTITY):], kind[len(WD_ENTITY):]))
        return rows
