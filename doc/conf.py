# Sphinx configuration for the ns-3 L2TP module's documentation (./l2tp doc).
project = "ns-3 L2TP module"
author = "ns-3 L2TP module developers"
copyright = "2026, ns-3 L2TP module developers"
master_doc = "index"
exclude_patterns = ["_build"]
html_theme = "alabaster"
highlight_language = "none"
