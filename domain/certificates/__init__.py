"""Certificates (증명서): types, purposes and printed items, numbers and codes, and what a certificate
states. Pure rules; issuing, storing, rendering and verifying live in the API."""

from domain.certificates.facts import (
    CertificateFacts,
    CertifiedEntitlement,
    HeldEntitlement,
    HouseholdMember,
    NotEligibleForCertificate,
    ReceiptPeriod,
    certificate_facts,
    is_revoked,
    issuer_title,
)
from domain.certificates.holder import RELATION_LABELS, full_address, mask_name, member_relation
from domain.certificates.numbers import (
    ALPHABET,
    CODE_RANDOM_BYTES,
    DocumentNumber,
    check_symbol,
    code_checks,
    document_number,
    format_code,
    new_code,
    normalise_code,
    parse_document_number,
)
from domain.certificates.purposes import PURPOSES, Purpose, full_rrn_printed, parse_purpose, printed_items
from domain.certificates.types import (
    ALWAYS_PRINTED,
    CERTIFICATE_TYPES,
    CertificateCode,
    CertificateType,
    Item,
    certificate_type,
)

__all__ = [
    "ALPHABET",
    "ALWAYS_PRINTED",
    "CERTIFICATE_TYPES",
    "CODE_RANDOM_BYTES",
    "PURPOSES",
    "RELATION_LABELS",
    "CertificateCode",
    "CertificateFacts",
    "CertificateType",
    "CertifiedEntitlement",
    "DocumentNumber",
    "HeldEntitlement",
    "HouseholdMember",
    "Item",
    "NotEligibleForCertificate",
    "Purpose",
    "ReceiptPeriod",
    "certificate_facts",
    "certificate_type",
    "check_symbol",
    "code_checks",
    "document_number",
    "format_code",
    "full_address",
    "full_rrn_printed",
    "is_revoked",
    "issuer_title",
    "mask_name",
    "member_relation",
    "new_code",
    "normalise_code",
    "parse_document_number",
    "parse_purpose",
    "printed_items",
]
