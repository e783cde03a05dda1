"""The ``cardiocorpus`` command line (contracts in DESIGN.md: keep them stable)."""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys

from cardiocorpus import commands


def _command_modules():
    """Every module of ``cardiocorpus.commands``, in name order (each registers its subcommands)."""
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        yield importlib.import_module(f"cardiocorpus.commands.{info.name}")


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = argparse.ArgumentParser(prog="cardiocorpus", description="Certified, audit-logged cardiology training data.")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in _command_modules():
        module.register(sub)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
