"""`iptarget schema` and `iptarget init`: schemas for editors, a new directory that validates."""

from __future__ import annotations

import datetime
import json
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from helpers import Run
from iptarget.models.schema import SCHEMA_KINDS, json_schema, schema_text

EXAMPLE = Path(__file__).parent.parent / "targets"


def kind_of(root: Path, path: Path) -> str:
    relative = path.relative_to(root)
    if relative.parts[0] in ("policies", "actuals"):
        return {"policies": "policy", "actuals": "actuals"}[relative.parts[0]]
    return path.stem


def toml_files(root: Path) -> list[Path]:
    return [root / "metrics.toml", root / "regions.toml", *sorted(root.glob("*/*.toml"))]


def as_json(value: Any) -> Any:
    """TOML data as an editor's schema checker sees it: dates are strings."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = [(name, prop) for name, prop in schema.get("properties", {}).items()]
    for definition in schema.get("$defs", {}).values():
        found.extend(properties(definition))
    return found


@pytest.mark.parametrize("kind", list(SCHEMA_KINDS))
def test_every_field_has_a_description(kind: str) -> None:
    schema = json_schema(kind)
    assert schema["title"].startswith("iptarget ")
    fields = properties(schema)
    assert fields
    for name, prop in fields:
        assert prop.get("description"), (kind, name)
        assert "null" not in json.dumps(prop), (kind, name)  # TOML has no null


def test_schema_prints_one_kind_or_all(run: Run) -> None:
    result = run("schema", "metrics")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json_schema("metrics")
    result = run("schema")
    assert json.loads(result.stdout) == {kind: json_schema(kind) for kind in SCHEMA_KINDS}
    result = run("schema", "metric")
    assert result.exit_code == 2
    assert "metrics" in result.stderr


@pytest.mark.parametrize("root", [EXAMPLE, Path("src/iptarget/starter")], ids=["example", "init"])
def test_files_name_their_schema_on_their_first_line(root: Path) -> None:
    root = Path(__file__).parent.parent / root if not root.is_absolute() else root
    for path in toml_files(root):
        if not path.exists():
            continue
        depth = "./" if path.parent == root else "../"
        expected = f"#:schema {depth}schema/{kind_of(root, path)}.json"
        assert path.read_text(encoding="utf-8").splitlines()[0] == expected, path


def test_the_example_schemas_are_current() -> None:
    for kind in SCHEMA_KINDS:
        path = EXAMPLE / "schema" / f"{kind}.json"
        assert path.read_text(encoding="utf-8") == schema_text(kind), (
            f"{path} is stale: run iptarget schema --write --dir targets"
        )


def test_the_example_files_meet_their_schemas() -> None:
    for path in toml_files(EXAMPLE):
        data = as_json(tomllib.loads(path.read_text(encoding="utf-8")))
        jsonschema.validate(data, json_schema(kind_of(EXAMPLE, path)))


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("metrics", '[metric.a]\nname = "A"\nunti = "x"\n'),
        ("metrics", '[metric.A]\nname = "A"\n'),
        ("metrics", '[metric.a]\nname = "A"\ntrend = "exponential"\n'),
        ("regions", "[region.a]\n"),
        ("policy", '[policy]\ntitle = "P"\n[[target]]\nid = "t"\ntitle = "T"\nmetric = "m"\n'),
        (
            "policy",
            '[policy]\ntitle = "P"\n[[target]]\nid = "t"\ntitle = "T"\nmetric = "m"\n'
            'deadline = "2020-Q5"\nat_least = 1\n',
        ),
        ("actuals", '[[actual]]\nmetric = "m"\nregion = "r"\nperiod = 2019\nvalue = "12"\n'),
    ],
)
def test_a_typo_breaks_the_schema(kind: str, text: str) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(as_json(tomllib.loads(text)), json_schema(kind))


def test_schema_write_refreshes_a_directory(tmp_path: Path, run: Run) -> None:
    result = run("schema", "--write", "--dir", str(tmp_path))
    assert result.exit_code == 0, result.output
    for kind in SCHEMA_KINDS:
        assert (tmp_path / "schema" / f"{kind}.json").read_text() == schema_text(kind)


def test_init_makes_a_directory_that_validates(tmp_path: Path, run: Run) -> None:
    root = tmp_path / "new" / "targets"
    result = run("init", str(root))
    assert result.exit_code == 0, result.output
    assert f"wrote {root / 'metrics.toml'}" in result.stdout
    result = run("validate", "--dir", str(root))
    assert result.exit_code == 0, result.output
    assert "metrics, 1 region, 1 policy with 2 targets, 0 actuals" in result.stdout
    metrics = tomllib.loads((root / "metrics.toml").read_text(encoding="utf-8"))["metric"]
    assert any("numerator" in metric for metric in metrics.values())
    assert any("numerator" not in metric for metric in metrics.values())
    for path in toml_files(root):
        data = as_json(tomllib.loads(path.read_text(encoding="utf-8")))
        jsonschema.validate(data, json_schema(kind_of(root, path)))
    assert not list(tmp_path.glob("new/.*")), "no temporary directory left behind"


def test_init_takes_an_empty_directory_and_the_environment(tmp_path: Path, run: Run) -> None:
    (tmp_path / "empty").mkdir()
    result = run("init", env={"IPTARGET_DIR": str(tmp_path / "empty")})
    assert result.exit_code == 0, result.output
    assert (tmp_path / "empty" / "metrics.toml").exists()


def test_init_refuses_an_existing_directory(tmp_path: Path, run: Run) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("init", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{tmp_path}: already exists")
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]


def test_add_actual_keeps_the_schema_line(tmp_path: Path, run: Run) -> None:
    root = tmp_path / "targets"
    run("init", str(root))
    result = run("add-actual", "population", "example", "2025", "5,000,000", "--dir", str(root))
    assert result.exit_code == 0, result.output
    text = (root / "actuals" / "example.toml").read_text(encoding="utf-8")
    assert text.startswith("#:schema ../schema/actuals.json\n[[actual]]\n")
    assert run("validate", "--dir", str(root)).exit_code == 0


def test_a_second_init_is_refused(tmp_path: Path, run: Run) -> None:
    root = tmp_path / "targets"
    assert run("init", str(root)).exit_code == 0
    before = {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}
    result = run("init", str(root))
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert {path: path.read_bytes() for path in root.rglob("*") if path.is_file()} == before
