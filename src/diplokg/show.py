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
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

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


def dot_source(graph: Graph, title: str, href: Callable[[str], str] | None = None) -> str:
    """The Graphviz DOT text of ``graph``'s entities and facts (each node a link to ``href(its
    IRI)`` where given: the pages of ``diplokg serve``)."""
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
        link = f", URL={_quote(href(str(node)))}" if href is not None else ""
        lines.append(f"  {ids[node]} [label=\"{text}\", shape={shape}, fillcolor={_quote(colour)}, "
                     f"tooltip={_quote(str(node))}{link}];")
    for s, p, o in sorted(graph, key=lambda t: tuple(map(str, t))):
        if p in EDGES and s in ids and o in ids:
            lines.append(f"  {ids[s]} -> {ids[o]} [label={_quote(EDGES[p])}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def svg_of(graph: Graph, title: str, href: Callable[[str], str] | None = None) -> str:
    """``graph`` drawn by Graphviz, as SVG text (see :func:`dot_source` for ``href``)."""
    if not any(cls in STYLES for cls in graph.objects(None, RDF.type)):
        raise InputError(f"nothing to draw for {title!r}: no entities found")
    dot = shutil.which("dot")
    if dot is None:
        raise EnvironmentProblem("drawing needs Graphviz's 'dot'; install it (e.g. 'apt-get install graphviz')")
    done = subprocess.run([dot, "-Tsvg"], input=dot_source(graph, title).encode("utf-8"), capture_output=True,
                          timeout=120)
    if done.returncode != 0:
        raise EnvironmentProblem(f"Graphviz failed: {done.stderr.decode('utf-8', 'replace').strip()[:300]}")
    return done.stdout.decode("utf-8")


def render(graph: Graph, title: str, out: Path) -> Path:
    """Draw ``graph`` into ``out`` (``.svg``, or ``.html`` with the SVG and a legend)."""
    if out.suffix.lower() not in FORMATS:
        raise InputError(f"{out}: write the picture as .svg or .html")
    svg = svg_of(graph, title)
    if out.suffix.lower() == ".html":
        legend = "".join(
            f'<li><span style="background:{colour}">&nbsp;{shape}&nbsp;</span> {name}</li>'
            for shape, colour, name in dict.fromkeys(STYLES.values())
        )
        start = svg.find("<svg")
        svg = (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}"
               f"</title></head>\n<body><h1>{html.escape(title)}</h1>\n<ul>{legend}</ul>\n{svg[start:]}</body></html>\n")
    return _write(out, svg)


def _write(out: Path, picture: str) -> Path:
    """Write a picture (SVG or HTML text) to ``out``; a folder that cannot take it is the user's to change."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(picture, encoding="utf-8")
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
    # a UNION of look-ups, not OPTIONALs: Oxigraph evaluated those over every node of the store
    # (4 s a picture on 20,000 articles; 10 ms so); DISTINCT, as a node named in 18,000 articles
    # has its class and label in each
    return (f"{PREFIXES}CONSTRUCT {{ ?n a ?t . ?n rdfs:label ?l . ?n ?a ?v }} WHERE {{ "
            f"{{ SELECT DISTINCT ?n ?t ?l ?a ?v WHERE {{ VALUES ?n {{ {values} }} "
            f"GRAPH ?g {{ {{ ?n a ?t }} UNION {{ ?n rdfs:label ?l }} "
            f"UNION {{ VALUES ?a {{ {ATTRIBUTES.replace(',', '')} }} ?n ?a ?v }} }} }} }} }}")


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


def neighbourhood(store: Store, entity: URIRef, most: int | None = None,
                  rank: Callable[[URIRef], Any] = str) -> tuple[Graph, int]:
    """An entity's facts one step out, with the classes, labels and drawn attributes of the
    nodes they reach, and how many nodes they reach. With ``most``, only the ``most`` first
    nodes in ``rank`` order are kept (a picture of a few dozen nodes stays readable)."""
    facts = store.query(facts_query(entity)).graph or Graph()
    reached = sorted({t for s, _, o in facts for t in (s, o) if isinstance(t, URIRef)} - {entity}, key=str)
    kept = set(sorted(reached, key=rank)[:most]) if most is not None else set(reached)
    drawn = store.query(nodes_query(sorted(kept | {entity}))).graph or Graph()
    for s, p, o in facts:
        if {s, o} - {entity} <= kept:
            drawn.add((s, p, o))
    return drawn, len(reached)


def draw_target(store: Store, target: str, out: Path) -> Path:
    """Draw the article with id ``target`` or, if there is none, the neighbourhood of the entity
    it names (see :func:`find_entity`) into ``out``."""
    article = graph_iri(target)
    if article in store.graph_names():
        return render(store.get_graph(article), f"article {target}", out)
    return render(neighbourhood(store, find_entity(store, target))[0], target, out)


# -- a party's tracked commitments over time -------------------------------------------------

STATUS_COLOURS = {"pledged": "#3c78d8", "reaffirmed": "#6aa84f", "raised": "#38761d", "lowered": "#e69138",
                  "met": "#274e13", "missed": "#cc0000", "withdrawn": "#741b47"}
TRACKED = PREFIXES + """PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?t ?label ?status ?reported ?date ?article ?sentence WHERE {
  GRAPH ?tg { ?t a dkg:TrackedCommitment ; dkg:trackedParty ?party ; rdfs:label ?label ;
                 dkg:commitmentStatus ?status ; dkg:statusReport ?r .
              ?r dkg:commitmentStatus ?reported ; dkg:reportedIn ?a ; dkg:sentence ?sentence .
              ?a dcterms:identifier ?article .
              OPTIONAL { ?r dcterms:date ?date } }
}"""


def _year_fraction(date: str) -> float:
    """"2019-06-03" -> 2019.42 (a year alone is its middle, a month its middle)."""
    parts = [int(p) for p in date[:10].split("-")]
    if len(parts) == 1:
        return parts[0] + 0.5
    month = parts[1] - 1 + (parts[2] / 31 if len(parts) == 3 else 0.5)
    return parts[0] + month / 12


def commitment_timeline(store: Store, target: str, out: Path) -> Path:
    """Draw the tracked commitments of the party ``target`` names (see :func:`find_entity`)
    over time into ``out`` (.svg, or .html with a legend): a row per tracked commitment, a dot
    per article's report, coloured by the status it reports, its sentence as the dot's tooltip."""
    if out.suffix.lower() not in FORMATS:
        raise InputError(f"{out}: write the picture as .svg or .html")
    party = find_entity(store, target)
    rows = store.query(TRACKED, {"party": party}).rows
    if not rows:
        raise InputError(f"{target!r}: no tracked commitments; run 'diplokg track' on the store first "
                         f"(or the party has none)")
    tracked: dict[str, tuple[str, str, list[tuple[str, str, str, str]]]] = {}
    for cells in rows:
        node, name, latest, said, day, source, text = (str(c) if c is not None else "" for c in cells)
        tracked.setdefault(node, (name, latest, []))[2].append((day, said, source, text))
    items = sorted(tracked.values(), key=lambda t: (min(r[0] for r in t[2]), t[0]))
    dates = [_year_fraction(r[0]) for _, _, reports in items for r in reports if r[0]]
    first, last = (min(dates), max(dates)) if dates else (0.0, 1.0)
    first, last = float(int(first)), float(int(last) + 1)
    left, width, row, top = 360, 560, 26, 40
    undated_x = left - 20

    def x(date: str) -> float:
        return undated_x if not date else left + (_year_fraction(date) - first) / (last - first) * width

    height = top + row * len(items) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 20}" height="{height}" '
             f'font-family="sans-serif" font-size="12">',
             f'<text x="10" y="20" font-size="14">{html.escape(target)}: tracked commitments</text>']
    for year in range(int(first), int(last) + 1):
        px = left + (year - first) / (last - first) * width
        parts.append(f'<line x1="{px:.1f}" y1="{top - 8}" x2="{px:.1f}" y2="{height - 24}" stroke="#ddd"/>'
                     f'<text x="{px:.1f}" y="{height - 10}" text-anchor="middle">{year}</text>')
    for i, (label, status, reports) in enumerate(items):
        y = top + row * i + row / 2
        shown = label if len(label) <= 55 else label[:54] + "\u2026"
        parts.append(f'<text x="10" y="{y + 4:.1f}"><title>{html.escape(label)} (now {html.escape(status)})</title>'
                     f'{html.escape(shown)}</text>')
        xs = [x(r[0]) for r in reports]
        parts.append(f'<line x1="{min(xs):.1f}" y1="{y:.1f}" x2="{max(xs):.1f}" y2="{y:.1f}" stroke="#999"/>')
        for (date, reported, article, sentence), px in zip(reports, xs, strict=True):
            colour = STATUS_COLOURS.get(reported, "#666")
            tip = f"{date or 'undated'} {reported} ({article}): {sentence}"
            parts.append(f'<circle cx="{px:.1f}" cy="{y:.1f}" r="6" fill="{colour}" class="{html.escape(reported)}">'
                         f'<title>{html.escape(tip)}</title></circle>')
    parts.append("</svg>")
    svg = "\n".join(parts) + "\n"
    if out.suffix.lower() == ".html":
        legend = "".join(f'<li><span style="color:{c}">\u25cf</span> {s}</li>' for s, c in STATUS_COLOURS.items())
        svg = (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(target)}"
               f"</title></head>\n<body><h1>{html.escape(target)}: tracked commitments</h1>\n<ul>{legend}</ul>\n"
               f"{svg}</body></html>\n")
    return _write(out, svg)
