"""접속기록: the access log of personal data (개인정보의 안전성 확보조치 기준 제8조)."""
