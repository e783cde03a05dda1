"""IpRecognizer: IPv4 and IPv6 addresses, validated with the standard library."""

import pytest

from deid.recognizers.ip_recognizer import IpRecognizer
from tests.deid.assertions import assert_recognizer_finds


@pytest.fixture(scope="module")
def recognizer(lexicons):
    return IpRecognizer(lexicons)


@pytest.mark.parametrize(
    "text, expected_texts",
    [
        # IPv4
        ("Device uploads from 192.168.14.27 nightly.", ["192.168.14.27"]),
        ("Remote monitor at 10.0.0.5 every night.", ["10.0.0.5"]),
        # at the end of a sentence: the full stop is not part of the address
        ("Remote monitor at 172.16.4.20.", ["172.16.4.20"]),
        # IPv6, full form
        ("IPv6 2001:db8:85a3:0:0:8a2e:370:7334 seen.", ["2001:db8:85a3:0:0:8a2e:370:7334"]),
        # IPv6, compressed with ::
        ("Uploads via 2001:db8:4f2c::17:9e01 daily.", ["2001:db8:4f2c::17:9e01"]),
        ("Gateway 2001:db8:77a1::3b0c:41:9d2e.", ["2001:db8:77a1::3b0c:41:9d2e"]),
        # --- invalid: out of range, too few parts, decimals and clock times
        ("Invalid 999.12.1.1 address.", []),
        ("INR 2.3.1 trend.", []),
        ("Time 10:30:45 today.", []),
        ("Alarm at 14:05:00.", []),
        ("QRS 0.12 s.", []),
    ],
)
def test_ip_spans(recognizer, text, expected_texts):
    assert_recognizer_finds(recognizer, text, expected_texts)
