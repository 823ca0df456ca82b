"""The query stage: named queries from ``queries/*.rq``, ad-hoc SPARQL, and output formats."""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from .errors import InputError, QueryError
from .resources import queries_dir

if TYPE_CHECKING:
    from .store.base import QueryResult

FORMATS = ("table", "csv", "tsv", "json")
_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")


@dataclass(frozen=True)
class NamedQuery:
    """A ``.rq`` file; its description is the ``# description:`` line of its header."""

    name: str
    path: Path
    description: str
    text: str
    params: tuple[tuple[str, str], ...] = ()
    """(name, description) of each ``# param:`` line."""
    indexed: bool = False
    index_filters: tuple[tuple[str, str], ...] = ()
    """(parameter, column) of each ``# index-filter:`` line: the query keeps the rows whose column
    is, by its text, on or before the parameter, so its indexed rows can be filtered so too."""
    """Whether ``diplokg track`` keeps its rows in the store's index (an ``# index:`` line; :mod:`diplokg.index`)."""

    @property
    def required(self) -> tuple[str, ...]:
        """The parameters marked ``(required)``: without them the query would answer for everything."""
        return tuple(name for name, text in self.params if text.startswith("(required)"))

    def usage(self) -> str:
        """How to call it: ``diplokg query NAME --param a=... [--param b=...]``."""
        parts = [f"--param {name}=..." if name in self.required else f"[--param {name}=...]"
                 for name, _ in self.params]
        return " ".join(["diplokg query", self.name, *parts])

    def check_params(self, given: Iterable[str]) -> None:
        """Refuse a required parameter left out, and a parameter the query does not take."""
        given = list(given)
        known = [name for name, _ in self.params]
        unknown = [name for name in given if name not in known]
        if unknown:
            takes = f"it takes {', '.join(known)}" if known else "it takes no parameters"
            raise InputError(f"query {self.name!r} has no parameter {unknown[0]!r}; {takes} (usage: {self.usage()})")
        missing = [name for name in self.required if name not in given]
        if missing:
            about = dict(self.params)[missing[0]].removeprefix("(required)").strip()
            raise InputError(f"query {self.name!r} needs --param {missing[0]}=... ({about}); usage: {self.usage()}")


def _read_query(path: Path) -> NamedQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise QueryError(f"{path}: cannot read the query ({err}); check the file") from None
    description = ""
    params: list[tuple[str, str]] = []
    indexed = False
    filters: list[tuple[str, str]] = []
    for line in text.splitlines():
        indexed = indexed or re.match(r"^#\s*index:", line) is not None
        kept = re.match(r"^#\s*index-filter:\s*(\w+)\s+(\w+)", line)
        if kept:
            filters.append((kept.group(1), kept.group(2)))
        match = re.match(r"^#\s*description:\s*(.*)$", line)
        if match and not description:
            description = match.group(1).strip()
        param = re.match(r"^#\s*param:\s*(\w+)\s*(.*)$", line)
        if param:
            params.append((param.group(1), param.group(2).strip()))
    return NamedQuery(path.stem, path, description, text, tuple(params), indexed, tuple(filters))


def named_queries(folder: Path | None = None) -> list[NamedQuery]:
    """The shipped named queries, sorted by name."""
    return [_read_query(p) for p in sorted((folder or queries_dir()).glob("*.rq"))]


def resolve_query(name_or_file: str, folder: Path | None = None) -> NamedQuery:
    """A named query by name (``office-holders``) or a ``.rq`` file by path."""
    path = Path(name_or_file)
    if path.suffix == ".rq" and path.is_file():
        # a file of one's own is run as it is: the index holds the shipped queries' rows only
        return replace(_read_query(path), indexed=False)
    if _NAME.match(name_or_file):
        candidate = (folder or queries_dir()) / f"{Path(name_or_file).stem}.rq"
        if candidate.is_file():
            return _read_query(candidate)
    names = ", ".join(q.name for q in named_queries(folder))
    raise QueryError(
        f"unknown query {name_or_file!r}; use one of: {names} (see 'diplokg queries'), "
        f"a path to a .rq file, or --sparql TEXT"
    )


DEFAULT_LIMIT = 100
"""Rows ``diplokg query`` shows of a named query unless told otherwise (``--limit 0``: every row)."""

_LIMITED = re.compile(r"\b(?:LIMIT|OFFSET)\s+\d+\s*$", re.IGNORECASE)


def paged(sparql: str, limit: int | None, offset: int = 0) -> str:
    """A SELECT query's text asking for ``limit`` rows (and one more, to tell whether more follow)
    after the first ``offset``: its solution modifiers, after its ORDER BY. Each named query's
    order is total, so its pages neither overlap nor skip a row."""
    from .store.base import _NOT_CODE, projected

    if limit is None and not offset:
        return sparql
    code = _NOT_CODE.sub(lambda m: " " * len(m.group()), sparql).rstrip()
    if projected(sparql) is None and not re.search(r"\bSELECT\b", code, re.IGNORECASE):
        raise InputError("--limit and --offset page the rows of a SELECT query; this query returns no rows")
    if _LIMITED.search(code):
        raise InputError("the query has a LIMIT or OFFSET of its own; leave out --limit and --offset, "
                         "or its LIMIT and OFFSET")
    clause = (f"LIMIT {int(limit) + 1} " if limit is not None else "") + (f"OFFSET {int(offset)}" if offset else "")
    return f"{sparql.rstrip()}\n{clause.strip()}\n"


_IRI_FORBIDDEN = re.compile(r'[\s<>"{}|^`\\]')
_XSD = "http://www.w3.org/2001/XMLSchema#"


def parse_param(text: str) -> tuple[str, Node]:
    """``name=value`` -> (name, term). Values are bound as RDF terms, never spliced as text:

    * ``<iri>`` or an ``http(s)://`` value: an IRI;
    * ``2019-12-31``: an ``xsd:date``; ``2025`` or ``-3``: an ``xsd:integer``; ``0.7``: an ``xsd:decimal``;
    * ``value^^xsd:type`` (or ``^^<full IRI>``): that datatype; ``text@en``: a language-tagged string;
    * anything else: a plain string.
    """
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
        raise InputError(f"--param {text!r}: write it as name=value, e.g. --param office=\"Secretary of State\"")
    iri = value[1:-1] if value.startswith("<") and value.endswith(">") else value
    if (value.startswith("<") and value.endswith(">")) or re.match(r"^https?://\S+$", value):
        if _IRI_FORBIDDEN.search(iri):
            raise InputError(f"--param {name}: {iri!r} is not a valid IRI (no spaces, quotes or <>{{}}|^`\\)")
        return name, URIRef(iri)
    typed = re.match(r"^(.*)\^\^(?:xsd:(\w+)|<([^>]+)>)$", value, re.S)
    if typed:
        datatype = URIRef(_XSD + typed.group(2)) if typed.group(2) else URIRef(typed.group(3))
        literal = Literal(typed.group(1), datatype=datatype)
        if getattr(literal, "ill_typed", False):
            raise InputError(f"--param {name}: {typed.group(1)!r} is not a valid {datatype}")
        return name, literal
    tagged = re.match(r"^(.*)@([a-zA-Z]{2,8}(?:-[a-zA-Z0-9]{1,8})*)$", value, re.S)
    if tagged and " " not in tagged.group(2):
        return name, Literal(tagged.group(1), lang=tagged.group(2))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return name, Literal(value, datatype=URIRef(_XSD + "date"))
    if re.fullmatch(r"-?\d+", value):
        return name, Literal(value, datatype=URIRef(_XSD + "integer"))
    if re.fullmatch(r"-?\d+\.\d+", value):
        return name, Literal(value, datatype=URIRef(_XSD + "decimal"))
    return name, Literal(value)


def _cell(term: Node | None) -> str:
    if term is None:
        return ""
    return str(term)


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def render(result: QueryResult, fmt: str = "table") -> str:
    """The answer as text: an aligned table, CSV, or SPARQL 1.1 JSON results; Turtle for graphs."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if result.kind == "graph":
        assert result.graph is not None
        from .mapping import write_turtle  # the same terms as stored (no numeric shorthand)

        return write_turtle(result.graph).decode("utf-8")
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "json":
        bindings = [
            {var: _json_term(term) for var, term in zip(result.variables, row, strict=True) if term is not None}
            for row in result.rows
        ]
        return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False, indent=1) + "\n"
    if fmt in {"csv", "tsv"}:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n", delimiter="," if fmt == "csv" else "\t")
        writer.writerow(result.variables)
        writer.writerows([_cell(t) for t in row] for row in result.rows)
        return buffer.getvalue()
    return _table(result)


def _table(result: QueryResult) -> str:
    cells = [[_cell(t).replace("\n", " ") for t in row] for row in result.rows]
    widths = [len(v) for v in result.variables]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    def line(values: list[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()
    out = [line(result.variables), line(["-" * w for w in widths])]
    out += [line(row) for row in cells]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out) + "\n"


NAMES_QUERY = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?label ?other WHERE { GRAPH ?g { ?e rdfs:label ?label . OPTIONAL { ?e skos:altLabel ?other } } }"""


FORMS_QUERY = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?label ?form WHERE {
  GRAPH ?g { { ?e rdfs:label ?form } UNION { ?e skos:altLabel ?form } ?e rdfs:label ?label }
}"""
"""The labels of the entities named by one of the ``?form`` values exactly (a look-up in the
store's index, where :data:`NAMES_QUERY` reads every name: 4 s on the whole real corpus)."""


def name_forms(value: str) -> tuple[Literal, ...]:
    """The ways a name is likely written in the store, for :data:`FORMS_QUERY`: as given, in
    lower, upper and title case, each word capitalized, with and without a leading "the"."""
    text = " ".join(value.split())
    bare = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    forms: dict[str, None] = {}
    for base in (text, bare):
        capitalized = " ".join(w[:1].upper() + w[1:] for w in base.split(" "))
        for form in (base, base.lower(), base.upper(), base.title(), capitalized):
            forms.update({form: None, f"the {form}": None, f"The {form}": None})
    return tuple(Literal(form) for form in forms if form)


def _folded(text: str) -> str:
    return re.sub(r"^the\s+", "", " ".join(text.casefold().split()))


def name_params(named: NamedQuery) -> tuple[str, ...]:
    """The parameters that name an entity (their description says "name")."""
    return tuple(name for name, text in named.params if "name" in text.lower())


def match_names(value: str, names: Iterable[tuple[Node | None, Node | None]]) -> tuple[Literal, ...] | list[str]:
    """The labels (as stored) of the entities that ``value`` names: by label or alias without case
    or a leading "the", else by surname ("Shultz" -> "George Shultz"). With none, the close names
    instead (a list of strings, for the message)."""
    wanted = _folded(value)
    labels: dict[str, Literal] = {}
    by_name: dict[str, set[str]] = {}
    for label, other in names:
        if not isinstance(label, Literal):
            continue
        labels[str(label)] = label
        for form in (label, other):
            if isinstance(form, Literal):
                by_name.setdefault(_folded(str(form)), set()).add(str(label))
    found = by_name.get(wanted, set())
    if not found and " " not in wanted:
        found = {label for label in labels if _folded(label).split()[-1:] == [wanted]}
    if found:
        return tuple(labels[label] for label in sorted(found))
    return difflib.get_close_matches(value, list(labels), n=5, cutoff=0.6)
