"""Cities, towns and counties from the GeoNames gazetteer, when the text uses them as places.

"lives in Hagerstown", "from baltimore", "Frederick, MD". A gazetteer hit needs a place cue
(a preposition, a following state) unless it is a capitalised, rare word in mixed-case
text; states and countries are not PHI under Safe Harbor and are left alone.
"""

from __future__ import annotations

import regex

from spacy.lang.en.stop_words import STOP_WORDS

from deid.recognizers.address_recognizer import STATES
from deid.recognizers.base import ClinicalRecognizer, is_query

_WORD = regex.compile(r"[A-Za-z][A-Za-z'.-]*[A-Za-z]")
_PLACE_BEFORE = regex.compile(r"\b(?:in|from|to|at|near|of|lives|living|resides|resident|moved|visiting|"
                              r"returned|return|travel(?:l?ed)?|town|city|county|outside)\s+(?:the\s+)?$", regex.IGNORECASE)
_PLACE_WORDS = regex.compile(r"([A-Za-z][A-Za-z'.-]*[A-Za-z])(?:[ \t]+([A-Z][A-Za-z'.-]*[A-Za-z]))?")
_RESIDES = regex.compile(r"\b(?:lives|living|resides|residing|moved|lived|resident\s+of|native\s+of|home\s+is)"
                         r"\s+(?:alone\s+|nearby\s+|here\s+)?(?:in|at|to|near)\s+(?:the\s+)?", regex.IGNORECASE)
# lower-case words inside a place's name: "Benešov nad Ploučnicí", "San Gloria de la Montana"
_NAME_PARTICLE = (r"(?:de|del|de[ \t]+la|de[ \t]+los|la|las|los|el|nad|pod|am|an[ \t]+der|im|sur|sous|upon|di|da|do|dos|das|du|"
                  r"les|le|(?i:al|di|de|del|della|degli|dei|da|la|le|el))")
# a capitalised word, not a possessive ("Pt's", "Marcil's Cautionary Tales")
_CAP_WORD = r"\p{Lu}\p{Ll}{2,}(?:-\p{L}\p{Ll}+)*(?!['’]\p{L})"
_CAPITALISED_PLACE = regex.compile(
    rf"(?-i:(?<![\p{{L}}'’-])(?:in|from|near|of|to)\s+(?P<phi>{_CAP_WORD}(?:[ \t]+(?:{_NAME_PARTICLE}[ \t]+)?{_CAP_WORD}){{0,2}}))"
    r"(?=\s+area\b|\s*,\s*[A-Z]{2}\b|[\s.,;:!?)]|$)")
# Words that begin a town's name although they are ordinary words: "New Williamton", "Lake Kristieside"
_PLACE_START = frozenset("new north south east west lake port fort mount mt saint st san santa los las el la le "
                         "upper lower great little grand glen".split())
# "East Jacob", "Lake Sean", "Port Leslieton": a town's prefix before a given name or a town-shaped word
_PREFIXED_TOWN = regex.compile(r"(?<![\p{L}'’-])(?P<head>(?i:north|south|east|west|lake|port|new|fort|mount))[ \t]+"
                               r"(?P<name>\p{L}[\p{Ll}\p{Lu}]+)(?![\p{L}'’-])")
# a word for "city" that other languages write before its name: "Thành phố Hải Phòng", "TP. Cần Thơ",
# "Kota Bandung", "Ciudad de Guatemala" (never English, so in any case)
_CITY_WORD_BEFORE = regex.compile(
    r"(?<![\p{L}'’-])(?:(?i:thành[ \t]+phố|thanh[ \t]+pho)|TP\.|Tp\.|Kota(?:[ \t]+Administrasi)?|KOTA|Ciudad(?:[ \t]+de)?|CIUDAD)"
    r"(?P<name>(?:[ \t]+\p{L}[\p{L}'’-]*){1,3})")
# a saint's name as a town after a place word: "from San Graciela los bajos", "in Santa Rita", "to são bento"
_SAINT_TOWN = regex.compile(
    r"(?<=\b(?i:in|from|at|to|near)[ \t]+)(?i:san|santa|santo|são|sao)[ \t]+"
    r"(?P<name>\p{L}[\p{L}'’-]+(?:[ \t]+(?!(?i:los|las|la|el|de|del)\b)\p{L}[\p{L}'’-]+)?)"
    r"(?:[ \t]+(?i:de[ \t]+)?(?i:los|las|la|el|del)[ \t]+\p{L}[\p{L}'’-]+)?")
TOWN_ENDING = regex.compile(r"(?:ton|town|ville|mouth|bury|burgh|borough|land|side|haven|port|field|chester|berg|furt|"
                             r"stad|view|fort|shire|ford|wood|dale|stead|ham|caster)$")
# "South America", "West Coast", "North Carolina" (a state) are larger than any town
_NOT_TOWN_END = frozenset("america americas africa asia europe coast side wing tower building campus unit pole end shore "
                          "dakota carolina virginia jersey england zealand korea hampshire mexico york".split())
# travel and residence: "visiting from", "en route from", "flying to", "moved to", "lives in"
_TRAVEL = regex.compile(
    r"\b(?:visiting|visit(?:ed|s)?|en[ \t]+route|on[ \t]+(?:the|our|my|his|her|their)[ \t]+way|coming|came|driving|drove|"
    r"driven|flying|flew|fly|flies|travel(?:l?ing|l?ed|s)?|trip|moved|moving|relocat(?:ed|ing)|lives?|lived|living|"
    r"resides?|residing|staying|stays|returning|returned|originally|vacation(?:ing)?|holiday(?:ing)?)"
    r"(?:[ \t]+(?:back|here|up|down|over|home|out|alone|now))?[ \t]+(?:from|to|in|near)[ \t]+$", regex.IGNORECASE)
_LOWER_WORD = regex.compile(r"\p{Ll}[\p{Ll}'’-]*\p{Ll}")
# the noun after an eponym, which makes a city's name a scale or a syndrome ("Glasgow coma scale", "Stockholm syndrome")
_EPONYM_NOUN_AFTER = regex.compile(r"[ \t]+(?:coma|syndrome|score|scale|criteria|classification|protocol)\b", regex.IGNORECASE)
# where a lower-case place may begin: right after a travel cue's preposition
_TRAVEL_SPOT = regex.compile(r"(?=\p{Ll})(?<=\b(?:from|to|in|near)[ \t]+)", regex.IGNORECASE)
# "PT'S SON IN TOTZKE,", "daughter from Quellmoor": where a relative is (a rare word, any case)
_RELATIVE_IN = regex.compile(
    r"\b(?:son|daughter|wife|husband|brother|sister|mother|father|mom|dad|family|parents?|niece|nephew|grandson|"
    r"granddaughter|grandchildren|cousin|aunt|uncle|relatives?|children|kids)s?(?:[ \t]+(?-i:\p{Lu}\p{Ll}+))?[ \t]+"
    r"(?:in|from|lives[ \t]+in|living[ \t]+in|is[ \t]+in|is[ \t]+from)[ \t]+(?P<phi>\p{L}[\p{L}'’-]+(?:[ \t]+\p{L}[\p{L}'’-]+)?)",
    regex.IGNORECASE)
# a search query ending with a service and a place: "cardiac rehab schedule helsingborg"
_QUERY_PLACE_END = regex.compile(
    r"\b(?:rehab|clinic|clinics|schedule|hours|cardiologists?|doctors?|hospitals?|programs?|pharmac(?:y|ies)|"
    r"appointments?|specialists?|surgeons?|centers?|centres?|urgent[ \t]+care|er|ed)[ \t]+"
    r"(?P<phi>\p{L}[\p{L}'’-]+(?:[ \t]+\p{L}[\p{L}'’-]+)?)[ \t]*[?.]?[ \t]*$", regex.IGNORECASE)
# "cardiologist in tarnville accepting new patients": a service in or near a place, in a lower-case query
_SERVICE_IN = regex.compile(
    r"\b(?:rehab|clinics?|cardiologists?|doctors?|physicians?|hospitals?|programs?|pharmac(?:y|ies)|specialists?|"
    r"surgeons?|centers?|centres?|urgent[ \t]+care|providers?|practices?|labs?)[ \t]+(?:in|near|around)[ \t]+"
    r"(?P<phi>\p{Ll}[\p{Ll}'’-]+(?:[ \t]+\p{Ll}[\p{Ll}'’-]+)?)")
# a signed query: "... Still true? Rolf Plath, Eberswalde"
_SIGNATURE_PLACE = regex.compile(
    rf"(?-i:{_CAP_WORD}(?:[ \t]+(?:\p{{Lu}}\.|{_CAP_WORD})){{1,3}}),[ \t]*(?P<phi>(?-i:{_CAP_WORD}(?:[ \t]+{_CAP_WORD})?))[ \t]*[.!]?[ \t]*$")
# Postal codes that are also credentials or words ("Whitfield, MD" is a doctor) do not count as cues.
_UNAMBIGUOUS_STATES = "|".join(s for s in STATES.split("|") if s not in {"MD", "PA", "DO", "ME", "OR", "IN", "OK", "HI", "DE"})
_ANY_STATE_AFTER = regex.compile(rf"^,\s*(?:{STATES})\b")
_STATE_AFTER = regex.compile(rf"^,\s*(?-i:(?:{_UNAMBIGUOUS_STATES})\b)|^,?\s+(?:maryland|virginia|pennsylvania|delaware|"
                             r"new\s+york|new\s+jersey|massachusetts|california|florida|texas|ohio)\b", regex.IGNORECASE)


# "up from the western shore", "down to the south shore": a coast region smaller than a state
_SHORE = regex.compile(r"\b(?:from|to|on|in|at|near|of)[ \t]+the[ \t]+(?P<phi>(?:eastern|western|northern|southern|north|south|east|west)"
                       r"[ \t]+shore)\b", regex.IGNORECASE)
_DIRECTIONS = frozenset("north south east west northeast northwest southeast southwest".split())


class CityRecognizer(ClinicalRecognizer):
    ENTITY = "LOCATION"
    WEAK = True

    def __init__(self, lexicons):
        super().__init__(lexicons)
        self._cities = lexicons.cities | self._directional_bases(lexicons)
        self._world = frozenset(lexicons.world_cities) - self._cities
        # only words that start some place name are worth an n-gram lookup
        self._first_words = frozenset(name.split()[0] for name in self._cities | self._world)

    @staticmethod
    def _directional_bases(lex) -> frozenset[str]:
        """GeoNames splits some towns into "North X" / "X South" parts; the town itself is "X"
        ("Fairview North" -> "Fairview"). A one-word base must be rare and not clinical."""
        bases = set()
        for name in lex.cities:
            words = name.split()
            if len(words) < 2:
                continue
            base = words[1:] if words[0] in _DIRECTIONS else words[:-1] if words[-1] in _DIRECTIONS else None
            if not base or base[0] in STOP_WORDS or base[-1] in ("parish", "borough", "township", "area", "municipality") \
                    or base[-1] in ("city", "county", "park", "heights") and len(base) == 1:
                continue
            phrase = " ".join(base)
            if len(base) == 1 and (lex.zipf(phrase) >= 3.0 or lex.is_clinical(phrase) or lex.is_name(phrase)):
                continue
            if phrase not in lex.regions and phrase not in STOP_WORDS:
                bases.add(phrase)
        return frozenset(bases)

    def find(self, view, deadline):
        yield from self._residence(view, deadline)
        yield from self._capitalised_places(view, deadline)
        yield from self._prefixed_towns(view, deadline)
        yield from self._gazetteer(view, deadline)
        yield from self._query_places(view, deadline)
        yield from self._relative_places(view, deadline)
        for match in _SHORE.finditer(view.text, timeout=deadline.remaining()):
            yield self.result(match.start("phi"), match.end("phi"), 0.6, "CITY")

    def _residence(self, view, deadline):
        """ "lives in Havre de Grace", "lives nearby in fallston": place-like words after a residence cue."""
        text = view.text
        for match in _RESIDES.finditer(text, timeout=deadline.remaining()):
            words = _PLACE_WORDS.match(text, match.end())
            if not words:
                continue
            first = words.group(1)
            lower = first.lower()
            if lower in self.lexicons.regions or text[match.end():words.end()].lower() in self.lexicons.regions:
                continue  # "lives in Maryland": a state is not PHI
            prefixed = lower in _PLACE_START and words.group(2) and words.group(2).lower() not in _NOT_TOWN_END
            if lower in STOP_WORDS or self.lexicons.is_clinical(lower) and lower not in self.lexicons.cities and not prefixed:
                continue  # "lives in East Thomaschester": "east" begins a town's name
            if view.cased and not first[0].isupper() or not view.cased and self.lexicons.zipf(lower) >= 3.5 \
                    and lower not in self.lexicons.cities:
                continue
            second = words.group(2)
            keep_second = second and view.cased and second.lower() not in ("county", "area", "city", "town")
            end = words.end(2 if keep_second else 1)
            yield self.result(match.end(), end, 0.7, "CITY")

    def _capitalised_places(self, view, deadline):
        """ "from Middle River, MD", "in Bel Air": capitalised rare words as places in case-aware text."""
        if not (view.cased or view.mostly_lower):
            return
        lex = self.lexicons
        for match in _CAPITALISED_PLACE.finditer(view.text, timeout=deadline.remaining()):
            words = regex.findall(_CAP_WORD, match.group("phi"))
            if match.group("phi").lower() in self.lexicons.regions or words[0].lower() in self.lexicons.regions:
                continue
            if len(words) > 1 and words[0].lower() in _PLACE_START:
                # "in New Williamton", "from Lake Kristieside", "in South Joseph": a town's prefix and a name
                rest = words[1:]
                if rest[-1].lower() in _NOT_TOWN_END or rest[0].lower() in _NOT_TOWN_END or any(
                        lex.is_clinical(w) and not lex.is_name(w) and w.lower() not in lex.cities for w in rest):
                    continue
                if lex.zipf(rest[0]) < 3.5 or lex.is_name(rest[0]) or rest[0].lower() in lex.cities:
                    yield self.result(match.start("phi"), match.end("phi"), 0.55, "CITY")
                continue
            # after "from"/"in", any postal code is a state: "from Middle River, MD"
            state_after = _ANY_STATE_AFTER.match(view.text[match.end():match.end() + 20])
            rare_head = len(words) > 1 and lex.zipf(words[0]) < 2.0 and not lex.is_clinical(words[0])
            if not state_after and any(self.lexicons.is_clinical(w) and w.lower() not in self.lexicons.cities
                                       for w in (words[:1] if rare_head else words)):
                continue  # "in Afib"; but "from Cividate Al Piano": a rare first word makes the rest a name
            if words[0].lower() in self.lexicons.first_names:
                continue
            if state_after or self.lexicons.zipf(words[0]) < 3.0:
                yield self.result(match.start("phi"), match.end("phi"), 0.55, "CITY")

    def _prefixed_towns(self, view, deadline):
        """A direction, "Lake", "Port", "New", "Fort" or "Mount" before a given name or a town-shaped
        word is a town's name wherever it stands in mixed case ("Pacemaker clinic East Jacob hours",
        "at the Lake Sean site"); without case only after a place preposition ("ETA 15 MIN FROM LAKE MICHAEL").
        Another language's word for "city" starts one anywhere, up to the first common or clinical word."""
        text, lex = view.text, self.lexicons
        for match in _CITY_WORD_BEFORE.finditer(text, timeout=deadline.remaining()):
            end = match.start("name")
            for word in regex.finditer(r"\p{L}[\p{L}'’-]*", match.group("name")):
                lower = word.group(0).lower()
                if lower in STOP_WORDS or lex.is_clinical(lower) or lex.zipf(lower) >= 4.5 \
                        or view.cased and not word.group(0)[0].isupper():
                    break
                end = match.start("name") + word.end()
            if end > match.start("name"):
                yield self.result(match.start(), end, 0.6, "CITY")
        for match in _SAINT_TOWN.finditer(text, timeout=deadline.remaining()):
            words = match.group("name").split()
            if all(w.lower() not in STOP_WORDS and not lex.is_clinical(w.lower()) and (not view.cased or w[0].isupper())
                   for w in words[:1]):
                second_ok = len(words) < 2 or words[1].lower() not in STOP_WORDS and not lex.is_clinical(words[1].lower()) \
                    and (not view.cased or words[1][0].isupper())
                end = match.end() if second_ok else match.start("name") + len(words[0])
                yield self.result(match.start(), end, 0.6, "CITY")
        for match in _PREFIXED_TOWN.finditer(text, timeout=deadline.remaining()):
            head, name = match.group("head"), match.group("name")
            if view.cased and not (head[0].isupper() and name[0].isupper() and not name.isupper()) \
                    or not view.cased and not _PLACE_BEFORE.search(text, max(0, match.start() - 12), match.start()):
                continue
            lower = name.lower()
            phrase = text[match.start():match.end()].lower()
            if phrase in lex.regions or lower in _NOT_TOWN_END or lower in lex.regions or lex.is_clinical(lower) \
                    or self.lexicons.is_curated_term(lower):
                continue  # "New York", "West Coast", "North Carolina"
            if lower in lex.first_names or lower in lex.last_names and lex.zipf(lower) < 4.0 \
                    or TOWN_ENDING.search(lower) and lex.zipf(lower) < 3.0:
                yield self.result(match.start(), match.end(), 0.55, "CITY")

    def _relative_places(self, view, deadline):
        """ "SON IN TOTZKE, ...", "daughter from Quellmoor": a rare word where a relative is or comes from."""
        text, lex = view.text, self.lexicons
        for match in _RELATIVE_IN.finditer(text, timeout=deadline.remaining()):
            words = regex.findall(r"\p{L}[\p{L}'’-]*", match.group("phi"))
            if view.cased and not words[0][0].isupper():
                continue
            if not self._rare_place_word(words[0], 2.5) or lex.is_name(words[0]) and lex.zipf(words[0]) >= 2.0 \
                    or words[0].lower() in lex.first_names:
                continue  # "son in law", "daughter in ICU", "son in Mark's car"
            end = match.end("phi") if len(words) > 1 and self._rare_place_word(words[1], 2.5) and (
                not view.cased or words[1][0].isupper()) else match.start("phi") + len(words[0])
            yield self.result(match.start("phi"), end, 0.6, "CITY")

    def _query_places(self, view, deadline):
        """Places in short queries and messages: "flying to amberg", "cardiac rehab schedule helsingborg",
        "... Rolf Plath, Eberswalde", "medicare in allenmouth 39825"."""
        text, lex = view.text, self.lexicons
        query = is_query(text)
        if not query:
            return
        for match in _TRAVEL_SPOT.finditer(text, timeout=deadline.remaining()):
            if not _TRAVEL.search(text, max(0, match.start() - 40), match.start()):
                continue
            end = self._rare_words_end(match.start(), text)
            if end:
                yield self.result(match.start(), end, 0.6, "CITY")
        end_match = _QUERY_PLACE_END.search(text, timeout=deadline.remaining())
        if end_match and not regex.search(r"[.!?]", text[:end_match.start()]):  # a search, not a sentence
            for start in (end_match.start("phi"), regex.search(r"\S+[ \t]*[?.]?[ \t]*$", text).start()):
                words = regex.findall(r"\p{L}[\p{L}'’-]*", text[start:end_match.end("phi")])
                if words and all(self._rare_place_word(w, 2.5) for w in words):
                    yield self.result(start, end_match.end("phi"), 0.55, "CITY")
                    break
        if not view.cased:
            for match in _SERVICE_IN.finditer(text, timeout=deadline.remaining()):
                words = list(regex.finditer(r"\p{L}[\p{L}'’-]*", match.group("phi")))
                if not self._rare_place_word(words[0].group(0), 2.5):
                    continue
                end = match.start("phi") + (words[1].end() if len(words) > 1 and self._rare_place_word(words[1].group(0), 2.5)
                                            else words[0].end())
                yield self.result(match.start("phi"), end, 0.55, "CITY")
        signature = _SIGNATURE_PLACE.search(text, timeout=deadline.remaining())
        if signature:
            words = regex.findall(r"\p{L}[\p{L}'’-]*", signature.group("phi"))
            if all(self._rare_place_word(w, 3.0) for w in words) and words[0].lower() not in lex.first_names:
                yield self.result(signature.start("phi"), signature.end("phi"), 0.55, "CITY")

    def _rare_place_word(self, word, max_zipf):
        lex, lower = self.lexicons, word.lower()
        if lower in STOP_WORDS or lower in lex.regions or lex.is_clinical(lower) and lower not in lex.cities:
            return False
        return lex.zipf(lower) < max_zipf or lower in lex.cities and lex.zipf(lower) < 4.0

    def _rare_words_end(self, start, text):
        """Where a lower-case place name after a travel cue ends: rare words, or a town's prefix
        and a rare word ("amberg", "vieja uruguay"); None when the first word is an ordinary one."""
        lex, end, words = self.lexicons, None, []
        for word in _LOWER_WORD.finditer(text, start):
            if word.start() != start or len(words) >= 3:
                break
            lower = word.group(0)
            rare = self._rare_place_word(lower, 3.0)
            if not words and not rare and lower not in _PLACE_START:
                return None
            if words and not (rare or lower in lex.regions):
                break
            words.append(lower)
            end = word.end()
            start = end + len(text[end:]) - len(text[end:].lstrip(" \t"))
        if not words or all(w in _PLACE_START for w in words):
            return None
        return end

    def _world_city(self, phrase: str, text: str, end: int) -> bool:
        """A city abroad after a place cue ("referred from Stockholm", "pt from guadalajara"): no word English
        uses often (Zipf < 4: not "Nice", "Split", "Male"; a city of millions is as famous as a word is common,
        "Berlin", "Toronto"), no curated term or given name ("Nancy"), no eponym before its noun ("Glasgow coma")."""
        lex, lower = self.lexicons, phrase.lower()
        famous = lex.world_cities.get(lower, 0) >= 1_000_000 and lex.zipf(lower) < 5.0
        if lex.zipf(lower) >= 4.0 and not famous or lex.is_curated_term(lower) or lower in STOP_WORDS or len(lower) < 4:
            return False
        if " " not in lower and (lower in lex.first_names or _EPONYM_NOUN_AFTER.match(text, end)):
            return False
        return True

    def _gazetteer(self, view, deadline):
        text = view.text
        lex = self.lexicons
        words = list(_WORD.finditer(text, timeout=deadline.remaining()))
        i = 0
        while i < len(words):
            hit = None
            if words[i].group(0).lower() not in self._first_words:
                i += 1
                continue
            for n in (3, 2, 1):
                if i + n > len(words):
                    continue
                start, end = words[i].start(), words[i + n - 1].end()
                phrase = text[start:end]
                if "\n" in phrase or len(regex.sub(r"\s+", " ", phrase)) != len(phrase):
                    continue
                if phrase.lower() in self._cities or phrase.lower() in self._world:
                    hit = (start, end, n)
                    break
            if hit is None:
                i += 1
                continue
            start, end, n = hit
            phrase = text[start:end]
            if view.cased and not phrase[0].isupper():
                i += n
                continue
            cue = _PLACE_BEFORE.search(text[max(0, start - 30):start]) or _STATE_AFTER.match(text[end:end + 20])
            if phrase.lower() in self._world:
                if cue and self._world_city(phrase, text, end):
                    yield self.result(start, end, 0.7, "CITY")
                i += n
                continue
            big = lex.city_population.get(phrase.lower(), 0) >= 100_000
            common = n == 1 and (lex.zipf(phrase) >= 4.0 and not big or lex.is_clinical(phrase) and not big)
            if n == 1 and (lex.is_clinical(phrase) and not big or lex.is_name(phrase) and not cue):
                i += n
                continue
            state_after = _STATE_AFTER.match(text[end:end + 20]) or (
                _PLACE_BEFORE.search(text[max(0, start - 30):start]) and _ANY_STATE_AFTER.match(text[end:end + 20]))
            if n == 1 and not state_after and not view.cased and lex.zipf(phrase) >= 3.0 \
                    and lex.city_population.get(phrase.lower(), 0) < 50_000:
                i += n
                continue  # an ordinary word that is also a small town ("able to converse")
            if cue and not (common and not state_after):
                yield self.result(start, end, 0.75, "CITY")
            elif view.cased and not common and lex.zipf(phrase) < 3.0 and not phrase.isupper():
                yield self.result(start, end, 0.5, "CITY")
            i += n
