"""Pagination without counting the paginated list itself."""

from django.core.paginator import Paginator
from django.http import Http404
from django.utils.functional import cached_property


class CountingPaginator(Paginator):
    """A paginator told how many items there are: ``counted`` is the number
    (e.g. from the cache), or an equivalent but cheaper queryset to count.
    """

    def __init__(self, object_list, per_page, *, counted, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.counted = counted

    @cached_property
    def count(self):
        if isinstance(self.counted, int):
            return self.counted
        return self.counted.count()


def refuse_past_the_end(number, paginator):
    """A 404 for a page number past the last page (``?page=99`` of two pages).

    A number that is no number still shows the first page, as Django's
    ``get_page`` does; a page that does not exist is not shown as another
    one, so that search engines and links never keep a wrong address.
    """
    try:
        number = int(number)
    except (TypeError, ValueError):
        return
    if number > paginator.num_pages:
        raise Http404("No such page of results.")
