"""The known-identifier vault: merged per patient, pseudonymous file names, private files."""

from __future__ import annotations

import stat
from datetime import date

from deid.known_identifiers import KnownIdentifiers
from deid.known_vault import KnownIdentifierVault


def test_saves_merge_and_reload_per_patient(tmp_path, key):
    vault = KnownIdentifierVault(tmp_path / "vault", key)
    vault.save("pt-1", KnownIdentifiers(names=("Wendeline Ossory",), birth_dates=(date(1950, 1, 2),)))
    vault.save("pt-1", KnownIdentifiers(identifiers=("4471002",), names=("Wendeline Ossory",)))
    vault.save("pt-2", KnownIdentifiers(phones=("555-0101",)))
    known = vault.load("pt-1")
    assert known.names == ("Wendeline Ossory",) and known.identifiers == ("4471002",)
    assert known.birth_dates == (date(1950, 1, 2),)
    assert vault.load("pt-3") == KnownIdentifiers()
    assert set(vault.all()) == {"pt-1", "pt-2"}


def test_files_are_private_and_named_by_pseudonym(tmp_path, key):
    vault = KnownIdentifierVault(tmp_path / "vault", key)
    vault.save("MRN-4471002", KnownIdentifiers(names=("Wendeline Ossory",)))
    [path] = (tmp_path / "vault").iterdir()
    assert "4471002" not in path.name and path.name.startswith("p-")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "vault").stat().st_mode) == 0o700


def test_nothing_is_written_for_a_patient_without_identifiers(tmp_path, key):
    vault = KnownIdentifierVault(tmp_path / "vault", key)
    vault.save("pt-1", KnownIdentifiers())
    assert not (tmp_path / "vault").exists()
