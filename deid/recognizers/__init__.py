"""One recognizer per file, each a Presidio ``EntityRecognizer``; the default set is listed here."""

from __future__ import annotations

from deid.lexicons import Lexicons
from deid.recognizers.address_recognizer import AddressRecognizer
from deid.recognizers.age_recognizer import AgeRecognizer
from deid.recognizers.city_recognizer import CityRecognizer
from deid.recognizers.contact_name_recognizer import ContactNameRecognizer
from deid.recognizers.credentialed_name_recognizer import CredentialedNameRecognizer
from deid.recognizers.date_recognizer import DateRecognizer
from deid.recognizers.email_recognizer import EmailRecognizer
from deid.recognizers.hospital_recognizer import HospitalRecognizer
from deid.recognizers.id_number_recognizer import IdNumberRecognizer
from deid.recognizers.initial_name_recognizer import InitialNameRecognizer
from deid.recognizers.ip_recognizer import IpRecognizer
from deid.recognizers.lexicon_name_recognizer import LexiconNameRecognizer
from deid.recognizers.message_name_recognizer import MessageNameRecognizer
from deid.recognizers.name_shape_recognizer import NameShapeRecognizer
from deid.recognizers.notified_name_recognizer import NotifiedNameRecognizer
from deid.recognizers.patient_name_recognizer import PatientNameRecognizer
from deid.recognizers.phone_recognizer import PhoneRecognizer
from deid.recognizers.relative_name_recognizer import RelativeNameRecognizer
from deid.recognizers.ssn_recognizer import SsnRecognizer
from deid.recognizers.titled_name_recognizer import TitledNameRecognizer
from deid.recognizers.unknown_word_recognizer import UnknownWordRecognizer
from deid.recognizers.url_recognizer import UrlRecognizer

DEFAULT_RECOGNIZERS = (
    DateRecognizer, AgeRecognizer, PhoneRecognizer, EmailRecognizer, UrlRecognizer, IpRecognizer, SsnRecognizer,
    IdNumberRecognizer, AddressRecognizer, HospitalRecognizer, CityRecognizer, TitledNameRecognizer,
    RelativeNameRecognizer, CredentialedNameRecognizer, ContactNameRecognizer, NotifiedNameRecognizer,
    InitialNameRecognizer, LexiconNameRecognizer, PatientNameRecognizer, MessageNameRecognizer,
    NameShapeRecognizer, UnknownWordRecognizer,
)


def default_recognizers(lexicons: Lexicons) -> list:
    return [cls(lexicons) for cls in DEFAULT_RECOGNIZERS]
