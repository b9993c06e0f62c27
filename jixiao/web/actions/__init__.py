"""Every change to stored targets, one function each (Zulip's ``do_*``, Wagtail's actions).

Each action takes the acting user keyword-first, checks :mod:`jixiao.web.policy`, makes the change and
writes its audit row in one ``transaction.atomic`` block: an audit row exists exactly when the change did.
"""

from jixiao.web.actions.errors import ActionError, Invalid, StaleEdit

__all__ = ["ActionError", "Invalid", "StaleEdit"]
