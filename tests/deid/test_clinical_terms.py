"""Clinical language must survive de-identification: abbreviations, eponyms, drugs, scores.

Every sentence below is invented. For each, ``engine.analyze`` must return no span that
touches any of the listed terms, as written and in ALL CAPS (many notes are upper case).
"""

import pytest
import regex

from tests.deid.assertions import touches

CLINICAL_SENTENCES = [
    # abbreviations
    ("New AF with RVR, moderate MR and mild TR on TTE.", ["AF", "RVR", "MR", "TR", "TTE"]),
    ("Cath showed 90% LAD stenosis and a 70% RCA lesion.", ["LAD", "RCA"]),
    ("Converted to NSR after DCCV; SOB improved.", ["NSR", "DCCV", "SOB"]),
    ("Metoprolol 25 mg PO BID and Lasix 40 mg PO daily.", ["Metoprolol", "PO", "BID", "Lasix"]),
    ("EKG showed LBBB; CHF exacerbation suspected.", ["EKG", "LBBB", "CHF"]),
    ("MR moderate, TR mild, AR trace.", ["MR", "TR", "AR"]),
    ("LAD, LCx and RCA with mild disease.", ["LAD", "LCx", "RCA"]),
    ("EKG: NSR, LVH, no ST changes.", ["EKG", "NSR", "LVH", "ST"]),
    ("Patient reports SOB and chest pain.", ["SOB", "chest pain"]),
    ("CABG x3 with LIMA to LAD, SVG to OM and PDA.", ["CABG", "LIMA", "LAD", "SVG", "OM", "PDA"]),
    ("PO intake poor, NPO after midnight.", ["PO", "NPO"]),
    ("Prelim LHC today, RHC tomorrow; TEE showed PFO, LVOT gradient 40, TAPSE 14.",
     ["Prelim", "LHC", "RHC", "PFO", "LVOT", "TAPSE"]),
    ("FFR 0.78 and IVUS of the LMCA; NSVT on MCOT, ILR placed, CIED check, DAPT with DES.",
     ["FFR", "IVUS", "LMCA", "NSVT", "MCOT", "ILR", "CIED", "DAPT", "DES"]),
    # eponyms and devices that look like names
    ("Holter monitor placed for 48 hours.", ["Holter monitor"]),
    ("Dr. Patel Holter results are back; Joyce Holter 24h started.", ["Holter results", "Holter 24h"]),
    ("Mercy Hospital Echo Lab called about the TEE.", ["Echo Lab", "TEE"]),
    ("Echo: LVEF 55%, grade 1 diastolic dysfunction, mild MR. Maurycy", ["MR"]),  # a sign-off after "MR."
    ("Bruce protocol stopped at stage 3 for fatigue.", ["Bruce protocol"]),
    ("Swan-Ganz catheter placed, PCWP 22.", ["Swan-Ganz", "PCWP"]),
    ("History of Wolff-Parkinson-White syndrome s/p ablation.", ["Wolff-Parkinson-White"]),
    ("Known Wolff-Parkinson-White pattern on EKG.", ["Wolff-Parkinson-White", "EKG"]),
    ("Mobitz I block, Wenckebach periodicity noted overnight.", ["Mobitz", "Wenckebach"]),
    ("Mobitz II block requiring pacing.", ["Mobitz"]),
    ("S/p Fontan procedure and prior Glenn shunt.", ["Fontan", "Glenn"]),
    ("Bidirectional Glenn and later Fontan.", ["Glenn", "Fontan"]),
    ("Foley catheter removed this morning.", ["Foley"]),
    ("Doppler showed no DVT.", ["Doppler", "DVT"]),
    ("Impella placed in the cath lab.", ["Impella"]),
    ("Holter and Zio patch for 14 days.", ["Holter", "Zio"]),
    ("Takotsubo cardiomyopathy suspected.", ["Takotsubo"]),
    ("Brugada pattern on EKG, refer to EP.", ["Brugada", "EKG", "EP"]),
    ("Kussmaul sign absent, no JVD.", ["Kussmaul", "JVD"]),
    ("Cheyne-Stokes respirations overnight.", ["Cheyne-Stokes"]),
    ("Killip class II on arrival.", ["Killip"]),
    ("Ebstein anomaly with severe TR.", ["Ebstein", "TR"]),
    ("Valsalva maneuver terminated the SVT.", ["Valsalva", "SVT"]),
    ("Bentall procedure for aortic root dilation.", ["Bentall"]),
    # drugs, brand names and device makers
    ("Restart Coumadin, continue Plavix and Lasix.", ["Coumadin", "Plavix", "Lasix"]),
    ("Heparin, Eliquis, Xarelto and Brilinta reviewed.", ["Heparin", "Eliquis", "Xarelto", "Brilinta"]),
    ("Norvasc 5 mg daily, Toprol XL 50 mg daily.", ["Norvasc", "Toprol"]),
    ("Lisinopril 10 mg, Aldactone 25 mg.", ["Lisinopril", "Aldactone"]),
    ("ICD interrogated by the Medtronic rep.", ["ICD", "Medtronic"]),
    # scores, settings, murmurs and vital signs written with slashes
    ("Pain 5/10 at rest.", ["5/10"]),
    ("Vent settings PEEP 5/5, FiO2 40%.", ["PEEP", "5/5", "FiO2"]),
    ("2/6 SEM at RUSB radiating to carotids.", ["2/6", "SEM", "RUSB"]),
    ("BP 120/80, HR 72, RR 16.", ["BP", "120/80", "HR", "RR"]),
    ("Grade 3/6 holosystolic murmur at apex.", ["3/6"]),
    ("Strength 5/5 in all extremities.", ["5/5"]),
    ("Murmur 2/6 SEM LUSB.", ["2/6", "SEM", "LUSB"]),
    ("BP 132/84 sitting, 118/76 standing.", ["132/84", "118/76"]),
    ("Pain 5/10, PEEP 5/5, 2/6 SEM, BP 120/80.", ["5/10", "5/5", "2/6", "SEM", "120/80"]),
]

CASES = {"as written": lambda s: s, "ALL CAPS": str.upper}


def term_positions(text: str, term: str) -> list[tuple[int, int]]:
    pattern = regex.compile(rf"(?<![A-Za-z0-9]){regex.escape(term)}(?![A-Za-z0-9])")
    return [m.span() for m in pattern.finditer(text)]


def assert_terms_untouched(spans, text: str, terms: list[str]) -> None:
    for term in terms:
        positions = term_positions(text, term)
        assert positions, f"test table error: {term!r} not in the sentence"
        for start, end in positions:
            hits = [(text[s.start:s.end], s.label) for s in spans if touches(s, start, end)]
            assert not hits, f"clinical term {term!r} hit by {hits}"


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("text, terms", CLINICAL_SENTENCES)
def test_clinical_terms_are_not_phi(engine, text, terms, case):
    render = CASES[case]
    text = render(text)
    assert_terms_untouched(engine.analyze(text), text, [render(t) for t in terms])


@pytest.mark.parametrize("case", CASES)
def test_clinical_terms_survive_in_a_whole_note(engine, case):
    """The same sentences as one note: longer context must not turn terms into names."""
    from deid import Document

    render = CASES[case]
    text = render("\n".join(sentence for sentence, _ in CLINICAL_SENTENCES))
    terms = sorted({render(t) for _, ts in CLINICAL_SENTENCES for t in ts})
    result = engine.deidentify(Document("clinical-note", text, "patient-clinical"))
    assert_terms_untouched(result.spans, text, terms)
    for term in terms:
        assert len(term_positions(result.text, term)) == len(term_positions(text, term)), term
