"""The command line: the only module that imports Typer.

Heavy modules (SymPy, Lark, Rich renderers) are imported inside the commands, so that
``symderive --help`` starts without them. Every command runs inside ``reported_errors``, the one
place where a SymderiveError becomes ``error: file:line:col: message`` on stderr and an exit code.
"""

from __future__ import annotations

import os
import shutil
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from symderive import __version__
from symderive.errors import SymderiveError

app = typer.Typer(
    name="symderive",
    help="Verified, step-by-step derivations for the mathematics of neural networks.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

INTERNAL_ERROR_EXIT = 3
REPORT_REQUEST = (
    "This is a bug in symderive. Please report it with the input that caused it and the "
    "message above."
)


class OutputFormat(StrEnum):
    """The four ways a solution can be printed."""

    terminal = "terminal"
    latex = "latex"
    markdown = "markdown"
    json = "json"


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn our errors into a located message and their exit code; anything else is a bug."""
    try:
        yield
    except typer.Exit:
        raise
    except SymderiveError as error:
        typer.echo(error.render(), err=True)
        if error.exit_code == INTERNAL_ERROR_EXIT:
            typer.echo(f"internal error: {REPORT_REQUEST}", err=True)
        raise typer.Exit(error.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        raise typer.Exit(130) from None
    except Exception:
        typer.echo(traceback.format_exc(), err=True)
        typer.echo(f"internal error: {REPORT_REQUEST}", err=True)
        raise typer.Exit(INTERNAL_ERROR_EXIT) from None


def _use_color() -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


Rendering = Callable[[Path | None], str]
"""Rendered text as a function of the figures folder, which only ``_emit`` knows."""


def _render(
    solutions: Any, output_format: OutputFormat, fragment: bool, to_file: bool
) -> Rendering:
    """How ``solutions`` print in ``output_format``; pictures are drawn when ``_emit`` calls it."""
    if output_format is OutputFormat.json:
        from symderive.render.json import render_json

        text = render_json(solutions)
        return lambda figures: text
    from symderive.render.solutions import document_of

    return _render_document(document_of(solutions), output_format, fragment, to_file)


def _render_document(
    document: Any, output_format: OutputFormat, fragment: bool, to_file: bool
) -> Rendering:
    """A document in one of the three human formats."""
    if output_format is OutputFormat.latex:
        from symderive.render.latex import render_latex

        return lambda figures: render_latex(document, fragment=fragment, figures=figures)
    if output_format is OutputFormat.markdown:
        from symderive.render.markdown import render_markdown

        return lambda figures: render_markdown(document, figures=figures)
    from symderive.render.terminal import render_terminal

    interactive = sys.stdout.isatty() and not to_file
    width = shutil.get_terminal_size().columns if interactive else None
    color = _use_color() and not to_file
    return lambda figures: render_terminal(document, color=color, width=width)


def _figures_folder(output: Path) -> Path:
    """Where the pictures of ``output`` go: ``<stem>-figures/`` beside it (made on first use)."""
    return output.with_name(f"{output.stem}-figures")


def _emit(rendered: str | Rendering, output: Path | None) -> None:
    """Print to stdout (no pictures), or draw the pictures beside ``output`` and then write it
    atomically, so the file never refers to a picture that is not there yet."""
    if output is None:
        text = rendered if isinstance(rendered, str) else rendered(None)
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from symderive.output import write_atomically

    if not output.parent.is_dir():
        from symderive.errors import UsageError

        raise UsageError(f"cannot write {output}: the folder {output.parent} does not exist")
    text = rendered if isinstance(rendered, str) else rendered(_figures_folder(output))
    write_atomically(output, text)
    typer.echo(f"wrote {output}", err=True)


FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="terminal, latex, markdown or json.")
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to FILE (atomically) instead of stdout."),
]
FragmentOption = Annotated[
    bool, typer.Option("--fragment", help="LaTeX without the document preamble, for pasting.")
]


@app.command()
def solve(
    problem_file: Annotated[Path, typer.Argument(help="A YAML problem file.")],
    output_format: FormatOption = OutputFormat.terminal,
    output: OutputOption = None,
    fragment: FragmentOption = False,
) -> None:
    """Solve every problem of a problem file, step by step, with every step verified."""
    with reported_errors():
        from symderive.problemfile import load_problem_file
        from symderive.solve import solve_problem_set

        problem_set = load_problem_file(problem_file)
        solutions = solve_problem_set(problem_set)
        _emit(_render(solutions, output_format, fragment, output is not None), output)


@app.command("diff")
def differentiate(
    expression: Annotated[str, typer.Argument(help='An expression, e.g. "z = x1*exp(x2^2)".')],
    wrt: Annotated[
        list[str] | None,
        typer.Option("--wrt", "-w", help="Variable(s) to differentiate by; default: all."),
    ] = None,
    at: Annotated[
        str | None, typer.Option("--at", help="A point, e.g. x1=1,x2=0.5 (forward/backward pass).")
    ] = None,
    output_format: FormatOption = OutputFormat.terminal,
    output: OutputOption = None,
    fragment: FragmentOption = False,
) -> None:
    """Differentiate one expression given on the command line, without a problem file."""
    with reported_errors():
        from symderive.inline_problem import problem_from_command_line
        from symderive.solve import solve_problem_set

        variables = [
            name.strip() for item in (wrt or []) for name in item.split(",") if name.strip()
        ]
        problem_set = problem_from_command_line(expression, variables, at)
        solutions = solve_problem_set(problem_set)
        _emit(_render(solutions, output_format, fragment, output is not None), output)


@app.command()
def check(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="One or more YAML problem files, then the answers (.yaml, .md, .ipynb, .tex)."
        ),
    ],
    output_format: FormatOption = OutputFormat.terminal,
    output: OutputOption = None,
    fragment: FragmentOption = False,
) -> None:
    """Check hand-written answers: proved, numerically equal, or refuted with a point.

    symderive check PROBLEMS... ANSWERS. Exit code 0 when every attributed claim is proved or
    numerically equal and nothing is missing; 1 when an answer is refuted, missing, unreadable
    or undecided; 2 for a bad problem or answer file.
    """
    with reported_errors():
        if len(files) < 2:
            from symderive.errors import UsageError

            raise UsageError("check needs at least one problem file and then an answer file")
        problem_files, answers_file = files[:-1], files[-1]
        from symderive.check.answers import read_answers
        from symderive.check.attribution import attribute
        from symderive.check.checker import check_answers
        from symderive.problemfile import load_problem_files
        from symderive.solve import solve_problem_set

        problem_set = load_problem_files(problem_files)
        answers = attribute(read_answers(answers_file), problem_set)
        report = check_answers(solve_problem_set(problem_set), answers)
        if output_format is OutputFormat.json:
            import json

            from symderive.render.check_report import check_report_data

            text = json.dumps(check_report_data(report), indent=2, ensure_ascii=False) + "\n"
            _emit(text, output)
        else:
            from symderive.render.check_report import check_report_document

            document = check_report_document(report)
            _emit(_render_document(document, output_format, fragment, output is not None), output)
    raise typer.Exit(report.exit_code)


@app.command()
def grade(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Problem files (YAML with points), then submissions: answer files, or class "
            "folders holding a file or a folder per student."
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", help="The grades CSV; JSON, summary and feedback go beside.")
    ] = Path("grades.csv"),
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Parallel workers (default: CPU count).")
    ] = None,
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Seconds per submission before it is killed.")
    ] = 120.0,
    cache: Annotated[
        Path | None,
        typer.Option("--cache", help="Cache folder (default: .symderive-cache beside --out)."),
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Check every claim anew.")] = False,
    feedback: Annotated[
        list[str] | None,
        typer.Option("--feedback", help="Also write feedback as latex or pdf (Markdown always)."),
    ] = None,
) -> None:
    """Grade a class: points with partial credit, a feedback file per student, a summary.

    symderive grade PROBLEMS... SUBMISSIONS... --out grades.csv. Exit code 0 when every
    submission was graded; 1 when some could not be (a time-out, a crash, a malformed file:
    each is in the CSV with its reason); 2 for bad problem files or usage.
    """
    with reported_errors():
        from symderive.grade.classroom import (
            check_feedback_formats,
            default_cache_folder,
            grade_class,
            output_paths,
            write_outputs,
        )
        from symderive.grade.summary import summary_document
        from symderive.render.terminal import ProgressBar, render_terminal

        formats = ("markdown", *(feedback or []))
        check_feedback_formats(formats)
        folder = None if no_cache else (cache or default_cache_folder(out))
        bar: list[ProgressBar] = []

        def started(total: int) -> None:
            bar.append(ProgressBar(total, "grading").__enter__())

        try:
            grades = grade_class(
                paths,
                jobs=jobs if jobs is not None else (os.cpu_count() or 1),
                time_limit=time_limit,
                cache_folder=folder,
                started=started,
                done=lambda result: bar[0].advance(result.name) if bar else None,
                outputs=output_paths(out),
            )
        finally:
            if bar:
                bar[0].__exit__(None, None, None)
        written = write_outputs(grades, out, formats)
        text = render_terminal(summary_document(grades.summary), color=_use_color())
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        for skipped in grades.skipped:
            typer.echo(f"skipped {skipped.path}: {skipped.reason}", err=True)
        for problem in written.problems:
            typer.echo(f"warning: {problem}", err=True)
        for path in written.paths:
            typer.echo(f"wrote {path}", err=True)
    raise typer.Exit(grades.exit_code)


@app.command()
def schema() -> None:
    """Print the JSON Schema of problem files, for editors that validate and complete YAML."""
    with reported_errors():
        import json

        from symderive.schema import problem_file_schema

        typer.echo(json.dumps(problem_file_schema(), indent=2, ensure_ascii=False))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"symderive {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Verified, step-by-step derivations for the mathematics of neural networks."""


def main() -> None:
    """Console-script entry point."""
    app()
