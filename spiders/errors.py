"""Exit statuses and the usage error shared by the `longform` subcommands.

Its own module so that the `longform` verbs (spiders/cli/) and the command modules they call
raise and catch the very same class.
"""

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_TEMPFAIL = 75
"""sysexits.h EX_TEMPFAIL: another crawl of the site is running; try again later."""


class UsageError(Exception):
    """Bad input from the user; the CLI prints it as one line and exits 2."""
