"""Scale benchmarks, each a ratio measured in one run (not timed tests):

1. extraction: words/s of ``diplokg extract`` versus plain ``nlp.pipe`` of the same model on
   the same texts, with spaCy's default batch size (target >= 0.8); also the CPU time of both,
   since extract runs spaCy in a process of its own beside the one that maps and writes;
2. load: articles/s and triples/s of ``load`` into the embedded store, and its ratio to
   extraction alone (target >= 0.9: storing must not be the bottleneck);
3. memory: peak RSS of ``diplokg load`` at N and 10·N articles, each in its own process
   (target ratio <= 1.2);
4. workers: speed-up of ``--workers 2`` over 1 (target >= 1.6 on 2 cores).

The corpus is real news by default: a fixed random sample of ``--articles`` stories from
``../shared/corpus/real/*.jsonl.gz`` (read with diplokg's own JSON Lines reader), or the files
named with ``--corpus``. Without the real corpus, or with ``--corpus generated``, it is generated
from the shipped example articles' sentences and sentences written for diplokg, with names,
countries, numbers and dates varied per article, so that no cache helps.

    python benchmarks/scale.py [--corpus FILE.jsonl.gz ...] [--articles 1000] [--memory 1000] [--skip-memory]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from diplokg.config import Settings
from diplokg.document import Document, read_documents, read_text_file
from diplokg.extract.text import prepare
from diplokg.pipeline import Status, extract_to_files, load

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
REAL_CORPUS = ROOT.parent / "shared" / "corpus" / "real"
FIRST = ["Maria", "John", "Carlos", "Peter", "Anna", "James", "Olga", "Ahmed", "Yuki", "Laura", "Pierre", "Ingrid"]
LAST = ["Santos", "Miller", "Ruiz", "Hansen", "Lindqvist", "Wilson", "Petrova", "Haddad", "Tanaka", "Rossi",
        "Dubois", "Berg", "Novak", "Kowalski", "Silva", "Fischer"]
COUNTRIES = ["Portugal", "Canada", "Spain", "Norway", "Sweden", "Ireland", "Poland", "Egypt", "Japan", "Italy",
             "France", "Denmark", "Greece", "Turkey", "Chile", "Kenya"]
TEMPLATES = [
    "{c}'s foreign minister, {p}, met NATO Secretary General Jens Stoltenberg in Brussels on {day}.",
    "{c} pledged to spend {n} percent of its gross domestic product on defence by {year}.",
    "Leaders will meet at the EU summit in {city} on {month} {d1}-{d2}.",
    "Prime Minister {p} of {c} said the talks with {c2} would continue next month.",
    "The {c} government committed {n} billion dollars to the reconstruction fund.",
]
CITIES = ["Madrid", "Vienna", "Athens", "Lisbon", "Warsaw", "Rome", "Oslo", "Dublin"]
MONTHS = ["January", "March", "May", "June", "July", "September", "October", "November"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def corpus(n: int, seed: int = 7) -> list[dict[str, str]]:
    """``n`` varied articles: generated sentences around sentences of the shipped examples."""
    rng = random.Random(seed)
    example_sentences = [s.strip() + "." for p in sorted(EXAMPLES.glob("*.txt"))
                         for s in read_text_file(p).text.replace("\n", " ").split(". ") if len(s.split()) > 6]
    articles = []
    for i in range(n):
        sentences = []
        for _ in range(rng.randint(3, 6)):
            sentences.append(rng.choice(TEMPLATES).format(
                c=rng.choice(COUNTRIES), c2=rng.choice(COUNTRIES), p=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                n=rng.randint(1, 9), year=rng.randint(2020, 2035), city=rng.choice(CITIES),
                month=rng.choice(MONTHS), d1=rng.randint(1, 14), d2=rng.randint(15, 28), day=rng.choice(DAYS)))
        sentences.insert(rng.randint(0, len(sentences)), rng.choice(example_sentences))
        articles.append({"id": f"bench-{i:06d}", "text": " ".join(sentences),
                         "date": f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"})
    return articles


def default_corpus() -> list[Path]:
    """The real corpus's files when they are there; none (the generated corpus) otherwise."""
    return sorted(REAL_CORPUS.glob("*.jsonl.gz")) if REAL_CORPUS.is_dir() else []


def real_stories(paths: list[Path]) -> list[dict[str, str]]:
    """Every story of ``paths`` as read by diplokg's own reader, as rows ``{id, text, date, title}``
    (``date`` "unknown" when the story has none); a line the reader rejects stops the benchmark."""
    rows = []
    for document in read_documents(paths):
        if not isinstance(document, Document):
            raise SystemExit(f"cannot read the corpus: {document}")
        rows.append({"id": document.id, "text": document.text, "title": document.title or "",
                     "date": document.date.isoformat() if document.date else "unknown"})
    return rows


def sample(stories: list[dict[str, str]], n: int, seed: int) -> list[dict[str, str]]:
    """A fixed random sample of ``n`` stories (all of them, shuffled, when there are fewer)."""
    rng = random.Random(seed)
    return rng.sample(stories, min(n, len(stories)))


def write_jsonl(articles: list[dict[str, str]], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for article in articles:
            handle.write(json.dumps(article) + "\n")
    return path


def timed(run: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def cpu_seconds(run: Callable[[], object]) -> float:
    """CPU time of ``run`` in this process and the processes it started and ended."""
    before = os.times()
    run()
    after = os.times()
    return sum(after[i] - before[i] for i in range(4))


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _high_water_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def peak_rss_mb(jsonl: Path, store: Path) -> float:
    """Peak resident memory of one ``diplokg load`` run, in MB: the high-water marks of its
    process and of the extraction process it starts, added up (read from /proc while it runs:
    the rusage of a child forked from this big process would count this process's memory)."""
    process = subprocess.Popen([sys.executable, "-m", "diplokg", "-q", "load", str(jsonl), "--store", str(store)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peaks: dict[int, float] = {}
    while process.poll() is None:
        for pid in [process.pid, *_children(process.pid)]:
            peaks[pid] = max(peaks.get(pid, 0.0), _high_water_mb(pid))
        time.sleep(0.05)
    if process.returncode != 0:
        raise SystemExit(f"diplokg load failed on {jsonl} (status {process.returncode})")
    return sum(peaks.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", metavar="FILE.jsonl.gz",
                        help="JSON Lines of stories ({id, text, date, title}) to sample from, repeatable; "
                             "'generated' for the generated corpus (default: ../shared/corpus/real/*.jsonl.gz "
                             "when present, else generated)")
    parser.add_argument("--seed", type=int, default=12, help="seed of the sample of real stories")
    parser.add_argument("--articles", type=int, default=1000, help="articles for the speed measurements")
    parser.add_argument("--memory", type=int, default=1000, help="N for the memory measurement (N and 10·N)")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    cores = os.cpu_count()
    given = args.corpus or [str(p) for p in default_corpus()] or ["generated"]
    stories = None if given == ["generated"] else real_stories([Path(p) for p in given])
    kind = "generated articles" if stories is None else f"real stories (sampled, seed {args.seed}, from " \
        f"{len(stories)} in {', '.join(Path(p).name for p in given)})"

    def articles_of(n: int, seed: int) -> list[dict[str, str]]:
        return corpus(n, seed) if stories is None else sample(stories, n, args.seed + seed)

    with tempfile.TemporaryDirectory(prefix="diplokg-scale-") as tmp:
        root = Path(tmp)
        articles = articles_of(args.articles, 7)
        args.articles = len(articles)
        jsonl = write_jsonl(articles, root / "corpus.jsonl")
        words = sum(len(a["text"].split()) for a in articles)
        settings = Settings.resolve({"store": root / "kg", "state": root / "state", "quarantine": root / "q"})

        # warm both (model loads, dateparser import) before timing
        extract_to_files([jsonl], root / "warm", settings=settings)
        nlp = spacy.load(settings.model)
        texts = [prepare(Document(id=a["id"], text=a["text"]).text).text for a in articles]
        list(nlp.pipe(texts[:20]))

        # spaCy's own default batch size (diplokg's is 64: as fast)
        plain, _ = timed(lambda: list(nlp.pipe(texts)))
        extracted, _ = timed(lambda: extract_to_files([jsonl], root / "out1", settings=settings))
        loaded, report = timed(lambda: load([jsonl], settings=settings))
        stored = report.count(Status.STORED)  # type: ignore[attr-defined]
        from diplokg.store import open_store

        with open_store(settings.store, read_only=True) as store:
            triples = store.triple_count()
        serial_settings = Settings.resolve({"store": root / "kg2", "state": root / "state2", "quarantine": root / "q2"})
        serial, _ = timed(lambda: load([jsonl], settings=serial_settings, overlap=False))
        two, _ = timed(lambda: extract_to_files([jsonl], root / "out2", settings=settings, workers=2))
        plain_cpu = cpu_seconds(lambda: list(nlp.pipe(texts)))
        extract_cpu = cpu_seconds(lambda: extract_to_files([jsonl], root / "out3", settings=settings))

        print(f"{args.articles} {kind}, {words} words, {cores} cores")
        print(f"1. extraction  plain nlp.pipe {words / plain:8.0f} words/s | diplokg extract "
              f"{words / extracted:8.0f} words/s | ratio {plain / extracted:.3f} (target >= 0.8)")
        print(f"   CPU seconds: plain {plain_cpu:.1f} | diplokg extract {extract_cpu:.1f} (spaCy's process and "
              f"the one linking, mapping and writing beside it) | ratio {plain_cpu / extract_cpu:.3f}")
        print(f"2. load        {stored} of {args.articles} stored (the rest quarantined or failed)")
        print(f"               {stored / loaded:6.1f} articles/s, {triples / loaded:8.0f} triples/s | "
              f"ratio to extraction {extracted / loaded:.3f} (target >= 0.9)")
        print(f"   load in one process (validating and storing after extraction, not beside it): "
              f"ratio {extracted / serial:.3f}")
        print(f"4. workers     1: {extracted:6.1f} s | 2: {two:6.1f} s | "
              f"speed-up {extracted / two:.2f} (target >= 1.6)")
        if not args.skip_memory:
            small_articles, large_articles = articles_of(args.memory, 1), articles_of(10 * args.memory, 2)
            small = write_jsonl(small_articles, root / "small.jsonl")
            large = write_jsonl(large_articles, root / "large.jsonl")
            rss_small = peak_rss_mb(small, root / "kg-small")
            rss_large = peak_rss_mb(large, root / "kg-large")
            print(f"3. memory      {len(small_articles)} articles: {rss_small:.0f} MB | {len(large_articles)} "
                  f"articles: {rss_large:.0f} MB | ratio {rss_large / rss_small:.2f} (target <= 1.2)")


if __name__ == "__main__":
    main()
