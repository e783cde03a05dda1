"""Shift a date found in text by the patient's offset and write it back in the same form.

Full dates move exactly (intervals between a patient's dates are preserved). Month/day
without a year moves within a fixed non-leap reference year; a year alone moves by the
offset applied to its mid-year; a day alone ("the 3rd") moves within a 31-day month.
Anything unparseable returns None and the caller falls back to a tag.
"""

from __future__ import annotations

from datetime import date, timedelta

import regex

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
_MONTH_WORD = regex.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\b\.?", regex.IGNORECASE)
_REFERENCE_YEAR = 2001  # not a leap year


def _month_index(word: str) -> int:
    return [m[:3] for m in MONTHS].index(word[:3].lower()) + 1


def _two_digit_year(yy: int) -> int:
    return 2000 + yy if yy <= 30 else 1900 + yy


def _case_like(template: str, word: str) -> str:
    if template.isupper():
        return word.upper()
    if template[:1].isupper():
        return word.capitalize()
    return word.lower()


def _render_month(template: str, month: int) -> str:
    word = template.rstrip(".")
    full = MONTHS[month - 1]
    out = full[:3] if len(word) <= 4 and word.lower() not in MONTHS else full
    return _case_like(word, out) + ("." if template.endswith(".") else "")


def _pad_like(template: str, value: int) -> str:
    return f"{value:0{len(template)}d}" if template.startswith("0") or len(template) == 2 and value < 10 and template[0] == "0" else str(value)


def shift_date_text(text: str, offset_days: int) -> str | None:
    t = text.strip()
    delta = timedelta(days=offset_days)
    # ISO 2023-03-14[T...]
    m = regex.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(.*)", t)
    if m:
        d = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        return None if d is None else (d + delta).strftime("%Y-%m-%d") + m[4]
    # numeric month/two-digit year: 12/82
    m = regex.fullmatch(r"(\d{1,2})([/-])(\d{2})", t)
    if m and int(m[3]) > 31:
        return f"{_pad_like(m[1], int(m[1]))}{m[2]}{(_two_digit_year(int(m[3])) + year_shift(offset_days)) % 100:02d}"
    # numeric m/d[/y]
    m = regex.fullmatch(r"(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{2}|\d{4}))?", t)
    if m:
        month, day = int(m[1]), int(m[3])
        day_first = month > 12 >= day  # 14/03/2023
        if day_first:
            month, day = day, month
        year_text = m[4]
        year = _REFERENCE_YEAR if year_text is None else int(year_text) if len(year_text) == 4 else _two_digit_year(int(year_text))
        d = _safe_date(year, month, day)
        if d is None:
            return None
        s = d + delta
        padded = m[1].startswith("0") or m[3].startswith("0")  # keep the writer's style for both parts
        first, second = (s.day, s.month) if day_first else (s.month, s.day)
        out = f"{first:02d}{m[2]}{second:02d}" if padded else f"{first}{m[2]}{second}"
        if year_text:
            out += m[2] + (str(s.year) if len(year_text) == 4 else f"{s.year % 100:02d}")
        return out
    # month/four-digit-year 1/2019
    m = regex.fullmatch(r"(\d{1,2})([/-])(\d{4})", t)
    if m:
        d = _safe_date(int(m[3]), int(m[1]), 15)
        if d is None:
            return None
        s = d + delta
        return f"{_pad_like(m[1], s.month)}{m[2]}{s.year}"
    # year alone, with apostrophes: 1992, '05, 62', 1990s
    m = regex.fullmatch(r"(')?(\d{2}|\d{4})(')?(s|'s)?", t)
    if m:
        digits = m[2]
        year = int(digits) if len(digits) == 4 else _two_digit_year(int(digits))
        shifted = year + year_shift(offset_days)
        body = str(shifted) if len(digits) == 4 else f"{shifted % 100:02d}"
        return (m[1] or "") + body + (m[3] or "") + (m[4] or "")
    # ordinal day alone: 3rd
    m = regex.fullmatch(r"(\d{1,2})(st|nd|rd|th)", t, regex.IGNORECASE)
    if m:
        day = (int(m[1]) - 1 + offset_days) % 28 + 1
        return f"{day}{_ordinal_suffix(day, m[2])}"
    # month words: March 14th, 2023 / 14-Mar-2023 / March of 1993 / nov. 2016 / 21 Apr, 21
    mw = _MONTH_WORD.search(t)
    if mw:
        return _shift_worded(t, mw, delta)
    return None


def year_shift(offset_days: int) -> int:
    """Years alone move by the offset in whole years, at least one, so they never stay put."""
    years = round(abs(offset_days) / 365.25) or 1
    return -years if offset_days < 0 else years


def _ordinal_suffix(day: int, template: str) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return suffix.upper() if template.isupper() else suffix


def _shift_worded(t: str, mw, delta: timedelta) -> str | None:
    month = _month_index(mw.group(1))
    before, after = t[:mw.start()], t[mw.end():]
    day_match = regex.search(r"(\d{1,2})(st|nd|rd|th)?", before) or regex.match(r"\s*(\d{1,2})(st|nd|rd|th)?(?!\d)", after)
    year_match = regex.search(r"(\d{4})|'(\d{2})|(?<=[\s,])(\d{2})(?=')|(?<=,\s?)(\d{2})$", after)
    if year_match and day_match and day_match.re.pattern.startswith(r"\s*") and year_match.start() <= day_match.end() - 0 and day_match.group(0).strip() == year_match.group(0).strip():
        year_match = None
    year = None
    if year_match:
        four, two_a, two_b, two_c = year_match.groups()
        year = int(four) if four else _two_digit_year(int(two_a or two_b or two_c))
    day = int(day_match[1]) if day_match else 15
    d = _safe_date(year or _REFERENCE_YEAR, month, day)
    if d is None:
        return None
    s = d + delta
    out = t[:mw.start()] + _render_month(mw.group(0), s.month) + t[mw.end():]
    # rewrite the day and the year in place
    if day_match:
        # a day before the month is at its own offset; one after it sits behind the rewritten month word
        day_before_month = day_match.re.pattern.startswith("(")
        base = 0 if day_before_month else mw.start() + len(_render_month(mw.group(0), s.month))
        out = _replace_number(out, day_match, s.day, base=base)
    if year_match:
        new_year = str(s.year) if year_match.group(1) else f"{s.year % 100:02d}"
        out = _replace_last(out, year_match.group(0).lstrip("'"), new_year)
    return out


def _replace_number(out: str, day_match, new_day: int, base: int) -> str:
    start = base + day_match.start(1)
    end = base + day_match.end(1)
    suffix = day_match.group(2)
    text = str(new_day)
    if suffix:
        return out[:start] + text + _ordinal_suffix(new_day, suffix) + out[end + len(suffix):]
    return out[:start] + text + out[end:]


def _replace_last(out: str, old: str, new: str) -> str:
    index = out.rfind(old)
    return out if index < 0 else out[:index] + new + out[index + len(old):]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
