"""Sorting names the way Swedish readers expect (… X, Y, Z, Å, Ä, Ö).

The package's own lists sort on stored keys (:func:`sort_text`, kept in the
``name_sort`` and ``title_sort`` columns), which order the same on every
database. For other columns, :class:`SwedishCollate` asks the database:
PostgreSQL's ICU collation, or on SQLite a collation registered on each new
connection that compares with :func:`sort_key`.
"""

import unicodedata

from django.db.backends.signals import connection_created
from django.db.models import Func

SQLITE_COLLATION = "samverkan_sv"
POSTGRESQL_COLLATION = "sv-SE-x-icu"

_LETTERS = "abcdefghijklmnopqrstuvwxyzåäö"
_DIGITS = "0123456789"
# Spaces, punctuation and symbols come first (rank 0), then digits (1–10),
# then the Swedish alphabet (11–39); other characters after, by code point.
_RANK = {
    **{char: 1 + index for index, char in enumerate(_DIGITS)},
    **{char: 11 + index for index, char in enumerate(_LETTERS)},
}
_OTHER = 11 + len(_LETTERS)
# Letters Swedish dictionaries file with another letter.
_EQUIVALENT = {"æ": "ä", "ø": "ö", "ü": "y"}


def _rank(char: str) -> int:
    char = _EQUIVALENT.get(char, char)
    if char in _RANK:
        return _RANK[char]
    # é → e, ç → c …, but keep å, ä, ö as letters of their own.
    base = unicodedata.normalize("NFD", char)[0]
    if base in _RANK:
        return _RANK[base]
    if unicodedata.category(char)[0] in "ZPSC":
        return 0
    return _OTHER + ord(char)


def sort_key(value: str) -> tuple:
    """A key that orders strings by the Swedish alphabet, ignoring case.

    "Röda Korset" comes before "Rödakorsgården" and "Barn i fokus" before
    "Barnö", as in a Swedish dictionary.
    """
    text = unicodedata.normalize("NFC", value or "").casefold()
    return (tuple(_rank(char) for char in text), value)


def sort_text(value: str, max_length: int = 255) -> str:
    """:func:`sort_key` as a string of decimal digits.

    Two digits per character ("99" and seven more for the rare characters
    outside the digits and the Swedish alphabet), so plain character order of
    the result is the Swedish order of ``value`` in every database collation
    (no collation reorders digits), and a column holding it can be indexed and
    sorted without a collation function, which SQLite would call in Python
    for every comparison. Cut to ``max_length`` on a whole character.
    """
    parts = []
    length = 0
    for rank in sort_key(value)[0]:
        code = f"{rank:02d}" if rank < 99 else f"99{rank:07d}"
        if length + len(code) > max_length:
            break
        parts.append(code)
        length += len(code)
    return "".join(parts)


def refresh_sort_key(instance, source, target, save_kwargs):
    """Set ``instance.<target>`` to the sort key of ``instance.<source>`` before a
    save; a save of only some fields that include ``source`` saves it too."""
    setattr(instance, target, sort_text(getattr(instance, source)))
    update_fields = save_kwargs.get("update_fields")
    if update_fields is not None and source in update_fields:
        save_kwargs["update_fields"] = {*update_fields, target}


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
