"""Date shifting: full dates move exactly by the offset (intervals preserved), in the same form."""

from datetime import date, datetime, timedelta

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from deid.dates import shift_date_text

FULL_DATES = st.dates(min_value=date(1901, 1, 1), max_value=date(2089, 12, 31))
OFFSETS = st.integers(min_value=-3650, max_value=3650).filter(lambda n: n != 0)
PROPERTY = settings(max_examples=30, deadline=None)


def mdy(d: date) -> str:
    return f"{d.month}/{d.day}/{d.year}"


@PROPERTY
@given(d1=FULL_DATES, d2=FULL_DATES, offset=OFFSETS)
def test_slash_dates_keep_their_interval(d1, d2, offset):
    s1 = datetime.strptime(shift_date_text(mdy(d1), offset), "%m/%d/%Y").date()
    s2 = datetime.strptime(shift_date_text(mdy(d2), offset), "%m/%d/%Y").date()
    assert s2 - s1 == d2 - d1
    assert s1 - d1 == timedelta(days=offset)


@PROPERTY
@given(d1=FULL_DATES, d2=FULL_DATES, offset=OFFSETS)
def test_iso_dates_keep_their_interval(d1, d2, offset):
    s1 = date.fromisoformat(shift_date_text(d1.isoformat(), offset))
    s2 = date.fromisoformat(shift_date_text(d2.isoformat(), offset))
    assert s2 - s1 == d2 - d1
    assert s1 - d1 == timedelta(days=offset)


@PROPERTY
@given(d=FULL_DATES, offset=OFFSETS)
def test_slash_and_iso_forms_of_one_date_agree(d, offset):
    from_slash = datetime.strptime(shift_date_text(mdy(d), offset), "%m/%d/%Y").date()
    assert from_slash == date.fromisoformat(shift_date_text(d.isoformat(), offset))


@pytest.mark.parametrize(
    "original, offset, shifted",
    [
        # numeric and ISO forms keep their layout
        ("3/14/2023", -10, "3/4/2023"),
        ("03/24/2023", -10, "03/14/2023"),
        ("03/01/2023", -1, "02/28/2023"),
        # zero padding is kept for both parts, even when only one of them needs it
        ("05/20/2022", -10, "05/10/2022"),
        ("08/19/2021", -10, "08/09/2021"),
        # day first stays day first
        ("19/08/2021", -10, "09/08/2021"),
        ("25/11/2022", -10, "15/11/2022"),
        # dotted
        ("11.25.2022", -10, "11.15.2022"),
        ("3.27.2021", -20, "3.7.2021"),
        ("03-14-23", -14, "02-28-23"),
        ("2023-03-14", -14, "2023-02-28"),
        ("2023-03-14T10:00:00Z", -1, "2023-03-13T10:00:00Z"),
        ("1/2019", -31, "12/2018"),
        # across a leap day
        ("3/1/2024", -1, "2/29/2024"),
        ("2024-03-01", -1, "2024-02-29"),
        # worded dates keep their words and case
        ("14-Mar-2023", -14, "28-Feb-2023"),
        ("March 14, 2023", -14, "February 28, 2023"),
        ("JANUARY 5, 2022", -5, "DECEMBER 31, 2021"),
    ],
)
def test_shift_keeps_the_form(original, offset, shifted):
    assert shift_date_text(original, offset) == shifted


@pytest.mark.parametrize("original", ["1992", "'05", "1990s", "7/22", "Christmas", "3rd"])
def test_partial_dates_never_stay_put(original):
    result = shift_date_text(original, -400)
    assert result is None or result != original


def test_years_alone_move_by_whole_years():
    assert shift_date_text("1992", -400) == "1991"
    assert shift_date_text("1992", -800) == "1990"


def test_unparseable_dates_return_none():
    assert shift_date_text("2/30/2023", -10) is None
    assert shift_date_text("Christmas", -10) is None


def test_engine_shifts_dates_of_one_note_by_one_offset(engine):
    from deid import Document

    text = "Admitted 2/27/2024. Cath 2024-03-02. Discharged 3/9/2024."
    result = engine.deidentify(Document("dates", text, "patient-dates"))
    found = regex.fullmatch(r"Admitted (\S+)\. Cath (\S+)\. Discharged (\S+)\.", result.text)
    assert found, result.text
    admitted = datetime.strptime(found.group(1), "%m/%d/%Y").date()
    cath = date.fromisoformat(found.group(2))
    discharged = datetime.strptime(found.group(3), "%m/%d/%Y").date()
    assert (cath - admitted).days == 4 and (discharged - admitted).days == 11
    assert admitted != date(2024, 2, 27)
