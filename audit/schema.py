"""Creates and migrates the store's schema from the numbered SQL files in ``audit/sql/``.

Each file runs once, in name order, in its own transaction, and is recorded with its sha256
in ``schema_migrations``; an applied file whose text has since changed is refused rather than
silently diverging from the database.
"""

from __future__ import annotations

from importlib import resources

import duckdb

from audit.chain import sha256_text, utc_now


class SchemaError(RuntimeError):
    pass


def open_connection(path: str = ":memory:", read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with the session settings row digests depend on.

    ``to_json`` spells TIMESTAMPTZ values in the session's time zone, so every writer and
    verifier pins UTC: the same rows then hash the same on any machine.
    """
    connection = duckdb.connect(path, read_only=read_only)
    connection.execute("SET TimeZone = 'UTC'")
    return connection


def migration_files() -> list[tuple[str, str]]:
    folder = resources.files("audit").joinpath("sql")
    return sorted((entry.name, entry.read_text(encoding="utf-8"))
                  for entry in folder.iterdir() if entry.name.endswith(".sql"))


def migrate(connection) -> list[str]:
    """Apply the SQL files not applied yet; returns their names."""
    connection.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                       "(name VARCHAR PRIMARY KEY, sql_sha256 VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)")
    applied = dict(connection.execute("SELECT name, sql_sha256 FROM schema_migrations").fetchall())
    done = []
    for name, sql in migration_files():
        digest = sha256_text(sql)
        if name in applied:
            if applied[name] != digest:
                raise SchemaError(f"audit/sql/{name} changed after it was applied to this store; "
                                  "add a new numbered file instead of editing an applied one")
            continue
        connection.begin()
        try:
            connection.execute(sql)
            connection.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [name, digest, utc_now()])
            connection.commit()
        except Exception:
            connection.rollback()
            raise
        done.append(name)
    return done
