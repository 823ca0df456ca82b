"""pyshacl-turbo against pySHACL on diplokg's shapes: time per graph, and whether every verdict agrees.

Each article graph (``diplokg extract`` output, one file an article) is checked alone by both
engines the way ``src/diplokg/validate.py`` calls pySHACL: the data with the ontology's class
hierarchy mixed in, ``shacl_graph`` = diplokg's shapes, ``inference="none"``,
``allow_warnings=True``. A verdict is whether the graph conforms and the set of (focus node,
result path) pairs violated; the stricter set (focus node, path, constraint component, severity)
is compared too. Real graphs nearly all conform, so each is also checked damaged: a copy without
every 5th of its triples (sorted, so the same every run), which breaks cardinalities, types and
ranges. The product keeps pySHACL: this only measures.

Without ``--graphs``, a fixed random sample of ``--articles`` stories of the real corpus (as
``scale.py`` samples it) is extracted first with ``diplokg extract``. pyshacl-turbo is not a
dependency of diplokg: install it in a venv of its own and name its site-packages::

    python3 -m venv --system-site-packages /tmp/turbo-venv && /tmp/turbo-venv/bin/pip install pyshacl-turbo
    python benchmarks/shacl_engines.py --turbo-site /tmp/turbo-venv/lib/python3.11/site-packages [--articles 100]
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pyshacl import validate as pyshacl_validate
from rdflib import BNode, Graph
from rdflib.namespace import SH

from diplokg.validate import Gate, parse_rdf

Verdict = tuple[bool, frozenset[tuple[str, str]], frozenset[tuple[str, str, str, str]]]


def _term(node: object) -> str:
    # blank nodes have no name that two engines share
    return "_:b" if isinstance(node, BNode) or node is None else str(node)


def verdict(conforms: object, results: object) -> Verdict:
    """What a validation decided, comparable across engines."""
    if not isinstance(results, Graph):
        raise SystemExit(f"an engine returned no report graph: {results!r}")
    pairs, strict = set(), set()
    for result in results.subjects(SH.resultSeverity, None):
        focus, path = _term(results.value(result, SH.focusNode)), _term(results.value(result, SH.resultPath))
        pairs.add((focus, path))
        strict.add((focus, path, _term(results.value(result, SH.sourceConstraintComponent)),
                    _term(results.value(result, SH.resultSeverity))))
    return bool(conforms), frozenset(pairs), frozenset(strict)


def run(engine: Callable[..., Any], gate: Gate, data: Graph) -> tuple[float, Verdict]:
    """Seconds one engine takes on ``data`` (prepared outside the timing, as the gate does), and its verdict."""
    prepared = gate.graph()
    prepared += data
    start = time.perf_counter()
    conforms, results, _ = engine(prepared, shacl_graph=gate.shapes, inference="none",
                                  allow_warnings=True, inplace=True)
    return time.perf_counter() - start, verdict(conforms, results)


def damaged(graph: Graph) -> Graph:
    """``graph`` without every 5th of its triples, in sorted order."""
    copy = Graph()
    for i, triple in enumerate(sorted(graph)):
        if i % 5 != 4:
            copy.add(triple)
    return copy


def extract_sample(out: Path, articles: int, seed: int) -> list[Path]:
    """``diplokg extract`` of a fixed random sample of the real corpus into ``out``."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from scale import default_corpus, real_stories, sample, write_jsonl

    paths = default_corpus()
    if not paths:
        raise SystemExit("the real corpus (../shared/corpus/real/*.jsonl.gz) is not there; name graphs with --graphs")
    jsonl = write_jsonl(sample(real_stories(paths), articles, seed), out / "sample.jsonl")
    subprocess.run([sys.executable, "-m", "diplokg", "-q", "extract", str(jsonl), "--out", str(out / "graphs")],
                   check=True)
    return sorted((out / "graphs").glob("*.trig"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turbo-site", type=Path, help="site-packages holding pyshacl_turbo (searched after ours)")
    parser.add_argument("--graphs", type=Path, help="folder of article graphs (*.trig) to check, instead of a sample")
    parser.add_argument("--articles", type=int, default=100, help="stories to sample and extract")
    parser.add_argument("--seed", type=int, default=12, help="seed of the sample")
    args = parser.parse_args()
    if args.turbo_site is not None:
        sys.path.append(str(args.turbo_site))  # after our own packages: theirs do not replace ours
    try:
        # imported by name: an optional engine that neither mypy nor diplokg's environment has
        pyshacl_turbo = importlib.import_module("pyshacl_turbo")
    except ImportError:
        print("skipped: pyshacl_turbo is not importable; install it in a venv of its own and pass "
              "--turbo-site DIR (see this script's docstring)")
        return
    gate = Gate()
    with tempfile.TemporaryDirectory(prefix="diplokg-shacl-") as tmp:
        files = (sorted(args.graphs.glob("*.trig")) if args.graphs
                 else extract_sample(Path(tmp), args.articles, args.seed))
        graphs = [(f.stem, parse_rdf(f, "article graph")) for f in files]
    if not graphs:
        raise SystemExit("no article graphs to check")
    kinds = {"real": graphs, "damaged": [(f"{name} (damaged)", damaged(graph)) for name, graph in graphs]}
    # warm both (pySHACL's SPARQL texts, turbo's compiled shapes) before timing
    run(pyshacl_validate, gate, graphs[0][1])
    run(pyshacl_turbo.validate, gate, graphs[0][1])
    print(f"pySHACL against pyshacl-turbo {pyshacl_turbo.__version__}, each graph checked alone")
    for kind, checked in kinds.items():
        times: dict[str, list[float]] = {"pySHACL": [], "pyshacl-turbo": []}
        differ, differ_strict, failing = [], [], 0
        for name, data in checked:
            slow, ours = run(pyshacl_validate, gate, data)
            fast, theirs = run(pyshacl_turbo.validate, gate, data)
            times["pySHACL"].append(slow)
            times["pyshacl-turbo"].append(fast)
            failing += not ours[0]
            if ours[:2] != theirs[:2]:
                differ.append((name, ours, theirs))
            elif ours[2] != theirs[2]:
                differ_strict.append(name)
        triples = sum(len(g) for _, g in checked)
        print(f"{len(checked)} {kind} article graphs, {triples / len(checked):.0f} triples a graph, "
              f"{failing} not conforming (pySHACL)")
        for engine, seconds in times.items():
            print(f"  {engine:14} mean {1000 * statistics.mean(seconds):7.2f} ms a graph | median "
                  f"{1000 * statistics.median(seconds):7.2f} ms | total {sum(seconds):6.2f} s")
        print(f"  speed-up {sum(times['pySHACL']) / sum(times['pyshacl-turbo']):.1f}x")
        print(f"  verdicts (conforms, focus nodes/paths) identical: {len(checked) - len(differ)} of {len(checked)}; "
              f"also constraint components and severities: {len(checked) - len(differ) - len(differ_strict)}")
        for name, ours, theirs in differ:
            print(f"  differs: {name}: pySHACL conforms={ours[0]} {sorted(ours[1])} | "
                  f"turbo conforms={theirs[0]} {sorted(theirs[1])}")
        for name in differ_strict:
            print(f"  differs in constraint component or severity only: {name}")

if __name__ == "__main__":
    main()
