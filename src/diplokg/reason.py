"""OWL reasoning with owlready2 and HermiT: consistency in words an analyst understands, and
materialized inferences.

HermiT runs on Java; a missing ``java`` is reported as :class:`EnvironmentProblem`. When HermiT
finds the data inconsistent, diplokg looks for the reason itself: an entity that the data (or a
property's domain or range) puts in two classes the ontology declares disjoint, and the articles
that say so.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef

from .errors import EnvironmentProblem
from .resources import ontology_path
from .validate import parse_rdf
from .vocab import DATA_BASE, DKG

INFERRED_GRAPH = URIRef(DATA_BASE + "inferred")
"""The named graph that ``--materialize`` writes (replaced by each run); outside the article graphs."""


@dataclass(frozen=True)
class Clash:
    """An entity put in two disjoint classes, and why."""

    entity: URIRef
    label: str
    classes: tuple[str, str]
    reasons: tuple[str, ...]

    def __str__(self) -> str:
        a, b = self.classes
        return (f"{self.label} <{self.entity}> is both a {a} and a {b}, which the ontology says nothing can be: "
                + "; ".join(self.reasons))


@dataclass
class ConsistencyReport:
    """The reasoner's verdict, the clashes found, and (when asked) what it inferred."""

    consistent: bool
    explanation: str = ""
    clashes: list[Clash] = field(default_factory=list)
    inferred: Graph | None = None

    def __str__(self) -> str:
        if self.consistent:
            extra = f"; {len(self.inferred)} inferred triples" if self.inferred is not None else ""
            return f"consistent{extra}" + (f" ({self.explanation})" if self.explanation else "")
        lines = ["inconsistent:"] + [f"  - {c}" for c in self.clashes]
        if not self.clashes:
            lines.append(f"  - {self.explanation}")
        return "\n".join(lines)


def _short(term: object) -> str:
    return str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def find_clashes(graphs: Mapping[str, Graph], ontology: Graph) -> list[Clash]:
    """Entities whose asserted or domain/range-implied classes are disjoint; ``graphs`` maps where
    each graph came from (an article graph's name, a file) to its triples."""
    supers: dict[URIRef, set[URIRef]] = {}
    for cls in set(ontology.subjects(RDF.type, OWL.Class)):
        if isinstance(cls, URIRef):
            closure = {cls, *(s for s in ontology.transitive_objects(cls, RDFS.subClassOf) if isinstance(s, URIRef))}
            supers[cls] = closure
    disjoint: set[frozenset[URIRef]] = set()
    for axiom in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        head = ontology.value(axiom, OWL.members)
        members = [m for m in ontology.items(head) if isinstance(m, URIRef)] if head is not None else []
        disjoint |= {frozenset((a, b)) for a in members for b in members if a != b}
    domains = {p: d for p, d in ontology.subject_objects(RDFS.domain) if isinstance(d, URIRef)}
    ranges = {p: r for p, r in ontology.subject_objects(RDFS.range) if isinstance(r, URIRef) and r in supers}
    # entity -> class -> reasons
    evidence: dict[URIRef, dict[URIRef, list[str]]] = {}
    labels: dict[URIRef, str] = {}

    def note(entity: object, cls: URIRef, why: str) -> None:
        if isinstance(entity, URIRef) and cls in supers:
            for sup in supers[cls]:
                evidence.setdefault(entity, {}).setdefault(sup, []).append(why)

    for source, graph in graphs.items():
        for s, p, o in graph:
            if p == RDF.type and isinstance(o, URIRef):
                note(s, o, f"typed {_short(o)} in {source}")
            elif p == RDFS.label and isinstance(s, URIRef):
                labels.setdefault(s, str(o))
            if p in domains:
                note(s, domains[p], f"uses {_short(p)} (whose subjects are {_short(domains[p])}s) in {source}")
            if p in ranges:
                note(o, ranges[p], f"is the object of {_short(p)} (whose objects are {_short(ranges[p])}s) in {source}")
    clashes = []
    for entity, classes in sorted(evidence.items()):
        for pair in sorted(disjoint, key=lambda pr: sorted(map(str, pr))):
            a, b = sorted(pair, key=str)
            if a in classes and b in classes:
                reasons = tuple(dict.fromkeys(classes[a] + classes[b]))
                clashes.append(Clash(entity, labels.get(entity, _short(entity)), (_short(a), _short(b)), reasons))
    return clashes


# XML Schema types outside the OWL 2 datatype map, which HermiT refuses to parse
_NOT_OWL2 = {XSD.date, XSD.gYear, XSD.gYearMonth, XSD.gMonth, XSD.gDay, XSD.gMonthDay, XSD.time, XSD.duration}


def _owl2_literals(graph: Graph) -> Graph:
    """The graph with dates and other non-OWL-2 literals as plain strings (no ontology axiom
    constrains them, so the reasoner's verdict is the same)."""
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype in _NOT_OWL2:
            o = Literal(str(o))
        out.add((s, p, o))
    return out


def _inverses(data: Graph, ontology: Graph) -> Graph:
    inferred = Graph()
    pairs = [(p, q) for p, q in ontology.subject_objects(OWL.inverseOf)]
    for p, q in pairs:
        for s, o in data.subject_objects(p):
            if (o, q, s) not in data:
                inferred.add((o, q, s))
        for s, o in data.subject_objects(q):
            if (o, p, s) not in data:
                inferred.add((o, p, s))
    return inferred


def check_consistency(data: Graph | None = None, ontology: Path | None = None, *,
                      sources: Mapping[str, Graph] | None = None, materialize: bool = False) -> ConsistencyReport:
    """Load the ontology (and ``data``, if given) into a fresh owlready2 world and run HermiT.

    ``sources`` (where each part of the data came from) makes the explanation of a clash name
    the articles; ``materialize`` collects what HermiT inferred (classes) and the inverse
    relations the ontology declares, as a graph.
    """
    if shutil.which("java") is None:
        raise EnvironmentProblem(
            "the OWL reasoner needs Java, and 'java' is not on PATH; install a JRE "
            "(e.g. 'apt-get install default-jre-headless')"
        )
    # owlready2 is imported here: it is slow to import and only the reasoner needs it
    import owlready2

    onto_graph = parse_rdf(ontology or ontology_path(), "ontology")
    combined = onto_graph + _owl2_literals(data) if data is not None else onto_graph
    with tempfile.TemporaryDirectory(prefix="diplokg-reason-") as tmp:
        # owlready2 reads RDF/XML and N-Triples, not Turtle
        nt = Path(tmp) / "combined.nt"
        combined.serialize(nt, format="nt", encoding="utf-8")
        world = owlready2.World()
        onto = world.get_ontology(nt.as_uri()).load()
        before = set(world.as_rdflib_graph()) if materialize else set()
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=materialize, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as err:
            clashes = find_clashes(sources or ({"the data": data} if data is not None else {}), onto_graph)
            return ConsistencyReport(False, str(err).strip() or "the ontology and data are inconsistent", clashes)
        except owlready2.OwlReadyJavaError as err:
            raise EnvironmentProblem(f"the HermiT reasoner failed to run: {str(err).strip()[:500]}") from None
        inconsistent = list(world.inconsistent_classes())
        explanation = f"unsatisfiable classes: {', '.join(sorted(map(str, inconsistent)))}" if inconsistent else ""
        report = ConsistencyReport(True, explanation)
        if materialize and data is not None:
            inferred = Graph(identifier=INFERRED_GRAPH)
            for s, p, o in set(world.as_rdflib_graph()) - before:
                # keep what concerns diplokg's data: classes of its entities
                if p == RDF.type and str(o).startswith(str(DKG._NS)) and str(s).startswith(DATA_BASE):
                    inferred.add((URIRef(str(s)), RDF.type, URIRef(str(o))))
            for triple in _inverses(data, onto_graph):
                inferred.add(triple)
            report.inferred = inferred
        return report


def union(graphs: Iterable[Graph]) -> Graph:
    """All triples of ``graphs`` in one graph."""
    out = Graph()
    for graph in graphs:
        for triple in graph:
            out.add(triple)
    return out
