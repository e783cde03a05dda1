"""Certification gates and pulls: blocked releases record nothing, tampered or uncertified ones are refused."""

from __future__ import annotations

import json

import pytest

from audit import CorpusStore
from releases import CertificationBlocked, ReleaseRefused, build_release, certify, pull
from releases.configuration import default_config_dict
from tests.releases.conftest import build_store


def _built(path, key, root, **kwargs):
    with CorpusStore.open(path) as store:
        return build_release(store, key=key, root=root, **kwargs)


def _events(path, action):
    with CorpusStore.open(path) as store:
        return store.query("SELECT count(*) FROM audit_events WHERE action = ?", [action])[0][0]


def test_certify_then_pull_copies_verified_files_and_logs_the_pull(corpus_store, release_root, tmp_path, key):
    path, _ = corpus_store
    build = _built(path, key, release_root)
    assert not build.blocking_failures
    with CorpusStore.open(path) as store:
        result = certify(store, build.name, build.version, "steward-a", root=release_root)
        assert result.event_ids and all(c.passed for c in result.checks.values())
        target = pull(store, build.name, None, tmp_path / "team", "trainer-b", root=release_root)
        pull(store, build.name, build.version, tmp_path / "team2", "trainer-b", root=release_root)
        log = store.query("SELECT version, pulled_by, destination FROM access_log ORDER BY event_id")
        assert store.verify().ok
    assert log == [(build.version, "trainer-b", str((tmp_path / "team").resolve())),
                   (build.version, "trainer-b", str((tmp_path / "team2").resolve()))]
    for name in build.manifest["files"]:
        assert (target / name).read_bytes() == (build.directory / name).read_bytes()
    assert json.loads((target / "manifest.json").read_text()) == build.manifest


def test_uncertified_release_is_not_pulled(corpus_store, release_root, tmp_path, key):
    path, _ = corpus_store
    build = _built(path, key, release_root)
    with CorpusStore.open(path) as store:
        with pytest.raises(ReleaseRefused, match="not certified"):
            pull(store, build.name, build.version, tmp_path / "team", "trainer", root=release_root)
        with pytest.raises(ReleaseRefused, match="no certified version"):
            pull(store, build.name, None, tmp_path / "team", "trainer", root=release_root)
        assert store.query("SELECT count(*) FROM access_log")[0][0] == 0
    assert not (tmp_path / "team" / "train.jsonl").exists()


@pytest.mark.parametrize("tamper", ["edit_train", "add_file", "edit_manifest"])
def test_tampered_release_is_refused(corpus_store, release_root, tmp_path, key, tamper):
    path, _ = corpus_store
    build = _built(path, key, release_root)
    with CorpusStore.open(path) as store:
        certify(store, build.name, build.version, "steward", root=release_root)
    if tamper == "edit_train":
        with open(build.directory / "train.jsonl", "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"messages": [{"role": "user", "content": "x"},
                                                  {"role": "assistant", "content": "y"}]}) + "\n")
        reason = "does not match its manifest"
    elif tamper == "add_file":
        (build.directory / "extra.jsonl").write_text("{}\n")
        reason = "does not match its manifest"
    else:
        manifest = json.loads((build.directory / "manifest.json").read_text())
        manifest["counts"]["train"] += 1
        (build.directory / "manifest.json").write_text(json.dumps(manifest))
        reason = "the store recorded"
    with CorpusStore.open(path) as store:
        with pytest.raises(ReleaseRefused, match=reason):
            pull(store, build.name, build.version, tmp_path / "team", "trainer", root=release_root)
        assert store.query("SELECT count(*) FROM access_log")[0][0] == 0


def test_a_patient_in_both_splits_blocks_certification(tmp_path, key):
    path = tmp_path / "corpus.duckdb"
    build_store(path)
    config = default_config_dict()
    config["split"]["group_by"] = "document"   # each example on its own: a patient's examples scatter
    build = _built(path, key, tmp_path / "r", config=config)
    assert build.checks["patient_overlap"].details["patients_in_both_splits"] > 0
    assert "patient_overlap" in build.blocking_failures
    before = _events(path, "certify")
    with CorpusStore.open(path) as store:
        with pytest.raises(CertificationBlocked) as blocked:
            certify(store, build.name, build.version, "steward", root=tmp_path / "r")
        assert store.query("SELECT count(*) FROM certifications")[0][0] == 0
    assert blocked.value.failed == ["patient_overlap"]
    assert _events(path, "certify") == before


@pytest.mark.parametrize("residual, counted", [(1, "with_residual_identifiers"),
                                                (None, "residual_count_not_recorded")])
def test_residual_identifiers_block_certification(tmp_path, key, residual, counted):
    path = tmp_path / "corpus.duckdb"
    build_store(path, residual=residual)   # patient 0's note: a member through its problem-list example
    build = _built(path, key, tmp_path / "r")
    assert build.checks["residual_phi"].details[counted] == 1
    with CorpusStore.open(path) as store:
        with pytest.raises(CertificationBlocked) as blocked:
            certify(store, build.name, build.version, "steward", root=tmp_path / "r")
    assert blocked.value.failed == ["residual_phi"]


def test_too_few_examples_block_certification(tmp_path, key):
    path = tmp_path / "corpus.duckdb"
    build_store(path, patients=1, papers=0)
    build = _built(path, key, tmp_path / "r")
    assert "format_valid" in build.blocking_failures
    with CorpusStore.open(path) as store:
        with pytest.raises(CertificationBlocked, match="format_valid"):
            certify(store, build.name, build.version, "steward", root=tmp_path / "r")
