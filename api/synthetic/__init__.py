"""Seeded synthetic populations: households across every 시군구 with valid-format 주민등록번호 (stored
encrypted and blind-indexed like any other), bank accounts, incomes and assets in the 조사, and the
rights the product's own rules engine grants them — for the demo, for load tests and for the
payment-run benchmark (`ieum synth population`).

A synthetic decision keeps no 결정통지서: `decisions.notice_pdf` is NULL (migration 0008), and the
notice route answers 404 saying so. Rendering a real notice costs about 55 ms and 75 KB per decision
(15 hours and 75 GB for a million),
and a notice that was never sent to anyone should not look as if it had been; the notice number says
`합성` so a caseworker can tell such a decision apart.

Addresses carry no 읍면동: the reference data (reference/admin-divisions.csv) holds 시군구 only, and a
법정동코드 made up here would be wrong. Synthetic people are therefore seen by 시군구-wide officials,
not by one bound to a 읍면동. The 시군구 are drawn uniformly (the reference data has no population
figures); a 시 divided into 일반구 is represented by its 구.

Nothing here is a legal figure: every amount comes from the rules engine over
`domain/rules/parameters/`, and a program whose parameters are not in force on a household's
assessment day is simply not granted then.

The 신청 behind a right holds the rows the decision service leaves (tests/entitlements/factory.py);
no 금융정보 동의서 records and no case-history events are written for it."""

from api.synthetic.writer import AlreadyWritten, PopulationSummary, entitlements_only, write_population

__all__ = ["AlreadyWritten", "PopulationSummary", "entitlements_only", "write_population"]
