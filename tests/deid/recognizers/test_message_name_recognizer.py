"""MessageNameRecognizer: names in greetings, self-introductions and sign-offs of messages."""

import pytest

from deid.recognizers.message_name_recognizer import MessageNameRecognizer
from tests.deid.assertions import assert_recognizer_finds


@pytest.fixture(scope="module")
def recognizer(lexicons):
    return MessageNameRecognizer(lexicons)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # greetings and self-introductions
        ("Hi Nabila, it's Ozren from the device clinic. Your check is Monday.", ["Nabila", "Ozren"]),
        ("hi its judy again, still getting the skipped beats", ["judy"]),
        ("This is Ifeoluwa from cardiac rehab, calling about the treadmill test.", ["Ifeoluwa"]),
        ("Cecilie here, I am 72 and my daughter says I need a pacemaker", ["Cecilie"]),
        ("Yeah hi, uh, Cooper here, my defibrillator went off", ["Cooper"]),  # an eponymous Census surname
        ("Pt's wife here. Nurse here, pt ok.", []),
        ("can sebastiano still take his aspirin before the colonoscopy", ["sebastiano"]),  # no "?", a rare name
        # a name said to be one
        ("Sorry, wrong form. My name is Wenonah Treadgold, DOB on file.", ["Wenonah Treadgold"]),
        ("Watchman candidate? Pt name Okonjo.", ["Okonjo"]),
        ("Name of the drug is metoprolol. Brand name is Toprol.", []),
        # sign-offs
        ("can i drink coffee on flecainide? -benicio", ["benicio"]),
        ("can i drink coffee on flecainide? -thanks", []),
        # a yes-no question without its mark: only a given name
        ("can norma still take his aspirin 81 before the cath", ["norma"]),
        ("WILL REWEAN LATER. HAS BEEN STABLE", []),
        ("Is this much bruising normal after a cath? Groin is sore. Jakub", ["Jakub"]),
        ("Is a resting rate of 45 too low? I'm a runner. -Pavla", ["Pavla"]),
        ("Can I take ibuprofen with Eliquis? Thanks, Marisol", ["Marisol"]),
        ("Hi Melinda, it's Paul from the cardiology office.", ["Melinda", "Paul"]),
        ("Is this the right address? Thanks, Mary", ["Mary"]),
        ("Christina, did the Holter get sent back?", ["Christina"]),
        ("does jason need to stop aspirin before her colonoscopy?", ["jason"]),
        ("Is it ok to take lasix? Does heart rate matter? Can pt take it? Is Coumadin ok?", []),
        ("PT RESTLESS. WILL REWEAN LATER WHEN MORE AWAKE.", []),  # a note's sentence, not a question
        # the speakers of a chat transcript (two at least)
        ("Kayla: pt in bed 4 is asking for you\nMarisol: on my way, 5 min", ["Kayla", "Marisol"]),
        ("Neuro: alert\nPulm: clear\nPMHX: CAD\nRose: ok", []),  # section heads, and one voice only
        ("hi ondina - inr is 4.6 today", ["ondina"]),  # a greeting set off by a dash takes a rarer word
        ("Ok to give Lasix 40 IV? BNP 1800 - Prudence (night float)", ["Prudence"]),  # a sign-off with a role
        ("hi there - quick q. hi team - bed 4. hey doc, my bp. hi guys - bp 150", []),
        ("John can you cover bed 7 tonight? Nicole are you still rounding?", ["John", "Nicole"]),  # a vocative without comma
        ("Please can you call. Doc can you see. Team are you free.", []),
        ("Hold Eliquis 48 hrs before; Amanda, call the clinic with questions.", ["Amanda"]),
        # --- invalid: everyday words in the same places, clinical words at the end
        ("Hi team, I'm worried about the INR. Thanks", []),
        ("Hello, I am writing for my mother.", []),
        ("Pt stable overnight. Will cont to monitor. Lasix", []),
        ("Good morning, this is urgent: HR 38.", []),
    ],
)
def test_message_name_spans(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)
