"""Feed markup -> plain text."""

from __future__ import annotations

import pytest

from bot.feeds.text import html_to_text, plain_text


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("<p>One</p><p>Two &amp; three</p>", "One\n\nTwo & three"),
        ("Line one<br>line two<br/>line three", "Line one\nline two\nline three"),
        ("<div>\n  Spread\n  over   lines\n</div>", "Spread over lines"),
        ("a <b>bold</b> and <a href='x'>linked</a> word", "a bold and linked word"),
        ("<script>alert(1)</script><style>p{}</style>Kept", "Kept"),
        ("<ul><li>one</li><li>two</li></ul>", "one\n\ntwo"),
        ("<table><tr><td>cell</td><td>next</td></tr></table>", "cell\n\nnext"),
        ("AT&amp;T &#8217;s &quot;x&quot; &nbsp;&mdash; a < b", 'AT&T ’s "x" — a < b'),
        ("zero\u200bwidth\u00ad and e\u0301", "zerowidth and é"),
        ("", ""),
    ],
)
def test_html_to_text(fragment: str, text: str) -> None:
    assert html_to_text(fragment) == text


def test_plain_text_keeps_angle_brackets_and_tidies_space() -> None:
    assert plain_text("  AT&T <rocks>\r\n\r\n\r\n\tnext  ") == "AT&T <rocks>\n\nnext"
