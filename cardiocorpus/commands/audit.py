"""``audit verify / snapshot / views / query``: the corpus store for auditors (contracts in DESIGN.md).

``verify`` exits 0 when the chain, the head anchor and every vouched row check out, 1 otherwise,
printing a JSON report whose ``first_broken`` names the event and what is wrong.
``query NAME`` prints a compliance view as JSON lines, from the store or from a snapshot.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _db(args) -> Path:
    from audit.store import default_path

    return args.db if args.db else default_path()


def _verify(args) -> int:
    from audit.snapshot import verify_snapshot
    from audit.verify import verify_store

    try:
        report = verify_snapshot(args.snapshot) if args.snapshot else verify_store(_db(args), args.anchor)
    except Exception as error:  # a missing, locked or unreadable store: say so, never a traceback
        print(f"error: cannot verify: {error}", file=sys.stderr)
        return 2
    print(json.dumps(report.to_json()))
    if not report.ok:
        broken = report.first_broken
        print(f"audit log broken at event {broken.event_id} ({broken.action or 'unknown action'}): {broken.problem}",
              file=sys.stderr)
    return 0 if report.ok else 1


def _snapshot(args) -> int:
    from audit.store import CorpusStore

    with CorpusStore.open(_db(args), actor=args.actor) as store:
        directory = store.snapshot()
    print(directory)
    return 0


def _connection(args):
    from audit.schema import open_connection
    from audit.snapshot import open_snapshot

    if args.snapshot:
        return open_snapshot(args.snapshot)
    path = _db(args)
    if not path.exists():
        raise FileNotFoundError(f"no corpus store at {path}")
    return open_connection(str(path), read_only=True)


def _views(args) -> int:
    connection = _connection(args)
    try:
        names = [r[0] for r in connection.execute(
            "SELECT view_name FROM duckdb_views() WHERE view_name LIKE 'compliance_%' ORDER BY 1").fetchall()]
    finally:
        connection.close()
    for name in names:
        print(name.removeprefix("compliance_"))
    return 0


def _query(args) -> int:
    connection = _connection(args)
    try:
        known = {r[0] for r in connection.execute(
            "SELECT view_name FROM duckdb_views() WHERE view_name LIKE 'compliance_%'").fetchall()}
        view = f"compliance_{args.name}"
        if view not in known:
            print(f"error: no compliance query {args.name!r}; `cardiocorpus audit views` lists them", file=sys.stderr)
            return 2
        result = connection.execute(f"SELECT * FROM {view}")
        columns = [d[0] for d in result.description]
        for row in result.fetchall():
            print(json.dumps(dict(zip(columns, row)), default=str))
    finally:
        connection.close()
    return 0


def register(sub) -> None:
    audit = sub.add_parser("audit", help="verify, snapshot and query the corpus store")
    commands = audit.add_subparsers(dest="audit_command", required=True)

    def add(name: str, func, help: str, snapshot: bool = True):
        p = commands.add_parser(name, help=help)
        p.add_argument("--db", type=Path, help="the store (default: $CARDIOCORPUS_HOME/corpus.duckdb)")
        if snapshot:
            p.add_argument("--snapshot", type=Path, help="read this snapshot folder instead of the store")
        p.set_defaults(func=func)
        return p

    p = add("verify", _verify, "recompute the audit chain and the rows it vouches for; exit 1 if broken")
    p.add_argument("--anchor", type=Path, help="head anchor file (default: the store path + .head)")
    p = add("snapshot", _snapshot, "write Parquet copies of every table into snapshots/<ts>/", snapshot=False)
    p.add_argument("--actor", default="cardiocorpus-cli")
    add("views", _views, "list the compliance queries")
    p = add("query", _query, "print a compliance query's rows as JSON lines")
    p.add_argument("name", help="e.g. documents_per_source (see `audit views`)")
