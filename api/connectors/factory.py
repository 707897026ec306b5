"""The connector the application uses for linked public data, chosen by `Settings.linked_data`."""

from __future__ import annotations

from api.config import Settings
from api.connectors.base import LinkedDataConnector
from api.connectors.overrides import overrides_for
from api.connectors.simulator import PublicDataSimulator
from api.demo import PEOPLE
from api.keys import Keys
from api.registry import protection


def subject_key(keys: Keys, rrn_digits: str) -> str:
    """The opaque key a query names a person by: the hex of the 주민등록번호 blind index, the same
    value `persons.rrn_blind_index` holds, so the number itself never leaves the registry."""
    return protection.blind_index(keys, rrn_digits).hex()


def build_connector(settings: Settings, keys: Keys) -> LinkedDataConnector:
    if settings.linked_data != "simulator":
        raise RuntimeError(f"unknown linked-data connector {settings.linked_data!r} (IEUM_LINKED_DATA)")
    # The demo residents get fixed records so the demonstration tells the same story every time.
    subjects = {p.key: subject_key(keys, p.rrn.replace("-", "")) for p in PEOPLE}
    return PublicDataSimulator(settings.linked_data_seed, overrides=overrides_for(subjects))
