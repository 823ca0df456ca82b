"""Named queries on a big store: seconds per query against the 1 s budget (a benchmark, not a
timed test).

Every named query in ``queries/`` runs with typical parameters (:data:`PARAMS`) through the same
library call as ``diplokg query`` (:func:`diplokg.pipeline.run_query`: the store opened read-only,
names resolved, the query run, the first page of rows read: ``--limit 100`` by default, as
``diplokg query`` shows), ``--repeat`` times; the best time is kept. The queries that ``track``
keeps in the store's index are timed for every row too (``--limit 0``), in the last column. A
trivial ``COUNT`` of the articles, measured in the same run the same way, is the baseline: the
last column is each query's time over it, the one before it each query's time over the budget.
The online-only query (a federated ``SERVICE`` to Wikidata) is left out: it needs the network.

The store should hold all of ``../shared/corpus/real/`` and be tracked:

    diplokg load ../shared/corpus/real/*.jsonl.gz --store /tmp/realstore
    diplokg track --store /tmp/realstore
    python benchmarks/named_queries.py --store /tmp/realstore [--repeat 3] [--budget 1.0]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from diplokg.config import Settings
from diplokg.errors import DiplokgError
from diplokg.pipeline import run_query
from diplokg.query import DEFAULT_LIMIT, named_queries, parse_param

PARAMS: dict[str, list[str]] = {
    # typical questions on the real corpus (Reuters 1987, BBC 2004-2005, Wikinews 2019-2020)
    "alliance-members": ["organization=NATO"],
    "commitment-tracker": ["party=Germany"],
    "commitments": ["party=Germany"],
    "commitments-due": ["year=2025"],
    "conflicts": [],
    "entity-by-qid": ["wd=http://www.wikidata.org/entity/Q7184"],
    "entity-facts": ["name=Tony Blair"],
    "mentions": ["name=Tony Blair"],
    "office-history": ["office=Prime Minister of the United Kingdom"],
    "office-holders": ["date=2005-12-31"],
    "summits": ["from=2004-01-01", "to=2005-12-31"],
    "timeline": ["name=NATO"],
}
BASELINE = ("PREFIX dkg: <https://w3id.org/diplokg/ontology#> "
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a a dkg:Article } }")


def timed(settings: Settings, repeat: int, name: str | None = None, params: list[str] | None = None,
          sparql: str | None = None, limit: int | None = None) -> tuple[float, int]:
    """The best of ``repeat`` runs' seconds, and the rows of the answer."""
    bound = dict(parse_param(p) for p in params or [])
    best, rows = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        result = run_query(name, settings=settings, sparql=sparql, params=bound or None, limit=limit)
        rows = len(result.rows)
        best = min(best, time.perf_counter() - start)
    return best, rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True,
                        help="an embedded store holding ../shared/corpus/real/, tracked (see the module's doc)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each query; the best is kept (default 3)")
    parser.add_argument("--budget", type=float, default=1.0, help="seconds a query may take (default 1.0)")
    args = parser.parse_args(argv)
    settings = Settings(store=args.store)
    try:
        baseline, _ = timed(settings, args.repeat, sparql=BASELINE)
    except DiplokgError as err:
        print(f"{err} (build the store as the benchmark's doc says)", file=sys.stderr)
        return 2
    print(f"store {args.store}; best of {args.repeat} runs; budget {args.budget:g} s; "
          f"baseline (COUNT of the articles) {baseline:.3f} s")
    print(f"{'query':<22} {'parameters':<45} {'rows':>7} {'seconds':>8} {'/budget':>8} {'/baseline':>9} "
          f"{'all rows':>8} {'seconds':>8}")
    over = []
    for query in named_queries():
        if query.description.startswith("ONLINE ONLY"):
            print(f"{query.name:<22} {'(online only: not run)':<45}")
            continue
        params = PARAMS.get(query.name, [])
        seconds, rows = timed(settings, args.repeat, query.name, params, limit=DEFAULT_LIMIT)
        if seconds > args.budget:
            over.append(query.name)
        whole = ""
        if query.indexed:
            every, count = timed(settings, 1, query.name, params)
            whole = f" {count:>8} {every:>8.3f}"
        print(f"{query.name:<22} {' '.join(params)[:45]:<45} {rows:>7} {seconds:>8.3f} {seconds / args.budget:>8.2f} "
              f"{seconds / baseline:>9.1f}{whole}")
    print(f"over the budget: {', '.join(over) if over else 'none'}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
