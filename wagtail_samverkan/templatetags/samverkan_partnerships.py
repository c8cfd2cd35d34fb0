"""Template helpers of the IOP register: amounts, the funding chart, the timeline."""

import datetime

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()

CHART_WIDTH = 640
CHART_ROW = 28
CHART_LABEL = 56
CHART_VALUE = 130


@register.filter
def sek(value):
    """``1234567`` → ``1 234 567 kr`` (grouped as in Swedish, with no-break spaces)."""
    if value is None or value == "":
        return ""
    grouped = f"{int(value):,}".replace(",", "\u00a0")
    return _("%(amount)s kr") % {"amount": grouped}


@register.filter
def plain_number(value):
    return number_format(value, force_grouping=False)


@register.simple_tag
def funding_chart(rows):
    """Bars of the municipal contribution per year, for an inline SVG."""
    rows = [row for row in rows if row.municipal_amount is not None]
    largest = max((row.municipal_amount for row in rows), default=0) or 1
    usable = CHART_WIDTH - CHART_LABEL - CHART_VALUE
    bars = []
    for index, row in enumerate(rows):
        width = round(usable * row.municipal_amount / largest, 1)
        bars.append(
            {
                "year": row.year,
                "amount": row.municipal_amount,
                "y": index * CHART_ROW,
                "text_y": index * CHART_ROW + CHART_ROW * 0.62,
                "width": max(width, 1 if row.municipal_amount else 0),
                "value_x": CHART_LABEL + width + 6,
            }
        )
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "height": max(len(bars), 1) * CHART_ROW,
        "label_width": CHART_LABEL,
        "bar_height": CHART_ROW - 8,
    }


@register.simple_tag
def timeline(page, today):
    """Where the period lies and how far it has come, as percentages."""
    start = page.start_date
    last = page.last_day
    open_ended = last is None
    # An open-ended IOP is drawn up to a year after today.
    drawn_end = last or max(today, start) + datetime.timedelta(days=365)
    total = max((drawn_end - start).days, 1)
    elapsed = min(max((today - start).days, 0), total)
    return {
        "start": start,
        "end": last,
        "open_ended": open_ended,
        "percent": round(100 * elapsed / total),
        "today_inside": start <= today <= drawn_end,
    }
