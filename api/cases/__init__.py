"""The case workflow: 신청 → 조사 → 결정 (사후관리 lives in `api.entitlements`)."""
