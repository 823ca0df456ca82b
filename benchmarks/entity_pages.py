"""Entity pages and named queries of `diplokg serve` on a big store: time per answer, against a 1 s budget.

Starts ``diplokg serve --read-only`` on STORE (a store loaded with a whole corpus, e.g. all of
../shared/corpus/real/, and tracked: ``diplokg track``), then, through its port, as a browser
and a client would:

* GETs the page of the most mentioned entities and of a random sample of the others (by IRI:
  ``/entity?iri=...``, each with its picture), and of some of them by name, in lower case
  (``/entity?name=...``: the look-up too), and a search for a name nobody has (the slow path
  of the look-up: every label compared, near matches);
* runs every named query (except the online one), with the example parameters of its header,
  through the served SPARQL endpoint.

Prints each answer's time and its ratio to the 1 s budget, the slowest, and the median.

    python benchmarks/entity_pages.py --store COPY-OF-A-STORE [--top 15] [--random 35] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from rdflib import URIRef

from diplokg.config import Settings
from diplokg.pipeline import run_query
from diplokg.query import DEFAULT_LIMIT, named_queries, parse_param
from diplokg.store.endpoint import EndpointConfig, EndpointStore

BUDGET = 1.0
ENTITIES = """PREFIX dkg: <https://w3id.org/diplokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?e (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?e dkg:mentionedIn ?a ; rdfs:label ?l } }
GROUP BY ?e"""
# the example parameters of the named queries' headers, and a few of this corpus's own
PARAMS = {
    "alliance-members": ["organization=NATO"],
    "commitment-tracker": ["party=Germany"],
    "commitments-due": ["year=2025"],
    "commitments": ["party=Germany"],
    "conflicts": [],
    "entity-by-qid": ["wd=http://www.wikidata.org/entity/Q7184"],
    "entity-facts": ["name=Jens Stoltenberg"],
    "mentions": ["name=Jens Stoltenberg"],
    "office-history": ["office=Secretary General of NATO"],
    "office-holders": ["date=2019-12-31"],
    "summits": ["from=2018-01-01", "to=2018-12-31"],
    "timeline": ["name=NATO"],
}


def get(url: str) -> tuple[int, int, float]:
    """Status, size and seconds of one GET."""
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            body, status = response.read(), response.status
    except urllib.error.HTTPError as err:
        body, status = err.read(), err.code
    return status, len(body), time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, required=True, help="a store (a copy: it is served read-only)")
    parser.add_argument("--top", type=int, default=15, help="the most mentioned entities to time")
    parser.add_argument("--random", type=int, default=35, help="other entities, drawn at random")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--port", type=int, default=17979)
    args = parser.parse_args()

    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen([sys.executable, "-m", "diplokg", "serve", "--store", str(args.store), "--port",
                               str(args.port), "--read-only"], stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if get(f"{base}/search?q=")[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("diplokg serve did not come up")
            time.sleep(0.5)
        endpoint = EndpointStore(EndpointConfig.from_url(f"{base}/query", timeout=600))
        rows = endpoint.query(ENTITIES).rows
        entities = sorted(((str(e), str(label), int(str(n))) for e, label, n in rows if isinstance(e, URIRef)),
                          key=lambda t: (-t[2], t[0]))
        top = entities[: args.top]
        rest = entities[args.top:]
        sample = random.Random(args.seed).sample(rest, min(args.random, len(rest)))
        print(f"{len(entities)} entities in the store; timing {len(top)} most mentioned and {len(sample)} at random")

        timings: list[tuple[float, str]] = []

        def report(what: str, status: int, size: int, seconds: float) -> None:
            timings.append((seconds, what))
            print(f"{seconds * 1000:8.0f} ms  {seconds / BUDGET:5.2f} of budget  {status}  {size / 1024:7.0f} KiB  "
                  f"{what}")

        print("\n-- entity pages, by IRI (with the picture)")
        for iri, label, mentions in top + sample:
            status, size, seconds = get(f"{base}/entity?{urllib.parse.urlencode({'iri': iri})}")
            report(f"{label} ({mentions} articles)", status, size, seconds)
        print("\n-- entity pages, by name in lower case (look-up, then the page)")
        for _, label, mentions in top[:5] + sample[:5]:
            status, size, seconds = get(f"{base}/entity?{urllib.parse.urlencode({'name': label.lower()})}")
            report(f"name={label.lower()!r} ({mentions} articles)", status, size, seconds)
        print("\n-- searches")
        for text in ("zzzz qqqq", "obam", "secretary general"):
            status, size, seconds = get(f"{base}/search?{urllib.parse.urlencode({'q': text})}")
            report(f"search {text!r}", status, size, seconds)
        pages = list(timings)

        print("\n-- named queries, through the served endpoint")
        settings = Settings.resolve({"endpoint": f"{base}/query", "endpoint_timeout": 600.0})
        query_timings = []
        for query in named_queries():
            if query.name.startswith("wikidata-"):
                continue  # online only
            params = dict(parse_param(p) for p in PARAMS.get(query.name, []))
            start = time.perf_counter()
            result = run_query(query.name, settings=settings, params=params, limit=DEFAULT_LIMIT)  # as `query` shows
            seconds = time.perf_counter() - start
            query_timings.append((seconds, query.name))
            print(f"{seconds * 1000:8.0f} ms  {seconds / BUDGET:5.2f} of budget  {len(result.rows):7d} rows  "
                  f"{query.name} {' '.join(PARAMS.get(query.name, []))}")

        for name, items in (("pages", pages), ("named queries", query_timings)):
            worst = max(items)
            over = [what for seconds, what in items if seconds > BUDGET]
            print(f"\n{name}: {len(items)} timed; median {statistics.median(s for s, _ in items) * 1000:.0f} ms; "
                  f"slowest {worst[0] * 1000:.0f} ms ({worst[0] / BUDGET:.2f} of the budget): {worst[1]}; "
                  f"over 1 s: {', '.join(over) or 'none'}")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
