"""OWL reasoning with owlready2 and HermiT: consistency in words an analyst understands, and
materialized inferences.

HermiT runs on Java; a missing ``java`` is reported as :class:`EnvironmentProblem`. When HermiT
finds the data inconsistent, diplokg looks for the reason itself: an entity that the data (or a
property's domain or range) puts in two classes the ontology declares disjoint, or gives two
values of a property the ontology allows one of (two start dates), and the articles that say so.

HermiT takes OWL 2 DL, which is narrower than the RDF diplokg stores; :func:`reasoner_form` says
what the reasoner is given instead (dates as ``xsd:dateTime``, no reification links).
"""

from __future__ import annotations

import re
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


@dataclass(frozen=True)
class ValueClash:
    """An entity with more values of a property than the ontology allows it (a functional one)."""

    entity: URIRef
    label: str
    prop: str
    values: tuple[str, ...]
    reasons: tuple[str, ...]

    def __str__(self) -> str:
        values = ", ".join(f'"{v}"' for v in self.values)
        return (f"{self.label} <{self.entity}> has {len(self.values)} values of {self.prop} ({values}), "
                f"which the ontology says can have one: " + "; ".join(self.reasons))


@dataclass
class ConsistencyReport:
    """The reasoner's verdict, the clashes found, and (when asked) what it inferred."""

    consistent: bool
    explanation: str = ""
    clashes: list[Clash | ValueClash] = field(default_factory=list)
    inferred: Graph | None = None
    notes: list[str] = field(default_factory=list)
    """What the reasoner could not be given as it was (literals of types outside OWL 2)."""

    def __str__(self) -> str:
        notes = [f"  note: {n}" for n in self.notes]
        if self.consistent:
            extra = f"; {len(self.inferred)} inferred triples" if self.inferred is not None else ""
            return "\n".join([f"consistent{extra}" + (f" ({self.explanation})" if self.explanation else ""), *notes])
        lines = ["inconsistent:"] + [f"  - {c}" for c in self.clashes]
        if not self.clashes:
            lines.append(f"  - {self.explanation}")
        return "\n".join(lines + notes)


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


def find_value_clashes(graphs: Mapping[str, Graph], ontology: Graph) -> list[ValueClash]:
    """Entities with two or more values (as the reasoner compares them, see :func:`reasoner_form`)
    of a functional datatype property: two start dates of one summit, two deadlines."""
    functional = {p for p in ontology.subjects(RDF.type, OWL.FunctionalProperty)
                  if (p, RDF.type, OWL.DatatypeProperty) in ontology and isinstance(p, URIRef)}
    values: dict[tuple[URIRef, URIRef], dict[object, str]] = {}
    reasons: dict[tuple[URIRef, URIRef], list[str]] = {}
    labels: dict[URIRef, str] = {}
    for source, graph in graphs.items():
        for s, p, o in graph:
            if p == RDFS.label and isinstance(s, URIRef):
                labels.setdefault(s, str(o))
            if p in functional and isinstance(s, URIRef) and isinstance(o, Literal) and isinstance(p, URIRef):
                seen = _reasoner_literal(o)[0]
                key = (seen.value if seen.value is not None else str(seen), seen.language)
                values.setdefault((s, p), {}).setdefault(key, str(o))
                reasons.setdefault((s, p), []).append(f"{_short(p)} \"{o}\" in {source}")
    return [ValueClash(s, labels.get(s, _short(s)), _short(p), tuple(sorted(found.values())),
                       tuple(sorted(set(reasons[(s, p)]))))
            for (s, p), found in sorted(values.items()) if len(found) > 1]


XSD_IN_OWL2 = frozenset(XSD[name] for name in [
    "decimal", "integer", "nonNegativeInteger", "nonPositiveInteger", "positiveInteger", "negativeInteger",
    "long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
    "double", "float", "string", "normalizedString", "token", "language", "Name", "NCName", "NMTOKEN",
    "boolean", "hexBinary", "base64Binary", "anyURI", "dateTime", "dateTimeStamp",
])
"""The XML Schema types of the OWL 2 datatype map (OWL 2 Structural Specification, section 4)."""
_OTHER_OWL2 = {RDF.PlainLiteral, RDF.XMLLiteral, RDF.langString, RDFS.Literal, OWL.real, OWL.rational}

# the lexical forms of the dates diplokg writes, with an optional timezone
_DATE_FORMS = {
    XSD.date: re.compile(r"(-?\d{4,})-(\d\d)-(\d\d)(Z|[+-]\d\d:\d\d)?"),
    XSD.gYearMonth: re.compile(r"(-?\d{4,})-(\d\d)()(Z|[+-]\d\d:\d\d)?"),
    XSD.gYear: re.compile(r"(-?\d{4,})()()(Z|[+-]\d\d:\d\d)?"),
}

# RDF's reification vocabulary: the links from a dkg:Assertion to the fact it backs. OWL 2 DL
# reserves rdf: IRIs and does not let them be properties (the OWL API drops such triples).
_REIFICATION = {RDF.subject, RDF.predicate, RDF.object}


def _reasoner_literal(o: Literal) -> tuple[Literal, str | None]:
    """The literal as the reasoner gets it, and what was made of it if that loses something."""
    if o.datatype is None or o.datatype in XSD_IN_OWL2 or o.datatype in _OTHER_OWL2:
        return o, None
    form = _DATE_FORMS.get(o.datatype)
    match = form.fullmatch(str(o)) if form else None
    if match:
        year, month, day, zone = match.groups()
        return Literal(f"{year}-{month or '01'}-{day or '01'}T00:00:00{zone or ''}", datatype=XSD.dateTime), None
    why = "ill-formed" if form else "outside the OWL 2 datatype map"
    return Literal(str(o)), f"{_short(o.datatype)} ({why})"


def reasoner_form(graph: Graph) -> tuple[Graph, list[str]]:
    """The graph as HermiT is given it, and notes on what could not be given as it was.

    HermiT takes OWL 2 DL. Dates are not in the OWL 2 datatype map (HermiT refuses to parse an
    ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``), so each becomes the ``xsd:dateTime`` at
    which its day, month or year begins, keeping its timezone: ``"2019-10"^^xsd:gYearMonth`` is
    ``"2019-10-01T00:00:00"^^xsd:dateTime``. A functional date property (a summit's one start
    date) with two values that begin at different instants is then a contradiction HermiT sees;
    two values at different precisions that begin at the same instant ("2019-10" and
    "2019-10-01") are one value to it. Literals of other types outside the map (which diplokg
    does not write), and ill-formed dates, become plain strings, and the notes say how many.
    The reification links of assertions (``rdf:subject``, ``rdf:predicate``, ``rdf:object``),
    which OWL 2 DL does not allow as properties, are left out; the assertions' own properties
    (sentence, offsets, confidence) stay.
    """
    out = Graph()
    lost: dict[str, int] = {}
    for s, p, o in graph:
        if p in _REIFICATION:
            continue
        if isinstance(o, Literal):
            o, loss = _reasoner_literal(o)
            if loss:
                lost[loss] = lost.get(loss, 0) + 1
        out.add((s, p, o))
    notes = [f"{n} literal(s) of type {what} reached the reasoner as plain strings" for what, n in sorted(lost.items())]
    return out, notes


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
    given, notes = reasoner_form(data) if data is not None else (Graph(), [])
    combined = onto_graph + given
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
            said = sources or ({"the data": data} if data is not None else {})
            clashes: list[Clash | ValueClash] = [*find_clashes(said, onto_graph), *find_value_clashes(said, onto_graph)]
            return ConsistencyReport(False, str(err).strip() or "the ontology and data are inconsistent", clashes,
                                     notes=notes)
        except owlready2.OwlReadyJavaError as err:
            raise EnvironmentProblem(f"the HermiT reasoner failed to run: {str(err).strip()[:500]}") from None
        inconsistent = list(world.inconsistent_classes())
        explanation = f"unsatisfiable classes: {', '.join(sorted(map(str, inconsistent)))}" if inconsistent else ""
        report = ConsistencyReport(True, explanation, notes=notes)
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
