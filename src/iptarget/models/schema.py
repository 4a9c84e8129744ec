"""The JSON Schema of each file kind, generated from the models, for editors and readers."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from iptarget.models.files import ActualsFile, MetricsFile, PolicyFile, RegionsFile

#: The file kinds ``iptarget schema`` describes, with the file each describes.
SCHEMA_KINDS: dict[str, tuple[type[BaseModel], str]] = {
    "metrics": (MetricsFile, "metrics.toml"),
    "regions": (RegionsFile, "regions.toml"),
    "policy": (PolicyFile, "policies/<name>.toml"),
    "actuals": (ActualsFile, "actuals/<region>.toml"),
}


class _TomlSchema(GenerateJsonSchema):
    """JSON Schema for TOML: TOML has no null, so an optional key is just a key."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        return self.generate_inner(schema["schema"])

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        generated = super().dict_schema(schema)
        if "patternProperties" in generated:  # [metric.<id>]: an id that breaks the rule
            generated["additionalProperties"] = False
        return generated

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        generated = super().default_schema(schema)
        if generated.get("default", ...) is None:
            del generated["default"]
        return generated


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one file kind, for editors (Taplo's ``#:schema``) and readers."""
    model, file = SCHEMA_KINDS[kind]
    schema = _whole_bounds(model.model_json_schema(schema_generator=_TomlSchema))
    return {"title": f"iptarget {file}", **{k: v for k, v in schema.items() if k != "title"}}


_BOUNDS = frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"})


def _whole_bounds(schema: Any) -> Any:
    """Bounds that are whole numbers written as integers (``0``, not ``0.0``).

    pydantic 2.8 writes ``gt=0`` on a float field as ``0.0``, later versions as ``0``; the
    schema files must not change with the pydantic version that wrote them.
    """
    if isinstance(schema, dict):
        return {
            key: int(value)
            if key in _BOUNDS and isinstance(value, float) and value.is_integer()
            else _whole_bounds(value)
            for key, value in schema.items()
        }
    if isinstance(schema, list):
        return [_whole_bounds(item) for item in schema]
    return schema


def schema_text(kind: str) -> str:
    """The JSON Schema of one file kind as the text of a ``.json`` file."""
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
