"""The roof: the `reformqa` command. It may import every layer; no layer may import it
(tests/test_layering.py). `main` is the console-script entry point."""

from reformqa.cli.main import main

__all__ = ["main"]
