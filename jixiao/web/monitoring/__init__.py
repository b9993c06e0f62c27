"""运行监控 in the web system: monitoring rounds and the records units fill in, reviewed in rounds."""
