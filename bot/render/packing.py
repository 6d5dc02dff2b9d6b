"""Packing closed HTML blocks into as few Telegram messages as fit, in order.

Blocks are never cut (cutting rendered HTML could break an entity); each message holds whole
blocks and a header (and whatever else the caller reserved room for), within Telegram's 4096
UTF-16 units and 100 entities after parsing.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.utf16 import utf16_len

from .text import MAX_MESSAGE_ENTITIES, MAX_MESSAGE_UNITS, entity_count, visible_length

__all__ = ["BlockTooLargeError", "pack_blocks"]


class BlockTooLargeError(ValueError):
    """One block does not fit a message beside the reserved header: cap its fields lower."""


def pack_blocks(
    blocks: Sequence[str],
    *,
    reserved_units: int,
    reserved_entities: int,
    separator: str = "\n\n",
) -> list[list[str]]:
    """Group ``blocks`` in order into as few messages as fit.

    ``reserved_units`` and ``reserved_entities`` are what each message needs besides its
    blocks (a header, a footer); every block costs its visible length plus one ``separator``.
    An empty ``blocks`` gives one empty group.

    Raises:
        BlockTooLargeError: a block alone is larger than a message's remaining room.
    """
    unit_budget = MAX_MESSAGE_UNITS - reserved_units
    entity_budget = MAX_MESSAGE_ENTITIES - reserved_entities
    groups: list[list[str]] = []
    current: list[str] = []
    units = entities = 0
    for block in blocks:
        block_units = utf16_len(separator) + visible_length(block)
        block_entities = entity_count(block)
        if block_units > unit_budget or block_entities > entity_budget:
            raise BlockTooLargeError(
                f"a block of {block_units} units and {block_entities} entities does not fit "
                f"one message beside {reserved_units} reserved units; cap its fields lower"
            )
        if current and (
            units + block_units > unit_budget or entities + block_entities > entity_budget
        ):
            groups.append(current)
            current, units, entities = [], 0, 0
        current.append(block)
        units += block_units
        entities += block_entities
    groups.append(current)
    return groups
