"""Case work (사례 처리) as pure rules: the 신청 and its per-program cases (`application`), the decision
deadline of 국민기초생활보장법 제26조 (`deadline`), who may decide (`separation_of_duties`), the
수급자격 and its 이의신청 (`entitlement`), and the 중복지원 차단 matrix (`exclusivity`).

Every life cycle here is a declared table of (state, event) → state; an event the table does not list
raises `domain.errors.Conflict`, which the API answers with 409."""
