"""Push throughput: diplokg's per-article graph pushes versus one plain curl POST of the same data.

Builds article-sized graphs (diplokg's own mapping of generated extractions, >= 200k triples in
all), starts an Oxigraph server on a free loopback port, and in one run times
(a) diplokg pushing each article graph with the Graph Store Protocol (--jobs workers), and
(b) ``curl`` POSTing one N-Quads file of the same quads to the same server (emptied between),
then prints triples/s of each and the ratio (target: diplokg >= 0.8 of curl).

    python benchmarks/push.py [--articles 1200] [--jobs 4]
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from rdflib import Graph

from diplokg.dates import PartialDate
from diplokg.document import Document
from diplokg.extract.records import Entity, EntityKind, Evidence, Extraction, Relation, RelationKind
from diplokg.loader import BATCH_TRIPLES
from diplokg.mapping import to_dataset, to_graph
from diplokg.serve import oxigraph_binary
from diplokg.store.endpoint import EndpointConfig, EndpointStore

COUNTRIES = ["France", "Germany", "Italy", "Spain", "Poland", "Norway", "Japan", "Canada", "Brazil", "India"]


def article(i: int) -> Graph:
    """A generated article with a few dozen entities and facts (every name unique to it)."""
    x = Extraction(Document(id=f"bench-{i:05d}", text="x" * 400, date=PartialDate(2020, 1 + i % 12, 1 + i % 28),
                            title=f"Benchmark article {i}"))
    sentence = f"Sentence {i} on the talks between ministers."
    for j in range(12):
        ev = Evidence(f"{sentence} ({j})", j * 20, j * 20 + 19, 0.9, "bench")
        person = Entity(f"person:p{i}-{j}", EntityKind.PERSON, f"Person {i} {j}", {f"P{i}-{j}"}, [(j, j + 1)])
        office = Entity(f"office:o{i}-{j}", EntityKind.OFFICE, f"Envoy {j} of Bench {i}")
        country = Entity(f"country:c{i}-{j}", EntityKind.COUNTRY, f"{COUNTRIES[j % 10]} {i}-{j}")
        x.entities += [person, office, country]
        x.relations += [Relation(RelationKind.HOLDS_OFFICE, person.key, office.key, ev),
                        Relation(RelationKind.OFFICE_OF, office.key, country.key, ev)]
    return to_graph(x)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1200)
    parser.add_argument("--jobs", type=int, default=4)
    parser.add_argument("--batched", action="store_true",
                        help="SPARQL Update with several articles per request instead of one Graph Store PUT each")
    args = parser.parse_args()
    binary = oxigraph_binary()
    if not shutil.which("curl"):
        raise SystemExit("needs curl")

    graphs = [article(i) for i in range(args.articles)]
    triples = sum(len(g) for g in graphs)
    with tempfile.TemporaryDirectory(prefix="diplokg-bench-") as tmp:
        nquads = Path(tmp) / "all.nq"
        nquads.write_bytes(to_dataset(graphs).serialize(format="nquads", encoding="utf-8"))
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([binary, "serve", "--location", f"{tmp}/db", "--bind", f"127.0.0.1:{port}"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"{base}/query?{urllib.parse.urlencode({'query': 'ASK {}'})}", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            store = EndpointStore(EndpointConfig.from_url(f"{base}/query",
                                                          graph_store_url="none" if args.batched else None))
            # the same grouping as diplokg load: about BATCH_TRIPLES triples per request
            size = max(1, BATCH_TRIPLES // max(1, triples // len(graphs))) if args.batched else 1
            batches = [graphs[i:i + size] for i in range(0, len(graphs), size)]

            def clear() -> None:
                urllib.request.urlopen(urllib.request.Request(f"{base}/update", data=b"CLEAR ALL",
                                                              headers={"Content-Type": "application/sparql-update"}))

            def count() -> int:
                return store.triple_count()

            start = time.perf_counter()
            with ThreadPoolExecutor(max_workers=args.jobs) as pool:
                list(pool.map(store.replace_graphs, batches))
            diplokg_time = time.perf_counter() - start
            assert count() == triples, (count(), triples)
            clear()
            start = time.perf_counter()
            subprocess.run(["curl", "-s", "-f", "-X", "POST", "-H", "Content-Type: application/n-quads",
                            "--data-binary", f"@{nquads}", f"{base}/store"], check=True)
            curl_time = time.perf_counter() - start
            assert count() == triples
            store.close()
        finally:
            server.terminate()
            server.wait(timeout=30)

    print(f"{args.articles} article graphs, {triples} triples, Oxigraph server on loopback, {args.jobs} jobs")
    label = "diplokg (SPARQL Update, batched)" if args.batched else "diplokg (Graph Store PUT per article)"
    print(f"{label:40} {diplokg_time:7.2f} s  {triples / diplokg_time:10.0f} triples/s")
    print(f"{'curl (one N-Quads POST)':40} {curl_time:7.2f} s  {triples / curl_time:10.0f} triples/s")
    print(f"throughput ratio diplokg / curl          {curl_time / diplokg_time:7.3f}")


if __name__ == "__main__":
    main()
