"""The review engine (审核): rules as data over domain objects, explainable findings, scores and reports.

``check_document(doc, profile)`` runs every enabled rule and returns a :class:`Report`; ``load_profile``
reads a built-in or TOML profile; ``all_rules`` lists the registered rules.
"""

from jixiao.review.engine import Report, check_document
from jixiao.review.findings import Criterion, Family, Finding, Severity, Subject, SubjectKind
from jixiao.review.profile import Profile, ProfileError, builtin_profiles, load_profile
from jixiao.review.registry import Rule, all_rules
from jixiao.review.scoring import SubjectScore, grade_of

__all__ = [
    "Criterion",
    "Family",
    "Finding",
    "Profile",
    "ProfileError",
    "Report",
    "Rule",
    "Severity",
    "Subject",
    "SubjectKind",
    "SubjectScore",
    "all_rules",
    "builtin_profiles",
    "check_document",
    "grade_of",
    "load_profile",
]
