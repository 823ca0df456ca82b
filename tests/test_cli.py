"""The command line, end to end on the real model and a real embedded store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Dataset

from diplokg.cli import cli
from diplokg.store import open_store

from .samples import SECOND_ARTICLE

SHARED = Path(__file__).resolve().parents[2] / "shared"


def invoke(runner: CliRunner, *args: str | Path, input: str | None = None) -> Result:
    return runner.invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def error_line(result: Result) -> str:
    """The one line a failed command prints, and proof that it printed no traceback."""
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(lines) == 1, result.stderr
    return lines[0]


def graph_count(store: Path) -> int:
    if not store.exists():
        return 0
    with open_store(store, read_only=True) as s:
        return len(s.graph_names())


def test_every_command_has_help_with_an_example(runner):
    top = invoke(runner, "--help")
    assert top.exit_code == 0
    for name in cli.commands:
        result = invoke(runner, name, "--help")
        assert result.exit_code == 0
        assert "Example" in result.output, f"'diplokg {name} --help' shows no example"


def test_load_then_query_office_holders(runner, article, tmp_path):
    store = tmp_path / "kg"
    result = invoke(runner, "load", article, "--store", store)
    assert result.exit_code == 0, result.output
    assert "stored vienna-meeting" in result.stderr
    query = invoke(runner, "query", "office-holders", "--store", store)
    assert query.exit_code == 0
    rows = query.stdout.splitlines()
    assert any("Antony Blinken" in r and "Secretary of State" in r for r in rows)
    assert any("Jens Stoltenberg" in r and "Secretary General of NATO" in r and "NATO" in r for r in rows)


def test_reloading_replaces_and_never_duplicates(runner, article, tmp_path):
    store = tmp_path / "kg"
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    invoke(runner, "load", article, "--store", store)
    first = invoke(runner, "query", "--sparql", count, "--store", store, "--format", "csv").stdout
    invoke(runner, "load", article, "--store", store)
    second = invoke(runner, "query", "--sparql", count, "--store", store, "--format", "csv").stdout
    assert first == second and int(first.splitlines()[1]) > 20
    assert graph_count(store) == 1


def test_one_entity_node_across_articles(runner, article, write, tmp_path):
    store = tmp_path / "kg"
    other = write("ankara.txt", SECOND_ARTICLE)
    assert invoke(runner, "load", article, other, "--store", store).exit_code == 0
    result = invoke(runner, "query", "--sparql",
                    "SELECT DISTINCT ?p WHERE { GRAPH ?g { ?p <http://www.w3.org/2000/01/rdf-schema#label> "
                    "\"Jens Stoltenberg\" } }", "--store", store, "--format", "json")
    bindings = json.loads(result.stdout)["results"]["bindings"]
    assert len(bindings) == 1
    articles = invoke(runner, "query", "entities", "--store", store, "--format", "csv").stdout
    assert any(line.endswith(",Jens Stoltenberg,2") for line in articles.splitlines())


def test_load_reads_stdin_and_jsonl(runner, write, tmp_path):
    store = tmp_path / "kg"
    result = invoke(runner, "load", "-", "--store", store, "--date", "2020-01-01",
                    input="President Emmanuel Macron of France met Chancellor Olaf Scholz.")
    assert result.exit_code == 0, result.output
    lines = write("batch.jsonl", json.dumps({"id": "j1", "text": "Foreign Minister Wang Yi visited Moscow.",
                                             "date": "2021-02-02"}) + "\n")
    assert invoke(runner, "load", lines, "--store", store).exit_code == 0
    dates = invoke(runner, "query", "articles", "--store", store, "--format", "csv").stdout
    assert "j1" in dates and "2021-02-02" in dates and "2020-01-01" in dates


def test_extract_writes_one_file_per_article_named_by_stem(runner, article, write, tmp_path):
    other = write("ankara.txt", SECOND_ARTICLE)
    out = tmp_path / "out"
    result = invoke(runner, "extract", article, other, "--out", out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["ankara.trig", "vienna-meeting.trig"]
    assert (out / "ankara.trig").stat().st_mode & 0o044, "written files must not be private to the writer"
    ds = Dataset()
    ds.parse(out / "vienna-meeting.trig", format="trig")
    assert len([g for g in ds.graphs() if len(g)]) == 1


@pytest.mark.shared
def test_extract_output_is_read_by_the_shared_scorer(runner, article, tmp_path):
    scorer = SHARED / "eval" / "score.py"
    if not scorer.exists():
        pytest.skip(f"{scorer} is absent: this test needs ../shared (the shared scorer) beside the project")
    out, gold = tmp_path / "out", tmp_path / "gold"
    gold.mkdir()
    (gold / "vienna-meeting.json").write_text(json.dumps({
        "doc": "vienna-meeting.txt", "date": "2021-03-05",
        "entities": {
            "Antony Blinken": {"type": "Person", "qid": None, "aliases": ["Blinken"]},
            "United States Secretary of State": {"type": "Office", "qid": None, "aliases": ["Secretary of State"]},
        },
        "facts": [["holdsOffice", "Antony Blinken", "United States Secretary of State"]],
    }))
    invoke(runner, "extract", article, "--out", out)
    ontology = Path(__file__).resolve().parents[1] / "ontology" / "diplokg.ttl"
    done = subprocess.run([sys.executable, str(scorer), "--gold", str(gold), "--pred", str(out),
                           "--ontology", str(ontology), "--json"], capture_output=True, text=True, check=True)
    summary = json.loads(done.stdout.splitlines()[-2])
    assert summary["facts_r"] == 1.0


def test_validate_exit_codes(runner, article, write, tmp_path):
    out = tmp_path / "out"
    invoke(runner, "extract", article, "--out", out)
    good = out / "vienna-meeting.trig"
    ok = invoke(runner, "validate", good)
    assert ok.exit_code == 0 and "conforms" in ok.stdout
    text = good.read_text()
    confidence = '<https://w3id.org/diplokg/ontology#confidence> "0.9"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    assert confidence in text
    broken = write("broken.trig", text.replace(confidence, confidence.replace('"0.9"', '"7.5"')))
    bad = invoke(runner, "validate", broken)
    assert bad.exit_code == 1
    assert "dkg:confidence, an xsd:decimal from 0 to 1" in bad.stdout
    garbage = write("garbage.ttl", "this is not turtle {")
    unreadable = invoke(runner, "validate", garbage)
    assert unreadable.exit_code == 2
    assert "garbage.ttl: not valid turtle" in error_line(unreadable)
    missing = invoke(runner, "validate", tmp_path / "none.ttl")
    assert missing.exit_code == 2 and "no such data file" in error_line(missing)


def test_stricter_shapes_reject_and_keep_the_stored_version(runner, article, write, tmp_path):
    store = tmp_path / "kg"
    assert invoke(runner, "load", article, "--store", store).exit_code == 0
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = invoke(runner, "query", "--sparql", count, "--store", store, "--format", "csv").stdout
    strict = write("strict.ttl", """
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix dkg: <https://w3id.org/diplokg/ontology#> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        <urn:strict> a sh:NodeShape ; sh:targetClass dkg:Person ;
            sh:property [ sh:path owl:sameAs ; sh:minCount 1 ; sh:message "every person must be linked" ] .
    """)
    changed = write("vienna-meeting.txt", article.read_text() + "\nPresident Joe Biden agreed.\n")
    result = invoke(runner, "load", changed, "--store", store, "--shapes", strict)
    assert result.exit_code == 1
    assert "rejected" in result.stderr and "every person must be linked" in result.stderr
    after = invoke(runner, "query", "--sparql", count, "--store", store, "--format", "csv").stdout
    assert before == after  # the earlier version stands, untouched


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("empty.txt", b"", "no article text"),
        ("latin1.txt", "Caf\u00e9 diplomacy".encode("latin-1"), "not valid UTF-8"),
        ("binary.txt", b"\x00\xff\x00", "binary"),
    ],
)
def test_unreadable_articles_are_reported_and_the_rest_stored(runner, article, write, tmp_path, name, content,
                                                              fragment):
    store = tmp_path / "kg"
    bad = write(name, content)
    result = invoke(runner, "load", bad, article, "--store", store)
    assert result.exit_code == 2
    assert f"skipped {bad}: " in result.stderr and fragment in result.stderr
    assert "Traceback" not in result.output
    assert graph_count(store) == 1  # the good article, whole


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["load", "{tmp}/missing.txt"], 2, "missing.txt: no such file or folder"),
        (["load", "{article}", "--date", "05/03/2021"], 2, "--date: invalid date '05/03/2021'"),
        (["load", "{article}", "--store", "{tmp}/file/kg"], 3, "cannot open the store"),
        (["load", "{article}", "--model", "no_such_model"], 4, "'no_such_model' is not installed"),
        (["query", "who-is-who"], 2, "unknown query 'who-is-who'"),
        (["query", "--sparql", "SELEC nothing"], 2, "invalid SPARQL"),
        (["query", "office-holders", "--store", "{tmp}/nowhere"], 3, "no store here yet"),
        (["query", "office-holders", "--sparql", "ASK {}"], 2, "not both"),
        (["--config", "{tmp}/none.toml", "load", "{article}"], 2, "config file not found"),
        (["extract", "{article}", "--out", "{tmp}/file/out"], 2, "cannot create the output folder"),
    ],
)
def test_user_mistakes_give_one_line_and_an_exit_code(runner, article, tmp_path, args, code, fragment):
    (tmp_path / "file").write_text("a file, not a folder")
    (tmp_path / "kg").mkdir()
    with open_store(tmp_path / "kg") as s:
        del s  # an existing, empty store for the queries
    argv = [a.replace("{tmp}", str(tmp_path)).replace("{article}", str(article)) for a in args]
    if argv[0] == "query" and "--store" not in argv:
        argv += ["--store", str(tmp_path / "kg")]
    result = invoke(runner, *argv)
    assert result.exit_code == code, result.output
    line = error_line(result)
    assert fragment in line
    assert graph_count(tmp_path / "kg") == 0


@pytest.mark.parametrize("command", [["query", "articles"], ["link"], ["reason"], ["show", "NATO", "--out", "x.svg"]])
def test_commands_that_read_a_store_refuse_one_that_is_not_there(runner, tmp_path, command):
    result = invoke(runner, *command, "--store", str(tmp_path / "nowhere"))
    assert result.exit_code == 3, result.output
    assert error_line(result) == (f"Error: {tmp_path / 'nowhere'}: no store here yet; load articles first "
                                  f"('diplokg load ARTICLE') or point --store at an existing store")
    assert not (tmp_path / "nowhere").exists()  # and none was made


def test_queries_lists_named_queries(runner):
    result = invoke(runner, "queries")
    names = [line.split()[0] for line in result.stdout.splitlines()]
    expected = {"office-holders", "memberships", "entities", "facts-with-evidence", "articles", "entity-facts"}
    assert expected <= set(names)


def test_entity_facts_binds_the_name_safely(runner, article, tmp_path):
    store = tmp_path / "kg"
    invoke(runner, "load", article, "--store", store)
    result = invoke(runner, "query", "entity-facts", "--param", "name=Jens Stoltenberg", "--store", store,
                    "--format", "csv")
    rows = result.stdout.splitlines()[1:]
    assert rows and all(r.startswith("Jens Stoltenberg,") for r in rows)
    assert any(",holdsOffice,Secretary General of NATO," in r for r in rows)
    hostile = invoke(runner, "query", "entity-facts", "--param", 'name="} ; DROP ALL ; {"', "--store", store,
                     "--format", "csv")
    assert hostile.exit_code == 2 and "no entity of that name" in error_line(hostile)
    assert graph_count(store) == 1


def test_facts_with_evidence_gives_sentences_and_offsets(runner, article, tmp_path):
    store = tmp_path / "kg"
    invoke(runner, "load", article, "--store", store)
    data = json.loads(invoke(runner, "query", "facts-with-evidence", "--store", store, "--format", "json").stdout)
    text = article.read_text().split("\n\n", 1)[1]
    rows = data["results"]["bindings"]
    assert rows
    for row in rows:
        start, end = int(row["start"]["value"]), int(row["end"]["value"])
        assert text[start:end] == row["sentence"]["value"]


def test_console_script_runs_and_reports_without_traceback(tmp_path):
    done = subprocess.run([sys.executable, "-m", "diplokg", "load", str(tmp_path / "nope.txt"), "--store",
                           str(tmp_path / "kg")], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.startswith("Error: ") and "Traceback" not in done.stderr
    assert not (tmp_path / "kg").exists()


def test_ids_that_clean_to_one_name_get_files_of_their_own(runner, write, tmp_path):
    rows = [{"id": i, "text": f"Foreign Minister Wang Yi visited Moscow ({n}).", "date": "2021-02-02"}
            for n, i in enumerate(["x/y", "x_y", "x y"])]
    lines = write("ids.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "out"
    result = invoke(runner, "extract", lines, "--out", out)
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.glob("*.trig"))
    assert len(files) == 3 and "x_y.trig" in files
    assert len({p.read_text() for p in out.glob("*.trig")}) == 3


def test_help_and_version_load_no_heavy_library():
    import subprocess
    import sys
    code = ("import sys; from click.testing import CliRunner; from diplokg.cli import cli; "
            "r = CliRunner().invoke(cli, ['--version']); assert r.exit_code == 0, r.output; "
            "r = CliRunner().invoke(cli, ['load', '--help']); assert r.exit_code == 0, r.output; "
            "heavy = ('spacy', 'pyshacl', 'owlready2', 'pyoxigraph', 'distributed'); "
            "print(sorted(m for m in heavy if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_an_ill_formed_date_is_a_violation_without_a_traceback(runner, write):
    bad = write("bad.ttl", '@prefix dkg: <https://w3id.org/diplokg/ontology#> .\n'
                           '@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n'
                           '<http://example.org/s> a dkg:Summit ; <http://www.w3.org/2000/01/rdf-schema#label> "s" ;\n'
                           '    dkg:startDate "2024-99-99"^^xsd:date .\n')
    result = runner.invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "dkg:startDate" in result.output and "2024-99-99" in result.output
    assert "Traceback" not in result.output and "Traceback" not in result.stderr


def test_every_output_format_carries_the_same_terms(runner, write, tmp_path):
    from rdflib import Dataset, Graph
    text = "date: 2019-05-02\n\nGermany pledged to spend 2 percent of its GDP on defence by 2024.\n"
    article = write("pledge.txt", text)
    graphs = {}
    for fmt in ("trig", "ttl", "nq"):
        out = tmp_path / fmt
        assert invoke(runner, "extract", article, "--out", out, "--format", fmt).exit_code == 0
        data = (out / f"pledge.{fmt}").read_text(encoding="utf-8")
        if fmt == "ttl":
            graphs[fmt] = set(Graph().parse(data=data, format="turtle"))
        else:
            parsed = Dataset().parse(data=data, format={"trig": "trig", "nq": "nquads"}[fmt])
            graphs[fmt] = {(s, p, o) for s, p, o, _ in parsed.quads()}
    assert graphs["trig"] == graphs["ttl"] == graphs["nq"]
    assert any(str(o) == "2" and str(p).endswith("#commitmentValue") for _, p, o in graphs["ttl"])


def test_resume_loads_again_what_the_target_no_longer_holds(runner, article, tmp_path):
    import shutil
    store = tmp_path / "kg"
    assert invoke(runner, "load", article, "--store", store).exit_code == 0
    again = invoke(runner, "load", article, "--store", store, "--resume")
    assert "1 already there" in again.stderr and graph_count(store) == 1
    shutil.rmtree(store)  # the store is deleted; its journal stays
    fresh = invoke(runner, "load", article, "--store", store, "--resume")
    assert fresh.exit_code == 0
    assert "not in the target" in fresh.stderr and "already there" not in fresh.stderr
    assert "1 article(s) stored" in fresh.stderr and graph_count(store) == 1


def test_query_refuses_an_update_and_says_so(runner, article, tmp_path):
    store = tmp_path / "kg"
    invoke(runner, "load", article, "--store", store)
    result = invoke(runner, "query", "--store", store, "--sparql", "DROP ALL")
    assert result.exit_code == 2 and "SPARQL Update" in error_line(result) and "refused" in error_line(result)
    assert graph_count(store) == 1
