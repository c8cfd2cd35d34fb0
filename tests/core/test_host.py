"""The package's stylesheet reaches the page whatever the host's base template."""

import re

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from tests.factories import create_calendar
from wagtail_samverkan.core.host import check_base_template, head_block

pytestmark = pytest.mark.django_db

STYLESHEET = re.compile(
    r'<link rel="stylesheet" href="[^"]*wagtail_samverkan/samverkan\.css">'
)


def settings_for(base):
    return override_settings(
        WAGTAIL_SAMVERKAN={"BASE_TEMPLATE": base, "MUNICIPALITY_NAME": "Testkommunen"}
    )


@pytest.mark.parametrize(
    ("base", "block"),
    [
        ("host_base.html", "extra_head"),
        # A site made with `wagtail start` names its head block extra_css.
        ("hosts/wagtail_start_base.html", "extra_css"),
        # A base template that extends another one has its parent's blocks.
        ("hosts/extends_host_base.html", "extra_head"),
    ],
)
def test_the_stylesheet_is_in_the_head_of_every_kind_of_base_template(
    client, root_page, base, block
):
    calendar = create_calendar(root_page)
    with settings_for(base):
        assert head_block(base) == block
        content = client.get(calendar.url).content.decode()
        assert check_base_template() == []
    head, body = content.split("</head>", 1)
    assert len(STYLESHEET.findall(content)) == 1
    assert STYLESHEET.search(head), head
    assert '<div class="samverkan">' in body


def test_without_a_head_block_the_stylesheet_starts_the_content_and_a_check_warns(
    client, root_page
):
    calendar = create_calendar(root_page)
    with settings_for("hosts/bare_base.html"):
        content = client.get(calendar.url).content.decode()
        [warning] = check_base_template()
        with pytest.raises(SystemCheckError) as raised:
            call_command("check", "--fail-level", "WARNING")
    head, body = content.split("</head>", 1)
    assert not STYLESHEET.search(head)
    assert len(STYLESHEET.findall(body)) == 1
    assert body.index("samverkan.css") < body.index('<div class="samverkan">')
    assert warning.id == "wagtail_samverkan.W001"
    assert "WAGTAIL_SAMVERKAN['BASE_TEMPLATE']" in warning.msg
    assert "extra_head" in warning.hint and "hosts/bare_base.html" in warning.hint
    assert "wagtail_samverkan.W001" in str(raised.value)


def test_a_base_template_that_does_not_exist_is_an_error():
    with settings_for("no/such/base.html"):
        [error] = check_base_template()
    assert error.id == "wagtail_samverkan.E001"
    assert "no/such/base.html" in error.msg
