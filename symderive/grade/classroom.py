"""A whole class graded: arguments split, work run in parallel, every output written at the end.

The CLI's ``grade`` command is a thin shell over ``grade_class`` and ``write_outputs``. All the
files are rendered first and then each is written atomically, the CSV last: an interrupted run
leaves every file either whole or as it was, never half written.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from symderive.errors import SymderiveError, UsageError
from symderive.grade import runner
from symderive.grade.cache import CACHE_FOLDER
from symderive.grade.feedback import feedback_document
from symderive.grade.points import Scheme
from symderive.grade.results import csv_text, json_data
from symderive.grade.student import (
    GRADED,
    Setup,
    StudentResult,
    grade_submission,
    load_setup,
    warm_up,
)
from symderive.grade.submission import OUTPUT_MARK, Skipped, Submission, discover
from symderive.grade.summary import ClassSummary, summarise, summary_document
from symderive.output import write_atomically
from symderive.yamlnode import YamlMapping
from symderive.yamlsource import load_yaml_file

FEEDBACK_FORMATS = ("markdown", "latex", "pdf")
PDFLATEX_SECONDS = 120
MAX_TIME_LIMIT = 24 * 3600.0


@dataclass(frozen=True)
class ClassGrades:
    """Every student's result in order, the scheme, the summary, and what was passed over."""

    results: list[StudentResult]
    scheme: Scheme
    summary: ClassSummary
    skipped: list[Skipped]

    @property
    def exit_code(self) -> int:
        """0 when every submission was graded; 1 when one could not be (see its reason)."""
        return 0 if all(result.status == GRADED for result in self.results) else 1


def _is_problem_file(path: Path) -> bool:
    if not path.is_file() or path.suffix.lower() not in (".yaml", ".yml"):
        return False
    try:
        root = load_yaml_file(path)
    except SymderiveError:
        return False
    return isinstance(root, YamlMapping) and root.get("problems") is not None


def split_arguments(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """The leading problem files (YAML with ``problems:``), then the submissions."""
    count = 0
    while count < len(paths) and _is_problem_file(paths[count]):
        count += 1
    if count == 0:
        raise UsageError("grade needs problem files first (YAML files with 'problems:')")
    if count == len(paths):
        raise UsageError("grade needs submissions after the problem files (files or folders)")
    return paths[:count], paths[count:]


def default_cache_folder(output: Path) -> Path:
    """``.symderive-cache/`` beside the CSV."""
    return output.parent / CACHE_FOLDER


def grade_class(
    paths: list[Path],
    *,
    jobs: int,
    time_limit: float,
    cache_folder: Path | None,
    started: Callable[[int], None] | None = None,
    done: Callable[[StudentResult], None] | None = None,
    outputs: tuple[Path, ...] = (),
) -> ClassGrades:
    """Grade every submission; ``started`` hears how many there are, ``done`` each result.

    ``outputs`` are the paths the run will write (``output_paths``): never graded."""
    if jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, not {jobs}")
    if not 0 < time_limit <= MAX_TIME_LIMIT:
        raise UsageError(f"--time-limit must be above 0 and at most {MAX_TIME_LIMIT:g} s")
    problem_paths, submission_paths = split_arguments(paths)
    setup: Setup = load_setup(problem_paths, cache_folder)
    submissions, skipped = discover(submission_paths, outputs)
    if not submissions:
        raise UsageError("no submissions found (answer files: .md, .ipynb, .tex, .yaml)")
    if started is not None:
        started(len(submissions))

    def work(submission: Submission) -> StudentResult:
        return grade_submission(setup, submission)

    warm_up(setup)
    results = runner.run(submissions, work, jobs, time_limit, done)
    summary = summarise(results, setup.scheme.points)
    return ClassGrades(results, setup.scheme, summary, skipped)


def _file_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "student"


class PdfFailure(Exception):
    """pdflatex could not compile one student's feedback; the others are not affected."""


def _pdf(latex: str) -> bytes:
    pdflatex = shutil.which("pdflatex")
    if pdflatex is None:
        raise UsageError("PDF feedback needs pdflatex, which is not installed")
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "feedback.tex").write_text(latex, encoding="utf-8")
        command = [pdflatex, "-interaction=nonstopmode", "-halt-on-error", "feedback.tex"]
        try:
            finished = subprocess.run(
                command, cwd=folder, capture_output=True, timeout=PDFLATEX_SECONDS, check=False
            )
        except subprocess.TimeoutExpired:
            raise PdfFailure(f"pdflatex ran over {PDFLATEX_SECONDS} s") from None
        if finished.returncode != 0:
            raise PdfFailure(_first_error(finished.stdout.decode("utf-8", "replace")))
        return (Path(folder) / "feedback.pdf").read_bytes()


def _first_error(log: str) -> str:
    """The first ``! …`` line of pdflatex's log, which says what it could not typeset."""
    for line in log.splitlines():
        if line.startswith("!"):
            return f"pdflatex: {line[1:].strip()}"
    return "pdflatex could not compile it"


def check_feedback_formats(formats: tuple[str, ...]) -> None:
    """Refuse an unknown feedback format before any grading is done."""
    unknown = [name for name in formats if name not in FEEDBACK_FORMATS]
    if unknown:
        known = ", ".join(FEEDBACK_FORMATS)
        raise UsageError(f"unknown feedback format {unknown[0]!r}; use one of {known}")


def feedback_folder(output: Path) -> Path:
    """``<csv stem>-feedback/`` beside the CSV."""
    return output.with_name(f"{output.stem}-feedback")


def output_paths(output: Path) -> tuple[Path, Path, Path, Path]:
    """The CSV, the JSON, the summary and the feedback folder a run with ``--out output`` writes."""
    return (
        output,
        output.with_suffix(".json"),
        output.with_name(f"{output.stem}-summary.md"),
        feedback_folder(output),
    )


def _marked(path: Path, text: str) -> str:
    """The text with ``OUTPUT_MARK`` in a comment on its first line, so that a later run that
    finds the file in a class folder does not grade it as a student's."""
    if path.suffix == ".tex":
        return f"% {OUTPUT_MARK}\n{text}"
    return f"<!-- {OUTPUT_MARK} -->\n{text}"


@dataclass(frozen=True)
class Written:
    """What ``write_outputs`` wrote, and what it could not (a student's PDF), with why."""

    paths: list[Path]
    problems: list[str]


def write_outputs(grades: ClassGrades, output: Path, formats: tuple[str, ...]) -> Written:
    """Feedback per student, the summary (Markdown), the JSON and the CSV, each atomically.

    A feedback PDF that pdflatex cannot compile is one student's problem: it is reported, that
    student's ``.tex`` is written instead, and every other file is still written."""
    from symderive.render.latex import render_latex
    from symderive.render.markdown import render_markdown

    if not output.parent.is_dir():
        raise UsageError(f"cannot write {output}: the folder {output.parent} does not exist")
    check_feedback_formats(formats)
    _, json_path, summary_path, folder = output_paths(output)
    texts: dict[Path, str] = {}
    pdfs: dict[Path, bytes] = {}
    used: set[str] = set()
    problems: list[str] = []
    for result in grades.results:
        document = feedback_document(result)
        stem = _file_name(result.name)
        while stem in used:
            stem += "_"
        used.add(stem)
        texts[folder / f"{stem}.md"] = render_markdown(document)
        if "latex" in formats or "pdf" in formats:
            latex = render_latex(document, fragment=False)
            if "latex" in formats:
                texts[folder / f"{stem}.tex"] = latex
            if "pdf" in formats:
                try:
                    pdfs[folder / f"{stem}.pdf"] = _pdf(latex)
                except PdfFailure as failure:  # this student's .tex is kept, for a look
                    texts[folder / f"{stem}.tex"] = latex
                    problems.append(f"no PDF feedback for {result.name}: {failure}")
    texts[summary_path] = render_markdown(summary_document(grades.summary))
    data = json_data(grades.results, grades.scheme, grades.summary)
    texts[json_path] = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    folder.mkdir(exist_ok=True)
    for path, text in texts.items():
        write_atomically(path, text if path == json_path else _marked(path, text))
    for path, pdf in pdfs.items():
        write_atomically(path, pdf)
    write_atomically(output, csv_text(grades.results, grades.scheme))
    return Written([output, json_path, summary_path, folder], problems)
