"""Realistic, consistent fake values for one patient.

Choices are keyed by HMAC(secret, patient, entity, normalised real value), so the same
real name becomes the same surrogate in every document of that patient, another patient
or another key gives other surrogates, and nothing needs to be stored between runs.
Name words map one by one (so "John Smith", "Smith" and "SMITH, J." stay coherent) onto
the Census lists, keeping the original's case; dates move by the patient's offset.
"""

from __future__ import annotations

import functools
import string

import regex

from deid.dates import shift_date_text
from deid.lexicons import Lexicons
from deid.pseudonyms import date_offset_days, keyed_int

_WORD = regex.compile(r"[A-Za-z][A-Za-z'’-]*")
RESTRICTED_ZIP3 = frozenset("036 059 063 102 203 205 369 556 692 790 821 823 830 831 878 879 884 890 893".split())
_HOSPITAL_KINDS = ("Hospital", "Medical Center", "Rehab", "Clinic", "Memorial", "Health Center")
_STREET_KINDS = ("Street", "Avenue", "Road", "Lane", "Drive", "Court", "Place", "Way")


def generalize_zip(zip_code: str) -> str:
    """Safe Harbor ZIP: the first three digits, or 000 where that area has < 20,000 people."""
    zip3 = zip_code[:3]
    return "000" if zip3 in RESTRICTED_ZIP3 else zip3


@functools.lru_cache(maxsize=1)
def _sorted_lists(lexicons: Lexicons) -> tuple[list[str], list[str], list[str]]:
    first = sorted(w for w, rank in lexicons.first_names.items() if rank <= 1500 and len(w) > 2)
    last = sorted(w for w, rank in lexicons.last_names.items() if rank <= 5000 and len(w) > 2)
    cities = sorted(c for c in lexicons.cities if c.isalpha() and len(c) > 3)
    return first, last, cities


def _case_like(template: str, word: str) -> str:
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].islower():
        return word.lower()
    return word.capitalize()


class PatientSurrogates:
    def __init__(self, key: bytes, patient_pseudonym: str, lexicons: Lexicons, avoid: frozenset[str] = frozenset()):
        self._key = key
        self._patient = patient_pseudonym
        self._lexicons = lexicons
        self._avoid = {a.lower() for a in avoid}
        self.offset_days = date_offset_days(key, patient_pseudonym)

    def _pick(self, kind: str, real: str, choices: list[str]) -> str:
        index = keyed_int(self._key, "surrogate", self._patient, kind, real.lower())
        for step in range(len(choices)):
            choice = choices[(index + step) % len(choices)]
            if choice.lower() != real.lower() and choice.lower() not in self._avoid:
                return choice
        return choices[index % len(choices)]

    def person(self, text: str) -> str:
        first, last, _ = _sorted_lists(self._lexicons)

        def replace(match: regex.Match) -> str:
            word = match.group(0)
            if len(word) == 1:  # an initial
                letter = self._pick("initial", word, list(string.ascii_uppercase))
                return letter if word.isupper() else letter.lower()
            lower = word.lower()
            is_first = lower in self._lexicons.first_names and (
                lower not in self._lexicons.last_names
                or self._lexicons.first_names[lower] < self._lexicons.last_names[lower] / 10)
            pool = first if is_first else last
            return _case_like(word, self._pick("first" if is_first else "last", lower, pool))

        return _WORD.sub(replace, text)

    def date(self, text: str) -> str | None:
        return shift_date_text(text, self.offset_days)

    def digits_like(self, kind: str, text: str) -> str:
        """Same shape: every digit and letter replaced, separators kept."""
        seed = keyed_int(self._key, "surrogate", self._patient, kind, text.lower())
        out = []
        for i, ch in enumerate(text):
            value = (seed >> (i % 50)) + i * 7
            if ch.isdigit():
                out.append(str(value % 10))
            elif ch.isalpha():
                letter = string.ascii_uppercase[value % 26]
                out.append(letter if ch.isupper() else letter.lower())
            else:
                out.append(ch)
        result = "".join(out)
        return result if result != text else self.digits_like(kind + "'", text)

    def phone(self, text: str) -> str:
        # 555-01xx is reserved for fiction; keep the real layout
        fake = self.digits_like("phone", text)
        digits = [i for i, c in enumerate(fake) if c.isdigit()]
        chars = list(fake)
        if len(digits) >= 7:
            for position, digit in zip(digits[-7:-4], "555"):
                chars[position] = digit
        return "".join(chars)

    def city(self, text: str) -> str:
        _, _, cities = _sorted_lists(self._lexicons)
        return _case_like(text, self._pick("city", text, cities).title()) if not text.isupper() else self._pick("city", text, cities).upper()

    def hospital(self, text: str) -> str:
        cities = _sorted_lists(self._lexicons)[2]
        words = text.split()
        if len(words) == 1 and text.isupper() and len(text) <= 5:  # an abbreviation such as GH
            return self.digits_like("hospital-abbreviation", text)[:-1] + "H"
        kind = next((k for k in _HOSPITAL_KINDS if k.lower().split()[0] in text.lower()), "Hospital")
        name = self._pick("hospital", text, cities).title()
        surrogate = f"{name} {kind}"
        return surrogate.upper() if text.isupper() else surrogate.lower() if text.islower() else surrogate

    def street(self, text: str) -> str:
        _, last, _ = _sorted_lists(self._lexicons)
        number = keyed_int(self._key, "surrogate", self._patient, "street-number", text.lower()) % 9000 + 10
        kind = _STREET_KINDS[keyed_int(self._key, "surrogate", self._patient, "street-kind", text.lower()) % len(_STREET_KINDS)]
        surrogate = f"{number} {self._pick('street', text, last).title()} {kind}"
        return surrogate.upper() if text.isupper() else surrogate

    def email(self, text: str) -> str:
        return f"user{keyed_int(self._key, 'surrogate', self._patient, 'email', text.lower()) % 100000}@example.org"

    def url(self, text: str) -> str:
        return f"https://example.org/{keyed_int(self._key, 'surrogate', self._patient, 'url', text) % 100000}"

    def ip(self, text: str) -> str:
        n = keyed_int(self._key, "surrogate", self._patient, "ip", text)
        return f"192.0.2.{n % 254 + 1}" if "." in text else f"2001:db8::{n % 65535:x}"

    @staticmethod
    def age(text: str) -> str:
        return "90+" if regex.fullmatch(r"\d+", text.strip()) else "90s" if regex.search(r"\d", text) else "elderly"
