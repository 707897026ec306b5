"""Application logging with a filter that masks anything shaped like a 주민등록번호, wherever it
comes from (a message, its arguments, an exception text)."""

from __future__ import annotations

import logging

from domain.identity.rrn import scrub_resident_numbers


class ResidentNumberFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        scrubbed = scrub_resident_numbers(message)
        if scrubbed != message:
            record.msg, record.args = scrubbed, None
        if record.exc_info and record.exc_info[1] is not None:
            text = logging.Formatter().formatException(record.exc_info)
            record.exc_text = scrub_resident_numbers(text)
        return True


def install_filter(logger: logging.Logger) -> None:
    """Adds the filter to a logger and to each of its handlers (handler filters see propagated records)."""
    rrn_filter = ResidentNumberFilter()
    logger.addFilter(rrn_filter)
    for handler in logger.handlers:
        handler.addFilter(rrn_filter)


def configure_logging(level: str) -> None:
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
    for name in ("", "uvicorn", "uvicorn.error", "uvicorn.access", "sqlalchemy"):
        install_filter(logging.getLogger(name))
