"""reformqa: cited question answering over UN governing-body documents."""

__version__ = "0.1.0"
