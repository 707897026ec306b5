"""The connectors the application uses: linked public data, chosen by `Settings.linked_data`, and the
banks' 예금주 확인, chosen by `Settings.bank_connector`."""

from __future__ import annotations

from api.config import Settings
from api.connectors.bank import AccountHolderCheck
from api.connectors.bank_simulator import BankSimulator
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


def build_bank_connector(settings: Settings) -> AccountHolderCheck:
    if settings.bank_connector != "simulator":
        raise RuntimeError(f"unknown bank connector {settings.bank_connector!r} (IEUM_BANK_CONNECTOR)")
    return BankSimulator(settings.bank_seed)
