"""The command line speaks Indonesian: click's own texts (usage, help, errors) through gettext.

click 8 wraps its messages in ``gettext.gettext`` of the default ``messages`` domain, captured when
click is imported; the supported way to translate them is a catalogue for that domain and a language
choice, set up before any command is declared (some help texts are built by the decorators).
``locale/id/LC_MESSAGES/messages.po`` is the catalogue (compiled by ``scripts/regenerate.py``).
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"  # click's gettext domain


def install() -> None:
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    os.environ["LANGUAGE"] = "id"  # gettext chooses the catalogue by this variable
