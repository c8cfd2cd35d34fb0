"""Bulk creation of Wagtail pages, for content at municipal and national scale.

Creating pages one by one (``parent.add_child(instance=...)`` and a published
revision each) takes minutes for ten thousand pages. Here the treebeard paths
are computed, the ``wagtailcore_page`` rows are bulk-created and the rows of
the specific page tables are inserted in batches. The pages are live and
served by Wagtail like any other (``url_path``, ``content_type``, ``locale``
and ``live`` are set); they have no revisions, which serving does not need.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.utils import timezone

from wagtail_samverkan.core.compat import get_base_page_model

Page = get_base_page_model()


BATCH_SIZE = 500


def _model_chain(model):
    """The concrete models from ``Page`` down to ``model``, root first."""
    chain = [model]
    while True:
        parents = [
            parent
            for parent, link in chain[0]._meta.parents.items()
            if link is not None and not parent._meta.abstract
        ]
        if not parents:
            break
        chain.insert(0, parents[0])
    return chain


def _insert_rows(model, objs, using):
    """INSERT the local fields of ``model`` for ``objs`` (their pk is already set)."""
    fields = list(model._meta.local_concrete_fields)
    connection = connections[using]
    batch = max(1, connection.ops.bulk_batch_size(fields, objs) or BATCH_SIZE)
    batch = min(batch, BATCH_SIZE)
    for start in range(0, len(objs), batch):
        model._base_manager.using(using)._insert(
            objs[start : start + batch], fields=fields, using=using
        )


def bulk_create_pages(parent, objs, *, using="default"):
    """Add unsaved page instances (all of one specific type) as live children of ``parent``.

    Sets path, depth, url_path, content type, locale, translation key and
    publication dates, then inserts the rows. Returns ``objs`` with their pk.
    """
    if not objs:
        return objs
    model = type(objs[0])
    parent = Page.objects.using(using).get(pk=parent.pk)
    content_type = ContentType.objects.db_manager(using).get_for_model(model)
    last_child = parent.get_last_child()
    number = Page._str2int(last_child.path[-Page.steplen :]) if last_child else 0
    now = timezone.now()
    depth = parent.depth + 1
    for obj in objs:
        number += 1
        obj.path = Page._get_path(parent.path, depth, number)
        obj.depth = depth
        obj.numchild = 0
        obj.url_path = f"{parent.url_path}{obj.slug}/"
        obj.content_type = content_type
        obj.locale_id = obj.locale_id or parent.locale_id
        obj.translation_key = uuid.uuid4()
        obj.draft_title = obj.title
        # What the model's save() would derive (e.g. a sort key).
        if hasattr(obj, "update_title_sort"):
            obj.update_title_sort()
        obj.live = True
        obj.has_unpublished_changes = False
        obj.first_published_at = obj.last_published_at = now
        obj.latest_revision_created_at = None

    chain = _model_chain(model)
    root = chain[0]
    root_fields = [f for f in root._meta.concrete_fields if not f.primary_key]
    rows = [
        root(**{field.attname: getattr(obj, field.attname) for field in root_fields})
        for obj in objs
    ]
    root._base_manager.using(using).bulk_create(rows, batch_size=BATCH_SIZE)
    if rows[0].pk is None:  # databases that cannot return ids from bulk inserts
        by_path = dict(
            root._base_manager.using(using)
            .filter(path__in=[obj.path for obj in objs])
            .values_list("path", "pk")
        )
        for row in rows:
            row.pk = by_path[row.path]
    for obj, row in zip(objs, rows, strict=True):
        for model_in_chain in chain:
            setattr(obj, model_in_chain._meta.pk.attname, row.pk)
        obj._state.adding = False
        obj._state.db = using
    for model_in_chain in chain[1:]:
        _insert_rows(model_in_chain, objs, using)
    Page.objects.using(using).filter(pk=parent.pk).update(
        numchild=parent.numchild + len(objs)
    )
    return objs


def create_page(parent, page):
    """Add one page the ordinary way (used for the few index and host pages)."""
    parent = Page.objects.get(pk=parent.pk)
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def bulk_create_m2m(field, pairs, *, using="default"):
    """Rows of a (parental) many-to-many ``field`` from (source pk, target pk) pairs."""
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    through._base_manager.using(using).bulk_create(
        [through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in pairs],
        batch_size=BATCH_SIZE,
    )
