"""Printed notices to applicants (결정통지서): data model and PDF rendering."""

from api.notices.model import DecisionNotice, NoticeLine, ProgramNotice
from api.notices.pdf import render_decision_notice

__all__ = ["DecisionNotice", "NoticeLine", "ProgramNotice", "render_decision_notice"]
