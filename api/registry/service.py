"""Registry use cases: load → check → persist → record. Never commits (the request owns the
transaction). Out of jurisdiction and absent look the same: NotFound."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.exc import IntegrityError

from api.audit.trail import AuditTrail
from api.keys import Keys
from api.models import Household, HouseholdMember, Person
from api.registry import protection
from api.registry.repository import RegistryRepository
from api.registry.schemas import (
    Address,
    AddressRead,
    BankAccountIn,
    BankAccountRead,
    HouseholdLink,
    PersonCreate,
    PersonRead,
    PersonSummary,
    PersonUpdate,
)
from domain.errors import Conflict, InvalidInput, NotFound
from domain.identity.rrn import Sex, masked_from_parts, parse_resident_number

PERSON_NOT_FOUND = "대상자를 찾을 수 없습니다."


def masked_rrn(person: Person) -> str:
    return masked_from_parts(person.birth_date, Sex(person.sex), person.foreign_resident)


def summary(person: Person) -> PersonSummary:
    return PersonSummary.model_validate(
        {
            "id": person.id,
            "name": person.name,
            "rrn_masked": masked_rrn(person),
            "birth_date": person.birth_date,
            "sex": person.sex,
            "sigungu_code": person.sigungu_code,
            "emd_name": person.emd_name,
        }
    )


class RegistryService:
    def __init__(self, repo: RegistryRepository, trail: AuditTrail, keys: Keys) -> None:
        self.repo = repo
        self.trail = trail
        self.keys = keys

    # --- helpers -------------------------------------------------------------------------------
    async def _address_read(
        self, sigungu_code: str, emd_code: str | None, emd_name: str | None, address: str
    ) -> AddressRead:
        name = await self.repo.sigungu_name(sigungu_code) or ""
        return AddressRead(
            sigungu_code=sigungu_code,
            emd_code=emd_code,
            emd_name=emd_name,
            address=address,
            sigungu_name=name,
        )

    async def _check_address(self, address: Address) -> None:
        if await self.repo.sigungu_name(address.sigungu_code) is None:
            raise InvalidInput("알 수 없는 시군구 코드입니다.", fields={"address.sigungu_code": "unknown"})
        principal = self.repo.principal
        if address.sigungu_code != principal.sigungu_code or (
            principal.emd_code and address.emd_code != principal.emd_code
        ):
            raise InvalidInput(
                "관할 구역 밖의 주소입니다.", fields={"address.sigungu_code": "outside_jurisdiction"}
            )

    def _set_bank_account(self, person: Person, account: BankAccountIn | None) -> None:
        # A new account (or none) has not been asked about: the next transfer checks it first.
        person.bank_account_check = person.bank_account_checked_at = None
        person.bank_account_protected = False
        if account is None:
            person.bank_name = person.bank_account_ciphertext = person.bank_account_last4 = None
            return
        digits = account.account_number.get_secret_value().replace("-", "")
        if not digits.isdigit() or not 6 <= len(digits) <= 20:
            raise InvalidInput(
                "계좌번호가 올바르지 않습니다.", fields={"bank_account.account_number": "format"}
            )
        person.bank_name = account.bank_name
        person.bank_account_ciphertext = protection.encrypt(
            self.keys, person.id, digits, protection.BANK_ACCOUNT
        )
        person.bank_account_last4 = digits[-4:]

    async def _read(
        self, person: Person, loaded: tuple[HouseholdMember | None, str | None] | None = None
    ) -> PersonRead:
        """`loaded`: the current membership and the 시군구 name, when they came with the person."""
        if loaded is None:
            loaded = (
                await self.repo.current_membership(person.id),
                await self.repo.sigungu_name(person.sigungu_code),
            )
        membership, sigungu_name = loaded
        bank = (
            BankAccountRead(bank_name=person.bank_name, account_masked=f"****{person.bank_account_last4}")
            if person.bank_name and person.bank_account_last4
            else None
        )
        return PersonRead.model_validate(
            {
                "id": person.id,
                "name": person.name,
                "rrn_masked": masked_rrn(person),
                "birth_date": person.birth_date,
                "sex": person.sex,
                "foreign_resident": person.foreign_resident,
                "address": AddressRead(
                    sigungu_code=person.sigungu_code,
                    emd_code=person.emd_code,
                    emd_name=person.emd_name,
                    address=person.address,
                    sigungu_name=sigungu_name or "",
                ),
                "phone": person.phone,
                "disability": person.disability,
                "bank_account": bank,
                "household": HouseholdLink(household_id=membership.household_id, relation=membership.relation)
                if membership
                else None,
                "version": person.version,
                "created_at": person.created_at,
                "updated_at": person.updated_at,
            }
        )

    async def _visible_person(self, person_id: uuid.UUID, *, for_update: bool = False) -> Person:
        person = await self.repo.person(person_id, for_update=for_update)
        if person is None:
            raise NotFound(PERSON_NOT_FOUND)
        return person

    # --- persons -------------------------------------------------------------------------------
    async def register(self, data: PersonCreate, today: date) -> PersonRead:
        try:
            rrn = parse_resident_number(data.rrn.get_secret_value(), today=today)
        except InvalidInput as exc:
            raise InvalidInput(
                exc.detail, fields={"rrn": next(iter(exc.fields.values()), "invalid")}
            ) from None
        await self._check_address(data.address)
        person = Person(
            id=uuid.uuid4(),
            name=data.name,
            birth_date=rrn.birth_date,
            sex=rrn.sex.value,
            foreign_resident=rrn.foreign_resident,
            sigungu_code=data.address.sigungu_code,
            emd_code=data.address.emd_code,
            emd_name=data.address.emd_name,
            address=data.address.address,
            phone=data.phone,
            disability=data.disability.value,
        )
        person.rrn_ciphertext = protection.encrypt(self.keys, person.id, rrn.digits, protection.RRN)
        person.rrn_blind_index = protection.blind_index(self.keys, rrn.digits)
        self._set_bank_account(person, data.bank_account)
        self.repo.add(person)
        try:
            await self.repo.flush()
        except IntegrityError as exc:
            if "rrn_blind_index" in str(exc.orig):
                raise Conflict("이미 등록된 주민등록번호입니다.") from None
            raise
        self.trail.add_subjects(person.id)
        return await self._read(person)

    async def get(self, person_id: uuid.UUID) -> PersonRead:
        found = await self.repo.person_for_read(person_id)  # one round trip for the whole read
        if found is None:
            raise NotFound(PERSON_NOT_FOUND)
        person, membership, sigungu_name = found
        self.trail.add_subjects(person.id)
        return await self._read(person, (membership, sigungu_name))

    async def update(self, person_id: uuid.UUID, data: PersonUpdate) -> PersonRead:
        person = await self._visible_person(person_id, for_update=True)
        if person.version != data.version:
            raise Conflict("다른 사용자가 먼저 변경했습니다. 최신 내용을 다시 불러오십시오.")
        self.trail.add_subjects(person.id)
        changes = data.model_dump(exclude_unset=True, exclude={"version"})
        if "name" in changes and data.name is not None:
            person.name = data.name
        if data.address is not None:
            await self._check_address(data.address)
            person.sigungu_code, person.emd_code = data.address.sigungu_code, data.address.emd_code
            person.emd_name, person.address = data.address.emd_name, data.address.address
        if "phone" in changes:
            person.phone = data.phone
        if data.disability is not None:
            person.disability = data.disability.value
        if "bank_account" in changes:
            self._set_bank_account(person, data.bank_account)
        await self.repo.flush()
        return await self._read(person)

    async def search(self, name: str, birth_date: date | None) -> list[PersonSummary]:
        people = await self.repo.search(name, birth_date)
        self.trail.add_subjects(*(p.id for p in people))
        return [summary(p) for p in people]

    async def lookup(self, raw_rrn: str) -> PersonRead:
        try:
            rrn = parse_resident_number(raw_rrn)
        except InvalidInput as exc:
            raise InvalidInput(
                exc.detail, fields={"rrn": next(iter(exc.fields.values()), "invalid")}
            ) from None
        person = await self.repo.person_by_blind_index(protection.blind_index(self.keys, rrn.digits))
        if person is None:
            raise NotFound(PERSON_NOT_FOUND)
        self.trail.add_subjects(person.id)
        return await self._read(person)

    async def reveal_rrn(self, person_id: uuid.UUID, reason: str) -> str:
        person = await self._visible_person(person_id)
        self.trail.add_subjects(person.id)
        self.trail.set_purpose(reason)
        digits = protection.decrypt(self.keys, person.id, person.rrn_ciphertext, protection.RRN)
        return f"{digits[:6]}-{digits[6:]}"

    # --- households ------------------------------------------------------------------------------
    async def create_household(self, head_id: uuid.UUID, address: Address, today: date) -> Household:
        await self._check_address(address)
        head = await self._visible_person(head_id, for_update=True)
        if await self.repo.current_membership(head.id) is not None:
            raise Conflict("이미 다른 가구에 속한 사람입니다. 먼저 전출(탈퇴) 처리하십시오.")
        household = Household(
            id=uuid.uuid4(),
            sigungu_code=address.sigungu_code,
            emd_code=address.emd_code,
            emd_name=address.emd_name,
            address=address.address,
        )
        self.repo.add(household)
        await self.repo.flush()
        self.repo.add(
            HouseholdMember(household_id=household.id, person_id=head.id, relation="head", joined_on=today)
        )
        await self.repo.flush()
        self.trail.add_subjects(head.id)
        return household

    async def household(self, household_id: uuid.UUID, *, for_update: bool = False) -> Household:
        household = await self.repo.household(household_id, for_update=for_update)
        if household is None:
            raise NotFound("가구를 찾을 수 없습니다.")
        return household

    async def household_read(self, household: Household) -> dict[str, object]:
        members = await self.repo.members(household.id)
        self.trail.add_subjects(*(p.id for _, p in members))
        return {
            "id": household.id,
            "address": await self._address_read(
                household.sigungu_code, household.emd_code, household.emd_name, household.address
            ),
            "members": [
                {
                    "person_id": p.id,
                    "name": p.name,
                    "rrn_masked": masked_rrn(p),
                    "birth_date": p.birth_date,
                    "relation": m.relation,
                    "joined_on": m.joined_on,
                }
                for m, p in members
            ],
            "version": household.version,
        }

    async def add_member(
        self, household_id: uuid.UUID, person_id: uuid.UUID, relation: str, joined_on: date
    ) -> Household:
        household = await self.household(household_id, for_update=True)
        person = await self._visible_person(person_id, for_update=True)
        self.trail.add_subjects(person.id)
        if await self.repo.current_membership(person.id) is not None:
            raise Conflict("이미 다른 가구에 속한 사람입니다. 먼저 전출(탈퇴) 처리하십시오.")
        self.repo.add(
            HouseholdMember(
                household_id=household.id, person_id=person.id, relation=relation, joined_on=joined_on
            )
        )
        household.version += 1
        await self.repo.flush()
        return household

    async def remove_member(self, household_id: uuid.UUID, person_id: uuid.UUID, left_on: date) -> Household:
        household = await self.household(household_id, for_update=True)
        self.trail.add_subjects(person_id)
        membership = await self.repo.current_membership(person_id)
        if membership is None or membership.household_id != household.id:
            raise NotFound("이 가구의 현재 구성원이 아닙니다.")
        if membership.relation == "head":
            raise Conflict("세대주는 탈퇴시킬 수 없습니다. 세대주를 먼저 바꾸십시오.")
        if left_on < membership.joined_on:
            raise InvalidInput(
                "전출일이 전입일보다 앞설 수 없습니다.", fields={"left_on": "before_joined_on"}
            )
        membership.left_on = left_on
        household.version += 1
        await self.repo.flush()
        return household
