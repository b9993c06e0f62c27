"""运行监控与绩效自评: pure functions over domain targets and actuals, with their rules as data (profiles).

No Django, no readers: the command line and the web system hand in a :class:`jixiao.domain.Document` of
targets and :class:`jixiao.domain.Actuals`, and get results they print, store or publish.
"""
