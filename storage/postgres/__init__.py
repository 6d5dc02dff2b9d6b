"""PostgreSQL as the library's database: the same contract as SQLite (``storage.library``).

Needs the ``postgres`` extra (``pip install 'digest-bot[postgres]'``: psycopg 3 and its pool).
"""

from storage.postgres.library import PostgresLibrary

__all__ = ["PostgresLibrary"]
