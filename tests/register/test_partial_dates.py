"""Dates as FACTS.md and the data files write them: a day, a month or only a year."""

import datetime as dt

import pytest

from weltnetz.register.vocab import Precision, parse_partial_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-07-17", (dt.date(2024, 7, 17), Precision.DAY)),
        ("2024-07", (dt.date(2024, 7, 1), Precision.MONTH)),
        ("1989", (dt.date(1989, 1, 1), Precision.YEAR)),
        (" 2013 ", (dt.date(2013, 1, 1), Precision.YEAR)),
        (None, (None, Precision.DAY)),
        ("", (None, Precision.DAY)),
    ],
)
def test_partial_dates(text, expected):
    assert parse_partial_date(text) == expected


@pytest.mark.parametrize("text", ["17.07.2024", "2024-7-17", "2024-02-30", "2024--17", "Juli 2024"])
def test_malformed_dates_are_refused(text):
    with pytest.raises(ValueError, match="date"):
        parse_partial_date(text)
