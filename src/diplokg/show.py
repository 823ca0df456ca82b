"""Pictures of the graph: one article's facts, or an entity's neighbourhood, as SVG or HTML.

Drawn with Graphviz (Debian's ``graphviz`` package, the ``dot`` program): its layered layout
keeps the labels of a few dozen nodes readable without a browser library, and it writes SVG
that any browser or document shows. Classes are told apart by shape and colour; provenance
nodes (assertions, the article) are left out so that the facts stand out.
"""

from __future__ import annotations

import html
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from .errors import EnvironmentProblem, InputError
from .vocab import DKG, WD, graph_iri

if TYPE_CHECKING:
    from .store.base import Store

# class -> (shape, fill colour, legend)
STYLES: dict[object, tuple[str, str, str]] = {
    DKG.Person: ("ellipse", "#fde2c8", "person"),
    DKG.Diplomat: ("ellipse", "#fde2c8", "person"),
    DKG.Country: ("box", "#cfe3f7", "country"),
    DKG.Organization: ("hexagon", "#d9ead3", "organization"),
    DKG.Alliance: ("hexagon", "#b6d7a8", "alliance"),
    DKG.Office: ("note", "#fff2cc", "office"),
    DKG.Place: ("house", "#ead1dc", "place"),
    DKG.City: ("house", "#ead1dc", "place"),
    DKG.Summit: ("octagon", "#d9d2e9", "summit"),
    DKG.Commitment: ("component", "#f4cccc", "commitment"),
}
EDGES: dict[object, str] = {DKG.holdsOffice: "holds office", DKG.officeOf: "office of", DKG.memberOf: "member of",
         DKG.hasCommitment: "commits to", DKG.organizedBy: "organized by", DKG.location: "in",
         DKG.participant: "with"}
FORMATS = (".svg", ".html")


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _node_label(graph: Graph, node: URIRef) -> str:
    label = graph.value(node, RDFS.label)
    if (node, RDF.type, DKG.Commitment) in graph:
        value, unit = graph.value(node, DKG.commitmentValue), graph.value(node, DKG.commitmentUnit)
        deadline = graph.value(node, DKG.deadline)
        parts = [str(graph.value(node, DKG.commitmentTopic) or "commitment")[:40]]
        if value is not None:
            parts.append(f"{value} {unit or ''}".strip())
        if deadline is not None:
            parts.append(f"by {deadline}")
        return "\n".join(parts)
    if (node, RDF.type, DKG.Summit) in graph and label is not None:
        return str(label)
    return str(label) if label is not None else str(node).rsplit("/", 1)[-1]


def dot_source(graph: Graph, title: str) -> str:
    """The Graphviz DOT text of ``graph``'s entities and facts."""
    lines = ["digraph diplokg {", "  graph [rankdir=LR, fontname=Helvetica, labelloc=t, label=" + _quote(title) + "];",
             "  node [style=filled, fontname=Helvetica, fontsize=11];", "  edge [fontname=Helvetica, fontsize=9];"]
    ids: dict[object, str] = {}
    for node, cls in sorted(graph.subject_objects(RDF.type), key=lambda pair: (str(pair[0]), str(pair[1]))):
        if not isinstance(node, URIRef) or cls not in STYLES or node in ids:
            continue
        # the finest class decides the style: an Alliance over an Organization
        classes = set(graph.objects(node, RDF.type))
        style_class = next((c for c in (DKG.Alliance, DKG.City, DKG.Diplomat) if c in classes), cls)
        shape, colour, _ = STYLES[style_class]
        ids[node] = f"n{len(ids)}"
        # DOT breaks lines at \n inside a quoted label
        text = "\\n".join(_quote(part)[1:-1] for part in _node_label(graph, node).split("\n"))
        lines.append(f"  {ids[node]} [label=\"{text}\", shape={shape}, fillcolor={_quote(colour)}, "
                     f"tooltip={_quote(str(node))}];")
    for s, p, o in sorted(graph, key=lambda t: tuple(map(str, t))):
        if p in EDGES and s in ids and o in ids:
            lines.append(f"  {ids[s]} -> {ids[o]} [label={_quote(EDGES[p])}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(graph: Graph, title: str, out: Path) -> Path:
    """Draw ``graph`` into ``out`` (``.svg``, or ``.html`` with the SVG and a legend)."""
    if out.suffix.lower() not in FORMATS:
        raise InputError(f"{out}: write the picture as .svg or .html")
    if not any(cls in STYLES for cls in graph.objects(None, RDF.type)):
        raise InputError(f"nothing to draw for {title!r}: no entities found")
    dot = shutil.which("dot")
    if dot is None:
        raise EnvironmentProblem("drawing needs Graphviz's 'dot'; install it (e.g. 'apt-get install graphviz')")
    done = subprocess.run([dot, "-Tsvg"], input=dot_source(graph, title).encode("utf-8"), capture_output=True,
                          timeout=120)
    if done.returncode != 0:
        raise EnvironmentProblem(f"Graphviz failed: {done.stderr.decode('utf-8', 'replace').strip()[:300]}")
    svg = done.stdout.decode("utf-8")
    if out.suffix.lower() == ".html":
        legend = "".join(
            f'<li><span style="background:{colour}">&nbsp;{shape}&nbsp;</span> {name}</li>'
            for shape, colour, name in dict.fromkeys(STYLES.values())
        )
        start = svg.find("<svg")
        svg = (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}"
               f"</title></head>\n<body><h1>{html.escape(title)}</h1>\n<ul>{legend}</ul>\n{svg[start:]}</body></html>\n")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(svg, encoding="utf-8")
    except OSError as err:
        raise InputError(f"{out}: cannot write the picture ({err.strerror}); choose another --out") from None
    return out


RELATIONS = "dkg:holdsOffice, dkg:officeOf, dkg:memberOf, dkg:hasCommitment, dkg:organizedBy, dkg:location, " \
            "dkg:participant"
ATTRIBUTES = "dkg:commitmentValue, dkg:commitmentUnit, dkg:commitmentTopic, dkg:deadline, dkg:startDate"
PREFIXES = f"PREFIX dkg: <{DKG._NS}>\nPREFIX rdfs: <{RDFS}>\nPREFIX owl: <{OWL}>\n"
# the entities named ?name or linked to the Wikidata item ?wd (both bound, never spliced)
NAMED = PREFIXES + "SELECT DISTINCT ?e WHERE { GRAPH ?g { { ?e rdfs:label ?name } UNION { ?e owl:sameAs ?wd } } }"


def facts_query(entity: URIRef) -> str:
    """CONSTRUCT of an entity's facts, one step out in either direction."""
    e = entity.n3()
    return (f"{PREFIXES}CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ "
            f"{{ {e} ?p ?o . BIND ({e} AS ?s) }} UNION {{ ?s ?p {e} . BIND ({e} AS ?o) }} "
            f"FILTER (?p IN ({RELATIONS})) }} }}")


def nodes_query(nodes: list[URIRef]) -> str:
    """CONSTRUCT of the classes, labels and drawn attributes of ``nodes``."""
    values = " ".join(n.n3() for n in nodes)
    return (f"{PREFIXES}CONSTRUCT {{ ?n a ?t . ?n rdfs:label ?l . ?n ?a ?v }} WHERE {{ VALUES ?n {{ {values} }} "
            f"GRAPH ?g {{ ?n a ?t . OPTIONAL {{ ?n rdfs:label ?l }} "
            f"OPTIONAL {{ ?n ?a ?v . FILTER (?a IN ({ATTRIBUTES})) }} }} }}")


def find_entity(store: Store, target: str) -> URIRef:
    """The entity ``target`` names: an IRI as given, else the one entity with that name or
    Wikidata ID (none, or several, is an :class:`InputError` that says what to give instead)."""
    if target.startswith(("http://", "https://")):
        return URIRef(target)
    is_qid = target.startswith("Q") and target[1:].isdigit()
    rows = store.query(NAMED, {"name": Literal(target), "wd": WD[target] if is_qid else URIRef("urn:none")}).rows
    found = sorted({str(r[0]) for r in rows if r[0] is not None})
    if not found:
        raise InputError(f"{target!r}: no article with that id and no entity with that name, IRI or QID; "
                         f"see 'diplokg query articles' and 'diplokg query entities'")
    if len(found) > 1:
        raise InputError(f"{target!r} names {len(found)} entities ({', '.join(found[:5])}); give the IRI")
    return URIRef(found[0])


def neighbourhood(store: Store, entity: URIRef) -> Graph:
    """An entity's facts one step out, with the classes, labels and drawn attributes of the
    nodes they reach."""
    facts = store.query(facts_query(entity)).graph or Graph()
    nodes = sorted({t for s, _, o in facts for t in (s, o) if isinstance(t, URIRef)} | {entity})
    drawn = store.query(nodes_query(nodes)).graph or Graph()
    for triple in facts:
        drawn.add(triple)
    return drawn


def draw_target(store: Store, target: str, out: Path) -> Path:
    """Draw the article with id ``target`` or, if there is none, the neighbourhood of the entity
    it names (see :func:`find_entity`) into ``out``."""
    article = graph_iri(target)
    if article in store.graph_names():
        return render(store.get_graph(article), f"article {target}", out)
    return render(neighbourhood(store, find_entity(store, target)), target, out)
