"""Date expressions resolved against the article's date, at the precision the text gives."""

from __future__ import annotations

import pytest

from diplokg.dates import PartialDate as D
from diplokg.extract.temporal import DateRange, resolve

FRIDAY = D(2018, 4, 27)  # a Friday


def started(text: str, base: D | None, **kwargs: bool) -> D:
    """Where what ``text`` says begins, resolved against ``base`` (a date must be found)."""
    found = resolve(text, base, **kwargs)
    assert found is not None, text
    return found.start


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Friday", D(2018, 4, 27), None),
        ("Monday", D(2018, 4, 23), None),
        ("tomorrow", D(2018, 4, 28), None),
        ("July 11-12", D(2018, 7, 11), D(2018, 7, 12)),
        ("the July 11-12", D(2018, 7, 11), D(2018, 7, 12)),
        ("11-12 July 2019", D(2019, 7, 11), D(2019, 7, 12)),
        ("in July", D(2018, 7), None),
        ("next year", D(2019), None),
        ("last month", D(2018, 3), None),
        ("last October", D(2017, 10), None),
        ("next March", D(2019, 3), None),
        ("October 2017", D(2017, 10), None),
        ("November 1985", D(1985, 11), None),
        ("January 28, 2016", D(2016, 1, 28), None),
        ("March 20 last year", D(2017, 3, 20), None),
        ("by 2024", D(2024), None),
        ("early 2006", D(2006), None),
        ("later in the week", D(2018, 4), None),
        ("the end of July", D(2018, 7), None),
        ("by the end of 2006", D(2006), None),
        ("end of the year", D(2018), None),
        ("the end of the month", D(2018, 4), None),
        ("July-11-12", D(2018, 7, 11), D(2018, 7, 12)),
    ],
)
def test_resolution(text, start, end):
    result = resolve(text, FRIDAY)
    assert result is not None
    assert (result.start, result.end) == (start, end)


@pytest.mark.parametrize("text", ["24 hours", "over 15 years", "34 years later", "a decade", "every day", "", "1100",
                                  "at 1330"])
def test_durations_and_non_dates_are_not_dates(text):
    assert resolve(text, FRIDAY) is None


def test_relative_dates_are_no_more_precise_than_the_article():
    assert started("later in the week", D(2004)) == D(2004)
    assert started("next month", D(2004)) == D(2004)
    assert started("Friday", D(2004, 6)) == D(2004, 6)


def test_a_named_month_keeps_its_precision_with_a_year_only_article():
    assert started("in December", D(2005)) == D(2005, 12)


def test_without_an_article_date_only_absolute_dates_resolve():
    assert resolve("Friday", None) is None
    assert started("November 1985", None) == D(1985, 11)


def test_a_date_without_a_year_in_a_past_event_is_the_last_one():
    base = D(2020, 1, 10)
    assert started("July 25", base) == D(2020, 7, 25)  # "will meet on July 25"
    assert started("July 25", base, past=True) == D(2019, 7, 25)  # "met on July 25"
    assert started("January 2", base, past=True) == D(2020, 1, 2)


def test_later_this_year_and_the_weekend_resolve():
    base = D(1987, 4, 13)
    assert resolve("later this year", base, future=True) == DateRange(D(1987))
    assert resolve("later this month", base, future=True) == DateRange(D(1987, 4))
    assert resolve("this weekend", base, future=True) == DateRange(D(1987, 4))
