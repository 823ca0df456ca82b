"""A SPARQL 1.1 endpoint as the store: Graph Store Protocol where the server has it, SPARQL
Update where it does not, SPARQLWrapper-free plain HTTP (requests) throughout.

Why plain HTTP and not SPARQLWrapper here: the Graph Store Protocol's ``PUT`` of a graph body is
outside what SPARQLWrapper does, and one client for queries, updates and PUTs keeps retries,
credentials, TLS settings and error messages in one place. (Online Wikidata lookups, which are
only queries, do use SPARQLWrapper: :mod:`diplokg.link.online`.)

Credentials come from the environment only (``DIPLOKG_ENDPOINT_USER`` and
``DIPLOKG_ENDPOINT_PASSWORD`` for basic, ``DIPLOKG_ENDPOINT_TOKEN`` for bearer), are never taken
from argv and never appear in messages. Refused connections, 429 and 5xx answers are retried with
exponential backoff, a bounded number of times (each retry said on stderr); a server that does not
answer within the timeout (``--endpoint-timeout``, 60 s by default) is not asked again.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.term import Node
from tenacity import RetryCallState, retry, retry_if_exception, stop_after_attempt, wait_exponential

from .. import __version__
from ..errors import DiplokgError, EndpointError, EndpointRefused, QueryError, redact
from ..mapping import ArticleGraph
from ..vocab import GRAPH_PREFIX
from .base import Bindings, QueryResult, bind_values

log = logging.getLogger("diplokg.store")

USER_AGENT = f"diplokg/{__version__}"


def derive_urls(url: str) -> tuple[str, str, str | None]:
    """Update and Graph Store addresses from a query endpoint's URL, by the common layouts:
    ``…/query`` (Oxigraph: ``…/update``, ``…/store``) and ``…/sparql`` (Virtuoso: the same URL for
    updates, ``…/sparql-graph-crud``). Anything else: the same URL, and SPARQL Update only."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    if path.endswith("/query"):
        base = path[: -len("/query")]
        return url, urlunsplit(parts._replace(path=f"{base}/update")), urlunsplit(parts._replace(path=f"{base}/store"))
    if path.endswith("/sparql"):
        return url, url, urlunsplit(parts._replace(path=f"{path}-graph-crud", query=""))
    return url, url, None


@dataclass(frozen=True)
class EndpointConfig:
    """Where and how to talk to the endpoint."""

    query_url: str
    update_url: str
    graph_store_url: str | None
    verify_tls: bool = True
    timeout: float = 60.0
    attempts: int = 5

    @classmethod
    def from_url(cls, url: str, *, update_url: str | None = None, graph_store_url: str | None = None,
                 **options: Any) -> EndpointConfig:
        """A config for the endpoint at ``url``, overriding the derived addresses where given."""
        scheme = urlsplit(url).scheme
        if scheme not in {"http", "https"} or not urlsplit(url).netloc:
            raise EndpointError(f"{url!r} is not an http(s) URL; give the SPARQL endpoint's address, "
                                f"e.g. http://localhost:7878/query")
        query, update, gsp = derive_urls(url)
        if graph_store_url is not None:
            gsp = None if graph_store_url.lower() == "none" else graph_store_url  # "none": SPARQL Update only
        return cls(query, update_url or update, gsp, **options)


def _credentials(env: Mapping[str, str]) -> tuple[tuple[str, str] | None, dict[str, str]]:
    token = env.get("DIPLOKG_ENDPOINT_TOKEN")
    if token:
        return None, {"Authorization": f"Bearer {token}"}
    user = env.get("DIPLOKG_ENDPOINT_USER")
    if user:
        return (user, env.get("DIPLOKG_ENDPOINT_PASSWORD", "")), {}
    return None, {}


def _server_message(response: requests.Response, lines: int = 3, limit: int = 300) -> str:
    """What the server said, short: the text of its first lines (an HTML page's without its tags),
    credentials in it hidden."""
    text = response.text or ""
    if "<html" in text[:500].lower():
        text = re.sub(r"<[^>]+>", "\n", text)
    first = [" ".join(line.split()) for line in text.splitlines() if line.strip()][:lines]
    text = " ".join(first)
    return redact(text[:limit] + ("…" if len(text) > limit else ""))


class _Transient(Exception):
    """A failure worth another try."""


def _is_transient(err: BaseException) -> bool:
    # a refused connection or a 5xx is worth another try; a server that did not answer within the
    # timeout is not (each try would wait as long again: 5 tries of 60 s were 5 minutes of silence)
    if isinstance(err, requests.Timeout):
        return False
    return isinstance(err, (_Transient, requests.ConnectionError))


def _json_kind(value: object) -> str:
    return {dict: "object", list: "list", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number")


_TERM_TYPES = frozenset({"uri", "literal", "typed-literal", "bnode"})


def _solutions(data: object, url: str, form: str) -> QueryResult:
    """SPARQL 1.1 Query Results JSON as a result; anything else is named as what it is."""

    def wrong(why: str) -> EndpointError:
        return EndpointError(f"{url} answered JSON that is not SPARQL results ({why}); is it the SPARQL "
                             f"endpoint's URL?")

    if not isinstance(data, dict):
        raise wrong(f"a JSON {_json_kind(data)}, not an object with 'head' and 'results'")
    if "boolean" in data:
        if not isinstance(data["boolean"], bool):
            raise wrong(f"'boolean' is a JSON {_json_kind(data['boolean'])}, not true or false")
        return QueryResult("ask", boolean=data["boolean"])
    head, results = data.get("head"), data.get("results")
    if not isinstance(head, dict) or not isinstance(results, dict):
        keys = ", ".join(repr(k) for k in sorted(data)[:5]) or "none"
        raise wrong(f"an object with the keys {keys}, not 'head' and 'results'")
    variables = head.get("vars", [])
    if not isinstance(variables, list) or not all(isinstance(v, str) for v in variables):
        raise wrong("'head' has no list of variable names ('vars')")
    bindings = results.get("bindings")
    if not isinstance(bindings, list) or not all(isinstance(b, dict) for b in bindings):
        raise wrong(f"'results.bindings' is a JSON {_json_kind(bindings)}, not a list of objects")
    for binding in bindings:
        for name, value in binding.items():
            if not (isinstance(value, dict) and value.get("type") in _TERM_TYPES
                    and isinstance(value.get("value"), str)):
                raise wrong(f"the value of {name!r} is not an RDF term ({{'type': ..., 'value': ...}})")
    if form == "ask":  # Virtuoso answers ASK in JSON as a one-row table
        first = next(iter(bindings[0].values()))["value"] if bindings and bindings[0] else "0"
        return QueryResult("ask", boolean=first in {"1", "true"})
    rows = [tuple(_term(b[v]) if v in b else None for v in variables) for b in bindings]
    return QueryResult("select", variables=variables, rows=rows)


def _term(value: Mapping[str, str]) -> Node:
    kind = value.get("type")
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if "xml:lang" in value:
        return Literal(value["value"], lang=value["xml:lang"])
    datatype = value.get("datatype")
    if datatype and datatype != "http://www.w3.org/2001/XMLSchema#string":
        return Literal(value["value"], datatype=URIRef(datatype))
    return Literal(value["value"])


@functools.lru_cache(maxsize=256)  # (rdflib's parser takes tens of ms a query; pages ask the same ones)
def _query_form(sparql: str) -> str:
    try:
        parsed = parseQuery(sparql)
    except Exception as err:  # pyparsing raises its own exception classes
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise QueryError(f"invalid SPARQL: {first}") from None
    name = parsed[1].name
    return {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "graph", "DescribeQuery": "graph"}[name]


class EndpointStore:
    """A remote quad store spoken to over the SPARQL 1.1 protocols."""

    def __init__(self, config: EndpointConfig, env: Mapping[str, str] = os.environ) -> None:
        self.config = config
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        auth, headers = _credentials(env)
        self.session.auth = auth
        self.session.headers.update(headers)
        self.session.verify = config.verify_tls
        self._gsp = config.graph_store_url is not None

    # -- HTTP ---------------------------------------------------------------------------------
    def _request(self, method: str, url: str, what: str, **kwargs: Any) -> requests.Response:
        def again(state: RetryCallState) -> None:
            failure = state.outcome.exception() if state.outcome is not None else None
            log.warning("%s: no answer from %s (%s); trying again (%d of %d tries made)", what, url,
                        failure if isinstance(failure, _Transient) else type(failure).__name__,
                        state.attempt_number, self.config.attempts)

        @retry(retry=retry_if_exception(_is_transient), stop=stop_after_attempt(self.config.attempts),
               wait=wait_exponential(multiplier=0.5, max=10), reraise=True, before_sleep=again)
        def attempt() -> requests.Response:
            response = self.session.request(method, url, timeout=self.config.timeout, **kwargs)
            if response.status_code == 429 or response.status_code >= 500:
                raise _Transient(f"{response.status_code} {_server_message(response)}")
            return response

        try:
            response = attempt()
        except requests.Timeout:
            raise EndpointError(
                f"{what}: {url} did not answer within {self.config.timeout:g} s; if the server is busy or the "
                f"request is big, give it longer with --endpoint-timeout SECONDS (or DIPLOKG_ENDPOINT_TIMEOUT, "
                f"or endpoint_timeout in the config file)"
            ) from None
        except requests.ConnectionError as err:
            raise EndpointError(
                f"{what}: cannot reach {url} ({type(err).__name__}) after {self.config.attempts} tries; "
                f"check the URL and that the server runs (resume later with --resume)"
            ) from None
        except _Transient as err:
            raise EndpointError(f"{what}: {url} keeps failing ({err}); try again later with --resume") from None
        except requests.RequestException as err:
            raise EndpointError(f"{what}: request to {url} failed ({type(err).__name__}); check the URL") from None
        if response.status_code in {401, 403}:
            said = _server_message(response, lines=2, limit=200)
            raise EndpointError(
                f"{what}: {url} refused access ({response.status_code})" + (f': "{said}"' if said else "")
                + "; if it needs credentials, set DIPLOKG_ENDPOINT_USER and DIPLOKG_ENDPOINT_PASSWORD, "
                "or DIPLOKG_ENDPOINT_TOKEN"
            )
        return response

    # -- store protocol --------------------------------------------------------------------------
    def replace_graph(self, graph: Graph | ArticleGraph, *, verify: bool = True) -> None:
        """One atomic replace: a Graph Store ``PUT``, or ``DROP SILENT GRAPH`` + ``INSERT DATA`` in
        one update request where the server has no Graph Store Protocol."""
        if isinstance(graph, ArticleGraph):
            graph = graph.graph()
        what = f"graph {graph.identifier}"
        body = graph.serialize(format="nt", encoding="utf-8")
        if self._gsp and self.config.graph_store_url:
            response = self._request("PUT", self.config.graph_store_url, what, params={"graph": str(graph.identifier)},
                                     data=body, headers={"Content-Type": "application/n-triples"})
            if response.status_code in {200, 201, 204}:
                if verify:
                    self._verify([graph], what)
                return
            if response.status_code not in {404, 405, 406, 415, 501}:
                raise EndpointRefused(f"{what}: the server refused it ({response.status_code}): "
                                      f"{_server_message(response)}")
            log.info("no Graph Store Protocol at %s (%s); using SPARQL Update", self.config.graph_store_url,
                     response.status_code)
            self._gsp = False
        self._update([graph], what)

    @property
    def batches(self) -> bool:
        """Whether several graphs go in one request: with SPARQL Update, not with the Graph Store
        Protocol (one PUT per graph is its atomic replace)."""
        return not (self._gsp and self.config.graph_store_url)

    def replace_graphs(self, graphs: Sequence[Graph | ArticleGraph]) -> None:
        """Replace several graphs: in one SPARQL Update request where the server takes updates,
        else one Graph Store PUT each."""
        if len(graphs) == 1:
            self.replace_graph(graphs[0])
            return
        if not self.batches:
            for graph in graphs:  # one PUT each, then one count query for them all
                self.replace_graph(graph, verify=False)
            self._verify(graphs, f"{len(graphs)} graphs")
            return
        self._update(graphs, f"{len(graphs)} graphs")

    def _update(self, graphs: Sequence[Graph | ArticleGraph], what: str) -> None:
        operations = []
        for one in graphs:
            graph = one.graph() if isinstance(one, ArticleGraph) else one
            name = URIRef(str(graph.identifier)).n3()
            body = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
            operations.append(f"DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{body}}} }}")
        response = self._request("POST", self.config.update_url, what, data={"update": " ;\n".join(operations)})
        if response.status_code not in {200, 204}:
            raise EndpointRefused(f"{what}: the server refused the update ({response.status_code}): "
                                  f"{_server_message(response)}")
        self._verify(graphs, what)

    def _verify(self, graphs: Sequence[Graph | ArticleGraph], what: str) -> None:
        """Ask the server what it now holds, one query for the batch: a success answer is not
        proof (a proxy or a portal answers 200 to anything), the triples counted back are."""
        expected = {URIRef(str(g.identifier)): len(g) for g in graphs}
        names = " ".join(name.n3() for name in expected)
        try:
            result = self.query(f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {names} }} "
                                "GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        except DiplokgError as err:
            raise EndpointRefused(f"{what}: the server answered as if it stored it, but asking it what it holds "
                                  f"failed ({err})") from None
        held = {URIRef(str(row[0])): int(str(row[1])) for row in result.rows if row[0] is not None}
        short = [name for name, n in expected.items() if held.get(name, 0) < n]
        if short:
            name = short[0]
            raise EndpointRefused(f"{what}: the server answered as if it stored it, but holds {held.get(name, 0)} of "
                                  f"the {expected[name]} triples of {name}; check that {self.config.update_url} is "
                                  f"the SPARQL endpoint's update address")

    def query(self, sparql: str, bindings: Bindings | None = None) -> QueryResult:
        """Run a query; ``bindings`` enter as a VALUES block of escaped terms."""
        form = _query_form(sparql)
        text = bind_values(sparql, bindings)
        accept = "application/n-triples, text/turtle;q=0.9" if form == "graph" else \
            "application/sparql-results+json"
        response = self._request("POST", self.config.query_url, "query", data={"query": text},
                                 headers={"Accept": accept})
        if response.status_code == 400:
            raise QueryError(f"the endpoint rejected the query: {_server_message(response)}")
        if not response.ok:
            raise EndpointError(f"query: {self.config.query_url} answered {response.status_code}: "
                                f"{_server_message(response)}")
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if "html" in content_type:
            raise EndpointError(f"{self.config.query_url} answered with an HTML page, not SPARQL results; "
                                f"is it the SPARQL endpoint's URL?")
        if form == "graph":
            graph = Graph()
            fmt = "nt" if "n-triples" in content_type else "turtle"
            try:
                graph.parse(data=response.text, format=fmt)
            except Exception as err:  # rdflib parsers raise several classes
                raise EndpointError(f"{self.config.query_url}: the graph it returned does not parse ({err})") from None
            return QueryResult("graph", graph=graph)
        try:
            data = response.json()
        except ValueError:
            raise EndpointError(f"{self.config.query_url} did not answer with SPARQL JSON results "
                                f"(Content-Type {content_type or 'none'})") from None
        return _solutions(data, self.config.query_url, form)

    def get_graph(self, name: URIRef) -> Graph:
        """The triples of one named graph."""
        result = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {URIRef(str(name)).n3()} {{ ?s ?p ?o }} }}")
        graph = Graph(identifier=name)
        for triple in result.graph or ():
            graph.add(triple)
        return graph

    def graph_names(self) -> list[URIRef]:
        """diplokg's article graphs on the server (servers keep graphs of their own too)."""
        result = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS(STR(?g), "
                            f"{Literal(GRAPH_PREFIX).n3()})) }}")
        return sorted(URIRef(str(row[0])) for row in result.rows if row[0] is not None)

    def triple_count(self, graph: URIRef | None = None) -> int:
        """Triples in one article graph, or in all of them."""
        where = (f"GRAPH {URIRef(str(graph)).n3()} {{ ?s ?p ?o }}" if graph is not None else
                 f"GRAPH ?g {{ ?s ?p ?o }} FILTER (STRSTARTS(STR(?g), {Literal(GRAPH_PREFIX).n3()}))")
        result = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
        return int(str(result.rows[0][0])) if result.rows else 0

    def close(self) -> None:
        """Close the HTTP session."""
        self.session.close()

    def __enter__(self) -> EndpointStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

