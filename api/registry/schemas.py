from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, SecretStr, StringConstraints, model_validator

from api.wire import IsoDate, JsonInteger

# Text is stripped before its length is checked; the pattern states in the schema what that means
# (at least one character that is not blank), so a schema-valid "  " is not rejected unannounced.
NOT_BLANK = r"\S"
Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100, pattern=NOT_BLANK)
]
SigunguCode = Annotated[str, StringConstraints(pattern=r"^\d{5}$")]
EmdCode = Annotated[str, StringConstraints(pattern=r"^\d{10}$")]
Phone = Annotated[str, StringConstraints(pattern=r"^0\d{1,2}-?\d{3,4}-?\d{4}$")]
AccountNumber = Annotated[str, StringConstraints(pattern=r"^\d[\d-]{5,28}\d$")]


class Disability(StrEnum):
    NONE = "none"
    MILD = "mild"
    SEVERE = "severe"


class Sex(StrEnum):
    M = "M"
    F = "F"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Address(Strict):
    sigungu_code: SigunguCode = Field(description="시군구 코드 (5자리)")
    emd_code: EmdCode | None = Field(default=None, description="읍면동 코드 (법정동 10자리)")
    emd_name: Annotated[str, StringConstraints(max_length=40)] | None = None
    address: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300, pattern=NOT_BLANK)
    ] = Field(description="도로명 주소 (시군구 이하)")

    @model_validator(mode="after")
    def _emd_inside_sigungu(self) -> Address:
        if self.emd_code is not None and not self.emd_code.startswith(self.sigungu_code):
            raise ValueError("emd_code must start with sigungu_code")
        return self


class AddressRead(Address):
    sigungu_name: str


class BankAccountIn(Strict):
    bank_name: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40, pattern=NOT_BLANK)
    ]
    account_number: SecretStr = Field(description="계좌번호 (숫자와 -)")


class BankAccountRead(BaseModel):
    bank_name: str
    account_masked: str = Field(description="끝 4자리만 보이는 계좌번호")


class PersonCreate(Strict):
    name: Name
    rrn: SecretStr = Field(description="주민등록번호 또는 외국인등록번호 (13자리, - 선택)")
    address: Address
    phone: Phone | None = None
    disability: Disability = Disability.NONE
    bank_account: BankAccountIn | None = None


class PersonUpdate(Strict):
    version: JsonInteger = Field(ge=1, description="읽어 온 version; 그 사이 다른 변경이 있으면 409")
    name: Name | None = None
    address: Address | None = None
    phone: Phone | None = None
    disability: Disability | None = None
    bank_account: BankAccountIn | None = None


class HouseholdLink(BaseModel):
    household_id: uuid.UUID
    relation: str


class PersonSummary(BaseModel):
    id: uuid.UUID
    name: str
    rrn_masked: str = Field(examples=["900101-1******"])
    birth_date: date
    sex: Sex
    sigungu_code: str
    emd_name: str | None


class PersonRead(BaseModel):
    id: uuid.UUID
    name: str
    rrn_masked: str = Field(examples=["900101-1******"])
    birth_date: date
    sex: Sex
    foreign_resident: bool
    address: AddressRead
    phone: str | None
    disability: Disability
    bank_account: BankAccountRead | None
    household: HouseholdLink | None
    version: int
    created_at: datetime
    updated_at: datetime


class PersonSearch(Strict):
    name: Name
    birth_date: IsoDate | None = None


class PersonLookup(Strict):
    rrn: SecretStr = Field(description="주민등록번호 (본문으로만 받습니다; URL에 넣지 마십시오)")


class RrnReveal(Strict):
    reason: Annotated[
        str,
        # at least 4 characters once stripped: two non-blank ones at least 3 apart
        StringConstraints(strip_whitespace=True, min_length=4, max_length=500, pattern=r"\S[\s\S]{2,}\S"),
    ] = Field(description="열람 사유 (접속기록에 남습니다)")


class RrnRevealed(BaseModel):
    person_id: uuid.UUID
    rrn: str = Field(description="전체 주민등록번호")


class MemberRelation(StrEnum):
    SPOUSE = "spouse"
    CHILD = "child"
    PARENT = "parent"
    GRANDCHILD = "grandchild"
    SIBLING = "sibling"
    OTHER = "other"


class HouseholdCreate(Strict):
    head_person_id: uuid.UUID
    address: Address


class MemberAdd(Strict):
    person_id: uuid.UUID
    relation: MemberRelation = Field(description="세대주와의 관계")
    joined_on: IsoDate | None = None


class MemberLeave(Strict):
    left_on: IsoDate | None = None


class MemberRead(BaseModel):
    person_id: uuid.UUID
    name: str
    rrn_masked: str
    birth_date: date
    relation: str
    joined_on: date


class HouseholdRead(BaseModel):
    id: uuid.UUID
    address: AddressRead
    members: list[MemberRead]
    version: int


class FamilyKind(StrEnum):
    PARENT = "parent"
    CHILD = "child"
    SPOUSE = "spouse"


class RelationCreate(Strict):
    related_person_id: uuid.UUID
    kind: FamilyKind = Field(description="related person is this person's parent, child or spouse")


class RelationRead(BaseModel):
    id: uuid.UUID
    related_person_id: uuid.UUID
    kind: FamilyKind
    related: PersonSummary | None = Field(
        description="null when the relative lives outside your jurisdiction"
    )
