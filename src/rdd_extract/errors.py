"""The one exception a person is meant to read."""


class UserError(Exception):
    """Bad input or bad use: the CLI prints the message on one line and exits with status 2."""
