"""The figures: everything an output shows is computed here, once, during ``api.analyse``.

``model`` builds the validated ``Data`` (and the cross-workbook checks); ``rules`` holds R1-R12 with
their Excel formula forms; ``period`` the figures up to the month; ``tabel`` every table, one module per
section of the report; ``keyfigures`` the headline figures; ``changes`` what moved since last month;
``table`` the table model (``Table``, ``Builder``); ``shown`` how a figure becomes the text a reader sees.
"""
