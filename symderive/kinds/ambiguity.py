"""Kind ``ambiguity``: which images do networks find ambiguous between classes (Q4)?

``models`` maps each model's name to its file of probability vectors (CSV or ``.npy``; rows are
images, columns classes), ``softmax: true`` says the files hold logits instead. ``classes``
names the classes (one per line), ``labels`` gives the true class of each image (an index or a
name per line), ``pair`` two classes to find 50/50 images between, ``top`` how many images
each ranking keeps, ``tolerance`` how far a row's sum may be from 1, ``chunk`` how many rows
are read at a time.

Paths are relative to the problem file's folder and must stay inside it: absolute paths and
paths that leave the folder (``..``, or a link pointing outside) are refused, so a problem file
can only read data shipped beside it. Missing files, wrong suffixes, and disagreeing class
counts are located errors at the YAML value; what is wrong inside a file is located in the file
when the models are streamed.
"""

from __future__ import annotations

from pathlib import Path

from symderive.datafiles import (
    CHUNK_ROWS,
    MAX_CLASSES,
    MatrixFile,
    class_index,
    open_matrix,
    read_names,
    shorten,
)
from symderive.errors import SourceLocation
from symderive.fields import (
    Fields,
    KindSpec,
    did_you_mean,
    exact_number,
    located_error,
    problem_points,
)
from symderive.problem import AmbiguityProblem, DataFile, Problem
from symderive.schema import BOOLEAN, STRING, KeySpec, ValueType, is_number, is_string
from symderive.yamlnode import YamlMapping, YamlNode, YamlScalar, YamlSequence, describe

MAX_MODELS = 8
MAX_TOP = 100
DEFAULT_TOP = 10
MAX_CHUNK = 1_000_000
DEFAULT_TOLERANCE = 1e-3
MAX_TOLERANCE = 0.1
SUFFIXES = (".csv", ".npy")

MODELS = ValueType(
    "a mapping from model names to files",
    {
        "type": "object",
        "minProperties": 1,
        "maxProperties": MAX_MODELS,
        "additionalProperties": {"type": "string"},
    },
    lambda node: isinstance(node, YamlMapping),
)
PAIR = ValueType(
    "a list of two classes",
    {
        "type": "array",
        "items": {"type": ["string", "integer"]},
        "minItems": 2,
        "maxItems": 2,
    },
    lambda node: isinstance(node, YamlSequence),
)
TOP = ValueType(
    "a whole number",
    {"type": "integer", "minimum": 1, "maximum": MAX_TOP},
    is_number,
)
CHUNK = ValueType(
    "a whole number",
    {"type": "integer", "minimum": 1, "maximum": MAX_CHUNK},
    is_number,
)
TOLERANCE = ValueType(
    "a number",
    {"type": "number", "exclusiveMinimum": 0, "maximum": MAX_TOLERANCE},
    is_number,
)


def data_file(node: YamlNode, what: str, suffixes: tuple[str, ...] | None = None) -> DataFile:
    """A path relative to the problem file's folder, refused if absolute, outside it, missing,
    or (with ``suffixes``) of another type."""
    if not isinstance(node, YamlScalar) or not is_string(node) or not node.text.strip():
        raise located_error(f"{what} must be a file name, not {describe(node)}", node)
    written = node.text.strip()
    folder = Path(node.location.file or ".").parent.resolve()
    if Path(written).is_absolute():
        raise located_error(
            f"{what} must be relative to the problem file's folder, not the absolute path "
            f"{written!r}",
            node,
        )
    path = (folder / written).resolve()
    if not path.is_relative_to(folder):
        raise located_error(
            f"{what} {written!r} leaves the problem file's folder; data must sit beside or "
            "below the problem file",
            node,
        )
    if suffixes and path.suffix.lower() not in suffixes:
        raise located_error(
            f"{what} {written!r} must end in {' or '.join(suffixes)} (CSV text or a NumPy array)",
            node,
        )
    if path.exists() and not path.is_file():
        kind = "a folder" if path.is_dir() else "not a regular file"
        raise located_error(f"{what} {written!r} is {kind}; name a data file", node)
    if not path.is_file():
        raise located_error(f"{what} {written!r} does not exist (looked in {folder})", node)
    return DataFile(written, path, node.location)


def _whole(fields: Fields, key: str, low: int, high: int, default: int) -> int:
    node = fields.values.get(key)
    if node is None:
        return default
    value = node.value if isinstance(node, YamlScalar) else None
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise located_error(f"{key!r} must be a whole number from {low} to {high:,}", node)
    return value


def _models(fields: Fields) -> tuple[tuple[tuple[str, DataFile], ...], int]:
    node = fields.values["models"]
    assert isinstance(node, YamlMapping)
    if not 1 <= len(node.items) <= MAX_MODELS:
        raise located_error(
            f"'models' lists {len(node.items)} models; give 1 to {MAX_MODELS}", node
        )
    models: list[tuple[str, DataFile]] = []
    matrices: list[MatrixFile] = []
    for key, value in node.items:
        if not is_string(key):
            raise located_error(f"model names must be names, not {describe(key)}", key)
        assert isinstance(key, YamlScalar)
        file = data_file(value, f"the file of model {key.text!r}", SUFFIXES)
        matrix = open_matrix(file.path, file.written, file.location)
        if matrices and matrix.columns != matrices[0].columns:
            raise located_error(
                f"{file.written} has {matrix.columns:,} classes, but {matrices[0].shown} has "
                f"{matrices[0].columns:,}; every model must score the same classes",
                value,
            )
        known = matrices and None not in (matrix.rows, matrices[0].rows)
        if known and matrix.rows != matrices[0].rows:
            raise located_error(
                f"{file.written} has {matrix.rows:,} rows, but {matrices[0].shown} has "
                f"{matrices[0].rows:,}; every model must score the same images",
                value,
            )
        models.append((key.text, file))
        matrices.append(matrix)
    return tuple(models), matrices[0].columns


def _classes(fields: Fields, count: int) -> tuple[tuple[str, ...], DataFile | None]:
    node = fields.values.get("classes")
    if node is None:
        return tuple(str(index) for index in range(count)), None
    file = data_file(node, "'classes'")
    names, _ = read_names(file.path, file.written, MAX_CLASSES)
    if len(names) != count:
        raise located_error(
            f"{file.written} names {len(names):,} classes, but the models' files have "
            f"{count:,} columns",
            node,
        )
    return tuple(names), file


def _pair(fields: Fields, classes: tuple[str, ...], named: bool) -> tuple[int, int] | None:
    node = fields.values.get("pair")
    if node is None:
        return None
    assert isinstance(node, YamlSequence)
    if len(node.items) != 2:
        raise located_error(f"'pair' must list two classes, not {len(node.items)}", node)
    indices = []
    for item in node.items:
        if not isinstance(item, YamlScalar) or not (is_string(item) or is_number(item)):
            raise located_error(f"'pair' must list class names, not {describe(item)}", item)
        text = item.text.strip()
        index = classes.index(text) if named and text in classes else None
        if index is None:
            index = class_index(text, len(classes))
        if index is None:
            hint = did_you_mean(text, list(classes)) if named and len(text) <= 100 else ""
            known = "a class name or " if named else ""
            raise located_error(
                f"{shorten(text)!r} is not {known}a class index 0 … {len(classes) - 1}{hint}",
                item,
            )
        indices.append(index)
    if indices[0] == indices[1]:
        raise located_error("'pair' must name two different classes", node.items[1])
    return indices[0], indices[1]


def _tolerance(fields: Fields) -> float:
    node = fields.values.get("tolerance")
    if node is None:
        return DEFAULT_TOLERANCE
    value = exact_number(node, "'tolerance'")
    if not 0 < value <= MAX_TOLERANCE:
        raise located_error(f"'tolerance' must be above 0 and at most {MAX_TOLERANCE}", node)
    return float(value)


def _build_ambiguity(fields: Fields, problem_id: str, location: SourceLocation) -> Problem:
    models, count = _models(fields)
    classes, class_file = _classes(fields, count)
    labels_node = fields.values.get("labels")
    softmax = fields.values.get("softmax")
    return AmbiguityProblem(
        id=problem_id,
        kind="ambiguity",
        statement=fields.text("statement"),
        models=models,
        classes=classes,
        class_names=class_file,
        labels=data_file(labels_node, "'labels'") if labels_node is not None else None,
        pair=_pair(fields, classes, class_file is not None),
        top=_whole(fields, "top", 1, MAX_TOP, DEFAULT_TOP),
        softmax=bool(softmax.value) if isinstance(softmax, YamlScalar) else False,
        tolerance=_tolerance(fields),
        chunk=_whole(fields, "chunk", 1, MAX_CHUNK, CHUNK_ROWS),
        points=problem_points(fields),
        location=location,
    )


KIND = KindSpec(
    "ambiguity",
    "Images that networks find ambiguous: rank them by entropy, margin, a named pair of "
    "classes, disagreement between models and confident mistakes, streamed from files of "
    "probability vectors.",
    (
        KeySpec(
            "models",
            MODELS,
            "Model name → file of probability vectors (CSV or .npy; rows are images, columns "
            "classes), relative to the problem file.",
            True,
        ),
        KeySpec("classes", STRING, "A file of class names, one per line."),
        KeySpec("labels", STRING, "A file of true labels, one per line (index or class name)."),
        KeySpec("pair", PAIR, "Two classes, e.g. [puppy, bagel]: rank images closest to 50/50."),
        KeySpec("top", TOP, f"How many images each ranking shows (default {DEFAULT_TOP})."),
        KeySpec("softmax", BOOLEAN, "true: the files hold logits; apply a stable softmax."),
        KeySpec(
            "tolerance",
            TOLERANCE,
            f"How far a row's sum may be from 1 (default {DEFAULT_TOLERANCE:g}).",
        ),
        KeySpec("chunk", CHUNK, f"Rows read at a time (default {CHUNK_ROWS:,})."),
    ),
    _build_ambiguity,
)
