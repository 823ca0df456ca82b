"""Merge transcribed Wikidata-derived rows (cities, regions, news agencies, a state's bodies) into
the shipped gazetteer.

The stored public files these rows come from are reachable only through the session's look-up
tools, not from code, so each was transcribed by hand, row for row, QID beside label as the file
gives them, into a small tab-separated file under ``tools/wikidata/``; this script merges those.
It holds no fetched data itself.

A transcription file (UTF-8, tab-separated; "#" opens a directive or a comment)::

    #source	gparlakov/tinySearch:apps/tiny-server/src/cities.ts
    #kind	locality
    Q65	Los Angeles
    Q38022	St. Louis	St Louis|Saint Louis
    @Q956	Peking

A row is a QID, its label as the source gives it and, optionally, aliases (separated by ``|``:
matching aids, not QID claims). ``#source`` lines name the files where the rows that follow were
seen (the first two are recorded); ``#kind`` gives their gazetteer kind. ``@QID`` lines give a row
the gazetteer already has more aliases.

Rules:

- a QID the gazetteer lacks becomes a row of the file's kind, with the label and the sources;
- a QID it has keeps its kind and label and gains the sources (up to three) and the aliases it lacks;
- a label or alias that another row of a linkable kind already carries is reported: the linker
  leaves such a name unlinked (ambiguity stays unlinked), so a transcription should not add one.

Usage::

    python tools/merge_gazetteer_rows.py tools/wikidata/*.tsv
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from diplokg.vocab import normalize_name as fold  # the gazetteer's name key

GAZETTEER = Path(__file__).resolve().parents[1] / "src" / "diplokg" / "data" / "gazetteer.csv"
MAX_SOURCES = 3
KINDS = {"locality", "region", "other", "news", "national", "party", "organization", "city", "person"}


def read(path: Path) -> list[tuple[str, str, str, list[str], list[str]]]:
    """``(qid, label, kind, aliases, sources)`` rows; label and kind are "" for an ``@QID`` line."""
    sources: list[str] = []
    kind = ""
    fresh = True  # a #source after rows starts a new list of sources
    rows = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        if line.startswith("#source\t"):
            if not fresh:
                sources, fresh = [], True
            sources.append(line.split("\t", 1)[1].strip())
            continue
        if line.startswith("#kind\t"):
            kind = line.split("\t", 1)[1].strip()
            if kind not in KINDS:
                sys.exit(f"{path}:{lineno}: unknown kind {kind!r}")
            continue
        if line.startswith("#"):
            continue
        fresh = False
        cells = line.split("\t")
        aliases = [a.strip() for a in cells[2].split("|") if a.strip()] if len(cells) > 2 else []
        if cells[0].startswith("@"):
            rows.append((cells[0][1:], "", "", [a.strip() for a in cells[1].split("|") if a.strip()], sources))
            continue
        if not sources or not kind:
            sys.exit(f"{path}:{lineno}: a row before its #source and #kind")
        rows.append((cells[0].strip(), cells[1].strip(), kind, aliases, list(sources)))
    return rows


def main(paths: list[str]) -> None:
    with GAZETTEER.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        table = list(reader)
    by_qid = {row["qid"]: row for row in table}
    names: dict[str, set[str]] = {}
    for row in table:
        for name in (row["label"], *row["aliases"].split("|")):
            if name.strip():
                names.setdefault(fold(name), set()).add(row["qid"])
    added: Counter[tuple[str, str]] = Counter()
    enriched: Counter[str] = Counter()
    rows = [(path, row) for path in map(Path, paths) for row in read(path)]
    # rows first, then the aliases of rows (which may be new)
    for path, (qid, label, kind, aliases, sources) in sorted(rows, key=lambda r: not r[1][1]):
            row = by_qid.get(qid)
            if row is None:
                if not label:
                    sys.exit(f"{path}: @{qid}: the gazetteer has no such row")
                row = {"qid": qid, "label": label, "kind": kind, "aliases": "", "source": ""}
                table.append(row)
                by_qid[qid] = row
                added[(sources[0], kind)] += 1
            else:
                enriched[sources[0] if sources else path.name] += 1
            held = [s for s in row["source"].split(" ; ") if s]
            row["source"] = " ; ".join((held + [s for s in sources[:2] if s not in held])[:MAX_SOURCES])
            own = [a for a in row["aliases"].split("|") if a]
            for name in (label, *aliases):
                others = names.get(fold(name), set()) - {qid} if name else set()
                if others:
                    print(f"note: {name!r} ({qid}) is also the name of {', '.join(sorted(others))}")
            new = [a for a in aliases if a not in own and a != row["label"]]
            row["aliases"] = "|".join(own + new)
            for name in (row["label"], *new):
                names.setdefault(fold(name), set()).add(qid)
    with GAZETTEER.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(table)
    for (source, kind), n in sorted(added.items()):
        print(f"added {n:4d} {kind} rows from {source}")
    for source, n in sorted(enriched.items()):
        print(f"enriched {n:4d} rows from {source}")
    print(f"gazetteer: {len(table)} rows")


if __name__ == "__main__":
    main(sys.argv[1:])
