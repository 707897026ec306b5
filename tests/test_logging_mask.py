"""주민등록번호 never reach a log line or an error response: the logging filter masks them in messages,
arguments and exception text, and problem responses never echo a submitted number."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from uvicorn.logging import AccessFormatter

from api.logging_setup import ResidentNumberFilter, configure_logging, install_filter
from tests.baseline import CHEONGUN, OWN, Baseline
from tests.conftest import Auth

RRN, MASKED = "900101-1987654", "900101-1******"
SECRET_PARTS = ("1987654", "987654", "9001011987654")
FORMAT = "%(levelname)s %(name)s: %(message)s"


def assert_masked(output: str) -> None:
    assert MASKED in output
    leaked = [part for part in SECRET_PARTS if part in output]
    assert leaked == [], output


@pytest.fixture
def root_logging() -> Iterator[logging.Logger]:
    """Restores the root logger (and the loggers configure_logging touches) after the test."""
    names = ("", "uvicorn", "uvicorn.error", "uvicorn.access", "sqlalchemy")
    loggers = [logging.getLogger(n) for n in names]
    saved = [(lg, list(lg.handlers), list(lg.filters), lg.level) for lg in loggers]
    handler_filters = {h: list(h.filters) for lg in loggers for h in lg.handlers}
    yield logging.getLogger()
    for lg, handlers, filters, level in saved:
        lg.handlers[:], lg.filters[:] = handlers, filters
        lg.setLevel(level)
    for handler, filters in handler_filters.items():
        handler.filters[:] = filters


def configured_output(root: logging.Logger) -> io.StringIO:
    """configure_logging as the app runs it (root without handlers), writing to a buffer."""
    for handler in list(root.handlers):  # pytest's own capture handlers
        root.removeHandler(handler)
    configure_logging("INFO")
    (handler,) = root.handlers
    assert isinstance(handler, logging.StreamHandler)
    buffer = io.StringIO()
    handler.setStream(buffer)
    handler.setFormatter(logging.Formatter(FORMAT))
    return buffer


def test_message_is_masked(root_logging: logging.Logger) -> None:
    output = configured_output(root_logging)
    logging.getLogger("api.registry").warning(f"could not register {RRN}")
    assert_masked(output.getvalue())


@pytest.mark.parametrize(
    ("message", "args"),
    [
        ("registering %s", (RRN,)),
        ("registering %s", (RRN.replace("-", ""),)),
        ("body %r", ({"name": "김이음", "rrn": RRN},)),
        ("registering %(rrn)s", {"rrn": RRN}),
        ("number %d", (9001011987654,)),  # not a string: the whole message is masked instead
        ("people %s", ([RRN, "850101-2000000"],)),
    ],
)
def test_arguments_are_masked(root_logging: logging.Logger, message: str, args: Any) -> None:
    output = configured_output(root_logging)
    log = logging.getLogger("api.registry")
    if isinstance(args, dict):
        log.info(message, args)
    else:
        log.info(message, *args)
    assert_masked(output.getvalue())


def test_exception_text_is_masked(root_logging: logging.Logger) -> None:
    output = configured_output(root_logging)
    log = logging.getLogger("api.errors")
    try:
        raise ValueError(f"duplicate key (rrn)=({RRN.replace('-', '')})")
    except ValueError:
        log.exception("unhandled error")
    text = output.getvalue()
    assert "ValueError: duplicate key (rrn)=(900101-1******)" in text
    assert_masked(text)


def test_records_reaching_other_handlers_are_masked_too(
    root_logging: logging.Logger, caplog: pytest.LogCaptureFixture
) -> None:
    root_logging.addHandler(caplog.handler)
    install_filter(root_logging)
    with caplog.at_level(logging.INFO):
        logging.getLogger("api.anything").info("lookup %s by %s", RRN, "t.investigator")
    assert_masked(caplog.text)
    assert "by t.investigator" in caplog.text


def test_text_without_a_resident_number_is_untouched() -> None:
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "account %s phone %s", ("110-123-456789", "010-1234-5678"), None
    )
    assert ResidentNumberFilter().filter(record)
    assert record.getMessage() == "account 110-123-456789 phone 010-1234-5678"
    assert record.args == ("110-123-456789", "010-1234-5678")


def test_uvicorn_access_line_with_a_number_in_the_url_still_formats() -> None:
    """uvicorn's access formatter unpacks the record's arguments, so masking must keep them."""
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:50000", "GET", f"/api/v1/persons?rrn={RRN}", "1.1", 404),
        None,
    )
    assert ResidentNumberFilter().filter(record)
    line = AccessFormatter('%(client_addr)s - "%(request_line)s" %(status_code)s', use_colors=False).format(
        record
    )
    assert line == '127.0.0.1:50000 - "GET /api/v1/persons?rrn=900101-1****** HTTP/1.1" 404 Not Found'


# --- error responses never echo a submitted number ----------------------------------------------


def person(rrn: Any, **extra: Any) -> dict[str, Any]:
    address = {"sigungu_code": OWN, "emd_code": CHEONGUN, "emd_name": "청운동", "address": "자하문로 1"}
    return {"name": "김이음", "rrn": rrn, "address": address, **extra}


def assert_not_echoed(response: httpx.Response, rrn: str) -> None:
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.text
    digits = rrn.replace("-", "")
    for part in {rrn, digits, digits[6:], digits[7:]}:
        assert part not in body, body


@pytest.mark.parametrize(
    ("body", "rrn"),
    [
        (person("901301-1987654"), "901301-1987654"),  # month 13
        (person("900230-2987654"), "900230-2987654"),  # 30 February
        (person("300101-3987654"), "300101-3987654"),  # born in 2030
        (person("900101-198765"), "900101-198765"),  # one digit short
        (person("900101 1987654"), "900101 1987654"),  # space for a hyphen
        (person(RRN, unexpected="x"), RRN),  # valid number, but the body is refused
        (person(RRN, phone="not a phone"), RRN),
        ({"rrn": RRN, "address": person(RRN)["address"]}, RRN),  # name missing
    ],
)
async def test_422_does_not_echo_the_number(
    client: httpx.AsyncClient, auth: Auth, body: dict[str, Any], rrn: str
) -> None:
    response = await client.post("/api/v1/persons", json=body, headers=auth.headers("t.intake"))
    assert response.status_code == 422, response.text
    assert_not_echoed(response, rrn)


async def test_422_for_a_number_of_the_wrong_type(client: httpx.AsyncClient, auth: Auth) -> None:
    response = await client.post(
        "/api/v1/persons", json=person(9001011987654), headers=auth.headers("t.intake")
    )
    assert response.status_code == 422
    assert_not_echoed(response, "9001011987654")


async def test_lookup_422_does_not_echo_the_number(client: httpx.AsyncClient, auth: Auth) -> None:
    response = await client.post(
        "/api/v1/persons/lookup", json={"rrn": "900231-1987654"}, headers=auth.headers("t.investigator")
    )
    assert response.status_code == 422
    assert_not_echoed(response, "900231-1987654")


@pytest.mark.parametrize("spelling", ["{rrn}", "{digits}"])
async def test_duplicate_409_does_not_echo_the_number(
    client: httpx.AsyncClient, auth: Auth, baseline: Baseline, spelling: str
) -> None:
    rrn = baseline.rrns["own"]
    submitted = spelling.format(rrn=rrn, digits=rrn.replace("-", ""))
    response = await client.post("/api/v1/persons", json=person(submitted), headers=auth.headers("t.intake"))
    assert response.status_code == 409, response.text
    assert_not_echoed(response, rrn)


async def test_full_width_digits_cannot_register_a_number_twice(
    client: httpx.AsyncClient, auth: Auth, baseline: Baseline
) -> None:
    """`９００１０１…` must not pass for a new number beside the ASCII one already registered."""
    rrn = baseline.rrns["own"]
    full_width = rrn[:7] + rrn[7:].translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    response = await client.post("/api/v1/persons", json=person(full_width), headers=auth.headers("t.intake"))
    assert response.status_code == 422, response.text
    assert_not_echoed(response, full_width)
