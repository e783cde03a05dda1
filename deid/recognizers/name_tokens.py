"""Deciding whether a word can be part of a person's name, shared by the name recognizers.

Evidence, strongest first: context the caller found ("Dr.", "daughter", ", RN"), the 1990
US Census name lists, rarity in general English (wordfreq), and capitalisation in text
that is not ALL CAPS. Clinical vocabulary and function words are never names on their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import ascii_lowercase
from typing import Callable, Iterable

import regex
from presidio_analyzer import RecognizerResult
from spacy.lang.en.stop_words import STOP_WORDS

from deid.lexicons import Lexicons
from deid.recognizers.base import ClinicalRecognizer, is_query

_GAP = regex.compile(r"[ \t]{0,3}")
#: A name word: O'Brien, Swan-Ganz, Van, J. (an initial with a dot)
NAME_WORD = regex.compile(r"(?:(?<!\p{L})\p{Lu}\.|\p{L}(?:[\p{L}'’-]{0,30}\p{L})?)")

# Words that follow "Dr"/"MD"/"son" in notes without being names.
NOT_NAME = frozenset("""
aware notified paged called informed here there present updated made contacted spoke spoken consulted
order orders ordered note notes office visit visited visiting saw seen said wants wanted will would
states stated says told tells reports reported came come comes went left stay stays staying
works worked working lives lived living
at bedside bedsides phone phoned plan plans following follow f/u team service services on call
tonight today tomorrow yesterday night morning afternoon evening am pm in out of the and or to
re regarding concerning about with w/ without w/o by from for if per pt pts patient patients family
fam home house visit notified. very also still just not no yes ok okay well both all some
husband wife daughter dtr son sister brother mother father mom dad niece nephew aunt uncle cousin friend
grandson granddaughter spouse partner wife's husband's daughters sons sisters brothers aunts uncles cousins
nieces nephews kids children grandchildren grandkids parents siblings family friends relatives neice
spokesperson spokesman proxy hcp guardian present agrees aware
rm room bed mrn dob ssn dr drs mr mrs ms miss md np rn rrt lpn cna msw licsw lcsw crnp doctor doctors prof professor
nurse nurses pharmacist chaplain scheduler caller
dear hi hello hey thanks regards subj subject fwd fw cc bcc attn uh uhm umm erm hmm
english eng spanish russian chinese mandarin cantonese portuguese creole haitian french italian polish greek
vietnamese korean japanese arabic hindi farsi german hebrew yiddish amharic somali
""".split()) | STOP_WORDS


#: a department after a word that names it ("Billing dept:", "Scheduling office"): the word is no name
DEPARTMENT_AFTER = regex.compile(r"[ \t]+(?:dept|department|office|desk|services?)\b", regex.IGNORECASE)

#: Months and weekdays: they follow names ("Smith Monday") and are listed as names ("April", "May")
CALENDAR_WORDS = frozenset("""january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday""".split())

#: Census given names that are also everyday English words or places, so that without case they say
#: little ("WILL", "GRANT", "MAX DOSE", "APRIL"); general English, not drawn from any corpus
WORDLIKE_GIVEN_NAMES = frozenset("""
buddy crystal dean marry diamond kit min walker na charity mac temple drew pa junior santa le roman jan marine
princess irish joy grace lane ha bell hang desire tiny un bob ma era golden grant loan ray dick forest moon prince
angeles frank israel van ed faith jack rose royal queen christian carry winter gay rich spring sunday brain france
german lady sun numbers jesus miles mark january august china page ok bill september al king april star june
america miss summer chance song son art major soon else guy young hope season georgia carolina virginia florida
dallas houston paris india asia sydney chase angel max will may lee sage amber ruby pearl iris violet holly ivy
hunter cash lucky sunny honey penny candy destiny harmony heaven trinity river rocky stone
""".split())


#: A capital after small letters, as terms and brands write them ("CrCl", "LifeVest"), not names
#: ("McNeil", "MacLeod", "DeLuca", "LaToya" are let through)
INNER_CAPITAL = regex.compile(r"(?<!^(?:Ma?c|D[eiau]|L[ae]|V[ao]n|O['’]))(?<=\p{Ll})\p{Lu}")

#: Lower-case particles of surnames ("da Luz", "van Noort", "de la Torre")
SURNAME_PARTICLES = frozenset("van von der den de da das dos del della di du la le ten ter ó ní".split())
_DAY_NUMBER_NEXT = regex.compile(r"[ \t]+\d")
# what follows a sentence's subject: "Mr. Olsen quarrington is a 70 y/o"
_SENTENCE_GOES_ON = regex.compile(r"[ \t]*,|[ \t]+(?:is|was|has|had|and|who|presents?|presented|returns?|underwent)\b")
_CAPITALISED_NEXT = regex.compile(r"[ \t](?:(?:de|la|der|den)[ \t])?\p{Lu}\p{Ll}")


# Endings of procedures, findings and verbs that no word list of ours may hold
# ("extubation", "sedated", "thoracotomy", "bacteremia"); a few Census names do ("Keating"), and
# a listed name is never excluded for its ending. Not "-itis"/"-osis": Greek and Lithuanian
# surnames end so ("-aitis"), and the diseases are in the medical vocabulary already.
CLINICAL_ENDINGS = ("ation", "ations", "ated", "ating", "ectomy", "otomy", "ostomy", "oscopy", "ography",
                    "plasty", "emia", "aemia", "uria", "algia", "ology", "ized", "ised", "izing")


# endings of medical adjectives and nouns, which caseless notes abbreviate and misspell freely
MEDICAL_SHAPE = ("ic", "ar", "al", "ous", "ary", "ive", "oid", "pnea", "pneic", "osis", "itis", "emia", "ent", "ant",
                  "ness", "ment", "ate", "ize", "ion", "ions", "ure", "ures")
# surname endings that share a medical ending's letters ("Legovic", "Petrović"; medicine's "pelvic" is listed)
_NAME_ENDINGS = ("vic", "vić", "ić")


def medical_shaped(word: str) -> bool:
    """Does the word end like a medical adjective or noun ("bibasilar", "tachypneic"), not like a surname?"""
    lower = word.lower()
    return lower.endswith(MEDICAL_SHAPE) and not lower.endswith(_NAME_ENDINGS)


# generic-drug stems, so a capitalised misspelt drug is not a name ("Metoprolal", "Apixiban")
DRUG_STEMS = ("olol", "olal", "pril", "sartan", "statin", "parin", "xaban", "xiban", "gatran", "dipine", "azole",
               "mycin", "cillin", "floxacin", "mab", "nib", "prazole", "tidine", "afil", "semide", "thiazide",
               "arone", "amil", "osin", "terol", "glifl", "gliflozin", "glutide", "tide", "vir", "profen")
CHARTING_VERB = regex.compile(r"(?:ed|ing|ly)$")  # "Trached", "Ambued"


# the nouns an eponym names ("blake drain", "allen test", "turner syndrome"), and eponyms said alone for their device
EPONYM_HEAD = regex.compile(r"[ \t]*(?:'s[ \t]+)?(?:drains?|tests?|signs?|syndrome|disease|score|criteria|protocol|procedure|"
                             r"operation|shunt|catheters?|cath|tubes?|maneuver|manoeuvre|murmur|classification|class|grade|"
                             r"valves?|pumps?|devices?|monitors?|needle|sheath|wires?|stent|pouch|formula|law|index|scale|"
                             r"ganz|tech|lab|report|results?)\b", regex.IGNORECASE)
_DEVICES_ALONE = frozenset("holter foley swan echo doppler bovie ambu impella aline zoll hickman bair judkins quinton sapien "
                           "tuohy bivona groshong shiley fontan".split())
# "um" in lower case is a speaker's filler; capitalised it is also a surname, so it is not in NOT_NAME
_SPOKEN_FILLERS = frozenset({"um"})
_CONTRACTIONS = tuple(apostrophe + ending for apostrophe in "'\u2019" for ending in ("t", "m", "re", "ve", "ll", "d"))


@dataclass(frozen=True)
class NameEvidence:
    lexicons: Lexicons

    def is_excluded(self, word: str) -> bool:
        lower = word.lower().rstrip(".")
        return lower in NOT_NAME or lower.endswith(("'s", "’s")) and lower[:-2] in NOT_NAME or \
            len(lower) < 2 and not word.endswith(".") or \
            len(lower) > 6 and lower.endswith(CLINICAL_ENDINGS) and not self.lexicons.is_name(lower) or \
            lower.endswith(_CONTRACTIONS)  # "con't", "I'm", "rec'd": contractions, not names

    def unknown_word(self, word: str, max_zipf: float = 1.0, compounds: bool = False) -> bool:
        """A word no dictionary knows (Zipf below ``max_zipf`` in English; not medicine, states or countries), and not a
        known word misspelt, nor a drug or charting verb by its ending: in a query, a name or a
        place ("Grabos", "Katwijk"). A possessive "'s" is read past. ``compounds``: two known
        words run together may count, as capitalised names in mixed case ("Sandberg")."""
        lex = self.lexicons
        stem = regex.sub(r"['’]s$", "", word.lower())
        if len(stem) < 3 or lex.zipf(stem) >= max_zipf or self.is_excluded(stem) or stem in lex.regions \
                or any(lex.is_clinical(part) for part in (stem, *stem.split("-"))):
            return False
        if lex.is_name(stem):
            return True
        return not stem.endswith(DRUG_STEMS) and not CHARTING_VERB.search(stem) and not self.misspelt(stem) \
            and (compounds or not self._compound(stem))

    def caseless_unknown(self, word: str, max_zipf: float = 1.0, min_length: int = 4, compounds: bool = False) -> bool:
        """Where case tells nothing: an unknown word long enough not to be an abbreviation and
        not shaped like a medical adjective or noun ("BIBASILAR", "TACHYPNEIC")."""
        return len(word) >= min_length and not medical_shaped(word) \
            and self.unknown_word(word, max_zipf, compounds=compounds)

    def _compound(self, word: str) -> bool:
        """Two known words run together, as charting writes them ("housestaff", "overnight");
        a name rarely splits so (Census names are not asked)."""
        lex = self.lexicons

        def known(part: str) -> bool:  # the terminology's short words ("nik", "ach") are too many to count
            return lex.is_curated_term(part) or lex.zipf(part) >= (3.0 if len(part) >= 4 else 4.0)
        return any(known(word[:i]) and known(word[i:]) for i in range(3, len(word) - 2))

    def rare_plain_word(self, lower: str, max_zipf: float) -> bool:
        """A lower-case word English uses less than ``max_zipf`` that reads as no verb form or typo:
        where only a person fits, a name ("marika", "henrik"; not "fainted", "husbnd")."""
        return self.lexicons.zipf(lower) < max_zipf and not CHARTING_VERB.search(lower) and not self.misspelt(lower)

    def eponym_as_name(self, word: str, text: str, end: int) -> bool:
        """Without case, after a cue for a name ("my husbnd blake", "per allen"): a curated eponym that is a
        Census name is the name, unless its own noun follows ("blake drain", "allen test") or it is a test or
        device said alone ("foley", "holter")."""
        lower, lex = word.lower(), self.lexicons
        excess = lex.name_excess(lower)  # (not an abbreviation English uses far more than its bearers: "asa", "pa", "tee")
        return lex.is_curated_term(lower) and len(lower) >= 4 and excess is not None and excess < 5.6 \
            and lower not in _DEVICES_ALONE and not self.is_excluded(word) and not EPONYM_HEAD.match(text, end)

    def mostly_name(self, word: str) -> bool:
        """A Census name English uses about as often as its bearers explain (``Lexicons.name_excess`` < 5.1:
        "garcia", "miller", "nguyen"; not "brown", "white", "check"), and no curated term: a name even
        where English would use a word as common."""
        excess = self.lexicons.name_excess(word)
        return excess is not None and excess < 5.1 and not self.lexicons.is_curated_term(word)

    def misspelt(self, word: str) -> bool:
        """A known word misspelt: two letters swapped ("Paitent", "Metaumcil"), a letter missing
        from a common or long medical word ("AFTR", "potasium"), a letter too many or another letter in a long medical word
        ("Integrilihn", "Trendelenberg"). Not a letter too many in English: names are that close
        to words ("Grabos", "grabs"); and a word of five letters or more only short of one English uses 100 times more
        ("realy", not "swede")."""
        lex = self.lexicons
        swapped = (word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1))
        if any(lex.zipf(w) >= 3.0 or lex.is_clinical(w) for w in swapped if w != word):
            return True
        inserted = (word[:i] + c + word[i:] for i in range(1, len(word) + 1) for c in ascii_lowercase)
        fuller_at_least = max(4.0, lex.zipf(word) + 2.0) if len(word) >= 5 else 4.0
        if any(lex.zipf(w) >= fuller_at_least or len(word) >= 6 and lex.is_clinical(w) for w in inserted):
            return True
        if len(word) >= 6 and any(lex.is_clinical(word[:i] + word[i + 1:]) for i in range(len(word))):
            return True
        return len(word) >= 7 and any(lex.is_clinical(word[:i] + c + word[i + 1:]) for i in range(len(word))
                                      for c in ascii_lowercase if c != word[i])

    def person_word(self, word: str, cased: bool, max_zipf: float = 5.0) -> bool:
        """Can this word fill a slot only a person fills ("miller's daughter", "call X back", "if X can")?
        A Census name English uses less than ``max_zipf`` ("will" is above 5) or a word no dictionary knows,
        capitalised in mixed case, never an excluded word; callers add their own vetoes."""
        lex = self.lexicons
        if self.is_excluded(word) or cased and not word[0].isupper():
            return False
        return lex.is_name(word) and lex.zipf(word) < max_zipf or self.unknown_word(word, max_zipf=2.5)

    def vetoes_name(self, word: str) -> bool:
        """Is this clinical word too clinical to be a name part? All are, except a Census name
        rare in English (Zipf < 3.5) that only the terminology's word list holds ("Weimer")."""
        lex = self.lexicons
        return lex.is_clinical(word) and (not lex.is_name(word) or lex.zipf(word) >= 3.5 or lex.is_curated_term(word))

    def strength(self, word: str, cased: bool) -> float:
        """0 (not a name) .. 1 (surely a name part) for a word without context."""
        if self.is_excluded(word) or any(c.isdigit() for c in word):
            return 0.0
        if regex.fullmatch(r"\p{Lu}\.", word):
            return 0.5
        lower = word.lower()
        clinical = self.lexicons.is_clinical(lower)
        in_census = self.lexicons.is_name(lower)
        zipf = self.lexicons.zipf(lower)
        if cased and not word[0].isupper():
            return 0.0
        if cased and word.isupper() and len(word) <= 4:
            return 0.0  # abbreviations in mixed-case text
        if clinical and self.vetoes_name(lower):
            return 0.1
        if cased:  # capitalised mid-text
            if in_census:
                return 0.9 if zipf < 3.5 else 0.7 if zipf < 4.5 else 0.5 if zipf < 5.5 else 0.3
            return 0.6 if zipf < 2.0 else 0.45 if zipf < 3.0 else 0.15
        if in_census:
            return 0.8 if zipf < 3.5 else 0.55 if zipf < 4.5 else 0.15
        return 0.4 if zipf < 2.0 else 0.25 if zipf < 3.0 else 0.05

    def after_context(self, word: str, cased: bool) -> bool:
        """Is this word a name when context says a name comes next ("daughter _", "attending _")?"""
        if self.is_excluded(word) or any(c.isdigit() for c in word):
            return False
        lower = word.lower()
        zipf = self.lexicons.zipf(lower)
        census = self.lexicons.is_name(lower)
        if self.lexicons.is_clinical(lower):
            return word[0].isupper() and not word.isupper() and census
        if cased and word.isupper() and len(word) <= 4:
            return False  # an abbreviation in mixed-case text ("father CMO")
        if cased and word[0].isupper():
            return zipf < 5.5 or census
        return census and zipf < 5.5 or zipf < 2.5


def given_first(word: str, lex) -> bool:
    """A Census given name more than a surname ("John", "Mary"; not "Kim", "Lee", which rank higher as surnames)."""
    return word in lex.first_names and (word not in lex.last_names or lex.first_names[word] < lex.last_names[word])


def _particle_name_next(text: str, end: int, evidence) -> bool:
    """Without case, after a particle, a word the slot would take as a name on its own ("da costa", "de souza")."""
    following = NAME_WORD.match(text, end + 1) if text[end:end + 1] == " " else None
    return following is not None and following.group(0).lower() not in SURNAME_PARTICLES \
        and evidence.after_context(following.group(0), False)


def name_words_after(text: str, pos: int, evidence: NameEvidence, cased: bool, limit: int = 3,
                     strong: bool = False) -> tuple[int, int] | None:
    """The span of up to ``limit`` name words starting at ``pos`` (after spaces), or None.

    ``strong``: the context is a title ("Dr.", "Mrs."), after which any word that is not a
    function word is a name, even clinical-looking ones ("Dr. Foley").
    """
    words: list[tuple[int, int]] = []
    cursor = pos
    while len(words) < limit:
        start = _GAP.match(text, cursor).end()
        match = NAME_WORD.match(text, start)
        if not match or (words and text[cursor:start] == "" and not text[cursor - 1:cursor] == "."):
            break
        word = match.group(0)
        if words and word in _SPOKEN_FILLERS:
            break  # "this is benjamin tran um calling": a speaker's filler
        if not words and word.lower() in SURNAME_PARTICLES and (_CAPITALISED_NEXT.match(text, match.end())
                                                                 or not cased and _particle_name_next(text, match.end(), evidence)):
            ok = True  # "pt da Luz", without case "wife da costa": a surname may start with its particle
            limit = min(limit + 1, 6)
        elif not words:
            if strong:
                ok = not evidence.is_excluded(word) and not any(c.isdigit() for c in word) and (
                    not cased or word[0].isupper() or evidence.lexicons.is_name(word))
                # capitalised after a title, a surname English also uses otherwise: "Dr. English", "Dr May at"
                ok = ok or cased and word[0].isupper() and not word.isupper() and word.lower() in evidence.lexicons.last_names \
                    and not _DAY_NUMBER_NEXT.match(text, match.end())
            else:
                ok = evidence.after_context(word, cased) or not cased and evidence.eponym_as_name(word, text, match.end())
        else:
            following = NAME_WORD.match(text, match.end() + 1) if text[match.end():match.end() + 1] == " " else None
            middle_initial = len(word) == 1 and word.isupper() and following is not None and following.group(0)[:1].isupper()
            # without case to go by, a word rare in English (Zipf < 2) goes on the name, unless it
            # reads as a (misspelt) verb form ("son bob ascessing")
            rare_next = not cased and not (word.lower().endswith(("ing", "ed")) and not evidence.lexicons.is_name(word))
            lex = evidence.lexicons
            ok = (evidence.strength(word, cased) >= (0.4 if rare_next else 0.45)
                  or word.endswith(".") and len(word) == 2 or middle_initial
                  or strong and lex.is_name(word) and not evidence.is_excluded(word) and (cased or lex.zipf(word) < 5.0))
            # after a title a second word may be an eponymous surname, but without case one of our
            # curated terms only after a given name ("DR. JOHN FOLEY", not "DR. GARCIA HOLTER READ")
            previous = text[words[-1][0]:words[-1][1]].lower()
            title_takes = strong and (cased or not lex.is_curated_term(word) or previous in lex.first_names)
            if evidence.vetoes_name(word) and not (lex.is_name(word) and (title_takes or word[0].isupper() and not word.isupper())):
                ok = False
            if cased and not word[0].isupper() or INNER_CAPITAL.search(word):
                ok = False  # (and never "CrCl", "MitraClip": inner capitals write terms, not names)
            if strong and cased and len(words) == 1 and word[0].islower() and _lower_surname(word, text, match.end(), evidence):
                ok = True
            if word.lower() in SURNAME_PARTICLES and _CAPITALISED_NEXT.match(text, match.end()):
                ok = True  # "Manuella da Luz", "Tess van Mil": a particle inside the name, not counted
                limit = min(limit + 1, 6)
            first = text[words[0][0]:words[0][1]]
            if not ok and word[0].isupper() and not word.isupper() and first[0].isupper() and not first.isupper() \
                    and evidence.lexicons.is_name(word):
                ok = True  # "Henry Jones" capitalised in a lower-case note
            if lex.is_curated_term(word) and not given_first(previous, lex) and previous not in SURNAME_PARTICLES \
                    and previous not in ("la", "der", "den"):
                ok = False  # "Dr. Patel Holter results", "Dr Kim Echo": our terms go on a name only after a given name
            if word.lower() in CALENDAR_WORDS and _DAY_NUMBER_NEXT.match(text, match.end()):
                ok = False  # "prof. Celik March 28": a date begins
        if not ok:
            break
        # a word like "Smith." ending a sentence: stop after it
        end = match.end()
        words.append((start, end))
        cursor = end
        if end < len(text) and text[end] not in " \t.'-":
            break
    if not words:
        return None
    start, end = words[0][0], words[-1][1]
    if text[start:end].endswith(".") and not regex.search(r"(?:^|\s)\p{Lu}\.$", text[start:end]):
        end -= 1
    return start, end


def _lower_surname(word: str, text: str, end: int, evidence: NameEvidence) -> bool:
    """ "Mr. Olsen quarrington is": after a title and a capitalised name, a surname typed in lower case,
    a word English hardly uses (Zipf < 3) that reads as no verb or typo, before the sentence goes on."""
    lower = word.lower()
    return evidence.rare_plain_word(lower, max_zipf=3.0) and not evidence.lexicons.is_clinical(lower) \
        and not evidence.is_excluded(word) and bool(_SENTENCE_GOES_ON.match(text, end))


def name_words_before(text: str, pos: int, accept: Callable[[str], bool], limit: int = 3) -> tuple[int, int] | None:
    """The span of up to ``limit`` words right before ``pos`` (spaces or tabs between them) that
    ``accept`` takes, read backwards from ``pos``; None if the nearest is refused."""
    words: list[tuple[int, int]] = []
    cursor = pos
    while len(words) < limit:
        prev = regex.search(rf"(?:{NAME_WORD.pattern})[ \t]*$", text[max(0, cursor - 40):cursor])
        if not prev or not accept(prev.group(0).strip()):
            break
        start = cursor - len(prev.group(0))
        words.append((start, start + len(prev.group(0).rstrip(" \t"))))
        cursor = start
    if not words:
        return None
    return words[-1][0], words[0][1]


# ", " / " and " / " & " / "/" between two names of one list
_COORDINATION = regex.compile(r"[ \t]*(?:,[ \t]*(?:and[ \t]+|&[ \t]*)?|(?:and|&)[ \t]+|/[ \t]*)", regex.IGNORECASE)


def coordinated_names(text: str, found: Iterable[RecognizerResult], evidence: NameEvidence, cased: bool,
                      min_score: float = 0.6) -> list[RecognizerResult]:
    """Names listed after a name found with confidence: "Drs. Eklund, Moser and Hodge", "son
    kyle and ellery": whatever cue found the first name covers the rest of the list, so each
    next word needs only to be able to follow a cue and to look like a name (strength >= 0.4)."""
    lexicons = evidence.lexicons
    out: list[RecognizerResult] = []
    for result in found:
        if result.entity_type != "PERSON" or result.score < min_score:
            continue
        cursor = result.end
        for listed in range(4):  # a list of at most five names
            joined = _COORDINATION.match(text, cursor)
            if not joined or joined.end() == cursor:
                break
            span = name_words_after(text, joined.end(), evidence, cased, limit=2)
            if not span:
                break
            first = NAME_WORD.match(text, span[0]).group(0)
            if evidence.strength(first, cased) < 0.4 and first.lower() not in lexicons.first_names:
                break
            after = _COORDINATION.match(text, span[1])
            if joined.group(0).strip() == "," and not (after and after.end() > span[1]) and not listed:
                break  # "JONES, RRT", "Smith, Cardiology": a comma alone joins only inside a longer list
            out.append(RecognizerResult("PERSON", span[0], span[1], 0.55,
                                        recognition_metadata={"recognizer_name": "CoordinatedName"}))
            cursor = span[1]
    return out


def adjoining_name_words(text: str, found: Iterable[RecognizerResult], evidence: NameEvidence, cased: bool,
                         min_score: float = 0.55, mostly_lower: bool = False) -> list[RecognizerResult]:
    """The rest of a name beside a name part found: "this is [Jet] de Vroege", "[Allen] Payne for",
    "my father Aurélie [Faure] is": in mixed case (or a lower-case note's rare capitals) a capitalised word right next to it that is a
    Census name English uses less than "will" (Zipf < 5) or a rare word (< 3.5), with surname
    particles between. Beside a name, the terminology's everyday words ("Jet", "Evans") are names;
    a curated term only as a given name before it ("[Glenn] Reeves", not "Jones [Holter]"), and a
    rare medical word only when nothing marks it medical ("Faure", not "Amiodarone").

    A surname particle is evidence in any case: the particles before a name part and the word
    after a particle join it ("de [Reede]", "O [Laoidhe]", "[mick] van der strigt", "[JASON] DA LUZ").
    In a caseless query a Census name or a word rare in English joins without capitals to go by
    ("TEODORO MEDINA [RUIZ]", "[HANS-GUNTHER] HECKER"; a curated term only after a given name,
    "DONALD [WILLIAMS]").
    """
    lex = evidence.lexicons
    caseless_query = not cased and is_query(text)

    def caseless_adjoins(word: str, neighbour: str, before: bool) -> bool:
        lower = word.lower()
        if word in _SPOKEN_FILLERS or evidence.is_excluded(word) or lower in CALENDAR_WORDS or lower in lex.regions or lower in SURNAME_PARTICLES:
            return False
        parts = lower.split("-")
        if len(parts) == 2 and all(lex.is_name(part) and not lex.is_clinical(part) for part in parts):
            return True  # "HANS-GUNTHER"
        if lex.is_curated_term(lower):  # (not a short test's letters: "thomas [tee] shows")
            return not before and len(lower) > 3 and given_first(neighbour.lower(), lex) and lower in lex.last_names
        if lex.is_clinical(lower) and not lex.is_name(lower):
            return False
        zipf = lex.zipf(lower)
        if lex.is_name(lower):  # after a given name even a surname as common as "brown" ("my name richard brown")
            return zipf < 4.5 or not before and zipf < 5.5 and lower in lex.last_names and given_first(neighbour.lower(), lex) \
                and lower not in _VERBS_LISTED_AS_SURNAMES
        # a word English hardly knows; chat's abbreviations are commoner ("appt", "sched") or vowelless ("tmrw");
        # after a Census given name, one English knows a little, a foreign surname ("osvaldo [gonzaga]") that reads
        # as no verb form, medical shape or typo
        rare = zipf < 2.0 or not before and zipf < 3.0 and given_first(neighbour.lower(), lex) and len(lower) >= 4 \
            and not medical_shaped(lower) and not CHARTING_VERB.search(lower)
        return rare and len(lower) >= 3 and regex.search(r"[aeiouy]", lower) is not None \
            and not lower.endswith(DRUG_STEMS) and not evidence.misspelt(lower)  # "my husbnd [jon]"

    def adjoins(word: str, before: bool, given: str = "", end: int = 0) -> bool:
        lower = word.lower().removesuffix("'s").removesuffix("’s")
        if not word[:1].isupper() or word.isupper() or INNER_CAPITAL.search(word) or lower in lex.regions:
            return False
        if not before and given_first(given.lower(), lex) and lower in lex.last_names and lex.zipf(lower) < 5.6 \
                and lower not in _DEVICES_ALONE and not EPONYM_HEAD.match(text, end) and not _DAY_NUMBER_NEXT.match(text, end):
            return True  # after a given name, a surname English also uses: "John [White]", "Rhonda T. [French]"
        if lower in CALENDAR_WORDS or evidence.is_excluded(word):
            return False
        if lex.is_curated_term(lower):
            return before and lower in lex.first_names
        zipf = lex.zipf(lower)
        if lex.is_name(lower):
            return zipf < 5.0
        if lex.is_clinical(lower):
            return zipf < 2.5 and not medical_shaped(lower) and not lower.endswith(DRUG_STEMS)
        return zipf < 3.5

    out: list[RecognizerResult] = []
    for result in found:
        if result.entity_type != "PERSON":
            continue
        start, end = _particle_span(text, result.start, result.end, evidence, cased)
        if caseless_query and result.score >= min_score:
            nxt = _CASELESS_AFTER.match(text, end)
            if nxt and caseless_adjoins(nxt.group("word"), text[start:end].split()[-1], before=False):
                end = nxt.end()
            prev = _WORD_BEFORE.search(text, max(0, start - 40), start)
            if prev and caseless_adjoins(prev.group("word"), text[start:end].split()[0], before=True):
                start = prev.start()
        if (cased or mostly_lower) and result.score >= min_score - 0.05:  # a weak part too, but only with a given name before it
            weak = result.score < min_score
            for _ in range(0 if weak else 2):  # words after: "Aurélie [Faure]", "Jet [de Vroege]" (a particle, then a name)
                nxt = _ADJOINING_AFTER.match(text, end)
                if not nxt or not adjoins(nxt.group("word"), before=False, given=text[start:end].split()[0], end=nxt.end()):
                    break
                end = nxt.end()
            for _ in range(2):  # words before: "[Allen] Payne", "[Melissa] van Susa"; "[Glenn] Reeves" for a weak part
                prev = _ADJOINING_BEFORE.search(text, max(0, start - 60), start)
                if not prev or not adjoins(prev.group("word"), before=True) \
                        or weak and not given_first(prev.group("word").lower(), lex):
                    break
                start = prev.start()
                weak = False
        if (start, end) != (result.start, result.end):
            out.append(RecognizerResult("PERSON", start, end, 0.55,
                                        recognition_metadata={"recognizer_name": "AdjoiningName"}))
    return out


def _particle_span(text: str, start: int, end: int, evidence: NameEvidence, cased: bool) -> tuple[int, int]:
    """A name part grown over the surname particles beside it and the word a particle leads to;
    the particle is evidence enough for a part found weakly ("Gael da [Cunha]")."""
    lex = evidence.lexicons

    def surname_word(word: str) -> bool:
        lower = word.lower()
        if evidence.is_excluded(word) or lower in CALENDAR_WORDS or lower in SURNAME_PARTICLES \
                or cased and not word[0].isupper() or lex.is_clinical(lower) and not lex.is_name(lower):
            return False
        return lex.is_name(lower) and lex.zipf(lower) < 5.5 or lex.zipf(lower) < 3.5

    before = _PARTICLES_BEFORE.search(text, max(0, start - 20), start)
    if before:
        start = before.start()
    after = _PARTICLE_THEN_WORD.match(text, end)
    if not after and _ENDS_WITH_PARTICLE.search(text, start, end):
        after = _WORD_AFTER_PARTICLE.match(text, end)  # the name part found ends in its particle: "pt [van] den pol"
    if after and surname_word(after.group("word")):
        end = after.end()
    if _STARTS_WITH_PARTICLE.match(text, start):  # "[DON] Ó HICÍN", "[Gael] da Cunha": a listed given name before it
        given = _WORD_BEFORE.search(text, max(0, start - 40), start)
        word = given.group("word").lower() if given else ""
        if word in lex.first_names and not evidence.is_excluded(word) and not lex.is_clinical(word) \
                and (not cased or given.group("word")[0].isupper()):
            start = given.start()
    return start, end


_PARTICLES_PATTERN = "|".join(sorted(SURNAME_PARTICLES, key=len, reverse=True))
_LINKED_PARTICLES = rf"(?i:{_PARTICLES_PATTERN})(?:[ \t]+(?i:la|der|den|los))?"
# "de [Reede]", "O [Laoidhe]", "van der [Kint]": the Irish "O" only as a capital written apart
_PARTICLES_BEFORE = regex.compile(rf"(?<![\p{{L}}'’.-])(?:{_LINKED_PARTICLES}|O)[ \t]+$")
_PARTICLE_THEN_WORD = regex.compile(rf"[ \t]+{_LINKED_PARTICLES}[ \t]+(?P<word>\p{{L}}[\p{{L}}'’-]*\p{{L}})(?![\p{{L}}'’-])")
# everyday verbs the Census lists as surnames: after a given name they say what the person does ("PT RAY NEEDS")
_VERBS_LISTED_AS_SURNAMES = frozenset("needs wants says gets goes takes keeps calls looks feels seems comes makes works "
                                      "lives walks".split())
_CASELESS_AFTER = regex.compile(r" (?P<word>\p{L}[\p{L}'’-]*\p{L})(?![\p{L}'’.-])")
_STARTS_WITH_PARTICLE = regex.compile(rf"(?:(?i:{_PARTICLES_PATTERN})|O)[ \t]")
# the word right before a name part (caseless joins, a given name before a particle)
_WORD_BEFORE = regex.compile(r"(?<![\p{L}'’.-])(?P<word>\p{L}[\p{L}'’-]*\p{L})[ \t]+$")
_ENDS_WITH_PARTICLE = regex.compile(rf"(?<![\p{{L}}'’-])(?i:{_PARTICLES_PATTERN})$")
_WORD_AFTER_PARTICLE = regex.compile(rf"(?:[ \t]+(?i:la|der|den|los))?[ \t]+(?P<word>\p{{L}}[\p{{L}}'’-]*\p{{L}})(?![\p{{L}}'’-])")
_ADJOINING_AFTER = regex.compile(rf" (?:\p{{Lu}}\. )?(?:(?:{_PARTICLES_PATTERN}) (?:(?:la|der|den) )?)?(?P<word>\p{{Lu}}[\p{{L}}'’-]*\p{{L}})(?![\p{{L}}'’.]|-\p{{L}})")
_ADJOINING_BEFORE = regex.compile(rf"(?<![\p{{L}}'’.-])(?P<word>\p{{Lu}}[\p{{L}}'’-]*\p{{L}}) (?:(?:{_PARTICLES_PATTERN}) (?:(?:la|der|den) )?)?$")


class NameRecognizer(ClinicalRecognizer):
    """Base of the person-name recognizers: they all weigh words with the same evidence."""

    ENTITY = "PERSON"

    def __init__(self, lexicons: Lexicons):
        super().__init__(lexicons)
        self.evidence = NameEvidence(lexicons)
