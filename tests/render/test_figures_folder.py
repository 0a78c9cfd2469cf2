"""Pictures beside the output file: ``-o out.tex`` draws into ``out-figures/`` before the file is
written, and only when the document has figures; stdout never gets pictures."""

from __future__ import annotations

from pathlib import Path

import pytest
from every_block import EVERY_BLOCK

from symderive import cli
from symderive.errors import UsageError
from symderive.render.document import Document, Heading
from symderive.render.latex import render_latex
from symderive.render.markdown import render_markdown


def test_the_folder_is_named_after_the_output_file() -> None:
    assert cli._figures_folder(Path("out/q3.tex")) == Path("out/q3-figures")
    assert cli._figures_folder(Path("notes")) == Path("notes-figures")


def test_latex_file_gets_its_pictures_beside_it(tmp_path: Path) -> None:
    target = tmp_path / "out.tex"
    cli._emit(lambda figures: render_latex(EVERY_BLOCK, fragment=False, figures=figures), target)
    assert r"\includegraphics[width=0.7\linewidth]{out-figures/tiny.png}" in target.read_text()
    assert (tmp_path / "out-figures" / "tiny.png").is_file()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out-figures", "out.tex"]


def test_markdown_file_links_a_picture_that_exists(tmp_path: Path) -> None:
    target = tmp_path / "answers.md"
    cli._emit(lambda figures: render_markdown(EVERY_BLOCK, figures=figures), target)
    assert "![A tiny plot](answers-figures/tiny.png)" in target.read_text()
    assert (tmp_path / "answers-figures" / "tiny.png").is_file()


def test_no_folder_without_figures(tmp_path: Path) -> None:
    plain = Document((Heading(1, "No pictures"),))
    cli._emit(lambda figures: render_markdown(plain, figures=figures), tmp_path / "out.md")
    assert [path.name for path in tmp_path.iterdir()] == ["out.md"]


def test_stdout_gets_no_pictures(capsys: pytest.CaptureFixture[str]) -> None:
    seen: list[Path | None] = []

    def rendering(figures: Path | None) -> str:
        seen.append(figures)
        return render_markdown(EVERY_BLOCK, figures=figures)

    cli._emit(rendering, None)
    assert seen == [None]
    assert "figure 'tiny' not drawn: write to a file with -o" in capsys.readouterr().out


def test_plain_text_is_emitted_as_it_is(tmp_path: Path) -> None:
    cli._emit("a report\n", tmp_path / "report.txt")
    assert (tmp_path / "report.txt").read_text() == "a report\n"


def test_missing_folder_is_a_usage_error_before_any_picture(tmp_path: Path) -> None:
    target = tmp_path / "no" / "out.tex"
    with pytest.raises(UsageError, match="does not exist"):
        cli._emit(
            lambda figures: render_latex(EVERY_BLOCK, fragment=False, figures=figures), target
        )
    assert not list(tmp_path.iterdir())
