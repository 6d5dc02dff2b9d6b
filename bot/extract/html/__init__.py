"""HTML pages -> Extracted.

``page`` runs the extraction; ``meta`` reads the machine metadata (titles, dates), ``title``
chooses the displayed headline, ``published`` the date printed under it, ``body`` cleans
trafilatura's main text.
"""

from __future__ import annotations

from bot.extract.html.page import HtmlParseError, extract_html

__all__ = ["HtmlParseError", "extract_html"]
