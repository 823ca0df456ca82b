"""Names the pipeline must know before the NER runs: an entity ruler over the Wikidata gazetteer
and the office titles, and a fix-up for wire-copy datelines.

``diplokg_titles``, ``diplokg_gazetteer``
    Entity rulers placed before the trained NER: country names and demonyms (``COUNTRY``),
    alliances (``ALLIANCE``), international organizations and news agencies (``INTL_ORG``),
    capitals (``CITY``), seats of government (``PLACE``) from the gazetteer and
    :mod:`.lexicon`, and office titles (``TITLE``, case-insensitive). The NER then respects these
    spans, so "State" in "Secretary of State" is never an organization. Each gazetteer span's
    ``ent_id_`` is ``kind|canonical name|QID|demonym``.

``diplokg_dateline``
    Wire copy opens with a dateline in capitals ("BRUSSELS —", "SINGAPORE, June 19 -") that the
    NER takes for an organization; this component makes it the place it is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..resources import gazetteer_path
from .lexicon import RULER_LABELS, GazetteerName, gazetteer_index, gazetteer_names, office_titles
from .spans import reset_index


def ruler_id(entry: GazetteerName) -> str:
    """The ``ent_id_`` of a gazetteer span."""
    return f"{entry.kind}|{entry.label}|{entry.qid}|{int(entry.demonym)}"


@Language.factory("diplokg_titles")
def make_titles(nlp: Language, name: str) -> EntityRuler:
    """Office titles (``TITLE``), matched case-insensitively as phrases."""
    ruler = EntityRuler(nlp, name, phrase_matcher_attr="LOWER", overwrite_ents=False, validate=False)
    ruler.add_patterns([{"label": "TITLE", "pattern": title} for title in office_titles()])
    return ruler


@Language.factory("diplokg_gazetteer", default_config={"gazetteer": None})
def make_gazetteer(nlp: Language, name: str, gazetteer: str | None) -> EntityRuler:
    """Entity ruler over the Wikidata gazetteer (``gazetteer``: a CSV path; default: shipped)."""
    ruler = EntityRuler(nlp, name, phrase_matcher_attr="ORTH", overwrite_ents=False, validate=False)
    label_of = dict(RULER_LABELS)
    patterns: list[dict[str, Any]] = []
    for entry in gazetteer_names(Path(gazetteer) if gazetteer else gazetteer_path()):
        # the id carries kind, canonical name and QID to the assembler
        patterns.append({
            "label": label_of[entry.kind],
            "pattern": entry.text,
            "id": ruler_id(entry),
        })
    ruler.add_patterns(patterns)
    return ruler




DATELINE_ENDS = frozenset({",", "\u2014", "-", "\u2013", "(", "--"})


class Dateline:
    """The ``diplokg_dateline`` component."""

    def __init__(self, gazetteer: Path) -> None:
        self.index = gazetteer_index(gazetteer)
        self.label_of = dict(RULER_LABELS)

    def __call__(self, doc: Doc) -> Doc:
        end = 0
        while end < len(doc) and doc[end].is_alpha and doc[end].is_upper and len(doc[end]) > 1:
            end += 1
        if end == 0 or end >= len(doc) or doc[end].text not in DATELINE_ENDS:
            return doc
        name = " ".join(t.text for t in doc[:end]).title()
        entry = self.index.get(name)
        if entry is not None:
            span = Span(doc, 0, end, label=self.label_of[entry.kind], span_id=ruler_id(entry))
        else:
            span = Span(doc, 0, end, label="GPE")
        others = [e for e in doc.ents if e.end <= 0 or e.start >= end]
        doc.ents = filter_spans([span, *others])
        reset_index(doc)
        return doc


@Language.factory("diplokg_dateline", default_config={"gazetteer": None})
def make_dateline(nlp: Language, name: str, gazetteer: str | None) -> Dateline:
    """Dateline fix-up (``gazetteer``: a CSV path; default: shipped)."""
    return Dateline(Path(gazetteer) if gazetteer else gazetteer_path())


NAME_JOINERS = frozenset({"of", "for", "and", "on", "&"})
# last words of organization names that start with a place: "Paris Club", "Iran Air", "Cyprus Mail"
ORG_HEADS = frozenset({"Club", "Group", "Council", "Committee", "Forum", "Institute", "Foundation", "Agency", "Bank",
                       "Fund", "Organization", "Organisation", "Party", "Union", "Association", "Commission",
                       "Ministry", "Department", "Office", "University", "Airlines", "Airways", "Air", "Mail",
                       "Times", "Post", "News", "Corporation", "Company", "Authority", "Assembly", "Parliament"})


class EntityFixes:
    """The ``diplokg_entity_fixes`` component: corrections of the NER for this domain.

    * A demonym that starts a capitalised name is part of an organization's name, not a country
      mention: "German Institute for Economic Research", "Turkish Foreign Ministry"; so is a
      place name before an organization's head word: "Paris Club", "Iran Air".
    * "Name (ABBR)": the parenthesis closes the name ("Global Alliance for Vaccines (Gavi)").
    """

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        changed = False
        for i, ent in enumerate(ents):
            if ent.label_ in {"COUNTRY", "CITY"}:
                end = self._name_after(doc, ent.end, ents[i + 1:])
                demonym = ent.id_.endswith("|1")
                if end > ent.end and (demonym or doc[end - 1].text in ORG_HEADS):
                    ents[i] = Span(doc, ent.start, end, label="ORG")
                    changed = True
            elif ent.label_ in {"ORG", "FAC", "GPE", "LOC", "PERSON"}:
                cut = next((t.i for t in ent if t.text == "(" and t.i > ent.start), None)
                if cut is not None:
                    ents[i] = Span(doc, ent.start, cut, label=ent.label_)
                    changed = True
        if changed:
            doc.ents = filter_spans(ents)
            reset_index(doc)
        return doc

    @staticmethod
    def _name_after(doc: Doc, start: int, following: list[Span]) -> int:
        """End of the capitalised name that runs on from ``start`` (``start`` if there is none)."""
        taken = {t.i for e in following if e.label_ in {"TITLE", "PERSON", "COUNTRY", "CITY"} for t in e}
        end = start
        i = start
        while i < len(doc) and i not in taken:
            token = doc[i]
            if token.is_title and token.is_alpha:
                end = i = i + 1
            elif token.lower_ in NAME_JOINERS and i + 1 < len(doc) and doc[i + 1].is_title and end > start:
                i += 1
            else:
                break
        return end


@Language.factory("diplokg_entity_fixes")
def make_entity_fixes(nlp: Language, name: str) -> EntityFixes:
    """Domain corrections of the NER's entity spans."""
    return EntityFixes()
