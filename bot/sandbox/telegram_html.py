"""Telegram's HTML parse mode, re-implemented as a pure function.

The algorithm follows TDLib's ``parse_html`` (the code behind the Bot API's ``parse_mode=HTML``):
the same accepted tags and attributes, the same entity decoding and the same error texts with
UTF-8 byte offsets, so a message the sandbox accepts is one Telegram accepts.

One deliberate difference: with ``strict_ampersand=True`` (the default) a bare ``&`` that does
not start a complete ``&lt;`` / ``&gt;`` / ``&amp;`` / ``&quot;`` / ``&#N;`` reference is an error.
Telegram keeps such an ``&`` as text, but the Bot API documentation requires escaping it, and a
bare ``&`` in our output means some user text reached the message without ``html.escape``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bot.utf16 import utf16_len

__all__ = [
    "HTMLParseError",
    "ParsedText",
    "normalize_link",
    "parse_html",
    "trim_parsed",
    "utf16_len",
]

_SPACES = frozenset(" \t\r\n\v\f")
_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "s",
        "strike",
        "del",
        "u",
        "ins",
        "tg-spoiler",
        "tg-emoji",
        "span",
        "pre",
        "code",
        "blockquote",
    }
)
_SIMPLE_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
}
_NAMED_REFERENCES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_LINK_SCHEMES = frozenset({"http", "https", "tg", "ton", "tonsite"})
# TDLib sorts entities by offset, longer first, then by this priority (lower first).
_TYPE_PRIORITY = {
    "blockquote": 0,
    "expandable_blockquote": 0,
    "pre": 11,
    "code": 20,
    "text_link": 49,
    "bold": 90,
    "italic": 91,
    "underline": 92,
    "strikethrough": 93,
    "spoiler": 94,
    "custom_emoji": 99,
}


class HTMLParseError(ValueError):
    """The text is not valid Telegram HTML; ``description`` is TDLib's wording of the problem."""

    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = description


@dataclass(frozen=True)
class ParsedText:
    """Plain text plus Bot API ``MessageEntity`` dicts (offsets and lengths in UTF-16 units)."""

    text: str
    entities: list[dict] = field(default_factory=list)


@dataclass
class _OpenTag:
    name: str
    argument: str
    utf16_offset: int
    text_index: int


def _byte_offset(source: str, index: int) -> int:
    return len(source[:index].encode("utf-8"))


class _Cursor:
    """Character access that answers ``""`` past the end, like TDLib's NUL-terminated reads."""

    def __init__(self, source: str) -> None:
        self.source = source

    def __getitem__(self, index: int) -> str:
        return self.source[index] if index < len(self.source) else ""


def _is_space(char: str) -> bool:
    return char in _SPACES


def _decode_reference(source: str, pos: int) -> tuple[str, int] | None:
    """Decode the character reference starting at ``source[pos] == "&"``.

    Returns the decoded character and the index after the reference, or None when it is not one
    TDLib decodes. Like TDLib, the closing ``;`` is optional.
    """
    text = _Cursor(source)
    end = pos + 1
    if text[end] == "#":
        end += 1
        value = 0
        if text[end] == "x":
            end += 1
            while text[end] and text[end] in "0123456789abcdefABCDEF":
                value = value * 16 + int(text[end], 16)
                end += 1
                if value >= 0x10FFFF:
                    return None
        else:
            while text[end] and text[end] in "0123456789":
                value = value * 10 + int(text[end])
                end += 1
                if value >= 0x10FFFF:
                    return None
        if value == 0 or end - pos >= 10:
            return None
        char = chr(value)
    else:
        while text[end].isascii() and text[end].isalpha():
            end += 1
        named = _NAMED_REFERENCES.get(source[pos + 1 : end])
        if named is None:
            return None
        char = named
    if text[end] == ";":
        end += 1
    return char, end


def normalize_link(url: str) -> str | None:
    """Return the URL Telegram would store for a text link, or None if it drops the link.

    Links without a scheme get ``http://``; http(s) links need a dotted host and get ``/`` as
    the path when it is empty (``telegram.org?q`` -> ``http://telegram.org/?q``).
    """
    if not url or any(_is_space(char) for char in url):
        return None
    if "://" not in url and not url.lower().startswith(("tg:", "ton:")):
        url = "http://" + url
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _LINK_SCHEMES:
        return None
    if scheme not in ("http", "https"):
        return url
    host = parts.hostname or ""
    if "." not in host.strip(".") and not host.startswith("["):
        return None
    path = parts.path or "/"
    query = f"?{parts.query}" if parts.query else ""
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return f"{scheme}://{parts.netloc}{path}{query}{fragment}"


def _read_start_tag(source: str, begin: int) -> tuple[str, str, int]:
    """Parse ``<name attr=value ...>`` at ``begin``; return (name, argument, index after ``>``)."""
    text = _Cursor(source)
    offset = _byte_offset(source, begin)
    i = begin + 1
    while text[i] and not _is_space(text[i]) and text[i] != ">":
        i += 1
    if not text[i]:
        raise HTMLParseError(f"Unclosed start tag at byte offset {offset}")
    name = source[begin + 1 : i].lower()
    if name not in _TAGS:
        raise HTMLParseError(f'Unsupported start tag "{name}" at byte offset {offset}')

    argument = ""
    while text[i] != ">":
        while text[i] and _is_space(text[i]):
            i += 1
        if not text[i]:
            raise HTMLParseError(f"Unclosed start tag at byte offset {offset}")
        if text[i] == ">":
            break
        attribute_begin = i
        while text[i] and not _is_space(text[i]) and text[i] not in "=>":
            i += 1
        attribute = source[attribute_begin:i].lower()
        if not attribute:
            raise HTMLParseError(
                f'Empty attribute name in the tag "{name}" at byte offset {offset}'
            )
        while text[i] and _is_space(text[i]):
            i += 1
        if text[i] != "=":
            # An attribute without a value, such as <blockquote expandable>.
            if name == "blockquote" and attribute == "expandable":
                argument = "1"
            if not text[i]:
                raise HTMLParseError(f"Unclosed start tag at byte offset {offset}")
            continue
        i += 1
        while text[i] and _is_space(text[i]):
            i += 1
        if not text[i]:
            raise HTMLParseError(f'Unclosed start tag "{name}" at byte offset {offset}')
        value, i = _read_attribute_value(source, i, offset)
        argument = _tag_argument(name, attribute, value, argument)

    if name == "span" and argument != "spoiler":
        raise HTMLParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {offset}')
    return name, argument, i + 1


def _read_attribute_value(source: str, i: int, tag_offset: int) -> tuple[str, int]:
    text = _Cursor(source)
    if text[i] not in ("'", '"'):
        # A name token: letters, digits, periods and hyphens; case-insensitive.
        token_begin = i
        while text[i] and (text[i].isascii() and text[i].isalnum() or text[i] in ".-"):
            i += 1
        if not _is_space(text[i]) and text[i] != ">":
            raise HTMLParseError(
                f"Unexpected end of name token at byte offset {_byte_offset(source, token_begin)}"
            )
        return source[token_begin:i].lower(), i
    quote = text[i]
    i += 1
    value: list[str] = []
    while text[i] and text[i] != quote:
        if text[i] == "&":
            decoded = _decode_reference(source, i)
            if decoded is not None:
                value.append(decoded[0])
                i = decoded[1]
                continue
        value.append(text[i])
        i += 1
    if not text[i]:
        raise HTMLParseError(f"Unclosed start tag at byte offset {tag_offset}")
    return "".join(value), i + 1


def _tag_argument(name: str, attribute: str, value: str, current: str) -> str:
    if name == "a" and attribute == "href":
        return value
    if name == "code" and attribute == "class" and value.startswith("language-"):
        return value[len("language-") :]
    if name == "span" and attribute == "class" and value.startswith("tg-"):
        return value[len("tg-") :]
    if name == "tg-emoji" and attribute == "emoji-id":
        return value
    if name == "blockquote" and attribute == "expandable":
        return "1"
    return current


def _read_end_tag(source: str, begin: int) -> tuple[str, int]:
    """Parse ``</name>`` at ``begin``; return (name, which may be empty, index after ``>``)."""
    text = _Cursor(source)
    i = begin + 2
    while text[i] and not _is_space(text[i]) and text[i] != ">":
        i += 1
    name = source[begin + 2 : i].lower()
    while text[i] and _is_space(text[i]):
        i += 1
    if text[i] != ">":
        raise HTMLParseError(f"Unclosed end tag at byte offset {_byte_offset(source, begin)}")
    return name, i + 1


def _close_entity(tag: _OpenTag, length: int, result: list[str], entities: list[dict]) -> None:
    base = {"offset": tag.utf16_offset, "length": length}
    if tag.name in _SIMPLE_ENTITY_TYPES:
        entities.append({"type": _SIMPLE_ENTITY_TYPES[tag.name], **base})
    elif tag.name == "a":
        url = normalize_link(tag.argument or "".join(result[tag.text_index :]))
        if url is not None:
            entities.append({"type": "text_link", **base, "url": url})
    elif tag.name == "tg-emoji":
        if not tag.argument.isdigit() or int(tag.argument) == 0:
            raise HTMLParseError("Invalid custom emoji identifier specified")
        entities.append({"type": "custom_emoji", **base, "custom_emoji_id": tag.argument})
    elif tag.name == "blockquote":
        kind = "expandable_blockquote" if tag.argument else "blockquote"
        entities.append({"type": kind, **base})
    elif tag.name in ("pre", "code"):
        _close_code_entity(tag, base, entities)


def _close_code_entity(tag: _OpenTag, base: dict, entities: list[dict]) -> None:
    """``<pre><code class="language-x">`` (either nesting order) becomes one pre with a language."""
    inner = entities[-1] if entities else None
    if inner is None or inner["offset"] != base["offset"] or inner["length"] != base["length"]:
        inner = None  # not the same span: nothing to merge with
    if tag.name == "pre":
        if inner is not None and inner["type"] == "code" and inner.get("language"):
            inner["type"] = "pre"
            return
        entities.append({"type": "pre", **base})
        return
    if inner is not None and inner["type"] == "pre" and tag.argument:
        inner["language"] = tag.argument
        return
    entity = {"type": "code", **base}
    if tag.argument:
        entity["language"] = tag.argument
    entities.append(entity)


def _finish_entities(entities: list[dict]) -> list[dict]:
    # A code entity keeps its language only while it may still merge into a pre.
    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)
    return sorted(
        entities,
        key=lambda e: (e["offset"], -e["length"], _TYPE_PRIORITY.get(e["type"], 50)),
    )


def parse_html(source: str, *, strict_ampersand: bool = True) -> ParsedText:
    """Parse Telegram HTML into plain text and entities, or raise ``HTMLParseError``.

    The text is not trimmed and no length is checked here: see ``trim_parsed``.
    """
    result: list[str] = []
    entities: list[dict] = []
    stack: list[_OpenTag] = []
    utf16_offset = 0
    i = 0
    while i < len(source):
        char = source[i]
        if char == "&":
            decoded = _decode_reference(source, i)
            complete = decoded is not None and source[decoded[1] - 1] == ";"
            if strict_ampersand and not complete:
                raise HTMLParseError(
                    f'Unescaped "&" at byte offset {_byte_offset(source, i)}: write it as &amp; '
                    "(Telegram would keep it, but the Bot API requires escaping it)"
                )
            if decoded is not None:
                result.append(decoded[0])
                utf16_offset += utf16_len(decoded[0])
                i = decoded[1]
                continue
        if char != "<":
            result.append(char)
            utf16_offset += utf16_len(char)
            i += 1
            continue
        if i + 1 < len(source) and source[i + 1] == "/":
            if not stack:
                raise HTMLParseError(f"Unexpected end tag at byte offset {_byte_offset(source, i)}")
            end_name, next_i = _read_end_tag(source, i)
            tag = stack[-1]
            if end_name and end_name != tag.name:
                raise HTMLParseError(
                    f"Unmatched end tag at byte offset {_byte_offset(source, i)}, "
                    f'expected "</{tag.name}>", found "</{end_name}>"'
                )
            length = utf16_offset - tag.utf16_offset
            if length:
                _close_entity(tag, length, result, entities)
            stack.pop()
            i = next_i
            continue
        name, argument, next_i = _read_start_tag(source, i)
        stack.append(_OpenTag(name, argument, utf16_offset, len(result)))
        i = next_i

    if stack:
        raise HTMLParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    text = "".join(result)
    if any(0xD800 <= ord(char) <= 0xDFFF for char in text):
        raise HTMLParseError(
            "Text contains invalid Unicode characters after decoding HTML entities, "
            "check for unmatched surrogate code units"
        )
    return ParsedText(text, _finish_entities(entities))


def trim_parsed(parsed: ParsedText) -> ParsedText:
    """Strip leading and trailing whitespace as Telegram does, moving and clipping entities."""
    stripped_left = parsed.text.lstrip("".join(_SPACES))
    text = stripped_left.rstrip("".join(_SPACES))
    shift = utf16_len(parsed.text) - utf16_len(stripped_left)
    limit = utf16_len(text)
    entities = []
    for entity in parsed.entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, limit)
        if end > start:
            entities.append({**entity, "offset": start, "length": end - start})
    return ParsedText(text, entities)
