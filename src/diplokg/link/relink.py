"""Relinking what a store already holds (after the gazetteer grew, or with an endpoint): read
each article graph back into the records the linker works on, link, and rewrite the graph with
QID-derived IRIs. Nodes that now name one item merge; nothing is duplicated."""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from ..document import Document, parse_date
from ..errors import InputError
from ..extract.records import Entity, EntityKind, Evidence, Extraction, Relation, RelationKind
from ..vocab import DKG, WD, entity_iri
from . import Linker

KINDS: dict[object, EntityKind] = {DKG[k.value]: k for k in EntityKind}
RELATIONS = {DKG.holdsOffice: RelationKind.HOLDS_OFFICE, DKG.formerlyHeld: RelationKind.FORMERLY_HELD,
             DKG.officeOf: RelationKind.OFFICE_OF, DKG.memberOf: RelationKind.MEMBER_OF}
_NO_EVIDENCE = Evidence("", 0, 0, 1.0, "relink")


def graph_to_extraction(graph: Graph) -> Extraction:
    """The entities (keyed by IRI, with their names, Wikidata IDs and office titles), the
    relations and the date of one article graph: what linking reads."""
    article = next(iter(graph.subjects(RDF.type, DKG.Article)), None)
    date = graph.value(article, DCTERMS.date) if article is not None else None
    article_id = str(graph.value(article, DCTERMS.identifier) or graph.identifier)
    try:
        parsed = parse_date(str(date), f"graph {graph.identifier}") if date is not None else None
    except InputError:
        parsed = None
    extraction = Extraction(Document(id=article_id, text="", date=parsed))
    for node, cls in graph.subject_objects(RDF.type):
        kind = KINDS.get(cls)
        if kind is None or not isinstance(node, URIRef):
            continue
        qid = next((str(o)[len(str(WD)):] for o in graph.objects(node, OWL.sameAs) if str(o).startswith(str(WD))), None)
        existing = next((e for e in extraction.entities if e.key == str(node)), None)
        if existing is not None:  # typed twice (Organization and Alliance): the finer class wins
            if kind in {EntityKind.ALLIANCE, EntityKind.CITY}:
                existing.kind = kind
            continue
        title = min((str(t) for t in graph.objects(node, DKG.officeTitle)), default=None)
        extraction.entities.append(Entity(
            key=str(node), kind=kind, label=str(graph.value(node, RDFS.label) or ""),
            aliases={str(a) for a in graph.objects(node, SKOS.altLabel)}, qid=qid, title=title,
        ))
    for predicate, relation in RELATIONS.items():
        for s, o in graph.subject_objects(predicate):
            extraction.relations.append(Relation(relation, str(s), str(o), _NO_EVIDENCE))
    return extraction


def relink_graph(graph: Graph, linker: Linker) -> tuple[Graph, int]:
    """The graph with every newly linked entity renamed to its QID IRI, and how many were linked."""
    extraction = graph_to_extraction(graph)
    before = {e.key: e.qid for e in extraction.entities}
    linker.link(extraction)
    rename: dict[object, URIRef] = {URIRef(e.key): entity_iri(e.kind.group, e.label, e.qid)
              for e in extraction.entities if e.qid and before[e.key] != e.qid}
    if not rename:
        return graph, 0
    new = Graph(identifier=graph.identifier)
    for prefix, namespace in graph.namespaces():
        new.bind(prefix, namespace, override=False)
    for s, p, o in graph:
        if p == OWL.sameAs and s in rename:
            continue  # replaced below
        new.add((rename.get(s, s), p, rename.get(o, o) if isinstance(o, URIRef) else o))
    qids = {e.key: e.qid for e in extraction.entities}
    names = {rename[URIRef(e.key)]: e.label for e in extraction.entities if URIRef(e.key) in rename}
    for old, node in rename.items():
        new.add((node, OWL.sameAs, WD[str(qids[str(old)])]))
    for node in set(rename.values()):
        # nodes that now name one item merge under the item's one name (see Linker): the
        # graph's other names become aliases
        label = Literal(names[node])
        for other in list(new.objects(node, RDFS.label)):
            new.remove((node, RDFS.label, other))
            if other != label:
                new.add((node, SKOS.altLabel, other))
        new.remove((node, SKOS.altLabel, label))
        new.add((node, RDFS.label, label))
        for extra in sorted(new.objects(node, DKG.officeTitle), key=str)[1:]:
            new.remove((node, DKG.officeTitle, extra))  # one title, as mapping writes
        if len(set(new.objects(node, RDF.type)) & set(KINDS)) > 1:
            kinds = {KINDS[c] for c in new.objects(node, RDF.type) if c in KINDS}
            if EntityKind.ALLIANCE in kinds:
                new.remove((node, RDF.type, DKG.Organization))
    return new, len(rename)
