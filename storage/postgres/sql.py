"""The shared SQL spelled for PostgreSQL: parameters and the one SQLite idiom the stores keep.

The stores write parameters the sqlite3 way (``?`` positional, ``:name`` named) and read JSON
arrays of ids or names with ``SELECT value FROM json_each(:param)`` (``storage.visibility``,
search's ``from:``). :func:`to_postgres` turns ``?`` into ``%s``, ``:name`` into
``%(name)s``, doubles a literal ``%``, and reads such an array with
``json_array_elements_text``: as ``bigint`` values, or as text when the parameter's name ends in
``_names``. String literals, quoted identifiers and ``::`` casts pass through unchanged. Pure.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["to_postgres"]

_JSON_ARRAY = re.compile(r"SELECT value FROM json_each\(:(\w+)\)")
_NAME_START = re.compile(r"[A-Za-z_]")
_NAME = re.compile(r"\w+")


def _json_array(match: re.Match[str]) -> str:
    param = match.group(1)
    value = "value" if param.endswith("_names") else "value::bigint"
    return f"SELECT {value} FROM json_array_elements_text(CAST(:{param} AS json)) AS value"


@lru_cache(maxsize=1024)
def to_postgres(sql: str) -> str:
    """``sql`` with sqlite3 parameters and ``json_each`` arrays in psycopg's spelling."""
    sql = _JSON_ARRAY.sub(_json_array, sql)
    out: list[str] = []
    i, n = 0, len(sql)
    while i < n:
        char = sql[i]
        if char in "'\"":
            end = sql.find(char, i + 1)
            while end != -1 and sql.startswith(char * 2, end):
                end = sql.find(char, end + 2)
            end = n if end == -1 else end + 1
            out.append(sql[i:end].replace("%", "%%"))
            i = end
        elif char == "?":
            out.append("%s")
            i += 1
        elif char == "%":
            out.append("%%")
            i += 1
        elif char == ":" and sql.startswith("::", i):
            out.append("::")
            i += 2
        elif char == ":" and i + 1 < n and _NAME_START.match(sql, i + 1):
            name = _NAME.match(sql, i + 1)
            assert name is not None
            out.append(f"%({name.group()})s")
            i = name.end()
        else:
            out.append(char)
            i += 1
    return "".join(out)
