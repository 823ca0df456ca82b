"""``python -m diplokg``."""

from .cli import main

main()
