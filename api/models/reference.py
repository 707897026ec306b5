from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base


class Sigungu(Base):
    """시군구 with its 5-digit code (행정안전부 법정동코드 앞 5자리), loaded by a migration from
    reference/admin-divisions.csv. Every address and jurisdiction refers to a row here."""

    __tablename__ = "sigungu"

    code: Mapped[str] = mapped_column(String(5), primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    sido_code: Mapped[str] = mapped_column(String(2))
    sido_name: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))
    parent_city_code: Mapped[str | None] = mapped_column(String(5), ForeignKey("sigungu.code"))
    is_population_decline_area: Mapped[bool] = mapped_column(Boolean)
