"""Certificates (증명서): data model, PDF rendering and the verification QR code."""

from api.certificates.document import CertificateDocument, CertificateLine, MemberLine
from api.certificates.pdf import render_certificate

__all__ = ["CertificateDocument", "CertificateLine", "MemberLine", "render_certificate"]
