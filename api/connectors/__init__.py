"""Connectors to linked public data (국민기초생활 보장법 제22조①, 제23조의2): the interface a 조사 calls
(`base`) and a deterministic simulator of the agencies for demos and tests (`simulator`)."""

from api.connectors.base import (
    DEFAULT_TIMEOUT_SECONDS,
    ConnectorUnavailable,
    Gathered,
    LinkedDataConnector,
    gather_records,
)

__all__ = [
    "DEFAULT_TIMEOUT_SECONDS",
    "ConnectorUnavailable",
    "Gathered",
    "LinkedDataConnector",
    "gather_records",
]
