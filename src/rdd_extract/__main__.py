"""`python -m rdd_extract` runs the `rdd` command."""

from rdd_extract.cli import main

main()
