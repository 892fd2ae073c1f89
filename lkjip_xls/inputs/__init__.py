"""The five input workbooks (Renja, PK, Realisasi, ABK, Sarpras): where data enters.

``schema`` describes them once; ``templates`` writes them blank (or filled, for the example and
``siapkan``); ``inspect`` refuses hostile packages and reports what cells hide; ``reader`` turns every
cell into what Excel shows, or an ``Issue``; ``numbers`` reads typed numbers; ``matching`` matches
names across workbooks; ``example`` is the bundled Kecamatan Bareng 2024; ``prepare`` is ``lkjip siapkan``.
Nothing here computes a figure of the report (that is ``kinerja``).
"""
