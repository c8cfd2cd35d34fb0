"""Translations: the same page or snippet in another language.

Links between the package's pages are chosen in one language. A page in
another locale links to the translation in its own locale where a live one
exists, else to the chosen page.
"""

from django.conf import settings
from django.utils.translation import get_language_info


def i18n_enabled():
    return getattr(settings, "WAGTAIL_I18N_ENABLED", False)


def in_locale(objects, locale_id):
    """The objects, each replaced by its live translation in the locale.

    One query per model at most, none when every object is already in the
    locale (as on a site in one language). ``None`` entries stay.
    """
    objects = list(objects)
    if not i18n_enabled() or locale_id is None:
        return objects
    others = [o for o in objects if o is not None and o.locale_id != locale_id]
    if not others:
        return objects
    found = {}
    by_model = {}
    for obj in others:
        by_model.setdefault(type(obj), set()).add(obj.translation_key)
    for model, keys in by_model.items():
        queryset = model._default_manager.filter(
            translation_key__in=keys, locale_id=locale_id
        )
        if hasattr(model, "live"):
            queryset = queryset.filter(live=True)
        if hasattr(queryset, "public"):
            # A private translation must not show its title on a public page.
            queryset = queryset.public()
        for translation in queryset:
            found[(model, translation.translation_key)] = translation
    return [
        found.get((type(o), o.translation_key), o) if o is not None else None
        for o in objects
    ]


def page_translations(page, request=None):
    """The page in each language it is published in, the page itself included.

    ``[{"language_code", "name", "url", "current"}]`` in the order of
    ``WAGTAIL_CONTENT_LANGUAGES``; one query. Empty when the page has no live
    translation (a language switcher and ``hreflang`` links would only name
    the page itself).
    """
    if not i18n_enabled() or page is None or not getattr(page, "pk", None):
        return []
    translations = list(
        page.get_translations(inclusive=True)
        .live()
        .public()
        .select_related("locale")
        .order_by("locale__language_code")
    )
    if len(translations) < 2:
        return []
    order = [code for code, _name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", [])]
    translations.sort(
        key=lambda p: (
            order.index(p.locale.language_code)
            if p.locale.language_code in order
            else len(order)
        )
    )
    result = []
    for translation in translations:
        code = translation.locale.language_code
        try:
            name = get_language_info(code)["name_local"]
        except KeyError:
            name = code
        url = translation.get_url(request)
        if not url:
            continue
        result.append(
            {
                "language_code": code,
                "name": name,
                "url": url,
                "full_url": translation.get_full_url(request),
                "current": translation.pk == page.pk,
            }
        )
    return result if len(result) > 1 else []


def synchronized(*field_names):
    """wagtail-localize's ``override_translatable_fields``: fields copied, not translated.

    Identifiers such as a registration number read the same in every language.
    Empty without wagtail-localize, which is optional.
    """
    try:
        from wagtail_localize.fields import SynchronizedField
    except ImportError:
        return []
    return [SynchronizedField(name) for name in field_names]
