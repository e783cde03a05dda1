"""PatientNameRecognizer: the patient in the slots of a patient line ("Pt Okafor, 78M", "Vesely 82F",
"ANDREA MOLNAR, DOB ...")."""

import pytest

from deid.recognizers.patient_name_recognizer import PatientNameRecognizer
from tests.deid.assertions import assert_recognizer_finds


@pytest.fixture(scope="module")
def recognizer(lexicons):
    return PatientNameRecognizer(lexicons)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # after "pt" / "patient", closed like a patient line
        ("Pt Okafor, 78M, s/p CABG, now in AF.", ["Okafor"]),
        ("Pt Dembele had a syncopal episode at home.", ["Dembele"]),
        ("Pt Halvorsen 5512093 for cardioversion Friday.", ["Halvorsen"]),
        ("URGENT: PT HERRERA MRN 5512093 K 6.8", ["HERRERA"]),
        ("PATIENT DAVID QUISPE AT 1848 ELM STREET REQUESTS A CALL", ["DAVID QUISPE"]),
        ("ecg with st elevation v1-v3, pt herrera, 58m, cath lab?", ["herrera"]),
        # before the age and sex
        ("Handoff: bed 7 Wieczorek, 74M, NSTEMI. Bed 8 Jones, 61F, CHF.", ["Wieczorek", "Jones"]),
        ("Vesely 82F on apixaban 2.5 BID, Cr 1.9", ["Vesely"]),
        ("REF: ANDREA MOLNAR 92 y/o F, severe AS for TAVR", ["ANDREA MOLNAR"]),
        ("Edwin Marchetti (96) with severe MR", ["Edwin Marchetti"]),
        # before the date of birth or record number
        ("TRIAGE: MATTHEW GREEN, DOB 4/9/1963, SOB", ["MATTHEW GREEN"]),
        ("Refill for Warrick T. Laurent, DOB 20-Jan-1950, atorvastatin 80", ["Warrick T. Laurent"]),
        # the subject of a one-line question
        ("Swan-Ganz numbers for Okafor: PCWP 28, CI 1.8. Milrinone?", ["Okafor"]),
        ("can you review the ECG on Bertrand? New RBBB and LAFB", ["Bertrand"]),
        ("echo report Svensson EF 35%", ["Svensson"]),
        ("Is it ok to take it on Monday? What are the results for Lasix? Or in Texas?", []),
        ("Plan: check the ECG on Bertrand?\nCont heparin.", []),  # a note, not a query
        # a care verb's patient, the name after age and sex, a name glossed with its diagnosis (queries)
        ("OK to discharge Larson today?", ["Larson"]),
        ("NEED CARDS TO SEE PRISCILLA QUINTERO IN ED BAY 3, TROP 4.6", ["PRISCILLA QUINTERO"]),
        ("Can you see Okonjo today? 72M, NSTEMI.", ["Okonjo"]),
        ("Can you see the echo in the chart today?", []),
        # age and sex before "from" (not a French catheter size)
        ("ER called: Okonjo, 91M from the nursing home, hypotensive.", ["Okonjo"]),
        # more slots of a one-line query
        ("Outside hospital sent Whitcombe with trop 12, on heparin. Accept?", ["Whitcombe"]),
        ("Can you add Marisol Quintero to the Friday cath list?", ["Marisol Quintero"]),
        ("Was there a Holter for Sutcliffe in 1989? Old chart at the clinic.", ["Sutcliffe"]),
        ("Draft a discharge letter for Ansel Whitcombe, admitted 7/13 with HF.", ["Ansel Whitcombe"]),
        ("Patient is Gutierrez, wore the monitor from 1/15.", ["Gutierrez"]),
        ("Pls check Hernandez's potasium before giving Lasix 80 IV", ["Hernandez"]),  # a misspelt lab
        ("Armstrong - 2nd trop 1.2, ECG unchanged", ["Armstrong"]),
        ("Patient is stable, eating well. Update - pt stable.", []),
        ("ssn on file for billing, pt due for echo", []),
        ("changed to psv for dysynchronous breathing, then back", []),
        ("Nurse: pt c/o site swelling, no fever.", []),
        ("PATIENT ALVARADO CALLING AGAIN ABOUT CHEST PAIN", ["ALVARADO"]),
        ("mri safe with this pacer? pt quintero asking", ["quintero"]),
        ("PCSK9 or bempedoic acid? for Whitcombe", ["Whitcombe"]),
        # after "for", a word that is surely a name, whatever follows it
        ("valve clinic slot for pietrowski severe tr ef 30", ["pietrowski"]),
        ("prior auth for zio patch 14 day for Hubbard dx palpitations", ["Hubbard"]),  # capitalised in lower case
        ("is he a candidate for barlow valve repair or for long term anticoagulation", []),
        ("prior auth for Holter and for Lasix refill, for Allen test", []),
        ("send cath report for dyal to the pcp", ["dyal"]),  # a listed surname ending like an adjective
        ("Vrabosz Holter 24h", ["Vrabosz"]),
        ("Hargrove Holter 24h. Repeat Holter in 6 months. Please Holter.", ["Hargrove"]),
        ("Nurse triage 1/14: pt c/o palpitations. Dear Mr. Lambert, thanks.", []),
        ("Paitent weaned to PSV 20/10.", []),  # a misspelling before a charting verb
        ("Pt Priscilla Weaver had 4 strips.", ["Priscilla Weaver"]),  # a surname the terminology lists too
        ("pt robbins is on 50 tid, pt was calm.", ["robbins"]),
        ("PT IS STABLE, PT WAS CALM.", []),
        ("Cory from Pharmacy: needs the INR today", ["Cory"]),
        ("Transfer from OSH: stable on heparin", []),
        ("Outpatient note 2-9-2016: Schwartz seen for HTN, on amlodipine", ["Schwartz"]),
        ("Plan: Lasix seen for edema. Note: Echo is pending. Update: pt seen for f/u.", []),
        ("Can we refer Sanghvi to EP for PVI?", ["Sanghvi"]),
        ("cath lab tonight? have a 64F Petersen with ongoing pain", ["Petersen"]),
        ("Rounding list 6E: Bertrand (NSTEMI), Carlier (CHF)", ["Bertrand", "Carlier"]),
        ("Rounding list 6E: Stone (NSTEMI), Evans (CHF)", ["Stone", "Evans"]),  # surnames the terminology lists
        ("Meds: Lasix (furosemide), Heparin (DVT ppx), Holter (AF)", []),
        ("OK to discharge home today? refer to EP? Lasix (furosemide) given.", []),
        # surname particles, and a common surname before a patient line's verb
        ("Pt da Luz had a syncopal episode at home", ["da Luz"]),
        ("BNP trend for Manuella da Luz (MRN 3702763)?", ["Manuella da Luz"]),
        ("PT THOMPSON NEEDS STAT ECHO, SUSPECT TAMPONADE", ["THOMPSON"]),
        ("PT STILL NEEDS ECHO. PT AGAIN HAD PAUSES. K 4.1 de (MRN 12345)", []),
        # a query that opens with the patient; a cased patient line going on with "is"
        ("Etzold - 2nd trop 1.2, ECG unchanged", ["Etzold"]),
        ("Curbside: Collins is a 58F with HFrEF EF 25%", ["Collins"]),
        ("Update - pt stable. Curbside: what dose?", []),
        ("ADDM: EPICARDIAL WIRES FAILED", []),
        ("Pt Denies with chest pain.", []),
        # after "pt", the verbs of a patient line, and in mixed case a Census name before a clinical word
        ("PT ALVARADO REFUSING HEPARIN GTT, PLEASE ADVISE.", ["ALVARADO"]),
        # in an ALL-CAPS query also a common Census surname, or a word no dictionary knows
        ("SSN ON FILE. PT SMITH PREOP CLEARANCE FOR HIP", ["SMITH"]),
        ("PT DÁVILA REFUSING HEPARIN GTT, PLEASE ADVISE", ["DÁVILA"]),
        ("PT STILL REFUSING HEPARIN GTT, PT NOW ON HEPARIN", []),
        # who is spoken or asked about, who is in a room
        ("wife says torres looks grey and sweaty, bp 90/50", ["torres"]),
        ("ECG tech: Heath in room 3 has a 12-lead with ST elevation", ["Heath"]),
        ("wife says she looks grey, asks if pain is normal, if mom can come", []),
        ("pt in room 3 is stable; Holter in room 4 is on", []),
        ("mri safe with my pacer? pt duffy asking", ["duffy"]),  # a surname only the terminology lists
        ("Secure chat: pt in 14 is Scott, bradycardic 38 on metoprolol", ["Scott"]),
        ("pt still asking for food, pt calm, asking for wife", []),
        ("PATIENT MILLER CALLING AGAIN ABOUT CHEST PAIN", ["MILLER"]),
        # whom a question asks about, who opens a query doing what people do, a family, a caller's own name
        ("does Rajiv need to stop aspirin before his surgery?", ["Rajiv"]),
        ("does zoltan need to stop aspirin before his surgery?", ["zoltan"]),
        ("Chinonso keeps asking me if her metoprolol can be split.", ["Chinonso"]),
        ("Ferrante family meeting re: hospice at 9", ["Ferrante"]),
        ("hi its lucija again, still getting the skipped beats", ["lucija"]),
        ("does Metoprolol need a taper? can Heparin still run? Positive family history.", []),
        ("Everyone keeps asking. Cardiac family history of SCD.", []),
        # a caller's own name with its surname, a message opened by "this is", a doer after a question,
        # a name before a dash, a numbered sign-out item, who is in a unit
        ("this is henrik ojala calling back, missed a call", ["henrik ojala"]),
        ("THIS IS OKORAFOR WHY HAS NOBODY CALLED ME", ["OKORAFOR"]),
        ("Hey, it's Johan on nights — any objection to K-Dur?", ["Johan"]),
        ("NPO AFTER MIDNIGHT FOR TEE? GISBERT BERGER WANTS TO KNOW IF SHE CAN TAKE IT", ["GISBERT BERGER"]),
        ("Handoff: bed 4 Perry — s/p Impella. Pls review Holter for Rice — 18% PVC", ["Perry", "Rice"]),
        ("Sign-out: 1) Palmer — HFrEF on milrinone; 2) Lasix — hold", ["Palmer"]),
        ("Page to cards fellow: Bhardwaj in 12B. Dosing question: Sandro in CCU", ["Bhardwaj", "Sandro"]),
        ("Med rec: Clarke takes Eliquis 5 BID", ["Clarke"]),
        ("this is urgent, it's fine — thanks. Holter in CCU, Lasix in 12B", []),
        ("Thanks so much, Dominika! The stress echo went fine.", ["Dominika"]),      # whom a message thanks
        ("wasnt clear. thx, amy at 564 moore trail", ["amy"]),
        ("Thanks, Lasix helped. Thank you, doctor! thx, everyone.", []),
        ("FAX RESULTS OF THE NUCLEAR STRESS TEST FOR CALHOUN TO THE CLINIC", ["CALHOUN"]),  # "for X to"
        ("waiting for Lasix to work, for him to call, hard for patients to afford", []),
        # a study before the name is the test ("ECHO SMITH, DOB"); eponymous surnames stay names
        ("ECHO SMITH, DOB 3/4/1950. HOLTER GARCIA 74 M", ["SMITH", "GARCIA"]),
        ("Bruce Smith, 74M, for stress test. Hess 82F on Eliquis", ["Bruce Smith", "Hess"]),
        ("Pt Gallardo c/o 10/10 chest pain, ECG unchanged.", ["Gallardo"]),
        ("Please advise, pt Griffin INR 1.6 on warfarin.", ["Griffin"]),
        ("FYI - pt Harrington from the outside hospital, STEMI.", ["Harrington"]),
        ("Pt Stable on heparin. pt Comfortable with plan.", []),
        ("Speech therapy saw the patient. Swallow study tomorrow.", []),
        # a query's subject that the terminology also lists as an everyday word ("burns", "page")
        ("Is the Swan still indicated for Burns after weaning the milrinone?", ["Burns"]),
        ("Could you review the cardiac CT on Page? Calcium score 812.", ["Page"]),
        # labels of consults and pages, and a query's name owning a drug or test
        ("Cards consult: Rosiello", ["Rosiello"]),
        ("PAGE: Norton rm 412 HR 38 junctional", ["Norton"]),
        ("Heads up: the team wants Popescu's Coumadin held for the pacemaker", ["Popescu"]),
        ("MDi's as noted. Today's INR 2.3. Monday's echo. Patient's heparin.", []),
        ("Pt stable.\nWegner's syndrome. Cont's bowel regime. le's cool.", []),
        # an age and sex set off by a colon or a dash; a vitals label is no name ("Temp: 98F")
        ("Sign-out Ostrowski: 55F takotsubo. Lindqvist - 78M, NSTEMI s/p PCI", ["Ostrowski", "Lindqvist"]),
        ("Temp: 98F, HR 80. Vitals - 97F oral", []),
        # who is in a bed or room, "in" or not
        ("night team fyi: Kowalczyk bed 14 with hx fontan. PAGE: Abernathy RM 412", ["Kowalczyk", "Abernathy"]),
        ("pt moved to ICU bed 4, needs bed 3 stat", []),
        # a worklist line: the study, the patient, then a date, a number or "last"
        ("ekg delacroix yvette last 3", ["delacroix yvette"]),
        ("Holter Brzezinski 3/2 and echo report Quenneville 2/2", ["Brzezinski", "Quenneville"]),
        ("echo shows EF 30%. ekg normal sinus 2/3. TTE RVSP 40. stress test friday. echo today 3pm", []),
        # possessives of the words that are never names
        ("Pt's son called. Patient's wife asked. Family updated by MD's.", []),
        ("pls tell him that Quarshie brought in her pill bottles", ["Quarshie"]),  # what a person does, after "that"
        ("emergency contact for bourgeois is son at 555", ["bourgeois"]),  # whose contact someone is
        ("pt mnyandu new address on file", ["mnyandu"]),
        ("FYI Baker TEE shows no LAA thrombus", ["Baker"]),
        ("pharm: can vargas be switched to brilinta", ["vargas"]),
        ("hernandez cabg 2019 op note", ["hernandez"]),  # without case, an opening name before a test
        ("recent cabg 2011 op note. severe cabg disease. fyi holter echo done", []),
        ("DIGOXIN LEVEL 2.6 FOR LEGOVIC, CRCL 28", ["LEGOVIC"]),  # "-vic" ends a surname, not a medical adjective
        ("Handoff: Hellstrom s/p TAVR today. Curbside s/p TAVR. Followup s/p PCI", ["Hellstrom"]),
        ("Family of Bailey asking for update. Family of patient asking", ["Bailey"]),
        ("can u see buchanan in 4b? lasix in 4b", ["buchanan"]),  # a Census name the word list holds, where only a person fits
        ("Event monitor Lange 8184413817. Event monitor results 3/4. echo Holter 3/2", ["Lange"]),
        ("when is my next device check, ssn 754-29-3085. Billing dept: statement", []),  # an everyday word, a department
        ("RN CALLING: WHITE 84F C/O SOB", ["WHITE"]),  # an age and sex says more than a record label
        ("ivabradine ok for joan hr 78? warfarin with bactrim for lahti inr 3.8", ["joan", "lahti"]),  # before a lab value
        ("ok on max metoprolol, nsr. for ef 35 pls. on k 3.2", []),  # a dose's word before the drug
        ("screened ungaretti caterina for hfref registry", ["ungaretti caterina"]),
        ("pt benavides declined the statin study. aranzazu enrolled in the study", ["benavides", "aranzazu"]),
        ("ITEMIZED BILL REQUEST: NÉMETH, ACCOUNT LINKED", ["NÉMETH"]),  # a label, then one word set off
        ("DX: HTN, CAD. ALLERGIES: PCN, CODE: FULL. Plan: Continue, Diet: Regular, Rhythm: Sinus,", []),
        ("IN GARCIA, PRESENTED BY. FOR RODRIGUEZ, CRCL 28", ["GARCIA", "RODRIGUEZ"]),  # Census names used mostly as names
        ("ZIO PATCH RESULTS ATTACHED. teaching file: 94f. ins id on file, ssn 1. wants records, ssn 2", []),
        ("prophylaxis for daniel w mechanical mvr. prior auth for mcfarland dx palpitations", ["daniel", "mcfarland"]),
        ("carotid doppler for estrada shows 80%", ["estrada"]),
        ("Is TAVR ok for Scott given porcelain aorta?", ["Scott"]),
        ("for pain with movement. for chf with edema.", []),
        ("Re Cooper: TTE shows EF 35%. Can Dr. Quinn's patient Glenn Lamb restart Plavix", ["Cooper", "Quinn", "Glenn Lamb"]),
        ("fluid 1.5l, lucas to bring med list. plan: echo to follow. lasix to continue", ["lucas"]),
        ("Case 4: Kaja, a 96-year-old retired teacher", ["Kaja"]),  # an age set off after the name
        ("teaching file: digoxin toxicity in allen, 94 yo, with vt", ["allen"]),
        # --- invalid: what follows "pt" in nursing notes, catheter sizes, labs named PT
        ("pt tolerated diet. pt comfortable, resting. pt agitated at times.", []),
        ("PT WORKED WITH PT. PT STABLE, NO ISSUES. PT CONTS ON PS 10 PEEP 5.", []),
        ("pt conts on lasix gtt. pt desats with any activity. pt. Ox3 overnight.", []),
        ("Cordis 8F sheath placed, 7 F cath to the RCA.", []),
        ("PT 14.2, PTT 30, INR 1.3. PT/OT eval today.", []),
        ("keep pt comfort, monitor neuro.", []),
        ("Weight, 95, stable. SBP (95) after the bolus.", []),
        ("For Holter hookup: please arrive 15 minutes early.", []),
        ("What is the result for Okafor's Holter?", ["Okafor's"]),  # the engine drops the possessive
        ("pt at 1800 was sleeping, PT AT 2000 AWAKE", []),
    ],
)
def test_patient_name_spans(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)
