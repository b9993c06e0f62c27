"""The finance dashboard (统计看板): a region's year — or a department's — in counts, money, review progress
and grades, with charts drawn as SVG on the server (:mod:`jixiao.web.dashboard.svg`)."""
