"""coach: a local-first salary negotiation coach."""

__version__ = "0.1.0"
