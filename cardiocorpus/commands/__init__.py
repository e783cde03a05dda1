"""Subcommands of the ``cardiocorpus`` command line, one module per package it fronts.

Each module exposes ``register(subparsers)``; ``cardiocorpus.cli`` finds every module here.
Heavy imports stay inside the handlers so ``cardiocorpus --help`` is instant.
"""
