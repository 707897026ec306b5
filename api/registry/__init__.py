"""개인별·가구별 DB: persons, households and family relations."""
