"""Text as the pipeline sees it, with a map back to the article's own character offsets.

Wire copy is often hard-wrapped and indented ("United\\n    States"): names split across lines
escape the gazetteer and the NER. The pipeline therefore reads a copy in which each run of
white space inside a paragraph is one space (paragraph breaks stay), and every offset it
produces is mapped back, so evidence always points into the original text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from .rules import lexicon

_AFTER_ABBREVIATION = re.compile(r"\b(?:U\.S\.|U\.K\.|U\.N\.) (?P<word>[A-Z][a-z]+)\b")
_LOWER_AFTER = frozenset(lexicon("entities").ordered("lowercase_after_abbreviation")) | frozenset(STOP_WORDS)
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_SPACE_RUN = re.compile(r"[ \t\r\f\v]*\n[ \t\r\f\v]*(?:\n[ \t\r\f\v\n]*)?|[ \t\r\f\v]{2,}")


@dataclass(frozen=True)
class PreparedText:
    """The normalized text and, for each of its characters (and its end), the original offset."""

    text: str
    origin: tuple[int, ...]

    def original(self, offset: int) -> int:
        """The original offset of normalized ``offset`` (``len(text)`` maps to the original end)."""
        return self.origin[offset]


def prepare(text: str) -> PreparedText:
    """Fold line-wrapping white space into single spaces; keep paragraph breaks as ``\\n\\n``;
    drop Reuters' markup (see :func:`_unmarked`)."""
    unmarked, first = _rewrite(text, _REUTERS_MARKUP, _unmarked) if "<" in text else (text, None)
    folded, origin = _rewrite(unmarked, _SPACE_RUN, _folded)
    if first is not None:
        origin = [first[i] for i in origin]
    return PreparedText(_markup(_possessives(_lower_after_abbreviations(folded))), tuple(origin))


def _rewrite(text: str, pattern: re.Pattern[str],
             replace: Callable[[re.Match[str]], tuple[str, range | list[int]]]) -> tuple[str, list[int]]:
    """``text`` with each match of ``pattern`` replaced, and each character's offset in ``text``
    (and the end's): ``replace`` gives a match's replacement and its characters' offsets."""
    parts: list[str] = []
    origin: list[int] = []
    last = 0
    for match in pattern.finditer(text):
        parts.append(text[last:match.start()])
        origin.extend(range(last, match.start()))
        replacement, offsets = replace(match)
        parts.append(replacement)
        origin.extend(offsets)
        last = match.end()
    parts.append(text[last:])
    origin.extend(range(last, len(text) + 1))
    return "".join(parts), origin


def _folded(match: re.Match[str]) -> tuple[str, list[int]]:
    """A run of white space: a paragraph break stays one, any other run is one space."""
    replacement = "\n\n" if match.group().count("\n") >= 2 else " "
    return replacement, [match.start()] * len(replacement)


# Reuters' markup: a company's name in angle brackets ("<Gates Corp>") and its ticker ("<ITT.N>")
_REUTERS_MARKUP = re.compile(r"<[A-Z0-9&]{1,8}(?:\.[A-Z]{1,3})?>|<(?P<name>[A-Z0-9][^<>\n]{0,100})>")


def _unmarked(match: re.Match[str]) -> tuple[str, range]:
    """Reuters' markup without its brackets: a ticker goes ("ITT Corp <ITT.N> said" reads "ITT
    Corp  said"), a bracketed name keeps its name and a space for its closing bracket ("<Gates
    Corp>" reads "Gates Corp "). The white space left is folded with the rest, onto its first
    character: a name's end still maps to the original character right after it."""
    if match.group("name") is None:
        return "", range(0)
    return match.group("name") + " ", range(match.start("name"), match.end("name") + 1)


_MARKUP = re.compile(r"(?:(?<=\s)|^)[|](?=\w)")


def _markup(text: str) -> str:
    """Wiki table markup left in the text ("|Boston Tea Party") glues a pipe to a name: make it
    a space (same length: offsets stay)."""
    return _MARKUP.sub(" ", text) if "|" in text else text


_QUOTE_POSSESSIVE = re.compile(r'(?<=[A-Za-z])"s\b')


def _possessives(text: str) -> str:
    """Reuters writes the possessive with a double quote ("Belgium"s minister"): put it back as
    an apostrophe (same length: offsets stay)."""
    return _QUOTE_POSSESSIVE.sub("'s", text) if '"s' in text else text


def _lower_after_abbreviations(text: str) -> str:
    """"the U.S. Would impose" -> "the U.S. would impose" (same length: offsets stay).

    A word is lowered when it is a known common word, or when the article itself writes it in
    lower case elsewhere ("the U.S. Agreed to" in a story that also says "agreed")."""
    if "U." not in text:
        return text
    lower_words: set[str] | None = None

    def lower(match: re.Match[str]) -> str:
        nonlocal lower_words
        word = match.group("word")
        if word.lower() not in _LOWER_AFTER:
            if lower_words is None:
                lower_words = set(_LOWER_WORD.findall(text))
            if word.lower() not in lower_words:
                return match.group()
        return match.group()[: match.start("word") - match.start()] + word.lower()

    return _AFTER_ABBREVIATION.sub(lower, text)
