"""Known identifiers read from FHIR resources, for the text engine and the leak check.

A Patient gives its names, identifier values, phones, e-mails, street lines, birth date and
mother's maiden name. Practitioners, organizations and locations in the same input give
their names, street lines, phones and identifier values: the text engine then finds them
in that input's notes, and the leak check makes sure none is left.
"""

from __future__ import annotations

from datetime import date

from deid.known_identifiers import KnownIdentifiers

MAIDEN_NAME_URL = "http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName"


def _name_text(name: dict) -> str:
    if name.get("text"):
        return name["text"]
    return " ".join([*name.get("given", []), name.get("family", "")]).strip()


def _address_lines(address: dict) -> list[str]:
    lines = [line for line in address.get("line", []) if isinstance(line, str)]
    if address.get("text"):
        lines.append(address["text"])
    return lines


def _telecom(resource: dict) -> tuple[list[str], list[str]]:
    phones, emails = [], []
    for contact in resource.get("telecom", []):
        value = contact.get("value")
        if not isinstance(value, str):
            continue
        (emails if contact.get("system") == "email" or "@" in value else phones).append(value)
    return phones, emails


def known_identifiers_from_patient(patient_resource: dict) -> KnownIdentifiers:
    """Everything a Patient resource says that identifies the patient (DESIGN.md, "Keys")."""
    names = [_name_text(n) for n in patient_resource.get("name", []) if _name_text(n)]
    for contact in patient_resource.get("contact", []):
        if contact.get("name") and _name_text(contact["name"]):
            names.append(_name_text(contact["name"]))
    for extension in patient_resource.get("extension", []):
        if extension.get("url") == MAIDEN_NAME_URL and isinstance(extension.get("valueString"), str):
            names.append(extension["valueString"])
    identifiers = [i["value"] for i in patient_resource.get("identifier", []) if isinstance(i.get("value"), str)]
    phones, emails = _telecom(patient_resource)
    addresses = [line for a in patient_resource.get("address", []) for line in _address_lines(a)]
    births = []
    birth = patient_resource.get("birthDate")
    if isinstance(birth, str) and len(birth) == 10:
        try:
            births.append(date.fromisoformat(birth))
        except ValueError:
            pass
    return KnownIdentifiers(tuple(names), tuple(identifiers), tuple(phones), tuple(addresses), tuple(births),
                            tuple(emails))


STAFF_TYPES = ("Practitioner", "PractitionerRole", "Organization", "Location", "RelatedPerson")


def staff_identifiers(resources) -> KnownIdentifiers:
    """Names, street lines, phones and identifiers of the clinicians and places among ``resources``.

    Organization and location names go in as address-like phrases (matched as a whole word
    sequence), so that "General" in "Valley General Hospital" does not mark every "general".
    """
    names, identifiers, phones, phrases = [], [], [], []
    for resource in resources:
        if resource.get("resourceType") not in STAFF_TYPES:
            continue
        name = resource.get("name")
        if isinstance(name, str):  # Organization, Location
            phrases.append(name)
        elif isinstance(name, list):  # Practitioner, RelatedPerson: HumanNames
            names.extend(_name_text(n) for n in name if isinstance(n, dict) and _name_text(n))
        phrases.extend(a for a in resource.get("alias", []) if isinstance(a, str))
        identifiers.extend(i["value"] for i in resource.get("identifier", []) if isinstance(i.get("value"), str))
        resource_phones, _ = _telecom(resource)
        phones.extend(resource_phones)
        addresses = resource.get("address", [])
        for address in addresses if isinstance(addresses, list) else [addresses]:
            if isinstance(address, dict):
                phrases.extend(_address_lines(address))
    return KnownIdentifiers(tuple(names), tuple(identifiers), tuple(phones), tuple(phrases))


def merge(*knowns: KnownIdentifiers) -> KnownIdentifiers:
    """One KnownIdentifiers holding every value of ``knowns`` once, in first-seen order."""
    fields = ("names", "identifiers", "phones", "addresses", "birth_dates", "emails")
    merged = {name: tuple(dict.fromkeys(v for k in knowns for v in getattr(k, name))) for name in fields}
    return KnownIdentifiers(**merged)
