"""Template helpers for page bodies."""

from django import template

register = template.Library()


@register.filter
def with_heading_levels(stream):
    """``(block, level)`` for each block of a body: the level a heading inside
    the block (a call-out's) should have. Under a section heading of the body
    (an h2) that is 3, before the first one 2."""
    under_heading = False
    for block in stream:
        yield block, 3 if under_heading else 2
        if block.block_type == "heading":
            under_heading = True
