"""Merge transcribed Wikidata office-holder lists into the shipped gazetteer and office holders table.

The stored public files this reads from (Wikidata SPARQL output of position holders: QIDs beside
labels, start and end dates) are reachable only through the session's look-up tools, not from code,
so they are transcribed by hand, row for row, into small text files, and this script merges those.
It holds no fetched data itself: only the titles news writes for each office and the merge rules.

A transcription file (UTF-8, tab-separated; lines starting with "#" are directives or comments)::

    #source	every-politician-scrapers/us-cabinet:wikidata/results/all-ministers.csv
    #office	Q2747647	(one office for the whole file; rows are then QID, label, start, end)
    #codes	ST=Q14213 TR=Q4215834	(several offices; rows then start with a code, "-" for a person only)
    ST	Q313411	George P. Shultz	1982-07-16	1989-01-20
    Q129006	Clement Attlee	1945-07-26	1951-10-26	<repo:path where this label was seen>

A fifth (sixth) column names the file where the QID/label pair was seen when the #source file
gives QIDs only (tmtmtmtm/wikidata-position-history's mandates).

Rules:

- a person missing from the gazetteer becomes a ``person`` row with the label as the source gives
  it; an existing row keeps its label and gains the source (up to three);
- aliases: the name before a comma ("George Younger" for "George Younger, 4th Viscount Younger of
  Leckie"), the first and last name of a US official with middle names or initials ("George
  Shultz" for "George P. Shultz"), and the few titles news used for a peer in office ("Lord
  Carrington"); never a common name that news gives many people ("William Smith"), and only when no
  other gazetteer item carries that name (ambiguity stays unlinked); a person the gazetteer
  already has gains the aliases it lacks;
- a dated row of a known office whose years reach 1945 or later becomes an office holders row
  (years only); an open end is cut at the latest year the file shows (a snapshot, not a claim that
  the holder is still in office); a row the table already has (same office and person, overlapping
  years) is left out, and so is one whose years cross another holder's whole tenure of that office.

Usage::

    python tools/merge_officeholders.py TRANSCRIPTION...
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from diplokg.vocab import normalize_name as fold  # the gazetteer's name key

DATA = Path(__file__).resolve().parents[1] / "src" / "diplokg" / "data"
GAZETTEER = DATA / "gazetteer.csv"
HOLDERS = DATA / "officeholders.csv"
FIRST_YEAR = 1945
MAX_SOURCES = 3

# office QID -> (the bare title news writes, the office's state as the gazetteer names it); the
# titles follow the table's own (UK "Chancellor", US "Treasury Secretary")
OFFICES: dict[str, tuple[str, str]] = {
    "Q14211": ("Prime Minister", "United Kingdom"),
    "Q531471": ("Chancellor", "United Kingdom"),
    "Q1371091": ("Foreign Secretary", "United Kingdom"),
    "Q2747647": ("Defence Secretary", "United Kingdom"),
    "Q2484309": ("Home Secretary", "United Kingdom"),
    "Q3858507": ("Business Secretary", "United Kingdom"),
    "Q19968043": ("Energy Secretary", "United Kingdom"),
    "Q14213": ("Secretary of State", "United States of America"),
    "Q4215834": ("Treasury Secretary", "United States of America"),
    "Q735015": ("Defense Secretary", "United States of America"),
    "Q2003296": ("Commerce Secretary", "United States of America"),
    "Q1029955": ("Agriculture Secretary", "United States of America"),
    "Q1029968": ("Energy Secretary", "United States of America"),
    "Q11699": ("Vice President", "United States of America"),
    "Q27907212": ("Trade Representative", "United States of America"),
    "Q636207": ("Attorney General", "United States of America"),
    "Q967750": ("Labor Secretary", "United States of America"),
    "Q786242": ("Chief of Staff", "United States of America"),
    "Q1071117": ("Prime Minister", "New Zealand"),
    "Q6866148": ("Foreign Minister", "New Zealand"),
    "Q738695": ("Prime Minister", "Finland"),
    "Q628004": ("President", "Mexico"),
}
# offices whose holders go to the gazetteer only: the title news writes ("U.N. Ambassador") names
# no office the extraction tells apart from any other ambassador
PERSONS_ONLY = {"Q1785225"}
US_SOURCES = ("us-cabinet",)
# a peerage's "Lord X" is the news form only for those who were peers while in office (later peers
# were "Tom King" then; "Lord King" in 1987 was British Airways' chairman): named one by one
PEERS_IN_OFFICE = {"Q335038": "Lord Carrington", "Q336171": "Lord Young", "Q175366": "Lord Hailsham",
                   "Q336480": "Lord Mackay", "Q336598": "Lord Cockfield"}
# first-and-last names that news gives many people, or that are not how news named the official
COMMON = {"william smith", "robert anderson", "james jones", "charles wilson", "john mitchell",
          "james mitchell", "louis johnson", "david kennedy", "thomas clark", "james edwards", "jesse jones",
          "john connor", "peter peterson", "cyrus smith", "harry haldeman", "john sununu", "james watkins",
          "peter brennan", "martin durkin", "john dunlop", "john snyder", "joseph barr", "edward perkins",
          "charles sawyer", "henry lodge", "john dulles", "ezra benson", "william harriman", "james mcgrath",
          "henry fowler", "david hunt", "john moore", "michael stewart", "george brown", "tom king",
          "david young", "peter walker", "michael moore", "john smith", "david jones", "paul murphy",
          "edward short", "henry brooke", "david howell", "thomas gates", "john kelly"}
SUFFIX = re.compile(r",? (?:Jr|Sr|III|II)\.?$")
PARTICLES = {"von", "van", "de", "del", "della", "da", "di", "le", "la", "du", "der", "den", "bin", "al", "el"}


@dataclass
class Row:
    office: str | None
    qid: str
    label: str
    start: int | None
    end: int | None
    source: str
    label_source: str
    snapshot: int


def read_transcription(path: Path) -> list[Row]:
    source = ""
    office: str | None = None
    codes: dict[str, str | None] = {"-": None}
    raw: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if line.startswith("#"):
            parts = line[1:].split("\t")
            key = parts[0]
            if key == "source":
                source = parts[1]
            elif key == "office":
                office = parts[1]
            elif key.startswith("codes"):
                for pair in parts[1].split():
                    if "=" in pair:
                        code, qid = pair.split("=", 1)
                        codes[code] = qid
            continue
        raw.append(line.split("\t"))
    if not source:
        raise SystemExit(f"{path}: no #source line")
    years = [int(v[:4]) for parts in raw for v in parts if re.fullmatch(r"\d{4}-\d\d-\d\d", v)]
    snapshot = max(years) if years else 0
    rows = []
    for parts in raw:
        if office is None:
            row_office, parts = codes[parts[0]], parts[1:]
        else:
            row_office = office
        parts += [""] * (5 - len(parts))
        qid, label, start, end, label_source = (p.strip() for p in parts[:5])
        if not re.fullmatch(r"Q\d+", qid):
            raise SystemExit(f"{path}: {qid!r} is not a QID")
        rows.append(Row(row_office, qid, label, int(start[:4]) if start else None,
                        int(end[:4]) if end else None, source, label_source or source, snapshot))
    return rows


def aliases_for(qid: str, label: str, us: bool) -> list[str]:
    """Short names news uses for a label (see the module's rules); uniqueness is checked later."""
    found = [PEERS_IN_OFFICE[qid]] if qid in PEERS_IN_OFFICE else []
    name = label
    if name.startswith("Sir "):
        name = name[4:]
        found.append(name)
    if ", " in name and SUFFIX.search(name) is None:
        found.append(name.split(", ", 1)[0])
    bare = SUFFIX.sub("", name).split(", ")[0]
    if bare != name:
        found.append(bare)
    tokens = bare.split()
    if len(tokens) >= 3 and not any(t.lower() in PARTICLES for t in tokens) and len(tokens[0].rstrip(".")) > 1:
        middles = tokens[1:-1]
        initials = all(re.fullmatch(r"[A-Z]\.?", t) for t in middles)
        if initials or us:
            found.append(f"{tokens[0]} {tokens[-1]}")
    found = [a for a in found if len(a.split()) >= 2 and fold(a) not in COMMON]
    return [a for a in dict.fromkeys(found) if fold(a) != fold(label)]


def main(paths: list[str]) -> None:
    rows = [r for p in paths for r in read_transcription(Path(p))]
    with GAZETTEER.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        gazetteer = list(reader)
    by_qid = {g["qid"]: g for g in gazetteer}
    names: dict[str, set[str]] = defaultdict(set)
    for g in gazetteer:
        for name in [g["label"], *(g["aliases"] or "").split("|")]:
            if name.strip():
                names[fold(name)].add(g["qid"])

    report: Counter[str] = Counter()
    conflicts: list[str] = []
    new_people: dict[str, dict[str, str]] = {}
    for row in rows:
        if row.qid in by_qid:
            g = by_qid[row.qid]
            if g["kind"] != "person":
                conflicts.append(f"{row.qid} {row.label!r} is a {g['kind']} in the gazetteer ({g['label']}); left out")
                continue
            sources = [s for s in g["source"].split(" ; ") if s]
            if row.label_source not in sources and len(sources) < MAX_SOURCES:
                g["source"] = " ; ".join([*sources, row.label_source])
                report[f"source added: {row.source}"] += 1
            continue
        if row.qid in new_people:
            seen = new_people[row.qid]
            if fold(seen["label"]) != fold(row.label):
                conflicts.append(f"{row.qid}: labels {seen['label']!r} and {row.label!r}; the first kept")
            if row.label_source not in seen["source"].split(" ; ") and seen["source"].count(" ; ") < MAX_SOURCES - 1:
                seen["source"] += f" ; {row.label_source}"
            continue
        new_people[row.qid] = {"qid": row.qid, "label": row.label, "kind": "person", "aliases": "",
                               "source": row.label_source}
        names[fold(row.label)].add(row.qid)
        report[f"persons added: {row.source}"] += 1

    # aliases last, against every name (old and new): a name two items carry is nobody's alias
    touched = {row.qid for row in rows if row.qid in by_qid and by_qid[row.qid]["kind"] == "person"}
    people = {**{q: by_qid[q] for q in touched}, **new_people}
    wanted: dict[str, list[str]] = {}
    for qid, person in people.items():
        us = any(s in person["source"] for s in US_SOURCES)
        have = {fold(a) for a in (person["aliases"] or "").split("|") if a}
        wanted[qid] = [a for a in aliases_for(qid, person["label"], us) if fold(a) not in have]
    alias_owners: dict[str, set[str]] = defaultdict(set)
    for qid, aliases in wanted.items():
        for alias in aliases:
            alias_owners[fold(alias)].add(qid)
    for qid, aliases in wanted.items():
        kept = [a for a in aliases if not (names[fold(a)] - {qid}) and alias_owners[fold(a)] == {qid}]
        for alias in aliases:
            if alias not in kept:
                others = sorted((names[fold(alias)] | alias_owners[fold(alias)]) - {qid})
                conflicts.append(f"alias {alias!r} of {qid} left out: also {others}")
        people[qid]["aliases"] = "|".join([a for a in (people[qid]["aliases"] or "").split("|") if a] + kept)
        report["aliases added"] += len(kept)

    with GAZETTEER.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\r\n")  # the file's own line ends
        writer.writeheader()
        writer.writerows(gazetteer)
        writer.writerows(new_people.values())

    labels = {**{q: g["label"] for q, g in by_qid.items()}, **{q: p["label"] for q, p in new_people.items()}}
    lines = HOLDERS.read_text(encoding="utf-8").splitlines(keepends=True)
    header = [line for line in lines[1:] if line.startswith("#")]
    existing = list(csv.DictReader(line for line in lines if not line.startswith("#")))
    held: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for e in existing:
        held[e["office_qid"]].append((e["person_qid"], int(e["start"]), int(e["end"] or 9999)))
    added: list[dict[str, str]] = []
    for row in rows:
        if row.office is None or row.office in PERSONS_ONLY or row.start is None:
            continue
        if row.office not in OFFICES:
            raise SystemExit(f"{row.source}: no title for office {row.office}; add it to OFFICES")
        end = row.end if row.end is not None else row.snapshot
        if end < FIRST_YEAR:
            continue
        tenures = held[row.office]
        if any(p == row.qid and s <= end and row.start <= e for p, s, e in tenures):
            report[f"already held: {row.source}"] += 1
            continue
        crossed = [p for p, s, e in tenures if p != row.qid and row.start < s and e < end]
        if crossed:
            conflicts.append(f"{row.qid} {row.label} {row.start}-{end} in {row.office} crosses {crossed}; left out")
            continue
        title, country = OFFICES[row.office]
        added.append({"office_qid": row.office, "title": title, "country": country, "person_qid": row.qid,
                      "person": labels[row.qid], "start": str(row.start), "end": str(end)})
        tenures.append((row.qid, row.start, end))
        report[f"tenures added: {row.source}"] += 1
    # new rows go after the table's last row of the same state and title (the table's order kept)
    merged = list(existing)
    for new_row in sorted(added, key=lambda r: (r["country"], r["title"], int(r["start"]), r["person"])):
        same = [i for i, r in enumerate(merged) if (r["country"], r["title"]) == (new_row["country"], new_row["title"])]
        merged.insert(same[-1] + 1 if same else len(merged), new_row)
    fields_h = ["office_qid", "title", "country", "person_qid", "person", "start", "end"]
    with HOLDERS.open("w", encoding="utf-8", newline="") as handle:
        handle.write(lines[0])
        handle.writelines(header)
        writer = csv.DictWriter(handle, fieldnames=fields_h, lineterminator="\n")
        writer.writerows(merged)

    for key, count in sorted(report.items()):
        print(f"{count:5d}  {key}")
    for line in conflicts:
        print("note:", line)


if __name__ == "__main__":
    main(sys.argv[1:])
