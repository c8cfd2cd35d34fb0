"""Inline rows keep one order on every database."""

import pytest
from django.apps import apps

from wagtail_samverkan.core.inlines import InlineRow

INLINE_MODELS = [
    model
    for model in apps.get_app_config("wagtail_samverkan").get_models()
    if issubclass(model, InlineRow)
]


def test_every_inline_model_is_an_inline_row():
    from wagtail.models import Orderable

    orderables = {
        model.__name__
        for model in apps.get_app_config("wagtail_samverkan").get_models()
        if issubclass(model, Orderable)
    }
    assert orderables == {model.__name__ for model in INLINE_MODELS}
    assert len(INLINE_MODELS) >= 13


@pytest.mark.parametrize("model", INLINE_MODELS, ids=lambda model: model.__name__)
def test_rows_without_a_sort_order_keep_the_order_they_were_made_in(model):
    # Rows made in code have no sort order: without the key as a tie-break
    # PostgreSQL may return them in any order.
    sql = str(model.objects.all().query)
    order_by = sql.rsplit("ORDER BY", 1)[1]
    assert order_by.index('"sort_order"') < order_by.index(f'"{model._meta.pk.column}"')
