"""Application logging with a filter that masks anything shaped like a 주민등록번호, wherever it
comes from (a message, its arguments, an exception text)."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from domain.identity.rrn import scrub_resident_numbers


def _scrub(value: object) -> object:
    return scrub_resident_numbers(value) if isinstance(value, str) else value


class ResidentNumberFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if scrub_resident_numbers(message) != message:
            # Mask the template and each argument in place: formatters that read the arguments
            # (uvicorn's access log unpacks them) must keep working.
            record.msg = _scrub(record.msg)
            if isinstance(record.args, tuple):
                record.args = tuple(_scrub(a) for a in record.args)
            elif isinstance(record.args, Mapping):
                record.args = {k: _scrub(v) for k, v in record.args.items()}
            message = record.getMessage()
            scrubbed = scrub_resident_numbers(message)
            if scrubbed != message:  # inside a non-string argument, or across arguments
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
