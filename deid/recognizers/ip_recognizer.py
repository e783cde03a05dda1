"""IPv4 and IPv6 addresses, checked with the standard library."""

from __future__ import annotations

import ipaddress

from presidio_analyzer import Pattern

from deid.recognizers.base import RegexRecognizer


class IpRecognizer(RegexRecognizer):
    ENTITY = "IP_ADDRESS"
    PATTERNS = [
        Pattern("ipv4", r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?!\d|\.\d)", 0.8),
        # full and compressed forms (2001:db8::1); ipaddress decides
        Pattern("ipv6", r"(?<![\w:])(?=[0-9a-f:]{0,39}:[0-9a-f]{0,4}:)[0-9a-f:]{6,39}(?![\w:])", 0.8),
    ]

    def validate_match(self, view, match, start, end, pattern):
        try:
            ipaddress.ip_address(match.group(0))
        except ValueError:
            return False
        return True
