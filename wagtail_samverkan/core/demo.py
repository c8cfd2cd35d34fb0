"""Demo content: fictional but realistic data for a Borås-like municipality.

What every area's demo uses: the record of what the demo created
(``DemoRecord``), finding a recorded row again, and removing exactly the
recorded rows. The demo never matches a row by its name, number or slug: a
row it did not record belongs to the host site.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _
from modelcluster.fields import ParentalKey

from wagtail_samverkan.core.compat import get_base_page_model
from wagtail_samverkan.core.models import DemoRecord


def show_in_menus(page):
    """Put a demo page in the site's menu, where the base page model has one.

    A swapped base page model (Wagtail 8) need not have ``show_in_menus``.
    """
    if any(field.name == "show_in_menus" for field in page._meta.get_fields()):
        page.show_in_menus = True


def _is_page(model):
    return issubclass(model, get_base_page_model())


def recorded(model, key):
    """The row the demo recorded under ``key``, or ``None``.

    ``None`` also when the row was deleted since: the demo then makes it anew.
    """
    record = DemoRecord.objects.filter(key=key).select_related("content_type").first()
    if record is None:
        return None
    found = record.content_type.model_class()
    if found is None or not issubclass(found, model):
        return None
    return found._base_manager.filter(pk=record.object_id).first()


def record(key, obj):
    """Remember that the demo created ``obj`` as ``key``; returns ``obj``."""
    DemoRecord.objects.update_or_create(
        key=key,
        defaults={
            "content_type": ContentType.objects.get_for_model(obj),
            "object_id": str(obj.pk),
        },
    )
    return obj


def recorded_ids(model):
    """Primary keys (as strings) of the rows of ``model`` the demo recorded.

    For pages, every recorded page of any page type.
    """
    page_model = _is_page(model)
    ids = set()
    for record_ in DemoRecord.objects.select_related("content_type"):
        found = record_.content_type.model_class()
        if found is None:
            continue
        if issubclass(found, model) or (page_model and _is_page(found)):
            ids.add(record_.object_id)
    return ids


def not_recorded(queryset):
    """The rows of ``queryset`` the demo did not create."""
    return queryset.exclude(pk__in=recorded_ids(queryset.model))


def free_value(model, field, value, own=None, **scope):
    """``value``, or ``value-demo``, ``value-demo-2``… when a host row holds it.

    For fields that must be unique (within ``scope``): the demo takes another
    value rather than the host's row.
    """
    others = model._base_manager.filter(**scope)
    if own is not None and own.pk is not None:
        others = others.exclude(pk=own.pk)
    candidate, number = value, 1
    while others.filter(**{field: candidate}).exists():
        candidate = f"{value}-demo" if number == 1 else f"{value}-demo-{number}"
        number += 1
    return candidate


def free_slug(parent, slug, own=None):
    """A slug no other child of ``parent`` has (Wagtail's rule for siblings)."""
    siblings = parent.get_children()
    if own is not None and own.pk is not None:
        siblings = siblings.exclude(pk=own.pk)
    candidate, number = slug, 1
    while siblings.filter(slug=candidate).exists():
        candidate = f"{slug}-demo" if number == 1 else f"{slug}-demo-{number}"
        number += 1
    return candidate


def recorded_objects():
    """Every row the demo recorded that still exists, pages as their base page."""
    base = get_base_page_model()
    found = []
    by_model = defaultdict(list)
    for record_ in DemoRecord.objects.select_related("content_type"):
        model = record_.content_type.model_class()
        if model is not None:
            by_model[base if _is_page(model) else model].append(record_.object_id)
    for model, ids in by_model.items():
        found += list(model._base_manager.filter(pk__in=ids))
    return found


def _owner(obj):
    """The row ``obj`` is part of: the page of an inline row, else itself."""
    for field in obj._meta.concrete_fields:
        if isinstance(field, ParentalKey):
            parent = getattr(obj, field.name)
            return _owner(parent) if parent is not None else obj
    return obj


def _other_side(row, field):
    for other in row._meta.concrete_fields:
        if other.is_relation and other is not field:
            return _owner(getattr(row, other.name))
    return row


def _key(obj):
    base = get_base_page_model()
    model = base if isinstance(obj, base) else obj._meta.concrete_model
    return (model._meta.label_lower, str(obj.pk))


def _label(obj):
    base = get_base_page_model()
    if isinstance(obj, base):
        obj = obj.specific_deferred if hasattr(obj, "specific_deferred") else obj
    return f"{obj._meta.verbose_name} “{obj}”"


def host_references(objects):
    """``[(demo row, host row)]``: host content that refers to a demo row.

    A host row refers to a demo row with a foreign key (of any ``on_delete``:
    deleting would block, delete or change the host's row), or is a page the
    host put under a demo page. A row counts as the demo's when the demo
    recorded it or it is part of (an inline row of) a recorded row; rows that
    only exist for a demo row (its revisions, occurrences, permissions) go
    with it.
    """
    base = get_base_page_model()
    demo = {_key(obj) for obj in objects}
    found = []
    for obj in objects:
        if isinstance(obj, base):
            for child in obj.get_descendants():
                if _key(child) not in demo:
                    found.append((obj, child))
        # The specific page, so that keys to its page type are seen as well.
        specific = obj.specific if isinstance(obj, base) else obj
        # Hidden relations too: a host key with ``related_name="+"`` counts.
        for relation in specific._meta.get_fields(include_hidden=True):
            if not (relation.auto_created and not relation.concrete):
                continue
            if not (relation.one_to_many or relation.one_to_one):
                continue
            if not relation.field.concrete:
                continue
            if relation.on_delete is models.DO_NOTHING:
                continue
            model = relation.related_model
            rows = model._base_manager.filter(**{relation.field.name: obj.pk})
            for row in rows:
                owner = _owner(row)
                if model._meta.auto_created:
                    # A many-to-many row belongs to the row on its other side.
                    owner = _other_side(row, relation.field)
                is_part = owner is row and relation.on_delete is models.CASCADE
                if isinstance(row, base) or isinstance(owner, base):
                    is_part = False
                if model._meta.label_lower == "wagtailcore.site":
                    is_part = False
                if is_part or _key(owner) in demo:
                    continue
                found.append((obj, owner))
    return found


def describe_references(references):
    """One line per reference: which host content names which demo row."""
    lines = [f"{_label(host)} → {_label(demo)}" for demo, host in references]
    return list(dict.fromkeys(lines))


def delete_recorded(objects):
    """Delete the recorded rows: pages deepest first, then the others in an
    order that their protected foreign keys allow."""
    base = get_base_page_model()
    pages = sorted(
        (obj for obj in objects if isinstance(obj, base)),
        key=lambda page: page.depth,
        reverse=True,
    )
    for page in pages:
        # A recorded page may already be gone with a recorded parent.
        page = base.objects.filter(pk=page.pk).first()
        if page is not None:
            page.specific.delete()
    remaining = [obj for obj in objects if not isinstance(obj, base)]
    while remaining:
        left = []
        for obj in remaining:
            try:
                obj.delete()
            except (ProtectedError, RestrictedError):
                left.append(obj)
        if len(left) == len(remaining):
            raise ProtectedError(
                _("The demo's rows protect each other in a circle."), set(left)
            )
        remaining = left
    DemoRecord.objects.all().delete()


def english_locale():
    """The English locale, when the site publishes English: ``en`` among the
    site's locales (made by the host, not by the demo) and i18n on."""
    from django.conf import settings
    from wagtail.models import Locale

    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return None
    return Locale.objects.filter(language_code="en").first()


PARENT_EN = {
    "title": "Cooperation with civil society",
    "intro": "How the city and the civil-society organisations work together: the "
    "agreement, the partnerships and the meetings.",
}


def translation(source, locale, key, fields):
    """The demo's translation of ``source`` into ``locale``, with ``fields`` set
    and published; recorded under ``key``.

    A page's parents that have no translation yet are copied first (and
    recorded). ``None`` when the host has a translation of its own: the demo
    leaves it alone.
    """
    obj = recorded(type(source), key)
    if obj is None:
        if source.get_translation_or_none(locale) is not None:
            return None
        if _is_page(type(source)):
            for ancestor in source.get_ancestors()[1:]:
                if ancestor.get_translation_or_none(locale) is None:
                    copy = ancestor.specific.copy_for_translation(locale)
                    # The copy of a host page (the site's home) would show its
                    # Swedish text as English: give it an English title and
                    # introduction, where it has those fields.
                    for name, value in PARENT_EN.items():
                        if hasattr(copy, name):
                            setattr(copy, name, value)
                    copy.save_revision().publish()
                    record(f"core:translation:{ancestor.pk}:{locale.pk}", copy)
        obj = source.copy_for_translation(locale)
        if not _is_page(type(source)):
            obj.save()
        record(key, obj)
    else:
        obj = getattr(obj, "specific", obj)
    for name, value in fields.items():
        setattr(obj, name, value)
    if _is_page(type(source)):
        obj.save_revision().publish()
    else:
        obj.save()
        if hasattr(obj, "save_revision"):
            obj.save_revision().publish()
    obj.refresh_from_db()
    return obj
