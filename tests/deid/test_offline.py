"""The engine never needs the network: build it and de-identify with every socket refused."""

import socket

import pytest

from deid import DeidEngine, Document, Policy


class NetworkUsed(AssertionError):
    pass


def refuse(*args, **kwargs):
    raise NetworkUsed("network access attempted")


@pytest.fixture
def no_network(monkeypatch):
    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_fresh_engine_works_offline(no_network, key, lexicons):
    import deid.engine
    from deid.recognizers.email_recognizer import offline_tld_extractor

    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.org", 80))  # the guard works
    deid.engine.load_nlp.cache_clear()
    offline_tld_extractor.cache_clear()
    engine = DeidEngine(Policy.load(), key, lexicons)
    text = "Images at https://www.example.org/cases/448 and questions to q.fairweather@example.org please."
    result = engine.deidentify(Document("offline", text, "patient-offline"))
    assert [s.label for s in result.spans] == ["URL", "EMAIL"]
    assert "q.fairweather" not in result.text and "cases/448" not in result.text
    assert result.text.startswith("Images at ") and result.text.endswith(" please.")
