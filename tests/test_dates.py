"""EDTF dates (albumen.dates): what is valid, the first and last day a date may mean, words for people."""

from __future__ import annotations

import pytest

from albumen.dates import Date, InvalidDate, describe, parse_date


@pytest.mark.parametrize(("edtf", "label", "lower", "upper"), [
    ("1944-23", "autumn 1944", "1944-09-01", "1944-11-30"),
    ("1944-21", "spring 1944", "1944-03-01", "1944-05-31"),
    ("1944-22", "summer 1944", "1944-06-01", "1944-08-31"),
    ("1944-22/1944-23", "summer–autumn 1944", "1944-06-01", "1944-11-30"),
    ("1944-22~/1944-23~", "summer–autumn 1944 (approximate)", "1944-06-01", "1944-11-30"),
    ("1944-06/1944-11", "June–November 1944", "1944-06-01", "1944-11-30"),
    ("1944-04/1944-12", "April–December 1944", "1944-04-01", "1944-12-31"),
    ("1944?", "1944 (uncertain)", "1944-01-01", "1944-12-31"),
    ("1944~", "1944 (approximate)", "1944-01-01", "1944-12-31"),
    ("1944%", "1944 (uncertain, approximate)", "1944-01-01", "1944-12-31"),
    ("194X", "1940s", "1940-01-01", "1949-12-31"),
    ("19XX", "1900s", "1900-01-01", "1999-12-31"),
    ("1944", "1944", "1944-01-01", "1944-12-31"),
    ("1944-10", "October 1944", "1944-10-01", "1944-10-31"),
    ("1944-10-05", "5 October 1944", "1944-10-05", "1944-10-05"),
    ("1944-02", "February 1944", "1944-02-01", "1944-02-29"),  # a leap year
    ("1944/1945", "1944–1945", "1944-01-01", "1945-12-31"),
    ("1944-10-05/1945-02", "5 October 1944 – February 1945", "1944-10-05", "1945-02-28"),
])
def test_label_and_bounds(edtf, label, lower, upper):
    date = parse_date(edtf)
    assert isinstance(date, Date)
    assert date.edtf == edtf
    assert date.label == label
    assert describe(edtf) == label
    assert (date.lower, date.upper) == (lower, upper)
    assert date.as_json() == {"edtf": edtf, "label": label, "lower": lower, "upper": upper}


def test_open_ended_intervals_have_one_bound():
    before = parse_date("../1944")
    assert (before.lower, before.upper) == (None, "1944-12-31")
    assert before.label == "until 1944"
    after = parse_date("1944/..")
    assert (after.lower, after.upper) == ("1944-01-01", None)
    assert after.label == "from 1944"


def test_surrounding_whitespace_is_ignored():
    assert parse_date(" 1944-23 \n").edtf == "1944-23"


def test_bounds_are_ordered_and_parseable_iso_dates():
    import datetime

    for text in ("1944-23", "1944-22/1944-23", "1944-06/1944-11", "1944?", "1944~", "194X", "1944-02"):
        date = parse_date(text)
        lower = datetime.date.fromisoformat(date.lower)
        upper = datetime.date.fromisoformat(date.upper)
        assert lower <= upper, text


@pytest.mark.parametrize("text", [
    "", "autumn 1944", "fall of 1944", "1944-13", "1944-00", "1944-99", "1944-02-30", "1944-06-31",
    "44", "19445", "1944-1-5", "hello", "1944-22/1944-13", "10/05/1944", "1944..1945",
])
def test_invalid_dates_raise(text):
    with pytest.raises(InvalidDate) as info:
        parse_date(text)
    # The message says what to write instead.
    assert "EDTF" in str(info.value) and "1944-23" in str(info.value)


def test_invalid_date_is_a_value_error():
    assert issubclass(InvalidDate, ValueError)


@pytest.mark.parametrize("text", ["2001-02-29", "1900-02-29"])
def test_a_day_that_never_was_is_invalid(text):
    """29 February of a year that is not a leap year names no day; its bounds would not be dates."""
    with pytest.raises(InvalidDate):
        parse_date(text)


def test_an_interval_that_ends_before_it_starts_is_invalid():
    """'1944-12/1944-01' would read 'December–January 1944' with lower > upper."""
    with pytest.raises(InvalidDate):
        parse_date("1944-12/1944-01")


# -- the fast path agrees with the edtf package -------------------------------------------------------------

def _edtf_bounds(text: str) -> tuple[str, str]:
    from edtf import parse_edtf

    parsed = parse_edtf(text)
    return tuple(f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"  # type: ignore[return-value]
                 for t in (parsed.lower_strict(), parsed.upper_strict()))


@pytest.mark.parametrize("text", [
    "1944", "0001", "1944-01", "1944-02", "1900-02", "2000-02", "1944-12", "1944-10-05", "1944-02-29",
    "1944-21", "1944-22", "1944-23", "1944?", "1944~", "1944%", "1944-10?", "1944-10-05~",
    "1944/1945", "1944-06/1944-11", "1944-22/1944-23", "1944-22~/1944-23~", "1944-10-05/1945-03",
    "1901-21/1999-12-31",
])
def test_simple_dates_have_the_edtf_packages_bounds(text: str) -> None:
    date = parse_date(text)
    assert (date.lower, date.upper) == _edtf_bounds(text)


def test_winter_runs_into_the_next_year() -> None:
    # The edtf package ends winter 1944 on 31 December 1944; a winter is December to February.
    date = parse_date("1944-24")
    assert (date.lower, date.upper, date.label) == ("1944-12-01", "1945-02-28", "winter 1944")
    assert parse_date("1943-24").upper == "1944-02-29"
