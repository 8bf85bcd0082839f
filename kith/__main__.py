"""`python -m kith` runs the command line."""

from kith.cli import main

main()
