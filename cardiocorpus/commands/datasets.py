"""``cardiocorpus datasets list / show / build / certify / pull``: certified fine-tuning releases (releases/)."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _store():
    from audit import CorpusStore

    return CorpusStore.open(actor="cardiocorpus-datasets")


def _print(data) -> None:
    print(json.dumps(data, indent=2, sort_keys=True, default=str))


def _list(args) -> int:
    from releases import Catalog

    with _store() as store:
        rows = [{"name": i.name, "version": i.version, "train": i.manifest["counts"].get("train"),
                 "validation": i.manifest["counts"].get("validation"), "certified": i.certified,
                 "recorded_in_store": i.recorded} for i in Catalog(args.root, store).list()]
    if args.json:
        _print(rows)
    elif not rows:
        print("no releases")
    for row in [] if args.json else rows:
        state = "certified" if row["certified"] else ("not certified" if row["recorded_in_store"] else "NOT RECORDED")
        print(f"{row['name']}  {row['version']}  train={row['train']} validation={row['validation']}  {state}")
    return 0


def _show(args) -> int:
    from releases import Catalog, ReleaseRefused

    with _store() as store:
        try:
            info = Catalog(args.root, store).show(args.name, args.version)
        except ReleaseRefused as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        _print(info.to_json())
    return 0


def _checks_json(checks) -> dict:
    return {name: check.to_json() for name, check in sorted(checks.items())}


def _build(args) -> int:
    from cardiocorpus.settings import secret_key
    from releases import build_release

    with _store() as store:
        build = build_release(store, key=secret_key(), name=args.name, version=args.version, config=args.config,
                              root=args.root)
    _print({"name": build.name, "version": build.version, "directory": str(build.directory),
            "reused": build.reused, "counts": build.counts, "release_event_ids": build.release_event_ids,
            "checks": _checks_json(build.checks)})
    if build.blocking_failures:
        print(f"error: release {build.name} {build.version} was written but fails blocking checks "
              f"({', '.join(build.blocking_failures)}): certification will refuse it", file=sys.stderr)
        return 1
    return 0


def _certify(args) -> int:
    from releases import CertificationBlocked, certify

    with _store() as store:
        try:
            result = certify(store, args.name, args.version, args.by, root=args.root)
        except CertificationBlocked as blocked:
            _print(_checks_json(blocked.checks))
            print(f"error: {blocked}", file=sys.stderr)
            return 1
    _print({"name": result.name, "version": result.version, "certified_by": result.certified_by,
            "event_ids": result.event_ids, "checks": _checks_json(result.checks)})
    return 0


def _pull(args) -> int:
    from releases import ReleaseRefused, pull

    with _store() as store:
        try:
            target = pull(store, args.name, args.version, args.to, args.by, root=args.root)
        except ReleaseRefused as refused:
            print(f"error: pull refused: {refused}", file=sys.stderr)
            return 1
    print(f"pulled {args.name} to {target}")
    print("to fine-tune: upload train.jsonl and validation.jsonl (purpose fine-tune) and create a job with the "
          "model and hyperparameters in openai_job.json", file=sys.stderr)
    return 0


def register(sub) -> None:
    from releases.build import DEFAULT_NAME

    datasets = sub.add_parser("datasets", help="certified fine-tuning dataset releases")
    commands = datasets.add_subparsers(dest="datasets_command", required=True)

    def command(name: str, help: str, func):
        p = commands.add_parser(name, help=help)
        p.add_argument("--root", type=Path, default=None, help="releases folder (default $CARDIOCORPUS_HOME/releases)")
        p.set_defaults(func=func)
        return p

    p = command("list", "releases, their counts and whether they are certified", _list)
    p.add_argument("--json", action="store_true")
    p = command("show", "a release's manifest, joined with its certifications and pulls", _show)
    p.add_argument("name")
    p.add_argument("--version")
    p = command("build", "build (or find) the release of the current corpus (stewards)", _build)
    p.add_argument("--name", default=DEFAULT_NAME)
    p.add_argument("--version", help="default: derived from the content")
    p.add_argument("--config", type=Path, help="release config YAML (default: releases/config/default.yaml)")
    p = command("certify", "run the blocking checks and record a steward's certification", _certify)
    p.add_argument("name")
    p.add_argument("version")
    p.add_argument("--by", required=True, help="the steward certifying")
    p = command("pull", "copy a certified release after checking every hash; the pull is logged", _pull)
    p.add_argument("name")
    p.add_argument("--version", help="default: the newest certified version")
    p.add_argument("--to", required=True, type=Path)
    p.add_argument("--by", help="who pulls (default: the login name)")
