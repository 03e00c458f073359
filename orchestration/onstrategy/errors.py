"""Errors that are reported to the user as one clear line, without a traceback."""


class OnstrategyError(Exception):
    """An expected failure (bad input or config): reported as one clear line, no traceback."""
