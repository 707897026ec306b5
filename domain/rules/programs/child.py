"""영유아·아동 programs (pension-child-outreach-privacy-2026.md §C): 부모급여, 아동수당, 보육료 and
가정양육수당, one module each; this module gathers them for `simulate`."""

from __future__ import annotations

from domain.rules.programs.child_allowance import assess_child_allowance
from domain.rules.programs.childcare import assess_childcare_fee, assess_home_care_allowance
from domain.rules.programs.parent_benefit import assess_parent_benefit

__all__ = [
    "assess_child_allowance",
    "assess_childcare_fee",
    "assess_home_care_allowance",
    "assess_parent_benefit",
]
