"""Hospitals, clinics, rehab and nursing facilities, and hospital abbreviations used as places.

"transferred from Calvert Hospital", "to sacred heart hospital", "BY HOLY CROSS REHAB",
"referred to GH". A facility word ("Hospital", "Rehab", "Medical Center") anchors the
match; the name words before it are taken back to the first function word, and
generic modifiers ("cardiac rehab", "heart failure clinic") are not names.
"""

from __future__ import annotations

import regex
from spacy.lang.en.stop_words import STOP_WORDS

from deid.lexicons import Lexicons
from deid.recognizers.base import ClinicalRecognizer, is_query
from deid.recognizers.name_tokens import CALENDAR_WORDS

FACILITY = (r"hospitals?|hosp|medical\s+cent(?:er|re)|med\.?\s+ctr|medical\s+group|health\s+(?:center|system|centre)|"
            r"healthcare|clinic|rehab|rehabilitation(?:\s+(?:center|hospital|facility))?|nursing\s+(?:home|facility|center)|"
            r"memorial|infirmary|hospice|manor|sanatorium|convalescent\s+(?:home|center)|care\s+center|"
            r"medical\s+associates|cardiology\s+associates|heart\s+(?:institute|center)|institute|regional|"
            r"med\.?\s+cent(?:er|re)|(?-i:VA|VAMC)|adventist|baptist|methodist|presbyterian|lutheran|episcopal|"
            r"va\s+medical\s+center|vamc|snf|ltac|ltach|assisted\s+living|retirement\s+(?:home|community)|campus|building|pavilion")
FACILITY_PATTERN = regex.compile(rf"\b(?:{FACILITY})\b", regex.IGNORECASE)
_WORD_BEFORE = regex.compile(r"(\p{L}[\p{L}'’.&-]*)[ \t]*$")
# lower-case particles inside a hospital's name: "van den Velde Memorial Hospital"
_NAME_PARTICLES = frozenset("van den der de von la le du di da del des dos ter ten y".split())
# common words that still begin a hospital's name in lower-case text: "university of ...", "st. joseph's"
_NAME_HEADS = frozenset("university univ u saint st mount mt good holy sacred our children's childrens county general "
                        "memorial north south east west new lake port fort san santa".split())
# "Lakeview General", "at riverside general": a town or name and "General", the short form of a general hospital
_SHORT_GENERAL = regex.compile(
    r"(?<![\p{L}'’-])(?P<phi>(?:(?P<w1>\p{L}[\p{L}'’-]+)[ \t]+)?(?P<w2>\p{L}[\p{L}'’-]+)[ \t]+"
    r"general)\b(?![ \t]*-\p{L}|[ \t]+(?:hospital|hosp|surgery|surgeon|surgical|medicine|medical|practitioners?|practice|"
    r"anesthesia|anaesthesia|anesthetic|pediatrics|paediatrics|internal|ward|appearance|condition|health|population|public|"
    r"assembly|counsel|manager|dentistry|surgeons|care|principles?|rule|terms?|sense|consensus|impression|"
    r"idea|well|malaise|weakness|fatigue|exam|physical|review|status|debility|deconditioning|anxiety|term)\b)",
    regex.IGNORECASE)
_NOT_GENERAL_NAME = frozenset("""surgeon attorney postmaster secretary inspector consul solicitor brigadier major lieutenant governor
director accountant paymaster quartermaster adjutant commissary vicar registrar auditor comptroller counsel advocate
procurator receiver receptionist treasurer agent commander captain colonel""".split())
# "St Bernard's", "St. Agnes's": a saint's name in the possessive is a hospital even without a place cue
_SAINT_POSSESSIVE = regex.compile(r"(?-i:\b(?P<phi>(?:St\.?|Saint|ST\.?|SAINT)[ \t]+\p{Lu}\p{Ll}+['’]s))(?![ \t]+(?:wort|dance|fire|disease|day)\b)",
                                  regex.IGNORECASE)
# "NRMH cath lab", "LPUH heart failure program": a hospital acronym naming the place of a service
_ACRONYM_BEFORE_SERVICE = regex.compile(
    r"(?-i:\b(?P<phi>[A-Z]{2,4}(?:H|MC)))\b(?=[ \t]+(?:cath(?:eterization)?[ \t]*lab|e\.?d\.?|e\.?r\.?|emergency|heart|cardiology|"
    r"cardiac|icu|ccu|micu|cvicu|clinic|transfer|echo(?:[ \t]+lab)?|ep[ \t]+lab|hf[ \t]+(?:clinic|program)|main[ \t]+campus)\b)",
    regex.IGNORECASE)
# "Outside hospital SORMC sent", "OSH (WXMC)": the outside hospital named by its acronym
_OUTSIDE_ACRONYM = regex.compile(
    r"\b(?:outside[ \t]+hospital|osh|referring[ \t]+hospital|transferring[ \t]+hospital|outside[ \t]+facility)[ \t]*[(:,-]?[ \t]*"
    r"(?P<phi>(?-i:[A-Z]{3,6}))\b", regex.IGNORECASE)
# "shold we go to esmh?": an unknown lower-case acronym ending in "h" or "mc", as a place one goes to, in a query
_LOWER_ACRONYM = regex.compile(r"\b(?:to|at|from|into)[ \t]+(?:the[ \t]+)?(?P<phi>[a-z]{2,4}(?:h|mc))\b(?=[ \t]*(?:$|[.,;:!?)]|"
                               r"(?:er|ed|for|on|today|tonight|now|or)\b))")
_FOLLOWING_PLACE = regex.compile(r"[ \t]+(?P<word>\p{Lu}\p{Ll}{2,}(?:-\p{Lu}\p{Ll}+)?)(?![\p{L}'’-])")
_NAME_CONNECTORS = frozenset({"of", "&", "and"})
# where a place's name may begin: after "(" or a place cue
_NAME_OPENS = regex.compile(r"(?:\(|\b(?:to|at|from|in|into)[ \t]+)$", regex.IGNORECASE)
# a place cue right before a name: "at", "to", "from", "@"
_CUE_BEFORE = regex.compile(r"(?:\b(?:to|at|from|in|into|via|by)|@)[ \t]*$", regex.IGNORECASE)
_TITLE_BEFORE = regex.compile(r"\b(?:dr|mr|mrs|ms|miss|prof|doctor)\.?[ \t]+$", regex.IGNORECASE)
_MONTHS_DAYS = CALENDAR_WORDS | frozenset("jan feb mar apr jun jul aug sep sept oct nov dec today tomorrow".split())
# Words that describe a kind of care, not a place's name.
GENERIC = frozenset("""
cardiac pulmonary inpatient outpatient acute subacute sub-acute chronic local outside other same another
general community private state county city regional this that his her their our your its a an the
physical occupational speech cardiology cardiac heart failure anticoagulation coumadin warfarin pacemaker
device lipid hypertension diabetes renal dialysis wound pain vascular surgical medical psych psychiatric
neuro stroke oncology cancer transplant primary care urgent walk-in free veterans nursing rehab short
long term long-term skilled intensive icu ccu er ed home day night weekend new old previous prior current
nearby closest nearest affiliated teaching main satellite osh micu sicu floor unit bed
""".split())
# Two- to five-letter capitals ending in H: GH, MGH, JHH, SHMMH. Only as places ("to GH", "at OSH").
_ABBREVIATION = regex.compile(r"(?:\b(?:to|from|at|in|into|via|by|leave|left)|@|->|>)\s*(?:the\s+)?(?P<phi>(?-i:[A-Z]{1,4}H)|gh)\b",
                              regex.IGNORECASE)
# Facility words that are also everyday care words ("awaiting rehab", "in memorial").
_WEAK_FACILITY = regex.compile(r"rehab|rehabilitation|memorial|institute|manor|hospice|snf|ltac|ltach|clinic|"
                               r"regional|VA|VAMC|adventist|baptist|methodist|presbyterian|lutheran|episcopal|campus|building|pavilion",
                               regex.IGNORECASE)
_BUILDING = regex.compile(r"campus|building|pavilion", regex.IGNORECASE)
_BUILDING_USE = regex.compile(r"[ \t]+(?:up|strength|muscle|endurance|tolerance|rapport|trust)\b", regex.IGNORECASE)
_SELF_NAMING = regex.compile(r"adventist|baptist|methodist|presbyterian|lutheran|episcopal", regex.IGNORECASE)
_NOT_NAME_WORDS = frozenset("""
pt pts patient transfer transferred admitted d/c dc dc'd discharged sent went going back called begin require
requires required awaiting await need needs needing start started continue screened screening accepted placement
plan plans planning prev previous recent recently will leave left leaving return returned returning
""".split())
_MOVED_ACRONYM = regex.compile(
    r"\b(?:transferred|transfered|transfer|admitted|sent|brought|came|presented|referred|discharged|d/c'?d|went|"
    r"taken|returned|seen)\s+(?:to|from|at)\s+(?:the\s+)?(?P<phi>(?-i:[A-Z]{3,5}))\b(?!\s*(?:lab|unit|team|service|floor|suite))",
    regex.IGNORECASE)
# "transferred to Grabinski", "came into HETTWER on 7/18", "would need to leave Skartvedt", "returned to new
# Kellwood": a rare word one is moved to or from is a place
_MOVED_NAME = regex.compile(
    r"\b(?:(?:transferred|transfered|transfer|admitted|admit|sent|brought|came|presented|referred|discharged|"
    r"d/c'?d|dc'?d|went|go|going|taken|return|returns|returning|returned|medflight(?:ed)?|flown|transported|accepted|seen|"
    r"followed|managed|leave|leaving)\s+(?:to|from|at|into)|leave|leaving)\s+(?:the\s+)?"
    r"(?P<phi>(?:new\s+)?(?P<first>[A-Za-z][a-z]{4,19}|[A-Z]{5,20})(?:[ \t](?P<second>[A-Za-z][a-z]{4,19}|[A-Z]{5,20}))?)(?![\p{L}'/-])",
    regex.IGNORECASE)
# "sent to Bracket via ambulance", "transferred to Lindell for further management": what follows says a
# hospital is meant, so even a common word names it
_MOVED_FOR_CARE = regex.compile(
    r"\b(?:transferred|transfered|transfer|sent|brought|taken|transported|flown|medflight(?:ed)?|referred|going)"
    r"[ \t]+(?:back[ \t]+)?to[ \t]+(?:the[ \t]+)?(?P<phi>[A-Za-z][a-z]{3,19}|[A-Z]{4,20})"
    r"(?=[ \t]+(?:via|by)[ \t]+(?:ambulance|ems|helicopter|medflight|med[ \t]?flight|air|ground|transport)\b"
    r"|[ \t]+for[ \t]+(?:further|definitive|higher[ \t]+level[ \t]+of)[ \t]+(?:management|care|evaluation|eval|treatment|workup|w/u)\b)",
    regex.IGNORECASE)
# "DAUGHTER IS AT THE DIDAMO,", "A CONSULT FROM THE PENTLAND.": a word no dictionary knows, after "at
# the"/"from the" and before a pause, is the place's name (common words and misspellings of them stay)
# (two such words too: "ARRIVED FROM THE QUELLMOOR DANBECK- DAUGHTER AND SON")
_AT_THE_RARE = regex.compile(r"\b(?:at|from)[ \t]+the[ \t]+(?P<phi>(?:[A-Za-z][a-z]{4,19}|[A-Z]{5,20})(?:[ \t](?:[A-Za-z][a-z]{4,19}|[A-Z]{5,20}))?)"
                             r"(?=[ \t]*(?:[,.;]|-(?!\p{L})|$))", regex.IGNORECASE | regex.MULTILINE)
# "THE CHF TEAM AT NEONAKIS,", "her pcp at Quellmoor": the care team of a rare word is at a hospital
_TEAM_AT = regex.compile(
    r"\b(?:team|service|clinic|cardiologists?|physicians?|doctors?|pcp|attending|surgeons?|staff|nurses?|providers?)"
    r"[ \t]+(?:at|from)[ \t]+(?P<phi>[A-Za-z][a-z]{3,19}|[A-Z]{4,20})(?![\p{L}'/-])", regex.IGNORECASE)
_WARD_NUMBER = regex.compile(r"[ \t]+\d{1,2}(?![\d:./]|[ \t]*(?:x|times|days?|weeks?|hours?|hrs?|mins?|am|pm)\b)", regex.IGNORECASE)
# "-> Zandervik EW", "to ZANDERVIK cath lab": a rare word naming the hospital of an emergency room or lab
_BEFORE_UNIT = regex.compile(
    r"(?:\b(?:to|at|from|in|into|via)|->|>|@)[ \t]*(?:the[ \t]+)?(?P<phi>[A-Za-z][a-z]{3,19}|[A-Z]{4,20})"
    r"(?=[ \t]+(?:e\.?r\.?|e\.?d\.?|ew|cath[ \t]*lab|emergency[ \t]+(?:room|department|dept))\b)",
    regex.IGNORECASE)
# places inside any hospital that one is moved to, written as words
_CARE_PLACES = frozenset("""stepdown step-down telemetry tele hospice dialysis radiology endoscopy fluoroscopy angiography
holding recovery triage nursery pacu postop preop periop psych psychiatry rehab subacute cardiology cathlab""".split())
# Care units and services written as acronyms: places inside any hospital, not names of one
_UNITS = frozenset("""ICU MICU SICU CCU CVICU CTICU NICU PICU TICU NSICU PACU CICU ED ER OR EP CT MRI IR ECU EMS ACU
CDU OBS TCU LTAC SNF ALF OSH PCP ENT GI PT OT SLP CATH ECHO LAB HOME TSICU CSICU CSRU CVRU CTU SDU IMC IMCU PCU
CVU MSICU BICU NSU RCU MRU ICCU HDU""".split())
# "admitted from University of Vermont Medical": a university one is admitted from is a hospital
_UNIVERSITY = regex.compile(r"\b(?:to|at|from|by|@|into)\s+(?:the\s+)?(?P<phi>(?:university|univ\.?|u)\s+of\s+[A-Za-z]{2,20}"
                            r"(?:\s+(?:medical|med\.?|hospital|health|system))?)", regex.IGNORECASE)
# "to St. Mary's", "at St Agnes": saints' names as places
# "bed @ St B.": or a saint's initial, as hospitals are called in speech
_SAINT = regex.compile(r"(?:\b(?:to|at|by|from|in|into)|@)\s*(?:the\s+)?(?P<phi>(?P<st>st\.?|saint)\s+"
                       r"(?P<name>[A-Za-z][a-z'A-Z]{1,20}|(?-i:[A-Z])(?![\p{L}\d'-]))\.?)",
                       regex.IGNORECASE)
# Religious and charitable naming without a facility word, after a place cue: "accepted at Holy Angels",
# "go to rehab (sacred heart)", "bed at Good Samaritan", "from Our Lady of Lourdes", "sent to Mercy"
_RELIGIOUS = regex.compile(
    rf"(?:\b(?:to|at|by|from|in|into|via|rehab)\b|@|\()[ \t]*(?:the[ \t]+)?(?P<phi>(?:(?:holy|sacred)[ \t]+(?P<name>[A-Za-z]{{3,20}})|"
    rf"good[ \t]+(?:samaritan|shepherd)|divine[ \t]+(?:providence|mercy|savior|saviour)|our[ \t]+lady[ \t]+of[ \t]+[A-Za-z]{{3,20}}|"
    rf"(?-i:Mercy)(?![ \t]+of\b))(?:[ \t]+(?:{FACILITY})\b)?)", regex.IGNORECASE)
_NOT_RELIGIOUS_PLACE = frozenset("communion bible water spirit ghost land book scripture scriptures week day days mass "
                                 "cow rites oil prayer prayers father".split())
# "a consult from the XBMC": hospital acronyms ending in MC (medical center), after a place cue
_MEDICAL_CENTER_ACRONYM = regex.compile(
    r"(?:\b(?:to|from|at|in|into|via|by)\b|@|->)[ \t]*(?:the[ \t]+)?(?P<phi>(?-i:[A-Z]{1,4}MC|[a-z]{2,4}mc))\b"
    r"(?![ \t]*(?:joint|team|service|unit|lab|protocol)\b)", regex.IGNORECASE)
# "transferred to 209 Wexford": a room number, then the ward or building it is in
_ROOM_WARD = regex.compile(
    r"\b(?:transferred|transfered|transfer|moved|sent|went|going|returned|return|admitted|taken)[ \t]+(?:back[ \t]+)?"
    r"(?:to|on)[ \t]+(?:(?:rm|room)\.?[ \t]*)?\d{1,4}[a-z]?[ \t]+(?P<phi>[A-Za-z]{4,20})\b", regex.IGNORECASE)
# "(\"Wexfordbuilding\")": a ward or building name glued to the word
_GLUED_BUILDING = regex.compile(r"\b(?P<phi>[A-Z][a-z]{3,20})(?:Building|Campus|Pavilion|Hospital)\b")
# "Quillard House NH resident", "from Marrow House nursing home": a house named for someone, as nursing homes are
_NAMED_HOUSE = regex.compile(r"\b(?P<phi>(?-i:\p{Lu}[\p{Ll}'’-]{2,20}|\p{Lu}{3,20})[ \t]+(?i:house))"
                             r"(?=[ \t]*(?:\(|,|-)?[ \t]*(?:nh|nursing[ \t]+(?:home|facility)|snf|rehab|resident|assisted[ \t]+living)\b)",
                             regex.IGNORECASE)
# "i'm at the general hospital": the one a city calls so, in lower case too
_THE_GENERAL = regex.compile(r"(?<!\ba[ \t])\bthe[ \t]+(?P<phi>general[ \t]+hosp(?:ital)?)\b", regex.IGNORECASE)
# "works for Nexar Health": an employer named with a company word
_EMPLOYER = regex.compile(
    r"\b(?:works?|working|worked|employed|job)[ \t]+(?:for|at|by|with)[ \t]+(?:the[ \t]+)?"
    r"(?P<phi>(?P<name>[A-Za-z][A-Za-z'&-]{2,20})(?:[ \t]+(?:health|healthcare|health[ \t]+system|systems?|inc\.?|corp\.?|"
    r"corporation|company|group|industries|associates|partners|bank|insurance)\b))", regex.IGNORECASE)
# a hospital's name word, met again after a place cue: "Wexley Hospital ... went to Wexley on 5/2"
_PLACE_CUE = r"(?:\b(?:to|at|from|in|into|@)\b|@)[ \t]*(?:the[ \t]+)?"
# "transfer to Kellerman 3", "ON KELLERMAN 6", "to kellerman2": wards named after people, with
# their floor number
_WARD = regex.compile(r"\b(?:to|on|from|at|in)\s+(?P<phi>[A-Za-z]{4,20})(?=\s+(?:micu|sicu|ccu|cvicu|icu|ward|unit|building|pavilion|tower|wing)\b)"
                   r"|\b(?:to|on|from|at|in)\s+(?P<phi>[A-Za-z]{4,20})(?:[ .]|(?<=[a-z])|(?<=[A-Z]{4}))\d{1,2}\b(?![.:]?\d|\s*(?:%|mg|mcg|cc|ml|units?|l\b|lpm|hrs?|h\b|am|pm|x\b|times|days?|mins?|minutes|liters?|/))",
                   regex.IGNORECASE)
# an acronym's letters may also spell a word: above this Zipf the word is meant. Capitals in a
# mixed-case text are an acronym unless the word is common ("SMH" is chat slang, "MUCH" is not)
_ACRONYM_MAX_ZIPF = {True: 4.0, False: 3.0}
_NOT_HOSPITAL_ABBREVIATION = frozenset({"OSH", "LVH", "RVH", "BPH", "SAH", "ICH", "IPH", "PPH", "DOH", "NAH", "ACH",
                                        "HH", "TAH", "PDH", "LDH", "ADH", "TSH", "GH", "FSH", "PTH", "ACTH", "CH",
                                        "EH", "AH", "OH", "UH", "DH", "BH", "SH", "RH", "MH", "IH", "NH", "PMH", "PSH", "FH", "FHX"})


def department_name(words: list[str], lexicons: Lexicons) -> bool:
    """The name words of a clinic or service of any hospital, not of a place: clinical words
    only, one of them no Census name ("Heart Failure", "PH", "Tricuspid"; but "Mayo", a name
    the terminology also lists, names a place). The engine asks it too, of other recognizers' spans."""
    return bool(words) and all(lexicons.is_clinical(w) for w in words) and any(not lexicons.is_name(w) for w in words)


class HospitalRecognizer(ClinicalRecognizer):
    ENTITY = "LOCATION"

    def find(self, view, deadline):
        text = view.text
        if view.cased:  # "transferred from UPMC": an acronym one is moved to or from, where capitals mean something
            for match in _MOVED_ACRONYM.finditer(text, timeout=deadline.remaining()):
                acronym = match.group("phi")
                if not self.lexicons.is_clinical(acronym) and acronym.lower() not in GENERIC and acronym not in _UNITS:
                    yield self.result(match.start("phi"), match.end("phi"), 0.6, "HOSPITAL")
        for match in _MOVED_NAME.finditer(text, timeout=deadline.remaining()):
            # "transfer to eleazer 2": a ward number after it shows a lower-case word is a place too
            numbered = _WARD_NUMBER.match(text, match.end("first"))
            if not self._moved_to_name(match.group("first"), view.cased and not numbered, 4.5 if numbered else 3.0):
                continue
            second = match.group("second")
            end = match.end("phi") if second and self._moved_to_name(second, view.cased) else match.end("first")
            yield self.result(match.start("phi"), end, 0.6, "HOSPITAL")
        for match in _MOVED_FOR_CARE.finditer(text, timeout=deadline.remaining()):
            word = match.group("phi")
            if self._place_word(word, view.cased):
                yield self.result(match.start("phi"), match.end("phi"), 0.6, "HOSPITAL")
        for match in _TEAM_AT.finditer(text, timeout=deadline.remaining()):
            if self._moved_to_name(match.group("phi"), view.cased) and not self.lexicons.is_name(match.group("phi")):
                yield self.result(match.start("phi"), match.end("phi"), 0.6, "HOSPITAL")
        for match in _AT_THE_RARE.finditer(text, timeout=deadline.remaining()):
            if all(self._moved_to_name(word, view.cased) and self.lexicons.zipf(word) == 0 and not self.lexicons.is_name(word)
                   for word in match.group("phi").split()):
                yield self.result(match.start("phi"), match.end("phi"), 0.55, "HOSPITAL")
        for match in _BEFORE_UNIT.finditer(text, timeout=deadline.remaining()):
            if self._moved_to_name(match.group("phi"), view.cased):
                yield self.result(match.start("phi"), match.end("phi"), 0.6, "HOSPITAL")
        for match in _UNIVERSITY.finditer(text, timeout=deadline.remaining()):
            yield self.result(match.start("phi"), match.end("phi"), 0.7, "HOSPITAL")
        for match in _SAINT.finditer(text, timeout=deadline.remaining()):
            name = regex.sub(r"'s$", "", match.group("name"))
            lex = self.lexicons
            if len(name) == 1:  # "St B.": a capital initial after a capitalised "St", where case means something
                if view.cased and match.group("st")[:1] == "S" and match.group("st")[1:2].islower():
                    yield self.result(match.start("phi"), match.end("phi"), 0.7, "HOSPITAL")
                continue
            if name.lower() in STOP_WORDS or (view.cased and not name[0].isupper()) or not (
                    lex.is_name(name.rstrip(".")) or lex.zipf(name) < 3.5) or lex.is_clinical(name) and not lex.is_name(name):
                continue
            yield self.result(match.start("phi"), match.end("phi"), 0.75, "HOSPITAL")
        for match in _RELIGIOUS.finditer(text, timeout=deadline.remaining()):
            name = (match.group("name") or "").lower()
            if name in STOP_WORDS or name in _NOT_RELIGIOUS_PLACE or view.cased and not match.group("phi")[0].isupper() \
                    and not text[match.start("phi") - 1:match.start("phi")] == "(" and not regex.search(
                        rf"[ \t](?:{FACILITY})$", match.group("phi"), regex.IGNORECASE):
                continue  # "received holy communion"; lower case in a cased note needs "(" or a facility word
            yield self.result(match.start("phi"), match.end("phi"), 0.75, "HOSPITAL")
        for match in _MEDICAL_CENTER_ACRONYM.finditer(text, timeout=deadline.remaining()):
            acronym = match.group("phi")
            if acronym.islower() and (view.cased or self.lexicons.zipf(acronym) >= 1.0):
                continue  # lower case only where case means nothing, and only an unknown word ("from the xbmc")
            if not self.lexicons.is_clinical(acronym) and acronym.upper() not in _UNITS and self.lexicons.zipf(acronym) < 3.0:
                yield self.result(match.start("phi"), match.end("phi"), 0.65, "HOSPITAL")
        for match in _ROOM_WARD.finditer(text, timeout=deadline.remaining()):
            word = match.group("phi")
            lex = self.lexicons
            if lex.zipf(word) <= 2.0 and not lex.is_clinical(word) and word.lower() not in GENERIC \
                    and word.upper() not in _UNITS and not (view.cased and not word[0].isupper() and lex.zipf(word) > 0):
                yield self.result(match.start("phi"), match.end("phi"), 0.6, "HOSPITAL")
        for match in _GLUED_BUILDING.finditer(text, timeout=deadline.remaining()):
            word = match.group("phi")
            if not self.lexicons.is_clinical(word) and (self.lexicons.zipf(word) < 3.0 or self.lexicons.is_name(word)):
                yield self.result(match.start("phi"), match.end("phi"), 0.6, "HOSPITAL")
        for match in _EMPLOYER.finditer(text, timeout=deadline.remaining()):
            name = match.group("name")
            lex = self.lexicons
            if name.lower() in GENERIC or name.lower() in STOP_WORDS or lex.is_clinical(name) and not lex.is_name(name) \
                    or lex.zipf(name) >= 4.5 or view.cased and not name[0].isupper():
                continue  # "works for public health", "works for the health system"
            yield self.result(match.start("phi"), match.end("phi"), 0.6, "LOCATION")
        for match in _NAMED_HOUSE.finditer(text, timeout=deadline.remaining()):
            name = match.group("phi").split()[0]
            if name.lower() not in STOP_WORDS and name.lower() not in GENERIC and not self.lexicons.is_curated_term(name) \
                    and (self.lexicons.zipf(name) < 4.0 and not self.lexicons.is_clinical(name) or self.lexicons.is_name(name)):
                # (not a kind of house: "Halfway House", "Boarding House")
                yield self.result(match.start("phi"), match.end("phi"), 0.7, "HOSPITAL")
        for match in _THE_GENERAL.finditer(text, timeout=deadline.remaining()):
            yield self.result(match.start("phi"), match.end("phi"), 0.6, "HOSPITAL")
        for match in _WARD.finditer(text, timeout=deadline.remaining()):
            word = match.group("phi")
            lex = self.lexicons
            # (after "to" the word may be a rare verb: "order to transfuse 2 U", "able to reinsert 30 french")
            after_to = text[max(0, match.start("phi") - 3):match.start("phi")].strip().lower() == "to"
            rare = lex.zipf(word) < (1.6 if after_to else 2.0) or word.lower() in lex.last_names and lex.zipf(word) < 3.5
            if view.cased and word.isupper() and len(word) <= 5:
                continue  # "on GDMT 3 months": a short capital word in mixed case is an abbreviation
            if rare and not lex.is_clinical(word) and word.lower() not in GENERIC:
                glued = text[match.end("phi"):match.end("phi") + 1].isdigit()  # "kellerman2" is one name
                yield self.result(match.start("phi"), match.end() if glued else match.end("phi"), 0.6, "HOSPITAL")
        yield from self._short_forms(view, deadline)
        name_words: set[str] = set()
        for match in FACILITY_PATTERN.finditer(text, timeout=deadline.remaining()):
            weak = _WEAK_FACILITY.fullmatch(match.group(0)) is not None
            start = self._name_start(text, match.start(), view.cased, weak)
            if start is None and _SELF_NAMING.fullmatch(match.group(0)):
                start = match.start()  # "Kessler Adventist" or just "Adventist": the word names the place
            if start is not None and (match.group(0).islower() if view.cased else match.group(0).lower() == "clinic") \
                    and _TITLE_BEFORE.search(text, max(0, start - 12), start):
                continue  # "Dr. Lopez's clinic", "Dr Borra EP clinic", "DR. ESTES CLINIC": a doctor's clinic, not a named place
            if start is not None and _BUILDING.fullmatch(match.group(0)) and (
                    _BUILDING_USE.match(text, match.end()) or any(
                        self.lexicons.is_clinical(w) and not self.lexicons.is_name(w) for w in text[start:match.start()].split())):
                continue  # "Secretions Building up": a verb, not a building's name
            if start is not None and weak and self._department(text[start:match.start()]):
                continue  # "Tricuspid Clinic", "the Anticoag Clinic": a service of any hospital, not a place
            if start is not None:
                end = match.end()
                following = _FOLLOWING_PLACE.match(text, end) if view.cased and not weak else None
                if following and self._place_after_facility(following.group("word")):
                    end = following.end()  # "Mercy Hospital Legionowo": the town the hospital is in
                yield self.result(start, end, 0.85, "HOSPITAL")
                name_words.update(w for w in regex.findall(r"\p{L}[\p{L}'-]*\p{L}", text[start:match.start()])
                                  if not w.endswith("'s"))
        yield from self._named_again(view, name_words, deadline)
        for match in _ABBREVIATION.finditer(text, timeout=deadline.remaining()):
            abbreviation = match.group("phi")
            if abbreviation in _NOT_HOSPITAL_ABBREVIATION and abbreviation != "GH":
                continue
            if self.lexicons.is_clinical(abbreviation) and abbreviation != "GH":
                continue
            if len(abbreviation) > 2 and self.lexicons.zipf(abbreviation) >= _ACRONYM_MAX_ZIPF[view.cased] \
                    or len(abbreviation) == 5 and self.lexicons.zipf(abbreviation) >= 1.0:
                continue  # an English word in an ALL-CAPS note ("TO WASH", "IN SYNCH"); in mixed case only a shouted common one
            yield self.result(match.start("phi"), match.end("phi"), 0.6, "HOSPITAL")

    def _department(self, name: str) -> bool:
        return department_name([w for w in regex.findall(r"\p{L}[\p{L}'’-]*", name) if w.lower() not in STOP_WORDS],
                               self.lexicons)

    def _place_after_facility(self, word: str) -> bool:
        lex, lower = self.lexicons, word.lower()
        if lower in STOP_WORDS or lower in GENERIC or lower in _NOT_NAME_WORDS or lower in _MONTHS_DAYS:
            return False
        if lex.is_clinical(lower) and lower not in lex.cities or FACILITY_PATTERN.fullmatch(word) or word.upper() in _UNITS:
            return False
        return lex.zipf(lower) < 3.0 and lower not in lex.first_names or lower in lex.cities and lex.zipf(lower) < 3.5

    def _general_name(self, word: str, cased: bool) -> bool:
        """A word that can name a general hospital: a town, a name or a rare word, never a title
        ("Surgeon General"), a kind of care or a function word."""
        lex, lower = self.lexicons, word.lower()
        if cased and not word[0].isupper() or lower in STOP_WORDS or lower in GENERIC or lower in _NOT_GENERAL_NAME \
                or lower in _NOT_NAME_WORDS or lower.endswith(("'s", "’s")) or lower in _MONTHS_DAYS:
            return False
        if lex.is_clinical(lower) and not lex.is_name(lower) and lower not in lex.cities:
            return False
        return lex.zipf(lower) < 4.0 or lex.is_name(lower) or lower in lex.cities

    def _cued_general_name(self, word: str) -> bool:
        lex, lower = self.lexicons, word.lower()
        return word[0].isupper() and not word.isupper() and lower not in STOP_WORDS and lower not in _NOT_GENERAL_NAME \
            and lower not in GENERIC and lower not in _MONTHS_DAYS and not lex.is_curated_term(lower) and lex.zipf(lower) < 5.5

    def _short_forms(self, view, deadline):
        """Hospitals named without a full facility word: "Lakeview General", "St Bernard's",
        "NRMH cath lab", "outside hospital SORMC", "go to esmh?"."""
        text, lex = view.text, self.lexicons
        query = is_query(text)
        for match in _SHORT_GENERAL.finditer(text, timeout=deadline.remaining()):
            general = text[match.end("phi") - 7:match.end("phi")]
            if view.cased and not general[0].isupper():
                continue  # "in general", "good general condition"
            if not query and regex.match(r"[ \t]*:", text[match.end("phi"):]):
                continue  # a note's exam label ("Vitals General: NAD"); a query's "Cobbport General: 39F" is a name
            w1, w2 = match.group("w1"), match.group("w2")
            if w1 and w1.lower() in STOP_WORDS:
                w1 = None  # "at Southwest General": the first word is the cue, not the name
            # "at Cedar Ridge General", "at Southwest General": after a place cue in mixed case, any
            # capitalised words name it, common ones too
            first = match.start("w1" if w1 else "w2")
            cue_before_first = _CUE_BEFORE.search(text, max(0, first - 12), first)
            cued_words = view.cased and cue_before_first and cue_before_first.group(0).islower()
            if not (self._general_name(w2, view.cased) or cued_words and self._cued_general_name(w2)):
                continue
            start = match.start("w2")
            head = w1 and w1.lower() in _NAME_HEADS and (w1[0].isupper() or not view.cased)  # "New Jason General"
            # (after a place cue, any town-like first word: "ADMITTED TO CEDAR RIDGE GENERAL")
            cued_w1 = w1 and cue_before_first
            if w1 and (head or self._general_name(w1, view.cased) and (lex.zipf(w1) < 3.5 or cued_w1)
                       or cued_words and self._cued_general_name(w1)):
                start = match.start("w1")
            cue = regex.search(r"(?:\b(?:to|at|from|in|into|via|by|of)|@)[ \t]*$", text[max(0, start - 12):start], regex.IGNORECASE)
            if not (cue or view.cased and general == "General"):
                continue  # in lower case or capitals, only after a place cue: "at riverside general"
            yield self.result(start, match.end("phi"), 0.7, "HOSPITAL")
        if view.cased:
            for match in _SAINT_POSSESSIVE.finditer(text, timeout=deadline.remaining()):
                name = regex.sub(r"['’]s$", "", match.group("phi").split()[-1])
                if name.lower() not in STOP_WORDS and (lex.is_name(name) or not lex.is_clinical(name)):
                    yield self.result(match.start("phi"), match.end("phi"), 0.7, "HOSPITAL")
            for compiled in (_ACRONYM_BEFORE_SERVICE, _OUTSIDE_ACRONYM):
                for match in compiled.finditer(text, timeout=deadline.remaining()):
                    acronym = match.group("phi")
                    if acronym in _NOT_HOSPITAL_ABBREVIATION or acronym in _UNITS or lex.is_clinical(acronym) \
                            or lex.zipf(acronym) >= _ACRONYM_MAX_ZIPF[True] or acronym.lower() in STOP_WORDS:
                        continue
                    yield self.result(match.start("phi"), match.end("phi"), 0.65, "HOSPITAL")
        if query and not view.cased:  # where case means nothing: "should we go to esmh?"
            for match in _LOWER_ACRONYM.finditer(text, timeout=deadline.remaining()):
                acronym = match.group("phi")
                if acronym.upper() in _NOT_HOSPITAL_ABBREVIATION or acronym.upper() in _UNITS or lex.is_clinical(acronym) \
                        or lex.zipf(acronym) >= 2.5:  # "rgh", "lmh": acronyms only chat uses (not "huh")
                    continue
                yield self.result(match.start("phi"), match.end("phi"), 0.6, "HOSPITAL")

    def _place_word(self, word: str, cased: bool) -> bool:
        """Where the sentence says a hospital is meant: any word that is not clinical, a unit,
        a kind of care or a function word, and not among English's commonest (Zipf < 4.5)."""
        lex, lower = self.lexicons, word.lower()
        if cased and not word[0].isupper():
            return False
        return lex.zipf(lower) < 4.5 and not lex.is_curated_term(lower) and not (lex.is_clinical(lower) and not lex.is_name(lower)) \
            and lower not in GENERIC and lower not in _CARE_PLACES and lower not in STOP_WORDS \
            and lower not in _NOT_NAME_WORDS and word.upper() not in _UNITS and lower not in lex.regions

    def _moved_to_name(self, word: str, cased: bool, max_zipf: float = 3.0) -> bool:
        """A word no dictionary of English or medicine knows well (Zipf < 3; before a ward number, "TRANSFER TO
        WIDER 2", one English knows better, < 4.5), capitalised where case means something, and not a kind of
        care, a unit or a place word of any hospital."""
        lex, lower = self.lexicons, word.lower()
        if cased and not word[0].isupper() or "icu" in lower or lower.endswith(("scan", "ing")):
            return False  # "NISICU", "ctscan", "DOZING": units, tests and verbs the lists miss
        return lex.zipf(lower) < max_zipf and not lex.is_clinical(lower) and lower not in GENERIC and lower not in _CARE_PLACES \
            and lower not in STOP_WORDS and lower not in _NOT_NAME_WORDS and word.upper() not in _UNITS \
            and lower not in lex.regions and not FACILITY_PATTERN.fullmatch(word)

    def _named_again(self, view, name_words: set[str], deadline):
        """ "Wexley Hospital ... went to Wexley": a rare name word of a facility found in this
        document, met again after a place preposition, names the same place."""
        lex = self.lexicons
        words = {w.lower(): w for w in name_words if len(w) >= 4 and w.lower() not in GENERIC and w.lower() not in STOP_WORDS
                 and w.lower() not in _NOT_NAME_WORDS and lex.zipf(w) < 4.5 and not w.isupper() and w.lower() not in lex.regions}
        if not words:
            return
        pattern = regex.compile(_PLACE_CUE + r"(?P<phi>" + "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
                                + r")(?![\p{L}'-])", regex.IGNORECASE)
        for match in pattern.finditer(view.text, timeout=deadline.remaining()):
            word = match.group("phi")
            if view.cased and not word[0].isupper():
                continue
            yield self.result(match.start("phi"), match.end("phi"), 0.6, "HOSPITAL")

    def _lower_case_name(self, lower: str, words: list) -> bool:
        """ "going to harford memorial" in a cased note: a lower-case word right before the facility
        word still names it when it is a town or a rare surname (never a kind of care)."""
        lex = self.lexicons
        if words or lower in GENERIC or lower in STOP_WORDS or lower in _NOT_NAME_WORDS or lex.is_clinical(lower):
            return False
        return lower in lex.cities and lex.zipf(lower) < 4.0 or lower in lex.last_names and lex.zipf(lower) < 3.0 \
            or lex.zipf(lower) < 1.5

    def _lower_case_first_word(self, text: str, start: int, lower: str, words: list) -> bool:
        """ "rehab(yarrow dawahoya Memorial)", "to quill harrowby memorial": a second lower-case name word, rare in
        English and no kind of care, where a place's name begins (after "(" or a place cue)."""
        lex = self.lexicons
        if len(words) != 1 or lower in GENERIC or lower in STOP_WORDS or lower in _NOT_NAME_WORDS or lex.is_clinical(lower):
            return False
        return lex.zipf(lower) < 3.0 and bool(_NAME_OPENS.search(text, max(0, start - 8), start))

    def _caseless_lead_word(self, lower: str, alone: bool) -> bool:
        """Without case, a word before a hospital's name that is no part of it: a common word, or, before
        another name word, a test or a verb English uses ("ECHO ORDERS PENDING OAKWOOD", "prefers mercy");
        never a word that heads names ("university", "port") or a town. Alone before the facility word an
        eponym names it ("FROM KUSSMAUL HOSP.")."""
        lex = self.lexicons
        if lower in _NAME_HEADS or lower in lex.cities:
            return False
        if lex.zipf(lower) >= 4.5:
            return True
        if alone:
            return False
        if lex.is_curated_term(lower) or lex.is_clinical(lower) and not lex.is_name(lower):
            return True
        return not lex.is_name(lower) and (lower.endswith(("ing", "ed")) and lex.zipf(lower) >= 3.0
                                           or lower.endswith("s") and lex.zipf(lower[:-1]) >= 4.0)  # not "Sering"

    def _name_start(self, text: str, facility_start: int, cased: bool, weak: bool) -> int | None:
        cursor = facility_start
        words: list[tuple[int, str]] = []
        for _ in range(4):
            prev = _WORD_BEFORE.search(text, max(0, cursor - 40), cursor)
            if not prev or "\n" in text[prev.end(1):cursor]:
                break
            word = prev.group(1)
            lower = word.lower().rstrip(".")
            if word.endswith(".") and lower not in ("st", "mt", "ft"):
                break  # a sentence ended
            if lower in _NAME_CONNECTORS and words:
                cursor = prev.start(1)  # "University of Maryland Medical Center", "York Heart and Vascular Institute"
                continue
            if lower in STOP_WORDS or lower in _NOT_NAME_WORDS:
                break
            particle = cased and lower in _NAME_PARTICLES and words  # "van den Velde Memorial Hospital"
            if cased and not word[0].isupper() and not particle and not self._lower_case_name(lower, words) \
                    and not self._lower_case_first_word(text, prev.start(1), lower, words):
                break
            words.append((prev.start(1), lower))
            cursor = prev.start(1)
        # drop leading generic words and common verbs: "begin cardiac rehab" names no place
        proper = text[facility_start:facility_start + 1].isupper() and not text[facility_start:facility_start + 4].isupper()
        while words and (words[-1][1] in GENERIC or weak and self.lexicons.zipf(words[-1][1]) >= 5.0):
            if proper and text[words[-1][0]].isupper() and words[-1][1] not in STOP_WORDS:
                break  # "General Hospital", "Community Medical Center": capitalised, so a name
            words.pop()
        while words and not cased and self._caseless_lead_word(words[-1][1], alone=len(words) == 1):
            words.pop()  # "ablation recovery time university of ...", "ECHO ORDERS PENDING OAKWOOD MEDICAL CENTER"
        if not words:
            return None
        if all(w in GENERIC or w in _NAME_PARTICLES for _, w in words):
            return None
        if weak and not any(self.lexicons.is_name(w) or w in self.lexicons.cities or self.lexicons.zipf(w) < 3.0
                            or cased for _, w in words):
            return None  # "awaiting rehab": a weak facility word needs a name-like word before it
        return words[-1][0]
