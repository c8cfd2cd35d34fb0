"""Sorting names the way Swedish readers expect (… X, Y, Z, Å, Ä, Ö).

PostgreSQL ships ICU collations; SQLite gets an equivalent collation
registered on each new connection.
"""

import unicodedata

from django.db.backends.signals import connection_created
from django.db.models import Func

SQLITE_COLLATION = "samverkan_sv"
POSTGRESQL_COLLATION = "sv-SE-x-icu"

_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzåäö"
_RANK = {char: index for index, char in enumerate(_ALPHABET)}
# Letters Swedish dictionaries file with another letter.
_EQUIVALENT = {"æ": "ä", "ø": "ö", "ü": "y"}


def sort_key(value: str) -> tuple:
    """A key that orders strings by the Swedish alphabet, ignoring case."""
    primary = []
    for char in (value or "").casefold():
        char = _EQUIVALENT.get(char, char)
        if char not in _RANK:
            # é → e, ç → c …, but keep å, ä, ö as letters of their own.
            base = unicodedata.normalize("NFD", char)[0]
            char = base if base in _RANK else char
        primary.append(_RANK.get(char, len(_ALPHABET) + ord(char)))
    return (tuple(primary), value)


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
# Two base-36 digits hold the letters and common characters; "zz" starts a
# longer code for the rest, so that every longer code sorts after them.
_SHORT = len(_DIGITS) ** 2 - 1


def _base36(number: int, width: int) -> str:
    digits = []
    for _ in range(width):
        number, digit = divmod(number, len(_DIGITS))
        digits.append(_DIGITS[digit])
    return "".join(reversed(digits))


def sort_text(value: str, max_length: int = 255) -> str:
    """:func:`sort_key` as a string of digits and lower-case ASCII letters.

    Plain character order of the result is the Swedish order of ``value``, in
    every database collation, so a column holding it can be indexed and
    sorted without a collation function (which SQLite would call in Python
    for every comparison). Cut to ``max_length`` on a whole character.
    """
    parts = []
    length = 0
    for rank in sort_key(value)[0]:
        code = _base36(rank, 2) if rank < _SHORT else "zz" + _base36(rank, 4)
        if length + len(code) > max_length:
            break
        parts.append(code)
        length += len(code)
    return "".join(parts)


def _sqlite_compare(left: str, right: str) -> int:
    a, b = sort_key(left), sort_key(right)
    return (a > b) - (a < b)


def _on_connection(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, _sqlite_compare)


def register():
    connection_created.connect(_on_connection, dispatch_uid="samverkan_collation")
    # Connections opened before the app was ready need the collation too.
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        if connection.vendor == "sqlite" and connection.connection is not None:
            _on_connection(None, connection)


class SwedishCollate(Func):
    """``ORDER BY name COLLATE <Swedish>`` on every supported database."""

    template = "%(expressions)s"
    arity = 1

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template=f"%(expressions)s COLLATE {SQLITE_COLLATION}"
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template=f'%(expressions)s COLLATE "{POSTGRESQL_COLLATION}"',
        )
