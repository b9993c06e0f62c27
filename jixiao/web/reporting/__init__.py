"""What the two reporting kinds — 运行监控 (monitoring) and 绩效自评 (self-evaluation), each a round of records
of the same actuals — share in the web: the pages' round and record views (:mod:`.views`) and the demo's
round filling (:mod:`.demo`), told by each kind what is its own."""
