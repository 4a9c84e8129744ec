"""Entries checked by their pydantic models: what the plain reading (iptarget.store.plain)
leaves to them, an invalid entry above all, whose every problem they name."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from iptarget.errors import Subject, Text
from iptarget.models.entries import ActualEntry
from iptarget.store.messages import field_problem
from iptarget.store.plain import Values

if TYPE_CHECKING:
    from pydantic import TypeAdapter

    from iptarget.models.files import Actual


def model_values(
    name: str, data: dict[str, Any], where: Subject
) -> tuple[Values | None, list[tuple[Subject, Text]]]:
    """An entry checked by its model (by name, in iptarget.models.files): its values, or
    None and what is wrong with each field."""
    from pydantic import ValidationError

    from iptarget.models import files as models

    model = getattr(models, name)
    try:
        entry = model.model_validate(data)
    except ValidationError as error:
        return None, [field_problem(model, detail, where) for detail in error.errors()]
    fields = model.model_fields.items()  # by the key files write (``from``, not ``from_``)
    return {field.alias or key: getattr(entry, key) for key, field in fields}, []


def model_actuals(array: list[Any]) -> list[ActualEntry] | None:
    """A file's actuals checked by the model in one call, or None when one is wrong."""
    from pydantic import ValidationError

    try:
        actuals = _actual_list().validate_python(array)
    except ValidationError:
        return None
    fields = ActualEntry._fields
    return [ActualEntry(*(getattr(actual, key) for key in fields)) for actual in actuals]


@functools.cache
def _actual_list() -> TypeAdapter[list[Actual]]:
    """Validates a whole file's actuals in one call."""
    from pydantic import TypeAdapter

    from iptarget.models.files import Actual

    return TypeAdapter(list[Actual])
