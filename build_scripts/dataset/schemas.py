"""The JSON Schemas in data/schema/: loading, validating, and reading field docs.

The schemas are the single place where a field's meaning is written: validation,
the editors' guide on the site and editor autocompletion all read them.

Two validators of the same schemas: ``fast`` (jsonschema-rs, compiled, about 200 times
faster) says whether a record is valid, and ``validator`` (the jsonschema reference) says
what is wrong with one that is not; ``check`` asks the second only when the first says no.
"""

from __future__ import annotations

import json
from functools import cache

import jsonschema_rs
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from build_scripts import PROJECT

SCHEMA_DIR = PROJECT / "data" / "schema"
NAMES = ("defs", "actors", "places", "events", "context", "quotes", "article")


@cache
def raw(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


@cache
def registry() -> Registry:
    resources = [(f"{n}.schema.json", Resource.from_contents(raw(n))) for n in NAMES]
    return Registry().with_resources(resources)


def _record_schema(name: str) -> dict:
    schema = raw(name)
    if schema.get("type") == "array":
        schema = {"$schema": schema["$schema"], "$id": f"{name}-item.schema.json", **schema["items"]}
    return schema


@cache
def validator(name: str) -> Draft202012Validator:
    """Validator for one record (the schema's ``items``) or the article front matter."""
    return Draft202012Validator(_record_schema(name), registry=registry())


@cache
def fast(name: str) -> jsonschema_rs.Draft202012Validator:
    """The same validation, compiled: ``fast(name).is_valid(record)``."""
    rs_registry = jsonschema_rs.Registry([(f"{n}.schema.json", raw(n)) for n in NAMES])
    return jsonschema_rs.Draft202012Validator(_record_schema(name), registry=rs_registry)


def item_schema(name: str) -> dict:
    schema = raw(name)
    return schema["items"] if schema.get("type") == "array" else schema


def fields(name: str) -> list[str]:
    return list(item_schema(name).get("properties", {}))


def required(name: str) -> list[str]:
    return list(item_schema(name).get("required", []))


def resolve(node: dict) -> dict:
    """Follow a $ref into defs (one level) so a field's description can be shown."""
    ref = node.get("$ref")
    if ref and ref.startswith("defs.schema.json#/$defs/"):
        target = dict(raw("defs")["$defs"][ref.rsplit("/", 1)[1]])
        target.update({k: v for k, v in node.items() if k != "$ref"})
        return target
    return node
