"""jixiao (绩效): budget performance target management."""

__version__ = "0.1.0"
