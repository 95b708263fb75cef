"""Logging for the command line: one line per record, tracebacks only when debugging.

In a terminal, stderr is the user's screen: a traceback there breaks the promise that
none ever reaches a user. ``SECONDLOOK_LOG_LEVEL=DEBUG`` brings them back.
"""

from __future__ import annotations

import logging
from typing import TextIO

FORMAT = "%(levelname)s %(name)s: %(message)s"


class OneLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        saved = record.exc_info, record.exc_text
        if record.exc_info:
            name = record.exc_info[0].__name__ if record.exc_info[0] else "error"
            record.exc_info, record.exc_text = None, None
            text = f"{super().format(record)} ({name}; SECONDLOOK_LOG_LEVEL=DEBUG shows more)"
        else:
            text = super().format(record)
        record.exc_info, record.exc_text = saved
        return text


def configure(level: str, stream: TextIO) -> None:
    handler = logging.StreamHandler(stream)
    debug = level.upper() == "DEBUG"
    handler.setFormatter(logging.Formatter(FORMAT) if debug else OneLineFormatter(FORMAT))
    logging.basicConfig(level=level.upper(), handlers=[handler], force=True)
