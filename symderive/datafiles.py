"""Reading probability vectors in chunks, so a million images never sit in memory at once.

Kind ``ambiguity`` opens these files when a problem file is loaded (to check that the models
agree on their classes and images), and the solver streams them; so this reader sits below
both, and loading a problem file whose models are CSV files does not import NumPy.

A model's file is CSV (one image per line, one column per class, ``#`` comment lines and blank
lines allowed; a UTF-8 byte-order mark, as spreadsheet programs write, is skipped) or ``.npy``
(a 2-D float or integer array, read chunk by chunk). ``chunks`` yields float64 blocks of at most
``size`` rows; every complaint about a value is a located error: the CSV file's own line and
column, or for ``.npy`` the YAML value that names the file (with the row and class in the
message). NumPy is imported inside the functions that need it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from symderive.errors import ProblemFileError, SourceLocation

if TYPE_CHECKING:
    import numpy as np

CHUNK_ROWS = 10_000
MAX_CLASSES = 100_000
MAX_ROWS = 10_000_000
MAX_VALUES = 4_000_000_000
"""At most this many values (rows × classes) per model file: 1,000,000 × 1,000 fits 4 times."""
MAX_CSV_BYTES = 4 * 1024**3
MAX_NAME_LENGTH = 100


def located_in(path: Path, line: int, column: int, text: str) -> SourceLocation:
    """A position in a data file, with the line shown under the message."""
    return SourceLocation(file=str(path), line=line, column=column, line_text=text)


def field_column(text: str, index: int) -> int:
    """The 1-based column where comma-separated field ``index`` of ``text`` starts (its first
    non-blank character)."""
    fields = text.split(",")
    start = sum(len(piece) + 1 for piece in fields[: min(index, len(fields) - 1)])
    piece = fields[min(index, len(fields) - 1)]
    return start + len(piece) - len(piece.lstrip()) + 1


MAX_INDEX_DIGITS = 12
"""A class index longer than this is refused before ``int`` sees it (class counts are bounded far
below; Python's ``int`` refuses strings of more than 4,300 digits with an exception)."""


def class_index(text: str, classes: int) -> int | None:
    """``text`` as a 0-based class index below ``classes``, or None if it is not one.

    Only ASCII digits count: ``str.isdigit`` accepts "²" and other digits ``int`` refuses.
    """
    if not (text.isascii() and text.isdecimal() and len(text) <= MAX_INDEX_DIGITS):
        return None
    index = int(text)
    return index if index < classes else None


def shorten(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters for a message (a 5,000-character label stays short)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_data(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and not stripped.startswith("#")


@dataclass(frozen=True)
class Chunk:
    """Rows ``start`` … ``start + len(values) − 1`` (0-based) of one model's file, as float64."""

    start: int
    values: np.ndarray
    lines: tuple[tuple[int, str], ...] = field(default=(), repr=False)
    """For CSV: the (line number, text) of every row, to place a complaint."""


class MatrixFile:
    """One model's file: its path, shape as far as known, and its rows in chunks."""

    def __init__(self, path: Path, shown: str, where: SourceLocation) -> None:
        self.path = path
        self.shown = shown
        """The path as the problem file wrote it, for messages and output."""
        self.where = where
        """The YAML value naming the file: errors without a line of their own point here."""
        self.columns = 0
        self.rows: int | None = None

    def chunks(self, size: int) -> Iterator[Chunk]:
        raise NotImplementedError

    def error(self, chunk: Chunk, row: int, column: int | None, message: str) -> ProblemFileError:
        """A located complaint about row ``row`` (within ``chunk``) and class ``column``."""
        raise NotImplementedError


class CsvMatrix(MatrixFile):
    """A CSV file read line by line; a chunk is parsed by NumPy, and only when that fails is it
    parsed again field by field to find the culprit."""

    def __init__(self, path: Path, shown: str, where: SourceLocation) -> None:
        super().__init__(path, shown, where)
        size = path.stat().st_size
        if size > MAX_CSV_BYTES:
            raise ProblemFileError(
                f"{shown} has {size:,} bytes; CSV files may have at most {MAX_CSV_BYTES:,} "
                "(use .npy for larger data)",
                where,
            )
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            first = next(
                ((number, line) for number, line in enumerate(handle, 1) if _is_data(line)), None
            )
        if first is None:
            raise ProblemFileError(f"{shown} holds no rows", where)
        self.columns = first[1].count(",") + 1

    def chunks(self, size: int) -> Iterator[Chunk]:
        import numpy as np

        start = 0
        lines: list[tuple[int, str]] = []
        with self.path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            for number, raw in enumerate(handle, 1):
                text = raw.rstrip("\r\n")
                if not _is_data(text):
                    continue
                lines.append((number, text))
                if len(lines) == size:
                    yield Chunk(start, self._parse(lines, np), tuple(lines))
                    start += len(lines)
                    lines = []
        if lines:
            yield Chunk(start, self._parse(lines, np), tuple(lines))

    def _parse(self, lines: list[tuple[int, str]], np: Any) -> np.ndarray:
        try:
            values = np.loadtxt(
                io.StringIO("\n".join(text for _, text in lines)),
                delimiter=",",
                dtype=np.float64,
                ndmin=2,
                comments=None,
            )
        except ValueError:
            values = None
        if values is None or values.shape != (len(lines), self.columns):
            self._locate_bad_field(lines)
            number, text = lines[0]
            raise ProblemFileError(
                f"{self.shown}: these rows could not be read as numbers",
                located_in(self.path, number, 1, text),
            )
        return values

    def _locate_bad_field(self, lines: list[tuple[int, str]]) -> None:
        """Raise at the first field that is not a number, or the first row of the wrong length."""
        for number, text in lines:
            fields = text.split(",")
            if len(fields) != self.columns:
                raise ProblemFileError(
                    f"{self.shown}: this row has {len(fields)} values, the file's first row "
                    f"{self.columns}",
                    located_in(self.path, number, 1, text),
                )
            for index, piece in enumerate(fields):
                try:
                    float(piece.strip().replace("_", "x"))
                except ValueError:
                    raise ProblemFileError(
                        f"{self.shown}: {piece.strip()!r} is not a number (class {index + 1})",
                        located_in(self.path, number, field_column(text, index), text),
                    ) from None

    def error(self, chunk: Chunk, row: int, column: int | None, message: str) -> ProblemFileError:
        number, text = chunk.lines[row]
        where = field_column(text, column) if column is not None else 1
        return ProblemFileError(
            f"{self.shown}: {message}", located_in(self.path, number, where, text)
        )


class NpyMatrix(MatrixFile):
    """A ``.npy`` array: its header is read through a memory map, its rows chunk by chunk, so
    only the chunk being scored is in memory."""

    def __init__(self, path: Path, shown: str, where: SourceLocation) -> None:
        import numpy as np

        super().__init__(path, shown, where)
        try:
            array = np.load(path, mmap_mode="r", allow_pickle=False)
        except (ValueError, OSError) as error:
            raise ProblemFileError(
                f"{shown} is not a readable .npy array: {error}", where
            ) from None
        if array.ndim != 2 or array.dtype.kind not in "fiu":
            raise ProblemFileError(
                f"{shown} must hold a 2-D array of numbers (images × classes), not a "
                f"{array.ndim}-D array of {array.dtype}",
                where,
            )
        self.array = array
        self.rows, self.columns = (int(length) for length in array.shape)

    def chunks(self, size: int) -> Iterator[Chunk]:
        """Rows read with plain file reads (a C-ordered array), so the pages of rows already
        scored do not stay in the process's resident set as a memory map's would."""
        import numpy as np

        assert self.rows is not None
        if self.array.flags.f_contiguous and not self.array.flags.c_contiguous:
            for start in range(0, self.rows, size):
                yield Chunk(start, np.asarray(self.array[start : start + size], dtype=np.float64))
            return
        dtype, offset = self.array.dtype, self.array.offset
        with self.path.open("rb") as handle:
            handle.seek(offset)
            for start in range(0, self.rows, size):
                count = min(size, self.rows - start)
                values = np.fromfile(handle, dtype=dtype, count=count * self.columns)
                values = values.reshape(count, self.columns).astype(np.float64)
                yield Chunk(start, values)
                del values  # the caller is done with this chunk: free it before the next read

    def error(self, chunk: Chunk, row: int, column: int | None, message: str) -> ProblemFileError:
        place = f"row {chunk.start + row + 1}" + (
            f", class {column + 1}" if column is not None else ""
        )
        return ProblemFileError(f"{self.shown} ({place}): {message}", self.where)


def open_matrix(path: Path, shown: str, where: SourceLocation) -> MatrixFile:
    """The reader for a model's file, by its suffix; sizes are bounded here."""
    matrix: MatrixFile = (
        NpyMatrix(path, shown, where)
        if path.suffix.lower() == ".npy"
        else CsvMatrix(path, shown, where)
    )
    if not 2 <= matrix.columns <= MAX_CLASSES:
        raise ProblemFileError(
            f"{shown} has {matrix.columns:,} classes; between 2 and {MAX_CLASSES:,} are allowed",
            where,
        )
    if matrix.rows is not None and not 1 <= matrix.rows <= MAX_ROWS:
        raise ProblemFileError(
            f"{shown} has {matrix.rows:,} rows; between 1 and {MAX_ROWS:,} are allowed", where
        )
    if matrix.rows is not None and matrix.rows * matrix.columns > MAX_VALUES:
        raise ProblemFileError(
            f"{shown} holds {matrix.rows * matrix.columns:,} values; at most {MAX_VALUES:,}", where
        )
    return matrix


def check_chunk(matrix: MatrixFile, chunk: Chunk, *, logits: bool, tolerance: float) -> None:
    """Refuse NaN and infinities; for probabilities also negative entries and rows whose sum is
    not 1 within ``tolerance``. The first offender is reported, at its own line and column."""
    import numpy as np

    values = chunk.values
    bad = ~np.isfinite(values)
    if bad.any():
        row, column = (int(i) for i in np.argwhere(bad)[0])
        raise matrix.error(chunk, row, column, f"{values[row, column]} is not a finite number")
    if logits:
        return
    negative = values < 0
    if negative.any():
        row, column = (int(i) for i in np.argwhere(negative)[0])
        raise matrix.error(chunk, row, column, f"probability {values[row, column]:g} is negative")
    with np.errstate(over="ignore", invalid="ignore"):  # 1e308 + 1e308 is inf, reported below
        sums = values.sum(axis=1)
    off = np.abs(sums - 1.0) > tolerance
    if off.any():
        row = int(np.argmax(off))
        raise matrix.error(
            chunk,
            row,
            None,
            f"the probabilities of this row sum to {sums[row]:.6g}, not 1 "
            f"(tolerance {tolerance:g}; set 'softmax: true' if these are logits)",
        )


def read_names(path: Path, shown: str, limit: int) -> tuple[list[str], list[SourceLocation]]:
    """One name per line (blank and ``#`` lines skipped): the names and where each was written.

    Duplicates, overlong names and more than ``limit`` names are located errors.
    """
    names: list[str] = []
    places: list[SourceLocation] = []
    seen: dict[str, int] = {}
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        for number, raw in enumerate(handle, 1):
            text = raw.rstrip("\r\n")
            if not _is_data(text):
                continue
            name = text.strip()
            where = located_in(path, number, len(text) - len(text.lstrip()) + 1, text)
            if len(name) > MAX_NAME_LENGTH:
                raise ProblemFileError(
                    f"{shown}: a name may have at most {MAX_NAME_LENGTH} characters", where
                )
            if name in seen:
                raise ProblemFileError(
                    f"{shown}: {name!r} is listed twice (first on line {seen[name]})", where
                )
            if len(names) == limit:
                raise ProblemFileError(f"{shown}: more than {limit:,} lines", where)
            seen[name] = number
            names.append(name)
            places.append(where)
    return names, places


def read_labels(
    path: Path, shown: str, where: SourceLocation, classes: int, names: tuple[str, ...] | None
) -> tuple[np.ndarray, list[SourceLocation]]:
    """True labels, one per line: a class index (0-based) or, with class names, a name."""
    import numpy as np

    by_name = {name: index for index, name in enumerate(names or ())}
    labels: list[int] = []
    places: list[SourceLocation] = []
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        for number, raw in enumerate(handle, 1):
            text = raw.rstrip("\r\n")
            if not _is_data(text):
                continue
            word = text.strip()
            place = located_in(path, number, len(text) - len(text.lstrip()) + 1, text)
            if len(labels) == MAX_ROWS:
                raise ProblemFileError(f"{shown}: more than {MAX_ROWS:,} labels", place)
            index = by_name[word] if word in by_name else class_index(word, classes)
            if index is not None:
                labels.append(index)
            else:
                known = "a class name or " if names else ""
                raise ProblemFileError(
                    f"{shown}: label {shorten(word)!r} is not {known}a class index "
                    f"0 … {classes - 1}",
                    place,
                )
            places.append(place)
    if not labels:
        raise ProblemFileError(f"{shown} holds no labels", where)
    return np.asarray(labels, dtype=np.int64), places
