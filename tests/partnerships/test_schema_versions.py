"""What a consumer written for version 1.0 of the JSON export sees in a 1.1 file."""

import copy
import json
from pathlib import Path

import jsonschema
import pytest

from tests.factories import (
    OrganisationFactory,
    PrincipleFactory,
    make_partnership,
    make_register,
)
from wagtail_samverkan.partnerships import exports

pytestmark = pytest.mark.django_db

SCHEMAS = Path(exports.__file__).parent / "schemas"


def schema(version):
    return json.loads(
        (SCHEMAS / f"partnerships-{version}.schema.json").read_text(encoding="utf-8")
    )


def relaxed(node):
    """A schema as a 1.0 consumer that ignores unknown fields applies it.

    Unknown fields are allowed and any 1.x ``version`` is accepted; every
    other rule (required fields, types, formats) stays.
    """
    node = copy.deepcopy(node)

    def walk(value):
        if isinstance(value, dict):
            if value.get("additionalProperties") is False:
                del value["additionalProperties"]
            for child in value.values():
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    walk(node)
    node["properties"]["version"] = {"type": "string", "pattern": r"^1\.\d+$"}
    return node


@pytest.fixture
def export_1_1(client, root_page):
    register = make_register(root_page)
    make_partnership(
        register,
        partners=[OrganisationFactory()],
        principles=[PrincipleFactory(), PrincipleFactory()],
        funding=[(2024, 10_000, 0)],
    )
    response = client.get(register.url + "export.json")
    data = json.loads(b"".join(response.streaming_content))
    assert data["version"] == exports.SCHEMA_VERSION == "1.1"
    assert data["partnerships"][0]["principles"]
    jsonschema.validate(data, schema("1.1"), format_checker=jsonschema.FormatChecker())
    return data


def test_a_1_1_file_fails_the_strict_1_0_schema_only_on_what_1_1_added(export_1_1):
    """The shipped schemas are closed: each validates files of its own version."""
    errors = list(
        jsonschema.Draft202012Validator(schema("1.0")).iter_errors(export_1_1)
    )
    assert errors
    for error in errors:
        assert error.validator in ("additionalProperties", "const"), error.message
        if error.validator == "additionalProperties":
            assert "'principles'" in error.message
        else:
            assert list(error.path) == ["version"]


def test_a_1_0_consumer_that_ignores_unknown_fields_reads_a_1_1_file(export_1_1):
    jsonschema.validate(
        export_1_1, relaxed(schema("1.0")), format_checker=jsonschema.FormatChecker()
    )


def test_the_relaxed_1_0_schema_still_catches_a_broken_1_0_field(export_1_1):
    broken = copy.deepcopy(export_1_1)
    del broken["partnerships"][0]["title"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, relaxed(schema("1.0")))
