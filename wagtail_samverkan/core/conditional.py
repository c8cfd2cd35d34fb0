"""Conditional GET for the package's files: ETag, Last-Modified, 304, Cache-Control.

Calendar apps poll a subscribed feed every few hours and open-data tools
fetch the exports again and again. A file whose content has not changed is
answered with ``304 Not Modified`` and no body.

The validators come from the cache key that names everything the file's
content depends on (the areas' generations, the language, the site, the
day, the filters): the ETag is that key's digest, weak because parts of the
file such as ``DTSTAMP`` and ``generated_at`` say when it was made. The
Last-Modified date is when a file under that key was first made, kept in the
package's cache. A change makes a new key, so a new ETag and a later date.
"""

import functools
import hashlib
import time

from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from wagtail_samverkan.core import cache

#: Clients and shared caches may keep a file but must ask again before each
#: use: cheap with a 304, and a change is seen on the next request.
CACHE_CONTROL = "no-cache"


def validators(key):
    """``(etag, last_modified)`` of the file whose content ``key`` names.

    ``last_modified`` is a Unix timestamp in whole seconds.
    """
    etag = f'W/"{key.rsplit(":", 1)[-1][:40]}"'
    since_key = f"{key}:since"
    since = cache.get(since_key)
    if since is None:
        cache.get_cache().add(since_key, int(time.time()), cache.timeout())
        since = cache.get(since_key) or int(time.time())
    return etag, since


def not_modified(request, etag, last_modified):
    """A 304 (or 412) response when the client's copy is current, else None."""
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is not None:
        add_validators(response, etag, last_modified)
    return response


def add_validators(response, etag, last_modified):
    """Put the validators and the caching rule on ``response``."""
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = CACHE_CONTROL
    return response


@functools.cache
def _schema_file(path):
    body = path.read_bytes()
    etag = f'"{hashlib.sha256(body).hexdigest()[:40]}"'
    return body, etag, int(path.stat().st_mtime)


def schema_file_response(request, path):
    """A JSON Schema shipped with the package, with validators and a 304 on a match."""
    from django.http import HttpResponse

    body, etag, modified = _schema_file(path)
    response = not_modified(request, etag, modified)
    if response is None:
        response = HttpResponse(
            body, content_type="application/schema+json; charset=utf-8"
        )
        add_validators(response, etag, modified)
    response["Access-Control-Allow-Origin"] = "*"
    return response
