"""The ``cardiocorpus`` console script: deid-text on bad input, order with workers, eval-deid scoring.

These run the installed script in a subprocess, as the independent evaluation does.
"""

import json
import subprocess

import pytest

from tests.conftest import CLI, REPO

GOOD_ONE = {"id": "good-1", "text": "Seen by Dr. Quintero; call 410-555-0177 about the echo.", "patient_id": "cli-p1"}
GOOD_TWO = {"id": "good-2", "text": "Wife Gertrude Stanislawski at bedside, MRN 5512093.", "extra": "ignored"}
GOOD_PHI = ["Quintero", "410-555-0177", "Gertrude", "Stanislawski", "5512093"]


def run(*args, timeout=240):
    return subprocess.run([str(CLI), *map(str, args)], capture_output=True, text=True, timeout=timeout, cwd=REPO)


def write_lines(path, lines: list[bytes]):
    path.write_bytes(b"".join(lines))
    return path


def jsonl(record) -> bytes:
    return json.dumps(record).encode("utf-8") + b"\n"


@pytest.fixture(scope="module")
def bad_input_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli-bad")
    source = write_lines(folder / "in.jsonl", [
        jsonl(GOOD_ONE),
        b'{"id": "broken", "text": "unterminated\n',
        b'{"id": "no-text", "body": "nothing to see"}\n',
        b'{"id": "latin", "text": "caf\xe9 au lait"}\n',
        jsonl(GOOD_TWO),
    ])
    output = folder / "out.jsonl"
    completed = run("deid-text", source, "--output", output, "--workers", "1")
    return completed, output


def test_bad_lines_fail_the_run(bad_input_run):
    completed, _ = bad_input_run
    assert completed.returncode != 0


def test_stderr_names_each_failed_line(bad_input_run):
    completed, _ = bad_input_run
    for number in (2, 3, 4):
        assert f"line {number}:" in completed.stderr
    for number in (1, 5):
        assert f"line {number}:" not in completed.stderr


def test_good_lines_are_written_in_order(bad_input_run):
    _, output = bad_input_run
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["good-1", "good-2"]
    for record, original in zip(records, (GOOD_ONE, GOOD_TWO)):
        assert set(record) == {"id", "text", "spans"}
        assert record["spans"], record["id"]
        for span in record["spans"]:
            assert set(span) == {"start", "end", "label", "score"}
            assert 0 <= span["start"] < span["end"] <= len(original["text"])
        covered = " ".join(original["text"][s["start"]:s["end"]] for s in record["spans"])
        assert all(phi in covered for phi in GOOD_PHI if phi in original["text"])


def test_no_phi_in_output_or_logs(bad_input_run):
    completed, output = bad_input_run
    written = output.read_text(encoding="utf-8")
    for phi in GOOD_PHI:
        assert phi not in written
        assert phi not in completed.stdout
        assert phi not in completed.stderr
    assert "unterminated" not in completed.stderr and "nothing to see" not in completed.stderr


def test_two_workers_keep_the_input_order(tmp_path):
    records = [{"id": f"n{i:02d}", "text": f"Note {i}: Dr. Quintero saw the patient on 3/{i % 28 + 1}/2023."}
               for i in range(40)]
    source = write_lines(tmp_path / "in.jsonl", [jsonl(r) for r in records])
    output = tmp_path / "out.jsonl"
    completed = run("deid-text", source, "--output", output, "--workers", "2")
    assert completed.returncode == 0, completed.stderr[-2000:]
    written = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in written] == [r["id"] for r in records]
    for i, record in enumerate(written):
        assert record["text"].startswith(f"Note {i}: Dr. ")
        assert "Quintero" not in record["text"]


def test_a_bad_policy_is_refused(tmp_path):
    source = write_lines(tmp_path / "in.jsonl", [jsonl(GOOD_ONE)])
    policy = tmp_path / "bad.yaml"
    policy.write_text("name: x\nversion: '1'\noperators:\n  PERSON: scramble\n", encoding="utf-8")
    completed = run("deid-text", source, "--output", tmp_path / "out.jsonl", "--policy", policy, "--workers", "1")
    assert completed.returncode != 0
    assert "operators.PERSON" in completed.stderr


# --- eval-deid ---------------------------------------------------------------------------------

EVAL_TEXT = "Seen by Dr. Ana Quintero on 3/14/2023."
EVAL_GOLD = [
    {"id": "e1", "text": EVAL_TEXT, "spans": [{"start": 12, "end": 24, "label": "PERSON"},
                                              {"start": 28, "end": 37, "label": "DATE"}]},
    {"id": "e2", "text": "Call 410-555-0177 today.", "spans": [{"start": 5, "end": 17, "label": "PHONE"}]},
]
EVAL_PRED = [
    # e1: only "Quintero" (the gold name is partly covered), the date with the space and full stop around it
    {"id": "e1", "spans": [{"start": 16, "end": 24, "label": "PERSON"}, {"start": 27, "end": 38, "label": "DATE"}]},
    # e2: the phone, plus "Call" (4 alphanumerics that are not PHI)
    {"id": "e2", "spans": [{"start": 5, "end": 17, "label": "PHONE"}, {"start": 0, "end": 4, "label": "PERSON"}]},
]


def parse_eval_output(stdout: str):
    summary, end = json.JSONDecoder().raw_decode(stdout)
    missed = [json.loads(line) for line in stdout[end:].splitlines() if line.strip()]
    return summary, missed


@pytest.fixture
def eval_files(tmp_path):
    gold = tmp_path / "gold.jsonl"
    pred = tmp_path / "pred.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in EVAL_GOLD), encoding="utf-8")
    pred.write_text("".join(json.dumps(r) + "\n" for r in EVAL_PRED), encoding="utf-8")
    return gold, pred


def test_eval_deid_scoring_rules(eval_files):
    gold, pred = eval_files
    completed = run("eval-deid", "--gold", gold, "--pred", pred)
    assert completed.returncode == 0, completed.stderr[-2000:]
    summary, missed = parse_eval_output(completed.stdout)
    # the partly covered name does not count; the date and the phone do
    assert summary["gold_spans"] == 3 and summary["caught_spans"] == 2
    assert summary["span_recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert summary["recall_by_label"] == {"DATE": 1.0, "PERSON": 0.0, "PHONE": 1.0}
    # alphanumerics only: predicted Quintero(8) + 3142023(7) + 4105550177(10) + Call(4)
    assert summary["char_precision"] == pytest.approx(25 / 29, abs=1e-4)
    # gold AnaQuintero(11) + 3142023(7) + 4105550177(10)
    assert summary["char_recall"] == pytest.approx(25 / 28, abs=1e-4)
    assert missed == [{"id": "e1", "start": 12, "end": 24, "label": "PERSON"}]
    assert "Quintero" not in completed.stdout


def test_eval_deid_shows_text_only_when_asked(eval_files):
    gold, pred = eval_files
    completed = run("eval-deid", "--gold", gold, "--pred", pred, "--show-text")
    _, missed = parse_eval_output(completed.stdout)
    assert missed[0]["text"] == "Ana Quintero"


# --- deid-text on long runs of whitespace, and its summary -------------------------------------

def summary_of(stderr: str) -> dict:
    """The JSON summary deid-text prints as the last line of stderr."""
    return json.loads(stderr.strip().splitlines()[-1])


def test_a_note_with_a_long_run_of_spaces_finishes(tmp_path, write_policy):
    # the credentialed-name regex used to backtrack catastrophically over the spaces
    records = [
        {"id": "s1", "text": "Seen by Dr. Quintero."},
        {"id": "s2", "text": "Plan:" + " " * 3_500 + "continue Lasix. Marisol Quintero, MD"},
        {"id": "s3", "text": "Call 410-555-0177 about the echo."},
    ]
    source = write_lines(tmp_path / "in.jsonl", [jsonl(r) for r in records])
    output = tmp_path / "out.jsonl"
    policy = write_policy(time_budget_seconds=30)
    completed = run("deid-text", source, "--output", output, "--policy", policy, "--workers", "1", timeout=120)
    assert completed.returncode == 0, completed.stderr[-2000:]
    written = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in written] == ["s1", "s2", "s3"]
    assert all("Quintero" not in r["text"] and "410-555-0177" not in r["text"] for r in written)
    assert summary_of(completed.stderr)["written"] == 3


def test_summary_counts_and_throughput_over_input_characters(tmp_path, write_policy):
    # phones are redacted, so the output is far shorter than the input: the throughput
    # must be computed from the input characters
    text = "Call 410-555-0134 or 410-555-0178 today. " * 400
    records = [{"id": f"k{i}", "text": text} for i in range(4)]
    source = write_lines(tmp_path / "in.jsonl", [jsonl(r) for r in records] + [b"not json\n"])
    output = tmp_path / "out.jsonl"
    policy = write_policy(operators={"PHONE": "redact"})
    completed = run("deid-text", source, "--output", output, "--policy", policy, "--workers", "1")
    assert completed.returncode != 0  # one bad line
    summary = summary_of(completed.stderr)
    assert summary["written"] == 4 and summary["failed"] == 1
    assert summary["detections"] == {"PHONE": 4 * 800}
    assert "kchar_per_s" in summary and summary["seconds"] > 0
    input_chars = 4 * len(text)
    output_chars = sum(len(json.loads(line)["text"]) for line in output.read_text(encoding="utf-8").splitlines())
    assert output_chars < input_chars / 2
    estimated = summary["kchar_per_s"] * 1000 * summary["seconds"]
    assert estimated == pytest.approx(input_chars, rel=0.1)
