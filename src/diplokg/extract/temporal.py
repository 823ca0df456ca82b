"""Date expressions resolved against the article's date, at the precision the text gives.

``resolve("July 11-12", PartialDate(2018, 4, 27))`` -> 2018-07-11 .. 2018-07-12;
``resolve("last month", ...)`` -> 2018-03; ``resolve("next year", ...)`` -> 2019.

dateparser does the relative arithmetic; the code here handles what it does not (ranges,
"last October", "March 20 last year", "early 2006") and keeps precision honest: a relative
expression is never more precise than the article date it is resolved against.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

from ..dates import PartialDate

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DASH = r"\s*(?:-|\u2013|\u2014|to|and)\s*"
_YEAR = r"(?P<year>(?:19|20)\d{2})"  # (a four-digit clock time, "at 1100" GMT, is no year)

_RANGE_MONTH_FIRST = re.compile(rf"^{_MONTH}\s+(?P<d1>\d{{1,2}}){_DASH}(?P<d2>\d{{1,2}})(?:,?\s+{_YEAR})?$", re.I)
_RANGE_DAY_FIRST = re.compile(rf"^(?P<d1>\d{{1,2}}){_DASH}(?P<d2>\d{{1,2}})\s+{_MONTH}(?:,?\s+{_YEAR})?$", re.I)
_RELATIVE_MONTH = re.compile(rf"^(?P<rel>last|next|this|past|coming)\s+{_MONTH}$", re.I)
_YEAR_SHIFT = re.compile(r"^(?P<rest>.+?)\s+(?P<rel>last|next|this)\s+year$", re.I)
_FUZZY = re.compile(r"^(?:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|"
                    r"the\s+middle\s+of|by|in|on|at|from|since|until|before|after)[\s-]+", re.I)
_DURATION = re.compile(r"\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|many|few)\s+"
                       r"(?:hours?|days?|weeks?|months?|years?|decades?|centuries)\b(?!\s+ago)", re.I)
_WEEKISH = re.compile(r"\b(?:this|next|later\s+in\s+the|earlier\s+in\s+the|later\s+this|earlier\s+this|"
                      r"the\s+coming|the\s+same)\s+week\b", re.I)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY = re.compile(r"^(?:(?:last|this|next|on)\s+)?(" + "|".join(_WEEKDAYS) + r")(?:'s)?$", re.I)
_NEAR = re.compile(r"\b(?:week|weekend|days?|today|tomorrow|yesterday|tonight|monday|tuesday|wednesday|"
                   r"thursday|friday|saturday|sunday|month)\b", re.I)
_AHEAD = re.compile(r"\b(?:next|coming|following|later|tomorrow|upcoming)\b", re.I)


@dataclass(frozen=True)
class DateRange:
    """A resolved date expression: where it starts and, for a range, where it ends."""

    start: PartialDate
    end: PartialDate | None = None


def _cap(value: PartialDate, base: PartialDate) -> PartialDate:
    """A relative date cannot be more precise than the base it was computed from."""
    if base.precision == "year":
        return PartialDate(value.year)
    if base.precision == "month" and value.precision == "day":
        return PartialDate(value.year, value.month)
    return value


@functools.lru_cache(maxsize=64)
def _parser(base: dt.date, prefer: str) -> Any:
    """A dateparser parser for one article date (building one is costly; articles share dates)."""
    # dateparser takes a second to import: only extraction with dates needs it
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": prefer,
        "REQUIRE_PARTS": [],
        "STRICT_PARSING": False,
    })


_ABSOLUTE = [
    re.compile(rf"^{_YEAR}$"),
    re.compile(rf"^{_MONTH},?\s+{_YEAR}$", re.I),
    re.compile(rf"^{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}$", re.I),
    re.compile(rf"^(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}$", re.I),
]


def _absolute(text: str) -> PartialDate | None:
    """"2024", "June 2024", "June 28, 2024", "28 June 2024": no article date needed, and read
    here in a microsecond where dateparser takes a millisecond or two."""
    for pattern in _ABSOLUTE:
        match = pattern.match(text)
        if match:
            groups = match.groupdict()
            month = MONTHS[groups["month"].lower()] if groups.get("month") else None
            day = int(groups["day"]) if groups.get("day") else None
            try:
                return PartialDate(int(groups["year"]), month, day)
            except ValueError:
                return None  # "February 30, 2020": not a date
    return None


@functools.lru_cache(maxsize=4096)
def _dateparser(text: str, base: dt.date, prefer: str) -> PartialDate | None:
    absolute = _absolute(text)
    if absolute is not None:
        return absolute
    data = _parser(base, prefer).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    if not 1900 <= d.year <= 2099:
        return None  # "a coordination meeting at 1100" (GMT): a clock time, no year
    period = data.period or "day"
    if period == "year":
        return PartialDate(d.year)
    if period in {"month", "week"}:
        return PartialDate(d.year, d.month)
    return PartialDate(d.year, d.month, d.day)


def _explicit_year(text: str) -> bool:
    return re.search(r"\b(?:19|20)\d{2}\b", text) is not None


_MONTH_DAY = re.compile(rf"^{_MONTH}(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?)?$", re.I)
_DAY_MONTH = re.compile(rf"^(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}$", re.I)


def _year_for(month: int, day: int | None, base: PartialDate, past: bool, future: bool) -> int:
    """The year of a month (and day) the text gives without one: the article's year, or the one
    before for what already happened after that point of the year, or the one after for what is
    still to come before it."""
    if base.month is None:
        return base.year
    point = (month, day or 0)
    today = (base.month, base.day or 0) if day else (base.month, 0)
    if past and point > today:
        return base.year - 1
    if future and point < today:
        return base.year + 1
    return base.year


def _month_without_year(expr: str, base: PartialDate, past: bool, future: bool, shift: int | None
                        ) -> PartialDate | None:
    """"June", "June 15", "15 June", "December" (last year): a month named without a year."""
    match = _MONTH_DAY.match(expr) or _DAY_MONTH.match(expr)
    if match is None:
        return None
    month = MONTHS[match.group("month").lower()]
    day = int(match.group("day")) if match.group("day") else None
    year = base.year + shift if shift is not None else _year_for(month, day, base, past, future)
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None


def resolve(text: str, base: PartialDate | None, past: bool = False, future: bool = False) -> DateRange | None:
    """Resolve a date expression from an article dated ``base`` (None: only absolute dates).

    ``past``: the sentence tells of something that happened ("a July 25 meeting was held"), so a
    date without a year is the latest one not after the article's date, not the next one;
    ``future``: of something still to come ("the meeting scheduled for June"), so it is the next
    one. Neither: the one in the article's year. A date the text does not give is never guessed:
    without an article date, only dates with their year resolve.
    """
    expr = re.sub(r"\s+", " ", text.strip().strip(".,;:")).replace("\u2019", "'")
    expr = re.sub(r"^(?:the|on|in|at|by)\s+", "", expr, flags=re.I)
    # "the end of April", "the beginning of 2005": the month or year itself
    expr = re.sub(r"^(?:the\s+)?(?:end|beginning|start|middle|close)\s+of\s+(?:the|this)\s+(year|month)$", r"this \1",
                  expr, flags=re.I)
    expr = re.sub(r"^(?:the\s+)?(?:end|beginning|start|middle|close)\s+of\s+(?!the\b|this\b)(?=\w)", "", expr,
                  flags=re.I)
    # "later this year", "earlier in the month": the year or month itself (no finer)
    expr = re.sub(r"^(?:later|earlier)\s+(?:in\s+the|this)\s+(year|month)$", r"this \1", expr, flags=re.I)
    expr = re.sub(r"^(?:later|earlier)\s+(?=(?:next|last)\s+(?:year|month)$)", "", expr, flags=re.I)
    # "this weekend", "the weekend", "next weekend": the week it ends
    expr = re.sub(r"^(?:(this|next|last|the|coming)\s+)?weekend$",
                  lambda m: f"{m.group(1) if (m.group(1) or '').lower() in {'next', 'last'} else 'this'} week",
                  expr, flags=re.I)
    # "April-5-6" (wire copy): "April 5-6"
    expr = re.sub(r"^([A-Za-z]{3,9})-(?=\d)", r"\1 ", expr)
    if not expr or _DURATION.search(expr):
        return None
    anchor = dt.date(base.year, base.month or 1, base.day or 1) if base else dt.date(2000, 1, 1)

    def finish(value: PartialDate | None, relative: bool) -> PartialDate | None:
        if value is None or (relative and base is None):
            return None
        return _cap(value, base) if relative and base is not None else value

    for pattern in (_RANGE_MONTH_FIRST, _RANGE_DAY_FIRST):
        match = pattern.match(expr)
        if match:
            month = MONTHS[match.group("month").lower()]
            year = int(match.group("year")) if match.group("year") else None
            if year is None:
                if base is None:
                    return None
                # a month without a year: the next such month from the article's date, or this one
                # (the last one, for what already happened)
                year = _year_for(month, int(match.group("d1")), base, past, future)
            try:
                start = PartialDate(year, month, int(match.group("d1")))
                end = PartialDate(year, month, int(match.group("d2")))
            except ValueError:
                return None
            relative = False  # the text names month and day; only the year may come from the article
            if base is None and match.group("year") is None:
                return None
            start_c, end_c = finish(start, relative), finish(end, relative)
            return DateRange(start_c, end_c) if start_c else None

    match = _RELATIVE_MONTH.match(expr)
    if match:
        if base is None:
            return None
        month = MONTHS[match.group("month").lower()]
        rel = match.group("rel").lower()
        if rel in {"last", "past"}:
            year = anchor.year if month < anchor.month else anchor.year - 1
        elif rel in {"next", "coming"}:
            year = anchor.year if month > anchor.month else anchor.year + 1
        else:
            year = anchor.year
        return DateRange(PartialDate(year, month))

    match = _YEAR_SHIFT.match(expr)
    shift = 0
    if match:
        shift = {"last": -1, "next": 1, "this": 0}[match.group("rel").lower()]
        expr = match.group("rest")
    expr = _FUZZY.sub("", expr)

    weekday = _WEEKDAY.match(expr)
    if weekday is not None and base is not None and base.precision == "day":
        # "Friday's meetings" in a Friday's article are that day's; else the next such day for
        # what is to come, and the last one otherwise (news tells what happened)
        today = dt.date(base.year, base.month or 1, base.day or 1)
        wanted = _WEEKDAYS.index(weekday.group(1).lower())
        back = (today.weekday() - wanted) % 7
        ahead = (wanted - today.weekday()) % 7
        delta = ahead if future and not past else -back
        return DateRange(PartialDate.from_date(today + dt.timedelta(days=delta)))

    if not _explicit_year(expr) and (_MONTH_DAY.match(expr) or _DAY_MONTH.match(expr)):
        if base is None:
            return None  # "in June" of an undated article: which June is unknown
        value = _month_without_year(expr, base, past, future, shift if match else None)
        return DateRange(value) if value else None

    weekish = _WEEKISH.search(expr)
    if weekish:
        # "next week" from April 27 is in May: the week after the article's (when its day is known)
        ahead = base is not None and base.day is not None and weekish.group(0).lower().split()[0] in {"next", "the"} \
            and "same" not in weekish.group(0).lower()
        when = anchor + dt.timedelta(days=7) if ahead else anchor
        value = finish(PartialDate(when.year, when.month), True)
        return DateRange(value) if value else None
    if base is not None and base.precision == "year" and not _explicit_year(expr) and not shift and \
            _NEAR.search(expr):
        return DateRange(base)  # "last week" in an article known only by its year: that year

    # a named month keeps its precision even when its year comes from the article ("in December")
    named_month = re.search(r"\b(?:" + "|".join(MONTHS) + r")\b", expr, re.I) is not None
    if base is None and not _explicit_year(expr):
        return None
    relative = (not _explicit_year(expr) or shift != 0) and not named_month
    prefer = "future" if _AHEAD.search(text) or future else "past" if past else "current_period"
    parsed = _dateparser(expr, anchor, prefer)
    if parsed is None:
        return None
    if relative and base is not None and base.precision != "day" and parsed.precision == "day":
        # "on Friday" in an article known only by its month: the day is somewhere in that month
        return DateRange(base)
    if shift:
        parsed = PartialDate(parsed.year + shift, parsed.month, parsed.day)
    value = finish(parsed, relative)
    return DateRange(value) if value else None
