"""Publishing from the database: the disclosure a finance bureau downloads, and the Excel template a
unit downloads, fills and uploads (issue 5, wired into the web system).

:mod:`.document` assembles a domain :class:`~jixiao.domain.Document` from stored targets; the writers in
:mod:`jixiao.publish` draw it. :mod:`.upload` reads a filled template against a unit's stored drafts and
:func:`jixiao.web.actions.templates.do_load_template` loads it.
"""
