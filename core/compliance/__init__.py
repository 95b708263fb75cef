"""The NRMP-safe phrasing checker: what in a message breaks the Match communication rules."""

from core.compliance.checker import check
from core.compliance.model import Category, CheckResult, Finding, Severity

__all__ = ["Category", "CheckResult", "Finding", "Severity", "check"]
