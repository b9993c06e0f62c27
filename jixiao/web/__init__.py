"""jixiao's web system: compile, review in rounds, approve, publish, and the public portal.

Django apps per concern (organisations, audit, targets, workflow, portal, api). Every state change goes
through one function in :mod:`jixiao.web.actions`, which checks :mod:`jixiao.web.policy`, makes the change
and writes the audit row in one transaction, so pages, API, CLI and tests behave identically.
"""

from __future__ import annotations

import os


def setup_django() -> None:
    """Configure Django with jixiao's settings, for the commands and scripts that run outside a server."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django

    django.setup()
