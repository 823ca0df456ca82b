"""Named queries, parameters and output formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from diplokg.errors import InputError, QueryError
from diplokg.query import named_queries, parse_param, render, resolve_query
from diplokg.store.base import QueryResult


def test_at_least_three_named_queries_each_described():
    queries = named_queries()
    assert len(queries) >= 3
    for q in queries:
        assert q.description, f"{q.path} has no '# description:' line"
        assert "SELECT" in q.text or "CONSTRUCT" in q.text or "ASK" in q.text


def test_resolve_by_name_and_by_file(tmp_path: Path):
    assert resolve_query("office-holders").name == "office-holders"
    own = tmp_path / "mine.rq"
    own.write_text("# description: mine\nSELECT * WHERE { ?s ?p ?o }")
    assert resolve_query(str(own)).description == "mine"


def test_unknown_query_lists_the_choices():
    with pytest.raises(QueryError) as err:
        resolve_query("who-is-who")
    assert "'who-is-who'" in str(err.value)
    assert "office-holders" in str(err.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("office=Secretary of State", ("office", Literal("Secretary of State"))),
        ("p=<https://w3id.org/x>", ("p", URIRef("https://w3id.org/x"))),
        ("?p=https://w3id.org/y", ("p", URIRef("https://w3id.org/y"))),
    ],
)
def test_params(text, expected):
    assert parse_param(text) == expected


@pytest.mark.parametrize("bad", ["novalue", "1x=3", "=v"])
def test_bad_params(bad):
    with pytest.raises(InputError, match="name=value"):
        parse_param(bad)


RESULT = QueryResult("select", ["name", "n"], [(Literal("Jens, \"J\" Stoltenberg"), Literal(3)),
                                               (URIRef("https://w3id.org/x"), None)])


def test_csv_round_trips():
    rows = list(csv.reader(io.StringIO(render(RESULT, "csv"))))
    assert rows == [["name", "n"], ['Jens, "J" Stoltenberg', "3"], ["https://w3id.org/x", ""]]


def test_json_is_sparql_results_json():
    data = json.loads(render(RESULT, "json"))
    assert data["head"]["vars"] == ["name", "n"]
    first, second = data["results"]["bindings"]
    assert first["name"] == {"type": "literal", "value": 'Jens, "J" Stoltenberg'}
    assert first["n"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    assert second == {"name": {"type": "uri", "value": "https://w3id.org/x"}}


def test_table_aligns_and_counts():
    lines = render(RESULT, "table").splitlines()
    assert lines[0].split() == ["name", "n"]
    assert lines[-1] == "(2 rows)"
    assert lines[2].index("3") == lines[0].index(" n") + 1


def test_ask_renders_a_boolean():
    assert render(QueryResult("ask", boolean=True), "table") == "true\n"
    assert json.loads(render(QueryResult("ask", boolean=False), "json"))["boolean"] is False


def test_parameters_bind_in_the_outer_where_not_in_a_comment_a_string_or_an_iri():
    from diplokg.store.base import bind_values
    q = ('# a note: WHERE { is explained here\nPREFIX x: <http://example.org/WHERE>\n'
         'SELECT * WHERE { ?s ?p "WHERE {" . FILTER (?a < 3 && ?b > 2) }')
    bound = bind_values(q, {"name": Literal("NATO")})
    assert bound.startswith("# a note: WHERE { is explained here\nPREFIX x: <http://example.org/WHERE>\n")
    assert 'SELECT * WHERE { VALUES (?name) { ("NATO") }  ?s ?p "WHERE {"' in bound


def test_a_required_parameter_left_out_or_an_unknown_one_is_refused():
    facts = resolve_query("entity-facts")
    assert facts.required == ("name",)
    with pytest.raises(InputError, match=r"needs --param name=.*usage: diplokg query entity-facts --param name="):
        facts.check_params({})
    with pytest.raises(InputError, match=r"has no parameter 'nmae'; it takes name"):
        facts.check_params({"nmae": Literal("NATO")})
    facts.check_params({"name": Literal("NATO")})
    resolve_query("alliance-members").check_params({})  # its parameter is optional


def test_a_construct_answer_keeps_its_terms_in_turtle():
    from rdflib import XSD, Graph
    g = Graph()
    g.add((URIRef("http://example.org/c"), URIRef("http://example.org/value"), Literal("2", datatype=XSD.decimal)))
    text = render(QueryResult("graph", graph=g))
    assert set(Graph().parse(data=text, format="turtle")) == set(g)


def test_updates_are_told_from_queries_whatever_the_comments_say():
    from diplokg.store.base import is_update
    assert is_update("PREFIX x: <http://e/> INSERT DATA { <http://e/s> <http://e/p> <http://e/o> }")
    assert is_update("DROP ALL")
    assert not is_update("# DROP ALL\nSELECT * WHERE { ?s ?p ?o }")
    assert not is_update("SELECT ?insert WHERE { ?insert ?p ?o }")
