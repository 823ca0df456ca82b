"""Amounts in news text: money ("pounds 960m", "$1.8bn", "3.15 billion dlrs", "€5 billion"),
percentages ("2 percent of GDP", "0.7% of national income") and counts ("three million").

The forms are few and peculiar to news copy (a currency word before or after the number,
"bn"/"m" multipliers, wire-copy "dlrs" and "stg"), so a few patterns read them; price-parser and
quantulum3, which the extraction issue suggests where they fit, have not been measured against
these yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

CURRENCIES = {
    "£": "GBP", "pound": "GBP", "pounds": "GBP", "sterling": "GBP", "stg": "GBP",
    "$": "USD", "us$": "USD", "dollar": "USD", "dollars": "USD", "dlrs": "USD", "dlr": "USD", "usd": "USD",
    "€": "EUR", "euro": "EUR", "euros": "EUR", "eur": "EUR",
    "¥": "JPY", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupees": "INR", "rupee": "INR",
    "guilders": "NLG", "francs": "FRF", "marks": "DEM", "roubles": "RUB", "rubles": "RUB", "gbp": "GBP",
}
MULTIPLIERS = {
    "k": Decimal(10) ** 3, "thousand": Decimal(10) ** 3, "m": Decimal(10) ** 6, "mn": Decimal(10) ** 6,
    "million": Decimal(10) ** 6, "bn": Decimal(10) ** 9, "billion": Decimal(10) ** 9, "tn": Decimal(10) ** 12,
    "trillion": Decimal(10) ** 12,
}
WORD_NUMBERS: dict[str, Decimal | int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "a": 1, "half a": Decimal("0.5"),
}

_NUM = r"(?P<num>\d[\d,]*(?:\.\d+)?|" + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True)) + r")"
_MULT = r"(?:\s?(?P<mult>bn|billion|mn|million|m|k|thousand|tn|trillion)\b)"
_CUR_WORDS = r"pounds?(?:\s+sterling)?|sterling|stg|dollars?|dlrs?|euros?|yen|yuan|renminbi|rupees?|guilders|" \
             r"francs|marks|roubles|rubles|usd|eur|gbp"
_CUR_SYMBOL = r"US\$|£|\$|€|¥"

MONEY_CURRENCY_FIRST = re.compile(
    rf"(?P<cur>{_CUR_SYMBOL}|\b(?:{_CUR_WORDS})\b)\s?{_NUM}{_MULT}?", re.I)
MONEY_NUMBER_FIRST = re.compile(
    rf"\b{_NUM}{_MULT}?\s?(?:US\s)?(?P<cur>\b(?:{_CUR_WORDS})\b)", re.I)
PERCENT = re.compile(
    r"\b(?P<num>\d+(?:\.\d+)?)\s?(?:%|per\s?cent\b|percent\b)"
    r"(?:\s+of\s+(?P<base>(?:their|its|the|his|her|our)?\s*(?:gross\s+domestic\s+product|GDP|national\s+income|"
    r"gross\s+national\s+income|GNI|GNP|gross\s+national\s+product|budget)))?", re.I)
COUNT = re.compile(rf"\b{_NUM}\s(?P<mult>million|billion|thousand)\s(?P<what>[A-Za-z][\w-]*)", re.I)


@dataclass(frozen=True)
class Amount:
    """An amount found in a text, with its character span."""

    start: int
    end: int
    value: Decimal
    unit: str
    kind: str  # "money", "percent" or "count"


def _number(text: str) -> Decimal:
    key = text.lower()
    if key in WORD_NUMBERS:
        return Decimal(WORD_NUMBERS[key])
    return Decimal(text.replace(",", ""))


def _scaled(match: re.Match[str]) -> Decimal:
    value = _number(match.group("num"))
    mult = match.groupdict().get("mult")
    if mult:
        value *= MULTIPLIERS[mult.lower()]
    # 1.8 * 10**9 is 1800000000.0: write whole numbers without a fraction
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def find_amounts(text: str) -> list[Amount]:
    """Every amount in ``text``, in order; money first where two readings overlap."""
    found: list[Amount] = []

    def overlaps(start: int, end: int) -> bool:
        return any(a.start < end and start < a.end for a in found)

    for pattern in (MONEY_CURRENCY_FIRST, MONEY_NUMBER_FIRST):
        for m in pattern.finditer(text):
            if m.group("num").lower() == "a" or overlaps(m.start(), m.end()):
                continue
            currency = CURRENCIES.get(m.group("cur").lower().split()[0], CURRENCIES.get(m.group("cur").lower()))
            if currency is None:
                continue
            found.append(Amount(m.start(), m.end(), _scaled(m), currency, "money"))
    for m in PERCENT.finditer(text):
        if overlaps(m.start(), m.end()):
            continue
        base = m.group("base")
        unit = "percent"
        if base:
            base_l = base.lower()
            if "domestic" in base_l or "gdp" in base_l:
                unit = "percent of GDP"
            elif "income" in base_l or "gni" in base_l or "gnp" in base_l or "national product" in base_l:
                unit = "percent of national income"
            else:
                unit = "percent of budget"
        found.append(Amount(m.start(), m.end(), Decimal(m.group("num")), unit, "percent"))
    for m in COUNT.finditer(text):
        if overlaps(m.start(), m.end()):
            continue
        found.append(Amount(m.start(), m.end(), _scaled(m), m.group("what").lower(), "count"))
    return sorted(found, key=lambda a: a.start)
