"""Officials' accounts: roles (duties), jurisdiction, programs, and the history of every grant."""
