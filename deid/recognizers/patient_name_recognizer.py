"""The patient named in the slots clinicians keep for it: "Pt Fischer, 78M", "PT LISKOVA NEEDS
STAT ECHO", "bed 7 Kubiaczyk, 74M", "Silva 82F on Eliquis", "MATTHEW GREEN, DOB 4/9/1963".

Handoffs, referrals and triage messages write the name right after "pt"/"patient", right
before the age and sex, or right before the date of birth or record number. In such a slot a
word that can be a name is one: capitalised and listed or rare where case means something,
listed or rare in English otherwise. After "pt" the slot must also close like a patient line
(a comma, a number, "needs", "had", "MRN"...), and without case only a listed name fills it,
so "pt tolerated", "PT CONTS ON" and "pt comfort," stay. A one-line query has more slots: the
subject of its question ("Swan numbers for Okafor:", "echo report Svensson EF 35%"), the patient
a care verb acts on ("OK to discharge Larson today?"), the name after age and sex ("64F Petersen
with"), a name glossed with its diagnosis ("Bertrand (NSTEMI)") or owning a drug ("Popa's Coumadin").
"""

from __future__ import annotations

import regex
from spacy.lang.en.stop_words import STOP_WORDS

from deid.recognizers.base import is_query
from deid.recognizers.relative_name_recognizer import RELATIONS
from deid.recognizers.name_tokens import (CALENDAR_WORDS, DEPARTMENT_AFTER, EPONYM_HEAD, SURNAME_PARTICLES, NameRecognizer,
                                         given_first, medical_shaped, name_words_after, name_words_before)

_AFTER_PATIENT = regex.compile(r"\b(?:(?:pt|patient|participant)(?:[ \t]+in[ \t]+\d{1,3}[A-Za-z]?)?(?:[ \t]+is)?|(?:cards[ \t]+)?consult|curbside|page|pager|re)\b\.?[ \t]{0,3}:?[ \t]{0,3}(?=\p{L})",
                            regex.IGNORECASE)
# "pls check Okafor's potassium", "wants Popa's Coumadin held": a name owning a drug, lab or test
_OWNS_CLINICAL = regex.compile(r"(?P<name>\p{L}[\p{L}'’-]*\p{L})['’]s[ \t]+(?P<thing>\p{L}+)(?![ \t]+(?:disease|syndrome|sign))",
                               regex.IGNORECASE)
_RELATION = regex.compile(RELATIONS, regex.IGNORECASE)
# what closes the name after "pt": punctuation, a number, or the verbs and labels of a patient line
_PATIENT_LINE_GOES_ON = regex.compile(
    r"[ \t]*(?:[,(:]|-[ \t]|$)|[ \t]+(?:\d|(?:mrn|dob|ssn|needs?|had|has|s/p|post|presented|presents|admitted|weight|wt|"
    r"restart|resume|start|stop|continue|take|"
    r"bed|rm|room|refus(?:ing|es|ed)|request(?:s|ing|ed)|complains|c/o|asking|asks|calling|called|wants|sent|seen|declined|"
    r"declines|agreed|consented|enrolled|withdrew)(?!\p{L})|at[ \t]+\d|"
    r"new[ \t]+(?:address|phone|number|pharmacy|insurance|pcp|cardiologist)\b)",
    regex.IGNORECASE | regex.MULTILINE)
# weaker closes, for a word that is surely a name: "pt Griffin INR 1.6", "Pt Bakare dialysis MWF", "pt Miller from"
_NAME_LINE_GOES_ON = regex.compile(r"[ \t]+(?:(?:with|w/|on|from|in|at|for|today|tonight)(?!\p{L})|(?P<next>\p{L}[\p{L}/-]*))")
# the patient line may also go on with a verb ("Curbside: Okafor is a 58F"; without case only after a listed name)
_CASED_LINE_GOES_ON = regex.compile(r"[ \t]+(?:is|was|went|who)\b")
# a one-line query that opens with the patient: "Etzold - 2nd trop 1.2", "Okafor: K 6.1"
_QUERY_OPENS_WITH = regex.compile(r"^[ \t]*(?=\p{L}[\p{L}'’-]*(?:[ \t]\p{L}[\p{L}'’-]*)?[ \t]*(?:[ \t][-–]|:|[ \t]from[ \t]+\p{Lu})[ \t]?)")
# "Jones Holter 24h", "Outpatient note 4/1: Jones seen for HTN": a name opening a query or a labelled
# line, then the test it is about or a patient line's verb
_OPENS_BEFORE_TEST = regex.compile(r"(?:^|:|\b(?i:fyi)\b)[ \t]*(?=(?P<word>\p{L}[\p{L}'’-]*)[ \t]+(?P<next>\p{L}[\p{L}/'’-]*))")
_LINE_VERB_AFTER = regex.compile(r"seen|presents|presented|admitted|needs|c/o|complains|reports|had|has|is|was|s/p|"
                                 r"takes|refuses|refused|declines|declined|wants", regex.IGNORECASE)
# "74M", "82 F", "58m", "74 yo M", "74yoF", "90 y/o female", ": 55F", " - 78M", ", 91,", "(96)", ", 94 yo", ", a 96-year-old"
# (each starts right after a letter, so a long run of spaces is scanned once, not once per space)
_AGE_AND_SEX = regex.compile(
    r"(?<=[\p{L}.])(?:(?:,[ \t]*|[ \t]*[:–—][ \t]*|[ \t]+-[ \t]+|[ \t]+)\(?\d{1,3}[ \t]?(?:y/?o|yo|y\.o\.|yrs?|years?[ -]old)?[ \t]?(?:m|f|male|female)(?!\p{L})"
    r"(?![ \t]*(?:sheath|cath|catheter|french|fr|introducer)\b)"
    r"|,[ \t]*\d{2,3}[ \t]*,|[ \t]*\(\d{2,3}\)"
    # "in allen, 94 yo,", "Kaja, a 96-year-old retired teacher": an age set off after the name, as case reports write it
    r"|,[ \t]*(?:an?[ \t]+)?\d{2,3}[ \t]?(?:y/?o|yo|y\.o\.|-?years?-old|-?year-old)(?!\p{L}))", regex.IGNORECASE)
_BIRTH_OR_RECORD = regex.compile(r"(?<=[\p{L}.])[ \t]*[,(]?[ \t]*(?:dob|d\.o\.b\.?|date[ \t]+of[ \t]+birth|mrn|mr#|ssn|born)(?!\p{L})",
                                 regex.IGNORECASE)
_VERB_FORM = regex.compile(r"(?:ed|ing|ly)$", regex.IGNORECASE)
# the word that decides a slot: the first name word, past a surname particle ("pt da Luz had")
_NAME_START = regex.compile(rf"(?:(?:{'|'.join(sorted(SURNAME_PARTICLES))})[ \t]+(?:(?:la|der|den)[ \t]+)?(?=\p{{Lu}}))?"
                            r"(\p{L}[\p{L}'’-]*)")
# "PT THOMPSON NEEDS STAT ECHO": verbs of a patient line that let a common surname fill the slot
_LINE_VERB = regex.compile(r"[ \t]+(?:needs?|had|has|refusing|refuses|requests|requesting|presents|c/o|complains|mrn|dob|"
                           r"calling|called|asking|wants)\b",
                           regex.IGNORECASE)
# in a one-line query: "numbers for Okafor:", "review the ECG on Bertrand?", "echo report Svensson EF 35%"
_QUERY_SUBJECT_BEFORE = regex.compile(
    r"\b(?:(?:for|on|in)[ \t]+(?=\p{L}[\p{L}'’-]*(?:[ \t]\p{L}[\p{L}'’-]*)?[ \t]*(?:[?:,—–]|[.!]?[ \t]*$|[ \t](?:after|before|to)\b|[ \t]-[ \t]|"
    r"[ \t](?:in|on)[ \t]+\d|[ \t](?:hr|bp|inr|k|cr|crcl|egfr|ef|lvef|bnp|trop|hgb|plt|na|sbp|wt)[ \t:]*\d|"
    r"[ \t](?:w/?|with|dx|hx|s/p|given|shows|showed|dos|starting)[ \t]))"
    r"|(?:report|results?|interrogation|tracing|strips?|images|films)[ \t]+(?:for[ \t]+|of[ \t]+|on[ \t]+)?"
    # "OK to discharge Larson today?", "Can we refer Sanghvi to EP": the patient a care verb acts on
    r"|(?:discharge|refer|admit|transfer|move|schedule|book|reschedule|cardiovert|anticoagulate|send|sent|add|see|evaluate|eval|"
    r"screened|screen|enrolled|enroll|randomized|consented|consent)[ \t]+"
    r"(?=\p{L}[\p{L}'’-]*(?:[ \t]\p{L}[\p{L}'’-]*)?[ \t]*(?:[?,]|[ \t](?:to|today|tomorrow|tonight|home|for|in|with)\b))"
    # "64F Petersen with ongoing pain", "78M White arrived"
    r"|(?<![\p{L}\d])\d{1,3}[ \t]?(?:y/?o[ \t]?)?[MF][ \t]+(?=\p{Lu}))",
    regex.IGNORECASE)
_WORD_AFTER = regex.compile(r"[ \t]+(\p{L}[\p{L}'’-]*)")
_FOR_WORD = regex.compile(r"\bfor[ \t]+(?=(?P<word>\p{L}[\p{L}'’-]*\p{L})\b)", regex.IGNORECASE)
# "ITEMIZED BILL REQUEST: BARAC, ACCOUNT LINKED TO MRN": a label, then one word set off by a comma
_LABELLED_ALONE = regex.compile(r":[ \t]*(?P<name>\p{L}[\p{L}'’-]*\p{L})(?=[ \t]*,)")
# "Rounding list: Bertrand (NSTEMI), Carlier (CHF)": a name glossed with its diagnosis
_GLOSSED = regex.compile(r"(?<![\p{L}'’-])(?P<name>\p{Lu}[\p{L}'’-]*\p{L})[ \t]\((?P<gloss>[\p{L}/ -]{2,25})\)")
_NAME = r"(?P<name>\p{L}[\p{L}'’-]*\p{L})"
_THEN_SURNAME = r"(?:[ \t]+(?P<surname>\p{L}[\p{L}'’-]*\p{L}))?"  # an optional second word, tested on its own
# who someone speaks or asks about: "wife says torres looks grey", "wants to know if Murphy can shower"
_SPOKEN_OF = regex.compile(rf"\b(?:says|said|asks|asked|thinks|thought|worried|worries|if|whether)[ \t]+{_NAME}[ \t]+"
                           r"(?:looks|is|was|has|had|can|could|should|seems|needs|feels|will|would|gets|got)\b", regex.IGNORECASE)
# "Heath in room 3", "Rousset bed 14", "Bhardwaj in 12B", "Sandro in CCU": who is in a room or a unit
_IN_ROOM = regex.compile(rf"(?<![\p{{L}}'’-]){_NAME}[ \t]+(?:(?:in[ \t]+)?(?:room|rm|bed|bay)[ \t]*#?\d|in[ \t]+(?:\d{{1,3}}[A-Z]\b|"
                         r"(?-i:CCU|ICU|MICU|SICU|CVICU|CTICU|PACU)\b))", regex.IGNORECASE)
_BED_THEN_NAME = regex.compile(rf"\b(?:bed|rm|room|bay)[ \t]*\d{{1,3}}[A-Za-z]?[ \t]+{_NAME}"
                               r"(?=[ \t]*(?:,|\(|[—–]|[ \t]-[ \t]|[ \t]\d{1,3}[ \t]?[MF]\b))", regex.IGNORECASE)
# a sign-out list's numbered item: "1) Palmer — HFrEF on milrinone"
_LIST_ITEM = regex.compile(rf"(?:^|[:;,.][ \t]*|[ \t])\d{{1,2}}\)[ \t]+{_NAME}(?=[ \t]*(?:[—–,(]|[ \t]-[ \t]))")
# the person a question asks about, at its start: "does Ravi need to stop", "can istvan still take"
_ASKED_ABOUT = regex.compile(rf"(?:^|[.!?:][ \t]+)(?:does|did|can|could|should|will|would|is|has)[ \t]+{_NAME}[ \t]+"
                             r"(?:need|needs|still|take|have|go|get|move|stop|keep|start|come|be|continue|use|fly|drive|"
                             r"shower|exercise|return|resume|restart|skip|wear|see)\b", regex.IGNORECASE)
# a query or a sentence opened by what a person does: "Kelechi keeps asking me", "Sarthak wrote:", "...? GISBERT
# BERGER WANTS TO KNOW", "tell him that Balhaar brought in"
_OPENS_WITH_DOER = regex.compile(rf"(?:^|[.!?][ \t]+|\b(?:that|and)[ \t]+)[ \t]*{_NAME}{_THEN_SURNAME}[ \t]+"
                                 r"(?:keeps|wrote|writes|wants|asked|asks|says|said|called|brought|dropped|enrolled|declined|"
                                 r"consented|withdrew|agreed|refused|refuses)\b", regex.IGNORECASE)
# "fluid 1.5l, lucas to bring med list", "Ana to call back": who is to do something, at a clause's start
_TO_DO = regex.compile(rf"(?:^|[.!?,;:][ \t]*){_NAME}[ \t]+to[ \t]+(?:bring|call|come|return|arrive|schedule|follow[ \t]+up|"
                       r"stop|hold|take|continue|see|get|pick[ \t]+up)\b", regex.IGNORECASE)
# "emergency contact for Bourgeois is", "proxy of Okafor": whose contact or proxy someone is
_CONTACT_OF = regex.compile(rf"\b(?:contact|contacts|proxy|hcp|poa|guardian)[ \t]+(?:for|of)[ \t]+{_NAME}{_THEN_SURNAME}"
                            r"(?=[ \t]*(?:[,:(]|$|is|are)\b|[ \t]*[,:(])", regex.IGNORECASE)
# "Alighieri family meeting", "met the Gopal family", "Family of Bailey asking": a family named by its surname
_FAMILY_OF = regex.compile(rf"(?<![\p{{L}}'’-]){_NAME}[ \t]+family\b(?![ \t]+(?:history|hx|medicine|practice|physician|"
                           rf"doctor|planning|members?[ \t]+with))|\bfamily[ \t]+of[ \t]+{_NAME}\b", regex.IGNORECASE)
# a caller naming themselves: "hi its nuria again", "this is henrik ojala calling", "it's Johan on nights", or
# opening the message: "THIS IS CHEPNGENO WHY HAS NOBODY CALLED"
_SELF_NAMED = regex.compile(
    rf"(?:\b(?:it['’]?s|this[ \t]+is|i['’]m)[ \t]+{_NAME}{_THEN_SURNAME}"
    r"(?=[ \t]+(?:again|here|calling|on[ \t]+(?:nights|days|call))\b|[ \t]*[—–])"
    rf"|^[ \t]*(?:(?:hi|hello|hey)[ \t,!]+(?:(?:doc|doctor|there)[ \t,!]+)?)?this[ \t]+is[ \t]+{_NAME}\b)", regex.IGNORECASE)
# whom a message thanks, set off: "Thanks so much, Dominika!", "thx, amy at 564 moore trail"
_THANKED = regex.compile(rf"\b(?:thanks|thank[ \t]+you|thx|ty)(?:[ \t]+(?:so[ \t]+much|again|a[ \t]+lot))?,[ \t]*{_NAME}"
                         r"(?=[ \t]*(?:[!.,]|$)|[ \t]+at[ \t]+\d)", regex.IGNORECASE)
# a worklist or search line: the study, then the patient, then a date, a number or "last": "ekg montgomery
# cynthia last 3", "echo clive ó héimhigh 1/6/2021", "Holter Okafor, Ada 3/2"
_STUDY_THEN_NAME = regex.compile(
    r"(?:^|:)[ \t]*(?:echo|holter|tte|tee|ecg|ekg|cath|mri|cxr|zio(?:[ \t]+patch)?+|lipid[ \t]+panel|(?:pacemaker|device|icd)[ \t]+check|"
    r"(?:event|loop|cardiac|holter)[ \t]+monitor)"
    r"(?:[ \t]+(?:report|results?|strips?|images|tracing))?[ \t]+"
    r"(?P<names>\p{L}[\p{L}'’-]*\p{L}(?:,?[ \t]+(?:\p{L}[\p{L}'’-]*\p{L}|\p{L}\.?)){0,3}?)"
    r"(?=[ \t]*(?:$|,|\d|(?:last|results?|report|mrn|dob|pls|please)\b))", regex.IGNORECASE)
# slots where nothing but a person can be meant, so a rarer word fills them
_PERSON_ONLY = (_ASKED_ABOUT, _OPENS_WITH_DOER, _FAMILY_OF, _LIST_ITEM, _SELF_NAMED, _IN_ROOM, _THANKED, _TO_DO)
# studies a worklist writes before the patient ("ECHO SMITH, DOB ..."), some of them also Census surnames
_STUDIES = frozenset("echo holter tte tee ecg ekg cath mri ct cxr stress nuclear zio monitor event loop".split())
_CALENDAR = CALENDAR_WORDS | {"today", "tomorrow", "tonight"}


class PatientNameRecognizer(NameRecognizer):
    # not WEAK: the slot decides, and eponymous surnames fill it too ("Bed 8 Jones, 61F")

    def find(self, view, deadline):
        yield from self._after_patient(view, deadline)
        if is_query(view.text):
            yield from self._query_slots(view, deadline)
        yield from self._before_age_or_record(view, deadline)

    def _after_patient(self, view, deadline):
        text = view.text
        for match in _AFTER_PATIENT.finditer(text, timeout=deadline.remaining()):
            word = _NAME_START.match(text, match.end())
            query = is_query(text)
            if not word or not self._slot_word(word.group(1), view.cased) or not view.cased and not (
                    self._listed(word.group(1)) or self._common_surname_before_verb(text, word)
                    or query and self._caseless_query_name(word.group(1))):
                continue  # caseless notes clip and misspell after "pt" ("PT CONTS ON"): only listed names
            span = self._without_clinical_tail(text, name_words_after(text, match.end(), self.evidence, view.cased, limit=3))
            if not span and not view.cased and (query and self._caseless_query_name(word.group(1))
                                                or self._common_surname_before_verb(text, word)):
                span = word.span(1)  # "pt duffy asking", "PATIENT MILLER CALLING": a surname the terminology also lists
            if span and (_PATIENT_LINE_GOES_ON.match(text, span[1]) or _CASED_LINE_GOES_ON.match(text, span[1])
                         or "." not in match.group(0)[2:] and self._name_then_clinical(text, span, view.cased)):
                yield self.result(span[0], span[1], 0.7)

    def _name_then_clinical(self, text: str, span: tuple[int, int], cased: bool) -> bool:
        """After "pt", a surely-named word closed by a preposition or a clinical word ("pt Griffin
        INR 1.6": in mixed case a capitalised Census name, so not "Pt Denies", "pt Stable";
        without case only listed names, "PT MORAN PREOP")."""
        follower = _NAME_LINE_GOES_ON.match(text, span[1])
        if not follower or follower.group("next") and not self.lexicons.is_clinical(follower.group("next")):
            return False
        last = text[span[0]:span[1]].split()[-1]
        if not cased:  # "PT MORAN PREOP CLEARANCE": only a listed name (in a query also "PT DÁVILA PREOP")
            query = is_query(text)
            return all(self._listed(word) or query and self._caseless_query_name(word, unknown=False)
                       for word in text[span[0]:span[1]].split())
        zipf = self.lexicons.zipf(last)
        return last[0].isupper() and (self.lexicons.is_name(last) and zipf < 5.0 or zipf < 2.0)

    def _query_slots(self, view, deadline):
        """Slots only a one-line query has (notes write "Cont's", "le's", "Wegner's syndrome")."""
        text = view.text
        # an opening name must be listed, or in mixed case a word no dictionary knows: not "Curbside:", "ADDM:"
        # (not a department: "Billing dept:")
        opening = [m for m in _QUERY_OPENS_WITH.finditer(text)
                   if (first := _NAME_START.match(text, m.end())) and self._opening_name(first.group(1), view.cased)
                   and not DEPARTMENT_AFTER.match(text, first.end())]
        # "for farkas severe mr", "for Hill dx": after "for", a word that is surely a name, whatever follows
        surely_named = [m for m in _FOR_WORD.finditer(text, timeout=deadline.remaining())
                        if self._surely_named(m.group("word"), view) and not EPONYM_HEAD.match(text, m.end("word"))]
        for match in (*_QUERY_SUBJECT_BEFORE.finditer(text, timeout=deadline.remaining()), *opening, *surely_named):
            word = _NAME_START.match(text, match.end())
            # a capitalised word in a lower-case query is read as case says ("for Hill dx")
            cased = bool(word) and self._word_cased(word.group(1), view)
            if word and self._slot_word(word.group(1), cased) and word.group(1).lower() not in _CALENDAR \
                    and (cased or self._caseless_subject(word.group(1))) \
                    and not self._is_place(word.group(1)) and not self._subject_clinical(word.group(1), cased):
                # (unlike "Pt Jones", the subject slot also holds tests: "for Holter hookup:")
                span = self._without_clinical_tail(text, name_words_after(text, match.end(), self.evidence, cased, limit=3))
                following = _WORD_AFTER.match(text, span[1]) if span else None
                if following and match.group(0)[:2].lower() == "on" and self.lexicons.is_clinical(following.group(1)):
                    continue  # "on max metoprolol": a dose's word before the drug, not a patient
                if span:
                    yield self.result(span[0], span[1], 0.6)
        for match in _OPENS_BEFORE_TEST.finditer(text, timeout=deadline.remaining()):
            word, nxt = match.group("word"), match.group("next")
            test = (self.lexicons.is_curated_term(nxt) or nxt.isupper() and self.lexicons.is_clinical(nxt)) \
                and not _VERB_FORM.search(nxt)  # a test, not a charting verb ("weaned")
            if self.evidence.is_excluded(word) or test and self.evidence.is_excluded(nxt):
                continue  # "Nurse triage", "Dear Mr. Lambert"
            if (test or _LINE_VERB_AFTER.fullmatch(nxt)) and self._opening_name(word, view.cased, unknown_below=2.0) \
                    and not self._subject_clinical(word, view.cased) or test and self._census_name(word, view.cased) \
                    or test and not view.cased and self._caseless_before_test(word):
                yield self.result(match.start("word"), match.end("word"), 0.6)
        for match in _LABELLED_ALONE.finditer(text, timeout=deadline.remaining()):
            name = match.group("name")
            caseless_name = self._listed(name) or self.evidence.caseless_unknown(name, max_zipf=2.0)  # not "ALLERGIES: PCN,"
            if (caseless_name if not view.cased else self._opening_name(name, True)) \
                    and not self.lexicons.is_clinical(name) and not self._is_place(name) and name.lower() not in _CALENDAR:
                yield self.result(match.start("name"), match.end("name"), 0.6)
        for match in _STUDY_THEN_NAME.finditer(text, timeout=deadline.remaining()):
            words = regex.findall(r"\p{L}[\p{L}'’.-]*", match.group("names"))
            if all(self._worklist_name(w, view.cased) for w in words) and any(len(w.rstrip(".")) > 1 for w in words):
                yield self.result(match.start("names"), match.end("names"), 0.6)
        for match in _GLOSSED.finditer(text, timeout=deadline.remaining()):
            name = match.group("name")
            if all(self.lexicons.is_clinical(w) for w in match.group("gloss").split()) and self._slot_word(name, view.cased) \
                    and not self._subject_clinical(name, view.cased) and not self._is_place(name):
                # (a capitalised Census name only the terminology lists is a name here: "Stone (NSTEMI)")
                yield self.result(match.start("name"), match.end("name"), 0.6)
        # "wife says torres looks grey", "ECG tech: Heath in room 3", "bed 7 Musa, 74M", "does Ravi need",
        # "Kelechi keeps asking", "Gopal family meeting", "its nuria again": narrower slots
        for compiled in (_SPOKEN_OF, _IN_ROOM, _BED_THEN_NAME, _ASKED_ABOUT, _OPENS_WITH_DOER, _FAMILY_OF, _SELF_NAMED,
                         _LIST_ITEM, _THANKED, _CONTACT_OF, _TO_DO):
            for match in compiled.finditer(text, timeout=deadline.remaining()):
                rare = compiled in _PERSON_ONLY
                if self._narrow_slot_name(match.group("name"), view.cased, rare, view.mostly_lower):
                    surname = match.groupdict().get("surname")  # "henrik [ojala]": the surname beside it, as narrow
                    end = match.end("surname") if surname and self._narrow_slot_name(surname, view.cased, rare,
                                                                                      view.mostly_lower) \
                        else match.end("name")
                    yield self.result(match.start("name"), end, 0.6)
        for match in _OWNS_CLINICAL.finditer(text, timeout=deadline.remaining()):
            name, thing = match.group("name"), match.group("thing")
            if (self.lexicons.is_clinical(thing) or self.evidence.misspelt(thing.lower()) or self._owned_noun(thing)) \
                    and thing.lower() not in STOP_WORDS \
                    and self._slot_word(name, view.cased) and not self._subject_clinical(name, view.cased) \
                    and name.lower() not in _CALENDAR \
                    and (view.cased or self._listed(name) or self.lexicons.zipf(name) < 2.0):
                yield self.result(match.start("name"), match.end("name"), 0.6)

    def _before_age_or_record(self, view, deadline):
        text = view.text
        for pattern in (_AGE_AND_SEX, _BIRTH_OR_RECORD):
            for match in pattern.finditer(text, timeout=deadline.remaining()):
                # a bare number ("Weight, 95,", "(96)") says less than "74M": no everyday word before it
                bare = not regex.search(r"\p{L}", match.group(0))
                span = name_words_before(text, match.start(), lambda w: w.lower() in SURNAME_PARTICLES or self._slot_word(
                    w, view.cased) and not (bare and self.lexicons.zipf(w) >= 4.0 and w.lower() not in self.lexicons.first_names)
                    and not self._names_a_test(w, view.cased))
                words = text[span[0]:span[1]].split() if span else []
                if not span or words[-1].lower() in SURNAME_PARTICLES:  # a particle alone is no name
                    continue
                weak_anchor = pattern is _BIRTH_OR_RECORD or regex.match(r"[ \t]*[:–—-]", match.group(0))
                if weak_anchor and not view.cased and len(words) == 1 and self._everyday_alone(words[0]):
                    continue  # "my next device check, ssn", "teaching file: 94f": without case, an everyday word alone
                yield self.result(span[0], span[1], 0.7)

    def _everyday_alone(self, word: str) -> bool:
        """A word English uses (Zipf >= 3.5) that is neither a listed given name nor a Census name used mostly
        as a name ("check", "file", "records"; not "Garcia", "Nancy"): alone before a record label it is no name."""
        return self.lexicons.zipf(word) >= 3.5 and not self._listed(word)

    def _narrow_slot_name(self, word: str, cased: bool, person_only: bool = False, mostly_lower: bool = False) -> bool:
        """A slot only a person fills (who "looks grey", who is "in room 3"): a Census name English uses less
        than "will" (in mixed case capitalised, even one the terminology's word list holds), or a word no
        dictionary knows; never a curated term, a calendar word or a pronoun. ``person_only``: where nothing
        but a person can be meant, also a word English uses rarely: capitalised where capitals count (Zipf <
        3.5: "Ravi", "Gopal"), otherwise one that reads as no verb or typo (Zipf < 3.5: "henrik")."""
        lex, lower = self.lexicons, word.lower()
        if lex.is_curated_term(word) or lower in _CALENDAR or cased and word.isupper() \
                or lex.is_clinical(word) and not (lex.is_name(word) and (cased or person_only and lex.zipf(lower) < 4.0)):
            return False  # (without case, a Census name the terminology's word list holds only where just a person fits)
        if person_only and not self.evidence.is_excluded(word) and lower not in lex.regions:
            if (cased or mostly_lower) and word[0].isupper() and word[1:].islower() and lex.zipf(lower) < 3.5:
                return True
            if not cased and self.evidence.rare_plain_word(lower, max_zipf=3.5):
                return True
        return self.evidence.person_word(word, cased)

    def _worklist_name(self, word: str, cased: bool) -> bool:
        """A word of the patient's name after a worklist's study: an initial, or capitalised where case counts,
        a Census name English uses less than "will" (Zipf < 5) or an uncommon word (< 3.5) that reads as no
        verb form or typo, never a clinical or calendar word or a study; a curated eponym only as a
        capitalised Census surname."""
        lex, lower = self.lexicons, word.lower()
        if len(word.rstrip(".")) == 1:
            return True
        if self.evidence.is_excluded(word) or lower in _CALENDAR or lex.is_clinical(lower) and not lex.is_name(lower) \
                or lower in lex.regions or cased and not word[0].isupper() or lower in _STUDIES \
                or not cased and lex.is_clinical(lower) and not self.evidence.mostly_name(lower):
            return False  # (without case, a word the terminology holds only if used mostly as a name: not "PATCH")
        if lex.is_curated_term(lower):  # "Event monitor Williams 16573016": capitalised, an eponymous surname
            return cased and not word.isupper() and lower in lex.last_names
        return lex.is_name(lower) and lex.zipf(lower) < 5.0 or self.evidence.rare_plain_word(lower, max_zipf=3.5)

    def _names_a_test(self, word: str, cased: bool) -> bool:
        """A study before a patient's name and age ("ECHO SMITH, DOB", "Holter Garcia 74M") is the test a
        worklist names, unless in mixed case it is a given name first ("Echo Smith, 74M"); eponymous
        surnames stay names ("Hess 82F", "DAVID EDWARDS 97M")."""
        return word.lower() in _STUDIES and not (cased and word[0].isupper() and given_first(word.lower(), self.lexicons))

    def _caseless_subject(self, word: str) -> bool:
        """Without case a query's subject slot also holds charting words ("for billing,", "FOR
        DIURESIS,", "for dysynchronous breathing"): only a listed name (ending as it may: "dyal",
        "bernal") or an unknown word not shaped like a medical one."""
        if _VERB_FORM.search(word):
            return False
        return self._listed(word) or not medical_shaped(word) and self.evidence.unknown_word(word, max_zipf=2.0)

    @staticmethod
    def _word_cased(word: str, view) -> bool:
        """Does case tell something about this word? In mixed case, yes; in a lower-case text, when
        the writer capitalised it ("prior auth for Hill dx")."""
        return view.cased or view.mostly_lower and word[:1].isupper() and word[1:].islower()

    def _surely_named(self, word: str, view) -> bool:
        """A subject no follower need confirm: capitalised where case counts, a Census name English uses
        less than "smith" and no curated term ("for Hill dx"); without case a Census name rare in English or
        used mostly as a name ("for farkas severe"); never a clinical word that is not a name."""
        lex, lower = self.lexicons, word.lower()
        if lex.is_curated_term(lower) or self.evidence.is_excluded(word) or lower in _CALENDAR or self._is_place(word):
            return False
        if self._word_cased(word, view):
            return word[0].isupper() and lex.is_name(lower) and lex.zipf(lower) < 5.0
        return not lex.is_clinical(lower) and self._listed(word) and lower not in lex.first_names

    def _census_name(self, word: str, cased: bool) -> bool:
        """A capitalised Census name no curated term holds ("Jones Holter 24h")."""
        lex = self.lexicons
        return cased and word[0].isupper() and not word.isupper() and lex.is_name(word) and not lex.is_curated_term(word) \
            and lex.zipf(word) < 5.0

    def _caseless_before_test(self, word: str) -> bool:
        """Without case, a query's opening word before a test ("hernandez cabg 2019 op note", "astuti cabg"):
        a Census name English uses less than "still" (Zipf < 4) or a word no dictionary knows; no clinical word."""
        lex = self.lexicons
        if lex.is_clinical(word) or lex.is_curated_term(word) or self.evidence.is_excluded(word):
            return False
        return lex.is_name(word) and lex.zipf(word) < 4.0 or self.evidence.caseless_unknown(word, max_zipf=1.5)

    def _subject_clinical(self, word: str, cased: bool) -> bool:
        """A test or drug rather than the patient: any clinical word, except in mixed case a
        capitalised Census name that only the terminology's everyday words hold ("for Burns
        after weaning", "the CT on Page?"); our curated terms stay tests ("for Holter hookup")."""
        lex = self.lexicons
        if not lex.is_clinical(word):
            return False
        return not (cased and word[0].isupper() and not word.isupper() and lex.is_name(word)
                    and not lex.is_curated_term(word))

    def _opening_name(self, word: str, cased: bool, unknown_below: float = 1.0) -> bool:
        """Listed, or in mixed case a Census name rare enough (Zipf < 4.5: "Armstrong - 2nd trop",
        not "Update -") or a word no dictionary knows (Zipf < ``unknown_below``: before a test or a patient
        line's verb a rarer word will do, "Handoff: Hellstrom s/p TAVR", but not "Curbside:")."""
        lex = self.lexicons
        return self._listed(word) or cased and (self.evidence.unknown_word(word, max_zipf=unknown_below, compounds=True)
                                                or lex.is_name(word)
                                                and lex.zipf(word) < 4.5 and not lex.is_curated_term(word))

    def _without_clinical_tail(self, text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
        """The slot holds the name, not what follows it: "for Okafor's Holter:" ends at "Okafor"."""
        if not span:
            return None
        words = [m for m in regex.finditer(r"\p{L}[\p{L}'’-]*", text[span[0]:span[1]])]
        while len(words) > 1 and (self._clinical_tail(words[-1].group(0)) or regex.search(r"['’]s$", words[-2].group(0))):
            words.pop()
        return span[0], span[0] + words[-1].end()

    def _clinical_tail(self, word: str) -> bool:
        """A test or term after the name ("Holter"), not a surname the terminology also lists ("Weaver")."""
        lex = self.lexicons
        return lex.is_curated_term(word) or lex.is_clinical(word) and not (lex.is_name(word) and word[:1].isupper())

    def _is_place(self, word: str) -> bool:
        """A state or country, or a town that is not also a Census name ("Williams" is both)."""
        lower, lex = word.lower(), self.lexicons
        return lower in lex.regions or lower in lex.cities and not lex.is_name(lower)

    def _common_surname_before_verb(self, text: str, word) -> bool:
        lower = word.group(1).lower()
        return lower in self.lexicons.last_names and self.lexicons.zipf(lower) < 4.6 and bool(_LINE_VERB.match(text, word.end()))

    def _caseless_query_name(self, word: str, unknown: bool = True) -> bool:
        """After "PT" in a caseless one-line query: a Census name English uses less than "still" or
        "will" (Zipf < 5: "PT SMITH PREOP"), or (``unknown``, where a patient line's verb follows) a word
        no dictionary knows ("PT DÁVILA REFUSING", not "pt desats with")."""
        lex = self.lexicons
        if _VERB_FORM.search(word) or self.evidence.vetoes_name(word):  # "duffy" only the terminology lists
            return False
        return lex.is_name(word) and lex.zipf(word) < 5.0 or unknown and self.evidence.caseless_unknown(word, max_zipf=3.2)

    def _listed(self, word: str) -> bool:
        """A Census first name, or a Census surname rare in English (Zipf < 3.5: "Herrera", not "Comfort") or
        used in English mostly as a name ("Martinez", "Miller")."""
        lex, lower = self.lexicons, word.lower()
        return lower in lex.first_names and lex.zipf(lower) < 5.5 or lower in lex.last_names and lex.zipf(lower) < 3.5 \
            or self.evidence.mostly_name(lower)

    def _owned_noun(self, thing: str) -> bool:
        """What a person owns as "Young's echo" owns a test: a relative ("Young's son") or a noun whose plural
        English uses often (Zipf >= 4: "Young's house", "Kim's phone")."""
        return bool(_RELATION.fullmatch(thing)) or self.lexicons.zipf(thing.lower() + "s") >= 4.0

    def _slot_word(self, word: str, cased: bool) -> bool:
        """Can this word fill a patient-name slot? An initial, or a Census name, or a word rare in
        English (Zipf < 4 capitalised in mixed case, < 2 otherwise); never a function word, a
        clinical word that is not also a name, or a verb form ("tolerated", "resting")."""
        lex = self.lexicons
        if regex.fullmatch(r"\p{Lu}\.", word):
            return True
        if self.evidence.is_excluded(word) or lex.is_clinical(word) and not lex.is_name(word) \
                or _VERB_FORM.search(word) and not lex.is_name(word):
            return False
        if cased and (not word[0].isupper() or word.isupper() and len(word) <= 4):
            return False
        return lex.is_name(word) or lex.zipf(word) < (4.0 if cased else 2.0)
