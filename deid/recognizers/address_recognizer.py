"""Street addresses, PO boxes, military addresses and ZIP / postal codes.

A street line ("19 Clover St.", "PSC 0413, Box 8144", "Koskikatu 25" after "lives at") is
extended over the address block that follows it: a unit ("Apt. 335", "Suite 413") on the same
or the next line, then city / state / country lines ending in a postal code, so a multi-line
address is covered as a whole.
"""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern
from spacy.lang.en.stop_words import STOP_WORDS

from deid.recognizers.base import RegexRecognizer, is_query

# Street suffixes (USPS Publication 28, C1, plus common UK forms). Those that are also ordinary or
# clinical words ("Pass", "Port", "Wall", "Bridge") only make a street with a cue or an address block.
SUFFIX = (r"streets?|st|avenue|ave|roads?|rd|boulevard|blvd|drives?|dr|lane|ln|way|court|ct|place|pl|terrace|ter|"
          r"circle|cir|highway|hwy|parkway|pkwy|squares?|turnpike|tpke|pike|trail|trl|row|alley|aly|crescent|cres|"
          r"plaza|plz|causeway|cswy|expressway|expy|freeway|fwy|gateway|gtwy|extensions?|ext|crossroads?|xrd|"
          r"mews|gardens|gdns|heights|hts|boulevards?|xing|pkwys?|parkways|stravenue|throughway|trafficway|motorway|str|circles|courts")
WEAK_SUFFIX = (r"pass|run|key|keys|lights?|rest|falls?|springs?|views?|walks?|track|trace|ramp|neck|land|centers?|"
               r"station|camp|locks?|loop|fields?|ports?|mall|wall|cape|forks?|branch|bend|shores?|ridges?|path|course|"
               r"commons?|forest|islands?|isle|rapids?|bridge|wells?|oval|plains?|flats?|greens?|unions?|mount|"
               r"mountains?|points?|parks?|hills?|lakes?|river|creek|brooks?|valleys?|vista|villages?|club|close|gate|"
               r"rise|parade|mission|junctions?|crossing|summit|ville|manors?|harbors?|haven|dale|glens?|groves?|"
               r"estates?|gardens?|meadows?|mills?|coves?|beach|canyon|cliffs?|crest|curve|divide|dam|ferry|fords?|"
               r"forges?|hollow|inlet|knolls?|landing|lodge|loaf|orchard|overpass|pines?|prairie|radial|ranch|route|"
               r"rue|shoals?|skyway|spurs?|stream|tunnel|underpass|ways|quay|wharf|esplanade|grn|pt|pts|crk|"
               r"vlg|vly|mtn|hl|hls|lk|lks|pk|brg|cv|ctr|sta|spg|spgs|smt|frd|rdg|cp|jct|holw|is|iss|un|via|sq|"
               r"bypass|byp|corners?|cors|marg|overlook|viaduct|bluffs?|bottom|burgs?|spurs?|trailer|lndg|vw|xing|fort|forts|"
               r"passage|annex|arcade|bayou")
STATES = (r"AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|"
          r"NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY")
_WEAK_ONLY = regex.compile(rf"(?:{WEAK_SUFFIX})", regex.IGNORECASE)
_NOT_STREET_WORD = {"am", "pm", "x", "and", "or", "mg", "ml", "cc", "units", "days", "hrs", "times", "min", "mcg",
                    "meq", "mmol", "mmhg", "bpm", "kg", "lb", "lbs", "cm", "mm", "ft", "feet", "hr", "hours", "weeks",
                    "months", "years", "doses", "tabs", "puffs", "liters", "percent"}

_UNIT_WORDS = {"apt", "apartment", "unit", "suite", "ste", "flat", "floor", "fl", "room", "rm", "bldg", "building",
               "box", "bed", "bay", "pod", "ward", "level", "grade", "stage", "class", "type", "step", "day", "week"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
           "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "pod", "hd", "hod", "dos"}
_W = r"\p{L}[\p{L}'’-]{1,30}"  # a name word
_ORDINAL = r"\d{1,3}(?:st|nd|rd|th)"
_HOUSE = r"(?<![\w/.,:+-])\d{1,6}[A-Za-z]?"
_UNIT = (r"(?:(?:apt|apartment|unit|suite|ste|flat|floor|fl|room|rm|bldg|building)\b\.?|#)[ \t]*#?[ \t]*"
         r"(?:\d{1,6}[A-Za-z]?|[A-Za-z]\d{0,4})(?![\w-])")
# ZIP and postal codes: 21201, 21201-1234, 53-320, 394 13, B0J 2H0, 7412 SL, SW1A 1AA
_POSTAL = (r"(?:\d{5}-\d{3,4}|\d{4}-\d{3}|(?-i:\d{4}[ ]?[A-Z]{2}\b)|\d{2}-\d{3}|\d{3} \d{2}|\d{3,6}|"
           r"(?-i:[A-Z]\d[A-Z][ ]?\d[A-Z]\d)|(?-i:[A-Z]{1,2}\d[A-Z\d]?[ ]\d[A-Z]{2}))")
_FLAGS = regex.IGNORECASE | regex.VERSION0

# US-style: 19 Clover St., 1200 N. Main Street, 224 4966 Bond Street, 14 Crown Street Kishiev Squares; a house
# and flat number written with a slash, as in India: 61/892 Nehru Road (see find)
_US_STREET = regex.compile(
    rf"(?P<phi>{_HOUSE}(?P<flat>/\d{{1,4}})?(?:[ \t]+\d{{1,6}})?[ \t]+(?:[NSEW]\.?[ \t]+)?(?P<name>(?:(?:{_W}|(?:st|mt|ft)\.|{_ORDINAL})[ \t]+){{1,3}}?)"
    rf"(?P<suffix>{SUFFIX}|{WEAK_SUFFIX})\b(?:(?<=\b(?:st|ave|rd|blvd|dr|ln|ct|pl|ter|cir|hwy|pkwy|tpke|trl|sq|aly|str))\.)?"
    r"(?:(?<=\b(?:road|rd|route|rte|highway|hwy))[ \t]+\d{1,4}\b(?![.,/:]?\d))?(?:[ \t]+(?-i:[NS][EW]?|[EW]|North|South|East|West)\b\.?)?"
    rf"(?P<more>[ \t]+(?:{_W}[ \t]+){{0,2}}(?:{SUFFIX}|{WEAK_SUFFIX})\b)?)", _FLAGS)
# P.O. Box 149, PSC 0413, Box 8144, Unit 4719 Box 7394, CMR 402 Box 21, APO AE 09012
_BOXES = [regex.compile(rf"(?P<phi>{p})", _FLAGS) for p in (  # separate regexes: an alternation of them is slow
    r"(?<![\w.])(?:\d{1,6}[ \t]+)?p\.?[ \t]?o\.?[ \t]*box[ \t]+\d{1,8}\b",
    r"(?<!\w)(?:psc|unit|cmr)[ \t]+\d{1,5},?[ \t]+box[ \t]+\d{1,5}\b",
    rf"(?<!\w)(?-i:USNS|USNV|USS|USCGC)[ \t]+{_W}(?:[ \t]+{_W}){{0,2}}(?=[ \t]*\n[ \t]*(?:APO|DPO|FPO)\b)",
    r"(?<!\w)(?:rr|rural[ \t]+route|hc|star[ \t]+route)[ \t]*\d{1,3},?[ \t]+box[ \t]+\d{1,5}\b",
    r"(?<!\w)(?-i:APO|DPO|FPO|apo|dpo|fpo)[ \t]+(?:aa|ae|ap)[ \t]+\d{5}\b",
    r"(?<!\w)postbox[ \t]+\d{1,6}\b")]
# Streets named before their number: Koskikatu 25, Rue de la Gare 12, ul. Słowicza 10, Erzsébet tér 19.
_PARTICLE = r"(?:de|da|do|dos|das|del|della|dei|degli|di|du|des|la|le|les|z|u\.|van|von|der|den|al|el|y|e|i|the|of)"
_CAP = r"(?:[dl]['’])?(?-i:\p{Lu})[\p{L}'’.-]{1,30}"
_PREFIX = (r"(?:rue|rua|via|viale|vicolo|avenida|avda\.|av\.|avenue|calle|carrer|ul\.|al\.|pl\.|plac|piazza|largo|strada|"
           r"chemin|travessa|praça|rambla|paseo|camino|λ\.|οδός|boulevard|bd\.|place|allée|cesta|ulica|trg|náměstí|"
           r"rruga|aleja|utca|aleea|strada|ladeira|viela|esplanada|alameda|estrada|rodovia|vila|lago|lagoa|"
           r"privada|cerrada|pasaje|callejón|andador|circuito|calzada|prolongación|continuación|carrera)")
_FOREIGN_END = (r"(?:stra(?:ss|ß)e|str\.|straat|gasse|gatan|gata|gate|vägen|väg|vej|vejen|gade|katu|kuja|tie|tori|polku|"
                r"laan|gracht|plein|steeg|veien|vegen|stræde|stræti|braut|allee|platz|weg|gränd|torget|hove|lia|"
                r"vænget|tún|vegur|stígur|ulica|utca|út|tér|kapu|sor)")
_TYPE_WORD = r"(?-i:tee|gate|gata|gade|vej|vei|veien|vegur|tie|katu|kuja|út|útja|utca|kapu|tér|sor|ulica|u\.|ul\.|str\.|al\.)"
# the house number after the street: "Kösterweg 5790", "Via de Nogueira, 93" (after a comma no ZIP: "Brindlemoor,
# 73351"), a flat after a slash "ul. Paderewskiego 95/42"
_NUMBER_AFTER = (r"(?:[ \t]+\d{1,5}|,[ \t]*\d{1,4})[A-Za-z]?(?:/\d{1,4})?\b(?![\d/:.,]\d)"
                 r"(?![ \t]*(?:mg|mcg|ml|g|kg|l|cc|units?|u|%|mmhg|meq|mmol|mm|cm|hrs?|hours?|days?|weeks?|wks?|months?|mos?|"
                 r"years?|yrs?|min|minutes?|secs?|seconds?|am|pm|x|times|beats|bpm|laps|ft|feet|steps)\b)"
                 r"(?:\.(?=[ \t]*(?:\n|,)|[ \t]+(?:apt|suite|unit|ste|and)\b))?"
                 rf"(?:[ \t]+(?:{_W}[ \t]+){{1,2}}(?:{SUFFIX}|{WEAK_SUFFIX})\b)?")
# with a house number first: 6750 Koskikatu 25, 688 rue du centre 320
_FOREIGN_HOUSE = regex.compile(
    rf"(?P<phi>(?P<house>{_HOUSE})[ \t]+(?P<name>(?:{_PREFIX}[ \t]+)?(?:(?:\p{{L}}[\p{{L}}'’.-]{{0,30}})[ \t]+){{0,4}}"
    rf"(?P<last>\p{{L}}[\p{{L}}'’-]{{1,30}}|(?:u|ul|str|al|c/)\.?)){_NUMBER_AFTER})", _FLAGS)
# without one, a capitalised name or a street type word first: Via dei Fiorentini 17, Villacher Strasse 89.
# Found from its last word and number; the words before it are added by _NAME_BEFORE (faster than one regex).
_FOREIGN_NAME = regex.compile(
    rf"\b(?<![\d.'’-])(?P<phi>(?P<name>(?P<last>{_CAP}|{_TYPE_WORD}|c/)){_NUMBER_AFTER})", _FLAGS)
_NAME_BEFORE = regex.compile(
    rf"(?<![\p{{L}}\d.'’-])(?:{_PREFIX}[ \t]+(?:(?:{_CAP}|{_PARTICLE}|\p{{L}}\.)[ \t]+){{0,4}}|"
    rf"(?=(?-i:\p{{Lu}}))(?:(?:{_CAP}|{_PARTICLE}|\p{{L}}\.)[ \t]+){{1,4}})$",
    _FLAGS)
# a house number before a street type: 29 Rue de Tanger, 95 Avenue des Tuileries
_PREFIXED = regex.compile(
    rf"(?P<phi>{_HOUSE}(?:[ \t]+\d{{1,6}})?[ \t]+(?P<prefix>{_PREFIX})(?P<name>(?:[ \t]+\p{{L}}[\p{{L}}'’-]{{0,30}}){{1,5}}))", _FLAGS)
_FOREIGN_WORD = regex.compile(rf"^{_PREFIX}$|{_FOREIGN_END}$", _FLAGS)
_CASED_FOREIGN = regex.compile(rf"(?:{_PREFIX}[ \t]+)?(?:(?:{_CAP}|{_PARTICLE}|\p{{L}}\.)[ \t]+){{0,4}}(?:{_CAP}|{_TYPE_WORD})", _FLAGS)
# an address cue right before the street: "lives at", "address:", "send it to", "the corner of"
_CUE = regex.compile(
    r"(?:\baddress(?:es)?\b[^\n.;!?]{0,40}?(?:\bis|\bwith|\bto|:|-)|\b(?:lives?|lived|living|resides?|resided|residing|"
    r"located|situated|moved|relocated|stays?|staying|based)(?:[ \t]+(?:alone|together|independently|nearby|now|"
    r"with[ \t]+(?:his|her|their|my)[ \t]+\p{L}+))?[ \t]+(?:at|on|in|to)|\b(?:send|sent|mail|mailed|ship|"
    r"shipped|deliver|delivered|return|returned|forward|forwarded|taxi|cab|drive|driven)\b[^\n.;:!?]{0,40}?\bto|"
    r"\b(?:meet(?:[ \t]+(?:me|you|us))?|stop|off|is|are|was|were|arrived|arrives)[ \t]+at|\bcorner[ \t]+of|"
    r"\bhere[ \t]+they[ \t]+are:|\b(?:station|office|house|home|entrance)[ \t]+is[ \t]+(?:on|at|in)|\benter[ \t]+on|"
    r"\b(?:north|south|east|west|other)[ \t]+side[ \t]+of|\brefers[ \t]+to|\bit(?:'s|[ \t]+is)[ \t]+in)"
    r"[ \t]*(?:the[ \t]+corner[ \t]+of[ \t]+)?[ \t\n]*$", _FLAGS)
# "the corner of Alšova 408 and Vedzizhev Greens"
_CORNER = regex.compile(
    rf"(?P<phi>\b(?:the[ \t]+)?corner[ \t]+of[ \t]+(?:\d{{1,6}}[ \t]+){{0,2}}(?:(?:{_W}|\p{{L}}\.)[ \t]+){{0,4}}(?:{_W}|\d{{1,5}}\.?)"
    rf"(?:[ \t]+(?:st|street)\b\.?)?[ \t]+and[ \t]+(?:\d{{1,6}}[ \t]+){{0,2}}(?:{_W}[ \t]+){{0,3}}(?:{_W}|\d{{1,5}}))", _FLAGS)

# lines that continue an address block (after a newline and an optional quote mark "> ")
_NEXT_LINE = regex.compile(r"[ \t]*\n(?:[ \t]*\n)?[ \t]*(?:(?:>|\?{1,3})[ \t]*)?(?P<line>[^\n]{1,80})", _FLAGS)
_CITY_WORD = r"(?:(?:st|ste|mt|ft)\.|\p{L}(?:[\p{L}'’-]|\.(?=\p{L}))*)"
_CITY = rf"(?:{_CITY_WORD}(?:[ \t]{_CITY_WORD}){{0,4}}(?:[ \t]*\(\p{{L}}+\))?)"
_REGION = r"(?:\p{Lu}{2,3}|\d{1,2}|nan)"
_LAST_PLACE_LINE = regex.compile(rf",?[ \t]*{_CITY}(?=[.?!;,]?(?:[ \t]|$))", _FLAGS)
_UNIT_LINE = regex.compile(rf",?[ \t]*{_UNIT}(?:,?[ \t]+{_UNIT})?[ \t]*,?", _FLAGS)
_POSTAL_LINE = regex.compile(
    rf"(?:,?[ \t]*(?:{_CITY}[ \t]*,?[ \t]*)?(?:(?-i:{_REGION})[ \t]*,?[ \t]+)?{_POSTAL}|"
    rf"(?:apo|dpo|fpo)[ \t]+(?:aa|ae|ap)[ \t]+\d{{5}})(?![\w-]|[/.:,]\d)", _FLAGS)
_PLACE_LINE = regex.compile(rf",?[ \t]*{_CITY}(?:[ \t]*,[ \t]*(?-i:{_REGION}))?[ \t]*,?|,?[ \t]*(?-i:{_REGION})", _FLAGS)
# on the street line itself: ", Apt 4B", " Suite 838", then ", Hagerstown, MD 21286"
_SAME_LINE_UNIT = regex.compile(rf"(?:,?[ \t]+{_UNIT}){{1,2}}", _FLAGS)
_SAME_LINE_CITY = regex.compile(
    rf"(?-i:(?:,[ \t]*\p{{Lu}}[\p{{L}}'’-]+(?:[ \t]\p{{Lu}}[\p{{L}}'’-]+){{0,2}}"
    rf"(?=[ \t]*(?:,|$|\n|[A-Z]{{2}}\b|\d{{5}}|[A-Z]{{1,2}}\d|\.))){{0,2}})"
    rf"(?:,[ \t]*(?-i:[A-Z]{{2}})\b)?(?:,?[ \t]+(?:\d{{5}}(?:-\d{{4}})?|(?-i:[A-Z]\d[A-Z][ ]?\d[A-Z]\d|"
    rf"[A-Z]{{1,2}}\d[A-Z\d]?[ ]\d[A-Z]{{2}}))\b)?")
# any case: ", kimville 59853", ", san alvaro los bajos 22159-8732", " NEW VANESSA 35809": a town of up to five
# words ("San Pedro de la Sierra"), then its ZIP
_SAME_LINE_TOWN_ZIP = regex.compile(rf"(?:,[ \t]*|[ \t]+)(?P<town>\p{{L}}[\p{{L}}'’-]*(?:[ \t]+\p{{L}}[\p{{L}}'’-]*){{0,4}}),?[ \t]+"
                                    rf"\d{{5}}(?:-\d{{4}})?(?![\w-])", _FLAGS)
# after "Apt. 615" the town, region, country and postal code up to the end of the line or sentence
_TAIL_TOKEN = regex.compile(rf"(?:[ \t]*,[ \t]*|[ \t]+)(?:(?P<postal>{_POSTAL})(?![\w-])|(?P<word>{_CITY_WORD}|\(\p{{L}}+\)))", _FLAGS)
_SAME_LINE_STATE_ZIP = regex.compile(
    rf"(?:,[ \t]*\p{{L}}[\p{{L}}'’-]+(?:[ \t]\p{{L}}[\p{{L}}'’-]+){{0,2}}){{1,2}},?[ \t]*(?:{STATES}),?[ \t]+\d{{5}}(?:-\d{{4}})?\b", _FLAGS)
# what one looks for near a ZIP code: "heart failure clinic near 84717", "cardiologists near 10001"
_SERVICE_WORD = regex.compile(r"clinics?|hospitals?|doctors?|physicians?|cardiologists?|specialists?|pharmac(?:y|ies)|"
                              r"offices?|centers?|centres?|labs?|programs?|rehab|providers?|practices?|places?|"
                              r"somewhere|anywhere|anyone|someone|me|us|home|here", regex.IGNORECASE)
_NEAR = regex.compile(r"\b(?:near|nearby|around|close[ \t]+to|next[ \t]+to|by)[ \t]+$", regex.IGNORECASE)
# in a one-line query also "I'm at 98750 Buck Rapids", "the pharmacy on 446 Clark Summit", "99F from 631 Steven Hills"
_NEAR_IN_QUERY = regex.compile(r"\b(?:near|nearby|around|close[ \t]+to|next[ \t]+to|by|at|on|from)[ \t]+$", regex.IGNORECASE)
# "medicare in allenmouth 39825": a place word or two, then a ZIP, ending a sentence
_PLACE_ZIP = regex.compile(
    r"\b(?:in|near|around|from|at)[ \t]+(?P<phi>\p{L}[\p{L}'’-]+(?:[ \t]+\p{L}[\p{L}'’-]+){0,2}),?[ \t]+"
    r"(?P<zip>\d{5}(?:-\d{4})?)(?=[ \t]*(?:$|\n|[;?!)]|[.,](?!\d)))", regex.IGNORECASE)
_NOT_ZIP_PLACE = frozenset("room rm bed bay unit suite ste apt apartment box total excess about approximately approx "
                           "dose doses units count range ward floor level code account acct id mrn number no".split())
# words that may begin a town's name although they are common English words
_PLACE_START = frozenset("new san santa fort port mount saint st north south east west lake los las el la le "
                         "upper lower great little grand".split())
_NOT_PLACE_LINE = regex.compile(r"[:;=/%@]|\d{2}|\b(?:pt|patient|he|she|pmh|hpi|plan|cc|hx|with|and|the|to|is|was)\b",
                                regex.IGNORECASE)


class _LazyCue:
    """Is there an address cue right before ``start``? Searched only when a rule asks."""

    def __init__(self, text, start, deadline):
        self.text, self.start, self.deadline, self.value = text, start, deadline, None

    def __bool__(self):
        if self.value is None:
            self.value = bool(_CUE.search(self.text, max(0, self.start - 80), self.start,
                                          timeout=self.deadline.remaining()))
        return self.value


class AddressRecognizer(RegexRecognizer):
    ENTITY = "LOCATION"
    PATTERN_ENTITIES = {"zip_after_state": "ZIP", "zip_after_place": "ZIP", "zip_label": "ZIP", "zip_after_province": "ZIP", "zip_near": "ZIP"}
    PATTERNS = [
        # Baltimore, MD 21201 (only the ZIP is a separate span here; the city is the city recognizer's)
        Pattern("zip_after_state", rf"(?-i:\b(?:{STATES})\b),?\s+(?P<phi>\d{{5}}(?:-\d{{4}})?)\b", 0.9),
        # ZIP: 3520, my zip code is 35350, postal code 53-320
        # Toronto, ON M5V 2T6
        Pattern("zip_after_province", r"(?-i:\b(?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT)\b),?[ \t]+"
                                      r"(?P<phi>(?-i:[A-Z]\d[A-Z][ ]?\d[A-Z]\d))\b", 0.9),
        # cardiologists near 10001
        Pattern("zip_near", r"\b(?:near|around|nearby|close[ \t]+to)[ \t]+(?P<phi>\d{5}(?:-\d{4})?)"
                            r"(?=[ \t]*(?:$|\n|[,;:?!)]|\.(?!\d)|(?:that|which|who|area|for|with|accepting|open)\b))", 0.85),
        # "Russellport, 73351?", "Lima, 45801-1234.": a ZIP ending a sentence after a place word and a comma
        Pattern("zip_after_place", r"(?-i:(?<![\p{L}'’-])(?P<place>\p{Lu}\p{Ll}[\p{Ll}'’-]+)),[ \t]*(?P<phi>\d{5}(?:-\d{4})?)"
                                   r"(?=[ \t]*(?:$|\n|[;?!)]|[.,](?!\d)))", 0.8),
        Pattern("zip_label", rf"\b(?:zip|zip[ \t]*code|postal[ \t]+code|post[ \t]*code)"
                             rf"(?:[ \t]+(?:is|was|is[ \t]+now|changed[ \t]+to|now))?[ \t]*[:#]?[ \t]*"
                             rf"(?P<phi>{_POSTAL})(?![\w-])", 0.9),
    ]

    def validate_match(self, view, match, start, end, pattern):
        if pattern.name == "zip_near":  # "platelets near 50000." is a count
            words = regex.findall(r"\p{L}+", view.text[max(0, start - 40):match.start()])
            before = words[-1] if words else ""
            abbreviation = before.isupper() and (view.cased or len(before) <= 4)  # "WBC near 10000"
            if _SERVICE_WORD.fullmatch(before):
                return True  # "heart failure clinic near 84717": a place one looks for near a ZIP
            return not (self.lexicons.is_clinical(before) or abbreviation or before.lower() in _NOT_STREET_WORD)
        if pattern.name == "zip_after_place":  # "Russellport, 73351": a capitalised place word, a comma, a ZIP
            word = match.group("place")
            lex = self.lexicons
            if lex.is_clinical(word) and not lex.is_name(word) or word.lower() in _MONTHS or word.lower() in _UNIT_WORDS:
                return False  # "Heparin, 25000", "Tuesday, 10001"
            return True
        return True

    def find(self, view, deadline):
        yield from super().find(view, deadline)
        yield from self._place_zip(view, deadline)
        text = view.text
        searches = [("us", _US_STREET)] + [("box", box) for box in _BOXES] + [("foreign", _FOREIGN_HOUSE)]
        if view.cased:  # a street named without a house number needs capitals to be told from prose
            searches.append(("foreign", _FOREIGN_NAME))
        searches += [("corner", _CORNER), ("prefixed", _PREFIXED)]
        for kind, compiled in searches:
            for match in compiled.finditer(text, timeout=deadline.remaining()):
                start, end = match.span("phi")
                name = match.group("name") if kind == "foreign" else ""
                if compiled is _FOREIGN_NAME:
                    line_start = max(text.rfind("\n", 0, start) + 1, start - 160)
                    before = _NAME_BEFORE.search(text, line_start, start, timeout=deadline.remaining())
                    if before:
                        start = before.start()
                        name = text[start:match.end("name")]
                cue = _LazyCue(text, start, deadline)
                more_suffix = None
                if kind == "us":
                    if not self._valid_us(view, match, cue):
                        continue
                    more = match.group("more")
                    if more and any(w.lower() in STOP_WORDS or view.cased and not w[0].isupper()
                                    for w in regex.findall(r"\p{L}+", more)):
                        end = match.start("more")  # "Avenue last fall": no second street name
                    elif more:
                        more_suffix = regex.search(r"\p{L}+$", more)
                if kind == "corner" and not self._valid_corner(view, match):
                    continue
                if kind == "prefixed":
                    end = self._prefixed_end(view, match)
                    if end is None:
                        continue
                end, block = self._block(text, end, deadline, view.cased, self.lexicons)
                weak_only = kind == "us" and _WEAK_ONLY.fullmatch(match.group("suffix")) and not (
                    more_suffix and not _WEAK_ONLY.fullmatch(more_suffix.group(0)))  # "41 Garnet Hollow Rd"
                near = _NEAR_IN_QUERY if is_query(text) else _NEAR
                name_words = regex.findall(r"\p{L}+", match.group("name")) if kind == "us" else []
                if kind == "us" and match.group("flat") and (weak_only or len(match.group("suffix")) < 4 or not (cue or block)):
                    continue  # a fraction is no house ("10/3 THALLIUM ST", "3/6 left neck") without a spelt-out
                    # suffix and an address cue or a town after it
                if kind == "us" and weak_only and not (cue or block) and not (
                        near.search(text, max(0, start - 12), start) and regex.match(r"\d{2}", text[start:])
                        and all(not (self.lexicons.is_curated_term(w) and not self.lexicons.is_name(w))
                                and (w[0].isupper() if view.cased else not self._plain_word(w, self.lexicons)
                                     or self.lexicons.is_name(w) and not self.lexicons.is_clinical(w))
                                for w in name_words)):
                    continue  # "near 1453 Terry Creek", "AT 4690 KELLY HILLS", "on 783 steven crossing": a street of
                    # names one is near (not "on 2 Lasix Green", "at 20 morning hills")
                if kind == "foreign" and not self._valid_foreign(view, name, match.groupdict().get("house"), cue, block):
                    continue
                if kind == "prefixed" and not (cue or block or view.cased and match.group("prefix").lower() not in (
                        "avenue", "boulevard", "place", "via")):
                    continue
                yield self.result(start, end, 0.9 if kind == "box" or block else 0.75)

    def _place_zip(self, view, deadline):
        """ "medicare in allenmouth 39825", "clinic in West Scott 44067.": a town and its ZIP ending a sentence
        (the town is the city recognizer's kind of span, but a ZIP is no word the clinical veto could judge)."""
        text, lex = view.text, self.lexicons
        query = is_query(text)
        for match in _PLACE_ZIP.finditer(text, timeout=deadline.remaining()):
            words = regex.findall(r"\p{L}[\p{L}'’-]*", match.group("phi"))
            if any(w.lower() in STOP_WORDS or w.lower() in _NOT_ZIP_PLACE or lex.is_clinical(w) and w.lower() not in lex.cities
                   and not (n == 0 and len(words) > 1 and w.lower() in _PLACE_START)
                   for n, w in enumerate(words)) or match.group("phi").lower() in lex.regions:
                continue
            if view.cased and not query and not all(w[0].isupper() for w in words):
                continue
            yield self.result(match.start("phi"), match.end("phi"), 0.7, "CITY")
            yield self.result(match.start("zip"), match.end("zip"), 0.8, "ZIP")

    @staticmethod
    def _valid_us(view, match, cue):
        words = regex.findall(r"(?<![\d\p{L}])\p{L}[\p{L}'’-]*", match.group("name"))
        for word in words:
            lower = word.lower()
            if lower in STOP_WORDS or lower in _NOT_STREET_WORD or len(lower) < 2:
                return False
        suffix = match.group("suffix").lower()
        if suffix in ("st", "dr", "ct", "pl", "ter", "row", "way") and view.cased \
                and not all(w[0].isupper() for w in words):
            return False
        return True

    @staticmethod
    def _valid_corner(view, match):
        streets = regex.sub(r"^(?:the[ \t]+)?corner[ \t]+of[ \t]+", "", match.group("phi"), flags=regex.IGNORECASE)
        sides = regex.split(r"[ \t]+and[ \t]+", streets, maxsplit=1)
        if any(regex.search(r"\b(?:the|his|her|their|my|your|a|an|this|that)\b", side, regex.IGNORECASE) for side in sides):
            return False  # "the corner of the mouth and the ..."
        if view.cased:
            return all(side[:1].isdigit() or side[:1].isupper() or regex.match(_PREFIX, side, regex.IGNORECASE)
                       for side in sides)
        return bool(regex.search(r"\d|\b(?:" + SUFFIX + r")\b", streets, regex.IGNORECASE))

    @staticmethod
    def _prefixed_end(view, match):
        """The street name after "Rue", "Avenida"... ends before the first ordinary word."""
        end = None
        for word in regex.finditer(r"\p{L}[\p{L}'’-]*", match.group("name")):
            lower = word.group(0).lower()
            if (lower in STOP_WORDS or lower in _NOT_STREET_WORD or lower in _UNIT_WORDS) \
                    and not regex.fullmatch(_PARTICLE, lower):
                break
            if view.cased and not word.group(0)[0].isupper() and not regex.fullmatch(_PARTICLE, lower) \
                    and end is None:
                return None
            end = match.start("name") + word.end()
        if end is not None and regex.fullmatch(_PARTICLE, match.string[:end].rsplit(None, 1)[-1], regex.IGNORECASE):
            end = match.start("name") + match.group("name")[:end - match.start("name")].rstrip().rfind(" ")
            end = end if end > match.start("name") else None
        return end

    def _valid_foreign(self, view, name, house, cue, block):
        words = regex.findall(r"\p{L}[\p{L}'’.-]*", name)
        lower = [w.lower() for w in words]
        if any(w in _MONTHS or self.lexicons.is_clinical(w) and not _FOREIGN_WORD.search(w)
               and not regex.fullmatch(rf"{_PARTICLE}|{_PREFIX}|{_TYPE_WORD}", w, regex.IGNORECASE) for w in lower):
            return False  # "in March 2021", "on Coumadin 5"
        if all(w in STOP_WORDS or w in _NOT_STREET_WORD or len(w.rstrip(".")) < 3 for w in lower):
            return False
        if any(w in _NOT_STREET_WORD or w.rstrip(".") in _UNIT_WORDS for w in lower):
            return False
        if view.cased and not _CASED_FOREIGN.fullmatch(name):
            return False
        # "HR 88 RR 16": short all-caps words are abbreviations, not street names
        if view.cased and all(w.isupper() and len(w) <= 4 for w in words if len(w.rstrip(".")) > 1):
            return False
        if not view.cased and (len(words) > 3 or not house
                               or any(w in STOP_WORDS and not regex.fullmatch(_PARTICLE, w) for w in lower)):
            return False
        if block or cue:
            return True
        street_word = any(_FOREIGN_WORD.search(w) for w in lower)
        return street_word and bool(house) and (view.cased or len(words) <= 3)

    @staticmethod
    def _unit_tail(text, end, cased, deadline, lexicons=None):
        """After "Apt. 615" on the same line: the town, region, country and postal code, as far as
        the words look like place names (capitalised, a region code, a particle inside a name)."""
        pos, words = end, 0
        for token in _TAIL_TOKEN.finditer(text, end, timeout=deadline.remaining()):
            if token.start() != pos or words >= 8:
                break
            word = token.group("word")
            pos = token.end()
            if token.group("postal"):
                return pos  # the postal code ends the address
            if regex.fullmatch(_PARTICLE, word, regex.IGNORECASE):
                continue  # kept only if a name follows
            if not cased and word.isupper() and lexicons is not None and AddressRecognizer._plain_word(word, lexicons):
                break  # "SUITE 648 REQUESTS HOME INR MONITOR": in capitals, ordinary words end the address
            if regex.fullmatch(rf"(?-i:{_REGION})", word) or word.startswith("(") or (
                    word.lower() not in STOP_WORDS and word.lower() not in _NOT_STREET_WORD
                    and (not cased or word[0].isupper())):
                end, words = pos, words + 1
                continue
            break
        return end

    @staticmethod
    def _plain_word(word, lex):
        """An ordinary English or clinical word that is no town's name ("REQUESTS", "HOME", "INR")."""
        lower = word.lower()
        if lower in lex.cities or lower in lex.regions or lower in _PLACE_START or regex.fullmatch(rf"(?-i:{_REGION})", word):
            return lex.is_clinical(lower) and lower not in lex.cities and len(word) > 3
        return lex.is_clinical(lower) or lex.zipf(lower) >= 3.0

    @staticmethod
    def _block(text, end, deadline, cased=True, lexicons=None):
        """Extend a street line over the rest of its address: returns (end, is it a block?)."""
        block = False
        unit = _SAME_LINE_UNIT.match(text, end, timeout=deadline.remaining())
        if unit:
            end, block = unit.end(), True
            end = AddressRecognizer._unit_tail(text, end, cased, deadline, lexicons)
        city = _SAME_LINE_CITY.match(text, end, timeout=deadline.remaining())
        if not (city and city.end() > end):  # "..., springfield, il 62704": any case, with a state and a ZIP
            city = _SAME_LINE_STATE_ZIP.match(text, end, timeout=deadline.remaining())
        if not (city and city.end() > end):  # "..., kimville 59853": any case, with a ZIP
            city = _SAME_LINE_TOWN_ZIP.match(text, end, timeout=deadline.remaining())
            if city and any(w.lower() in STOP_WORDS and w.lower() not in _PLACE_START or w.lower() in _NOT_ZIP_PLACE
                            for w in city.group("town").split()):
                city = None  # ", room 12345", ", call 55501": no town
        if city and city.end() > end:
            end = city.end()
            block = block or bool(regex.search(r"\d{5}(?:-\d{4})?$", city.group(0)))
        pos, pending = end, 0
        for _ in range(6):
            nxt = _NEXT_LINE.match(text, pos, timeout=deadline.remaining())
            if not nxt:
                break
            line = nxt.group("line").rstrip()
            line_start = nxt.start("line")
            line_end = line_start + len(line)
            if _UNIT_LINE.fullmatch(line):
                end, pos, block, pending = line_end, line_end, True, 0
                continue
            postal = _POSTAL_LINE.match(line)
            if postal:  # the postal code ends the address (the line may go on with the sentence)
                end, block = line_start + postal.end(), True
                break
            last = _LAST_PLACE_LINE.match(line)
            if block and last and not _NOT_PLACE_LINE.search(line[:last.end()]) and last.end() < len(line.rstrip()):
                end = line_start + last.end()  # "Netherlands?": the country ends the sentence and the address
                break
            if _PLACE_LINE.fullmatch(line) and not _NOT_PLACE_LINE.search(line) and pending < 2 \
                    and "\n\n" not in text[pos:line_start].replace(" ", "").replace("\t", ""):
                pos, pending = line_end, pending + 1
                if block:  # city and country lines after a unit line belong to the address
                    end = line_end
                continue
            break
        return end, block
