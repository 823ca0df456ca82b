"""Amounts in news text: money ("pounds 960m", "$1.8bn", "3.15 billion dlrs", "ecu 615 mln",
"6,000 bn yen", "a 418bn-rand budget"), percentages ("2 percent of GDP", "0.7% of national
income", "20 pct") and counts ("three million", "34,300 tonnes", "5,000 troops").

The forms are few and peculiar to news copy (a currency word before or after the number,
"bn"/"mln" multipliers, wire-copy "dlrs" and "stg"), so a few patterns read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

CURRENCIES = {
    "£": "GBP", "pound": "GBP", "pounds": "GBP", "sterling": "GBP", "stg": "GBP", "gbp": "GBP",
    "$": "USD", "us$": "USD", "dollar": "USD", "dollars": "USD", "dlrs": "USD", "dlr": "USD", "usd": "USD",
    "€": "EUR", "euro": "EUR", "euros": "EUR", "eur": "EUR",
    "¥": "JPY", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupees": "INR", "rupee": "INR",
    "guilders": "NLG", "francs": "FRF", "marks": "DEM", "roubles": "RUB", "rubles": "RUB",
    "ecu": "XEU", "ecus": "XEU", "lire": "ITL", "lira": "ITL", "pesetas": "ESP", "rupiah": "IDR", "won": "KRW",
    "baht": "THB", "pesos": "MXN", "rand": "ZAR", "crowns": "SEK", "kronor": "SEK", "kroner": "DKK",
    "schillings": "ATS", "drachmas": "GRD", "escudos": "PTE", "dinars": "DIN", "riyals": "SAR", "shekels": "ILS",
    "naira": "NGN", "cruzados": "BRC", "sdrs": "XDR", "sdr": "XDR",
}
MULTIPLIERS = {
    "k": Decimal(10) ** 3, "thousand": Decimal(10) ** 3, "m": Decimal(10) ** 6, "mn": Decimal(10) ** 6,
    "mln": Decimal(10) ** 6, "million": Decimal(10) ** 6, "bn": Decimal(10) ** 9, "bln": Decimal(10) ** 9,
    "billion": Decimal(10) ** 9, "tn": Decimal(10) ** 12, "trillion": Decimal(10) ** 12,
}
WORD_NUMBERS: dict[str, Decimal | int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "a": 1, "half a": Decimal("0.5"),
}
# what a count counts, when it is a count of something a party commits
COUNT_UNITS = ("tonnes", "tons", "tonne", "barrels", "bpd", "troops", "soldiers", "people", "refugees", "jobs",
               "homes", "houses", "doctors", "teachers", "police", "officers", "peacekeepers", "vaccines", "doses",
               "aircraft", "planes", "tanks", "missiles", "warheads", "hectares", "acres", "kilometres", "km",
               "megawatts", "mw", "children", "families", "workers", "nurses", "cubic metres", "bags")

_NUM = r"(?P<num>\d[\d,]*(?:\.\d+)?|" + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True)) + r")"
_MULT = r"(?:[\s-]?(?P<mult>bn|bln|billion|mln|mn|million|m|k|thousand|tn|trillion)\b)"
_CUR_WORDS = r"pounds?(?:\s+sterling)?|sterling|stg|dollars?|dlrs?|euros?|yen|yuan|renminbi|rupees?|guilders|" \
             r"francs|marks|roubles|rubles|usd|eur|gbp|ecus?|lire|lira|pesetas|rupiah|won|baht|pesos|rand|crowns|" \
             r"kronor|kroner|schillings|drachmas|escudos|dinars|riyals|shekels|naira|cruzados|sdrs?"
_CUR_SYMBOL = r"US\$|£|\$|€|¥"
# "Canadian dlrs", "Australian dollars": a nationality between the number and the currency
_NATION = (r"(?:(?P<nation>US|U\.S\.|Canadian|Australian|Hong\s+Kong|New\s+Zealand|Singapore|Swiss|French|Belgian|"
           r"Saudi)\s)?")
# the currency a nationality makes of dollars and francs ("10 mln Canadian dlrs": CAD)
_NATIONAL = {("canadian", "USD"): "CAD", ("australian", "USD"): "AUD", ("hong kong", "USD"): "HKD",
             ("new zealand", "USD"): "NZD", ("singapore", "USD"): "SGD", ("swiss", "FRF"): "CHF",
             ("belgian", "FRF"): "BEF"}

MONEY_CURRENCY_FIRST = re.compile(
    rf"(?P<cur>{_CUR_SYMBOL}|\b(?:{_CUR_WORDS})\b)\s?{_NUM}{_MULT}?", re.I)
MONEY_NUMBER_FIRST = re.compile(
    rf"\b{_NUM}{_MULT}?[\s-]?{_NATION}(?P<cur>\b(?:{_CUR_WORDS})\b)", re.I)
# "20 pct", "three pct", "half a percent" (a number word, but not "a percent")
_PERCENT_WORDS = sorted((w for w in WORD_NUMBERS if w != "a"), key=len, reverse=True)
_PERCENT_NUM = r"(?P<num>\d+(?:\.\d+)?|" + "|".join(_PERCENT_WORDS) + ")"
PERCENT = re.compile(
    rf"\b{_PERCENT_NUM}\s?(?:%|per\s?cent\b|percent\b|pct\b)"
    r"(?:\s+of\s+(?P<base>(?:their|its|the|his|her|our)?\s*(?:gross\s+domestic\s+product|GDP|national\s+income|"
    r"gross\s+national\s+income|GNI|GNP|gross\s+national\s+product|budget)))?", re.I)
COUNT = re.compile(rf"\b{_NUM}\s(?P<mult>million|billion|thousand|mln|bln)\s(?P<what>[A-Za-z][\w-]*)", re.I)
UNITS = re.compile(rf"\b(?P<num>\d[\d,]*(?:\.\d+)?){_MULT}?\s(?P<what>{'|'.join(COUNT_UNITS)})\b", re.I)
# "a share", "per share": a price, not an amount a party commits
PER_SHARE = re.compile(r"\s*(?:a|per|/)\s*(?:share|unit|ounce|barrel|tonne|ton|pound|kilo|bushel|lb|litre|gallon)\b",
                       re.I)


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
    """Every amount in ``text``, in order; money first where two readings overlap. Prices ("10
    dlrs a share") are left out."""
    found: list[Amount] = []

    def overlaps(start: int, end: int) -> bool:
        return any(a.start < end and start < a.end for a in found)

    for pattern in (MONEY_CURRENCY_FIRST, MONEY_NUMBER_FIRST):
        for m in pattern.finditer(text):
            if m.group("num").lower() == "a" or overlaps(m.start(), m.end()):
                continue
            if PER_SHARE.match(text, m.end()):
                found.append(Amount(m.start(), m.end(), Decimal(0), "price", "price"))
                continue
            cur = m.group("cur").lower()
            currency = CURRENCIES.get(cur.split()[0], CURRENCIES.get(cur))
            if currency is None:
                continue
            nation = (m.groupdict().get("nation") or "").lower()
            currency = _NATIONAL.get((" ".join(nation.split()), currency), currency)
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
        found.append(Amount(m.start(), m.end(), _number(m.group("num")), unit, "percent"))
    for pattern in (COUNT, UNITS):
        for m in pattern.finditer(text):
            if overlaps(m.start(), m.end()):
                continue
            found.append(Amount(m.start(), m.end(), _scaled(m), m.group("what").lower(), "count"))
    return sorted((a for a in found if a.kind != "price"), key=lambda a: a.start)
