"""cardiocorpus: the command line and the settings every package shares (home, secret key)."""

__version__ = "0.1.0"
