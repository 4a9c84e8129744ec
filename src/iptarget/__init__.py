"""Track quantified public-policy targets against published figures."""

__version__ = "0.1.0"
