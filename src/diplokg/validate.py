"""The validate stage: the SHACL gate that decides what may be published.

Non-conformance is a result, not an exception (as in pySHACL): :func:`validate_graph` returns a
:class:`ValidationReport`. Only shapes or data that cannot be loaded raise.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pyshacl import validate as shacl_validate
from rdflib import RDFS, Dataset, Graph, URIRef
from rdflib.exceptions import ParserError
from rdflib.namespace import SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result

from .errors import EnvironmentProblem, InputError
from .resources import ontology_path, shapes_path

if TYPE_CHECKING:
    from .mapping import ArticleGraph

RDF_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld",
               ".rdf": "xml", ".owl": "xml", ".n3": "n3"}


@dataclass(frozen=True)
class Violation:
    """One SHACL result, in words."""

    focus: str
    path: str | None
    message: str
    value: str | None
    severity: str
    node: str | None = None
    """The focus node's IRI, if it has one."""
    path_iri: str | None = None
    """The path's IRI, if it is one property."""
    found_in: str = ""
    """Where the store holds the values at fault (see :func:`diplokg.pipeline.validate_store`)."""

    def __str__(self) -> str:
        where = f"{self.focus}" + (f" {self.path}" if self.path else "")
        value = f" (value: {self.value})" if self.value is not None else ""
        found = f" [{self.found_in}]" if self.found_in else ""
        return f"{self.severity}: {where}: {self.message}{value}{found}"


@dataclass(frozen=True)
class ValidationReport:
    """Whether a graph conforms, and why not."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    source: str = ""

    def __str__(self) -> str:
        head = f"{self.source}: " if self.source else ""
        if self.conforms:
            return f"{head}conforms"
        lines = [f"{head}{len(self.violations)} violation(s)"]
        lines += [f"  - {v}" for v in self.violations]
        return "\n".join(lines)


def parse_rdf(path: Path, what: str) -> Graph:
    """Parse an RDF file (format from its suffix) into a graph holding the union of its graphs."""
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: unknown RDF format {path.suffix!r}; use one of {', '.join(sorted(RDF_FORMATS))}")
    if not path.is_file():
        raise InputError(f"{path}: no such {what} file; check the path")
    ds = Dataset(default_union=True)
    try:
        ds.parse(path, format=fmt)
    except (ParserError, SyntaxError, ValueError, UnicodeDecodeError) as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise InputError(f"{path}: not valid {fmt} ({first}); fix the file or check its extension") from None
    graph = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        graph.add((s, p, o))
    for prefix, ns in ds.namespaces():
        graph.bind(prefix, ns, override=False)
    return graph


@functools.lru_cache(maxsize=4)
def _load_shapes(shapes: Path | None, ontology: Path) -> tuple[Graph, Graph]:
    # a user's shapes file that cannot be read is bad input; diplokg's own is a broken install
    own = shapes is None
    try:
        parsed = parse_rdf(shapes or shapes_path(), "shapes")
        # pySHACL reads the shapes graph node by node for every focus node: SimpleMemory answers
        # that ~10% faster than the context-aware Memory store
        shapes_graph = Graph(store="SimpleMemory")
        shapes_graph += parsed
        for prefix, namespace in parsed.namespaces():
            shapes_graph.bind(prefix, namespace, override=False)
        return shapes_graph, parse_rdf(ontology, "ontology")
    except InputError as err:
        if own:
            raise EnvironmentProblem(f"cannot load diplokg's own shapes or ontology: {err}") from None
        raise


def _label(graph: Graph, node: object) -> str:
    if isinstance(node, URIRef):
        label = graph.value(node, RDFS.label)
        return f"<{node}>" + (f' "{label}"' if label is not None else "")
    return str(node)


def _short(graph: Graph, node: object) -> str:
    if isinstance(node, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(node)
        except ValueError:
            return f"<{node}>"
    return str(node)


class _Members(list[Any]):
    """A list that answers ``in`` from a set."""

    def __init__(self, items: list[Any]) -> None:
        super().__init__(items)
        self._set = frozenset(items)

    def __contains__(self, item: object) -> bool:
        return item in self._set


@functools.cache
def _speed_up_pyshacl() -> None:
    """pySHACL finds each shape's constraints by testing its predicates with ``in`` against a
    list of ~40 IRIs, for every focus node (measured: 14% of the gate's time). Give it the same
    list (same members, same order) with a set's lookup. Only speed changes; a pySHACL that
    keeps the list elsewhere is left as it is."""
    try:
        import pyshacl.shape as shape_module
        from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP
    except ImportError:
        return
    if isinstance(ALL_CONSTRAINT_PARAMETERS, list) and hasattr(shape_module, "module"):
        # what pySHACL's Shape.validate caches on its module at its first run
        shape_module.CONSTRAINT_PARAMS = (  # type: ignore[attr-defined]
            _Members(ALL_CONSTRAINT_PARAMETERS), CONSTRAINT_PARAMETERS_MAP)


@functools.lru_cache(maxsize=256)
def _prepared(sparql: str) -> Query:
    return prepareQuery(sparql)


class _DataGraph(Graph):
    """The graph pySHACL validates. pySHACL hands it a SPARQL constraint's text on every run and
    rdflib takes ~80 ms to parse one; here each text is parsed once."""

    def query(self, query_object: str | Query, *args: Any, **kwargs: Any) -> Result:
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


class Gate:
    """SHACL shapes plus the ontology (so subclasses count), loaded once, applied to many graphs."""

    def __init__(self, shapes: Path | None = None, ontology: Path | None = None) -> None:
        self.shapes, self.ontology = _load_shapes(shapes, ontology or ontology_path())
        _speed_up_pyshacl()

    def graph(self) -> Graph:
        """A new graph holding the ontology's class hierarchy (all that SHACL reads of it: an
        instance of dkg:Diplomat is one of dkg:Person): add data to it and
        :meth:`check_prepared` it, which saves pySHACL copying the data to mix the ontology in."""
        graph = _DataGraph()
        graph.addN((s, p, o, graph) for s, p, o in self.ontology.triples((None, RDFS.subClassOf, None)))
        return graph

    def check(self, data: Graph, source: str = "") -> ValidationReport:
        """Validate ``data`` (left as it is); the report says whether it may be published."""
        prepared = self.graph()
        prepared += data
        return self.check_prepared(prepared, source, data)

    def check_many(self, articles: Sequence[tuple[ArticleGraph, str]]) -> list[ValidationReport]:
        """One verdict per ``(graph, source)``: the graphs are checked together (one SHACL run
        costs ~20 ms besides its triples), and halved only where that fails, down to the graphs
        that fail (whose reports then name their own violations)."""
        if len(articles) == 1:
            graph, source = articles[0]
            return [self.check(graph.graph(), source)]
        together = self.graph()
        for graph, _ in articles:
            together.addN((s, p, o, together) for s, p, o in graph)
        verdict = self.check_prepared(together)
        if verdict.conforms:
            return [verdict] * len(articles)
        half = len(articles) // 2
        return self.check_many(articles[:half]) + self.check_many(articles[half:])

    def check_prepared(self, prepared: Graph, source: str = "", labels: Graph | None = None) -> ValidationReport:
        """Validate a graph made by :meth:`graph` with the data added (``labels`` names the
        violations' nodes; ``prepared`` itself by default)."""
        conforms, results, _ = shacl_validate(
            prepared, shacl_graph=self.shapes, inference="none", allow_warnings=True, inplace=True,
        )
        data = labels if labels is not None else prepared
        violations: list[Violation] = []
        if not isinstance(results, Graph):
            # pySHACL returns its failure instead of a report when the shapes themselves are broken
            raise EnvironmentProblem(f"the SHACL shapes could not be applied: {results}")
        for result in results.subjects(SH.resultSeverity, None):
            path = results.value(result, SH.resultPath)
            value = results.value(result, SH.value)
            severity = results.value(result, SH.resultSeverity)
            messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
            focus = results.value(result, SH.focusNode)
            violations.append(Violation(
                focus=_label(data, focus),
                path=_short(data, path) if path is not None else None,
                message="; ".join(messages) or "does not conform",
                value=_short(data, value) if value is not None else None,
                severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
                node=str(focus) if isinstance(focus, URIRef) else None,
                path_iri=str(path) if isinstance(path, URIRef) else None,
            ))
        violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
        return ValidationReport(bool(conforms), violations, source)


def validate_graph(data: Graph, source: str = "") -> ValidationReport:
    """Validate one graph against diplokg's shapes and ontology."""
    return Gate().check(data, source)
