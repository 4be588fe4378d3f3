"""The glossary: term base (terms.tsv) and translation memory (memory.tmx), found, read, checked and edited.

Modules, from the bottom up: :mod:`~doctool.glossary.terms` (the Term model),
:mod:`~doctool.glossary.folder` (finding the glossary folder), :mod:`~doctool.glossary.termfile`
(terms.tsv kept byte for byte), :mod:`~doctool.glossary.matcher` (finding terms in Chinese and
renderings in English), :mod:`~doctool.glossary.validation`, :mod:`~doctool.glossary.editing`,
:mod:`~doctool.glossary.exchange` (CSV, TSV, TBX), :mod:`~doctool.glossary.memory` (TMX) and
:mod:`~doctool.glossary.suggest` (candidate terms).
"""
