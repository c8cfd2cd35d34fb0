"""JSON-LD that is safe inside ``<script type="application/ld+json">``.

The JSON is escaped so that ``</script>``, ``<!--`` and other markup in a
title or text cannot end the script element or start HTML.
"""

from __future__ import annotations

import json

from django.utils.safestring import mark_safe

_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
_ESCAPES.update({0x2028: "\\u2028", 0x2029: "\\u2029"})


def dumps(data) -> str:
    """JSON safe inside ``<script type="application/ld+json">``."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_ESCAPES)


def json_ld(data):
    """The escaped JSON-LD text, ready for a template (no further escaping)."""
    return mark_safe(dumps(data))  # noqa: S308
