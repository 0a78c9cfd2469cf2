"""Allow ``python -m symderive``."""

from symderive.cli import main

main()
