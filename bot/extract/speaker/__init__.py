"""Who said a quotation: the attribution next to it, then pronoun, role and name resolution.

``find`` names the speaker; ``attribution`` reads the words next to the marks ('X said',
'according to X'); ``resolve`` turns an attribution into the name it stands for, and
``unattributed`` finds the speaker of a quotation nothing attributes; ``coreference`` resolves
'he', 'the expert', 'the company' sentence by sentence; ``names`` (with ``nameparts``,
``nameevidence``, ``namewords``, ``organisations`` and ``germannames``) finds names and tells
persons from organisations; ``nominative`` turns a Russian or Ukrainian woman's name back from
the genitive.
"""

from __future__ import annotations

from bot.extract.speaker.find import find_speaker

__all__ = ["find_speaker"]
