"""Payments: pay days, and (as they are added) payment lines, the ledger and 환수. Pure rules."""
