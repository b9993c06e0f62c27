"""The indicator library (指标库) in the web system: the stored targets as a :class:`jixiao.library.Library`.

:mod:`.models` keeps what the library is built from (one :class:`~.models.LibrarySource` per approved,
published or imported project and department target) and finance's curation facts; :mod:`.sources` turns a
stored target into library entries; :mod:`.store` keeps the built library in memory and refreshes it from
the rows changed since; the pages, the compile page's suggestions and the portal's researchers' page read it.
"""
