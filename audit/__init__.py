"""The DuckDB corpus store and its hash-chained audit log (issue 5, not built yet).
Every write to the store goes through this package.

May import: nothing from the other cardiocorpus packages.
"""
