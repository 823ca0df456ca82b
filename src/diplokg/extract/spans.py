"""Shared span helpers for diplokg's components."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

_KEY = "dkg_entity_index"


def entity_at(token: Token, labels: frozenset[str] | None = None) -> Span | None:
    """The entity span covering ``token`` (with one of ``labels``, if given), in O(1).

    The index is built once per document, after the entity fix-ups; ``doc.ents`` builds every
    span anew on each access, which a per-token scan cannot afford.
    """
    if labels is not None and token.ent_type_ not in labels:
        return None  # cheap: no lookup for tokens outside the wanted entities
    doc = token.doc
    index: dict[int, Span] | None = doc.user_data.get(_KEY)
    if index is None:
        index = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
        doc.user_data[_KEY] = index
    ent = index.get(token.i)
    if ent is None or (labels is not None and ent.label_ not in labels):
        return None
    return ent


def reset_index(doc: Doc) -> None:
    """Forget the entity index (call after changing ``doc.ents``)."""
    doc.user_data.pop(_KEY, None)
