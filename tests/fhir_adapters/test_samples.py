"""samples/fhir is what scripts/generate_fhir_samples.py writes (so tests and samples share one generator)."""

import subprocess
import sys

from tests.conftest import REPO


def test_committed_samples_match_the_generator(tmp_path):
    subprocess.run([sys.executable, str(REPO / "scripts" / "generate_fhir_samples.py"), "--output", str(tmp_path)],
                   check=True, capture_output=True)
    committed = REPO / "samples" / "fhir"
    generated = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert generated == sorted(p.relative_to(committed) for p in committed.rglob("*") if p.is_file())
    for relative in generated:
        assert (tmp_path / relative).read_bytes() == (committed / relative).read_bytes(), relative
