"""Bulk paths: one program computed for a whole cohort at once (the annual re-calculation when 기준
중위소득 changes), on column arrays with exact integer arithmetic. Each module's results are
identical, household by household, to the single path (`domain.rules.simulate.assess`); the
differential tests under tests/rules/ hold them to it."""
