"""The terminal format: a ``Document`` as Rich text with one-line Unicode math.

This is the only module of the package that imports Rich. Colour only ever repeats what the words
already say (``✓ symbolic``, ``pass``, ``warning``), so the output reads the same under NO_COLOR,
in a pipe, or in a golden file. Display blocks (equations, step trees, tables, lists) are
indented under the text that introduces them, and a blank line comes before each problem, part
and sub-part, and before text that follows a display.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from types import TracebackType
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule as HorizontalRule
from rich.table import Table as RichTable
from rich.text import Text
from rich.tree import Tree

from symderive.render import texts
from symderive.render.document import (
    Block,
    Bullets,
    Code,
    Content,
    Document,
    Equation,
    Figure,
    Heading,
    Math,
    Paragraph,
    StepItem,
    Steps,
    Table,
    Warning,
)

DEFAULT_WIDTH = 100
INDENT = 2
_DISPLAYS = (Equation, Steps, Table, Bullets)
_HEADING_STYLES = {1: "bold", 2: "bold cyan", 3: "bold", 4: "bold underline"}


def render_terminal(document: Document, *, color: bool, width: int | None = None) -> str:
    """``document`` as terminal text, with ANSI styles only when ``color``."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=width or DEFAULT_WIDTH,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
        legacy_windows=False,
        _environ={},
    )
    previous: Block | None = None
    for block in document.blocks:
        if previous is not None and _gap_before(previous, block):
            console.print(Text(""))
        console.print(_RENDERERS[type(block)](block))
        previous = block
    text = buffer.getvalue()
    if not color:
        text = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
    return text


def _gap_before(previous: Block, block: Block) -> bool:
    """A blank line before problems, parts and sub-parts, and where text follows a display."""
    if isinstance(block, Heading):
        return 2 <= block.level <= 4
    return isinstance(previous, _DISPLAYS) and not isinstance(block, _DISPLAYS)


def _text(parts: Content, style: str = "") -> Text:
    """Running text: words as they are, formulas in their one-line Unicode."""
    return Text("".join(part.unicode if isinstance(part, Math) else part for part in parts), style)


def _indented(renderable: RenderableType) -> Padding:
    return Padding(renderable, (0, 0, 0, INDENT))


def _heading(heading: Heading) -> RenderableType:
    style = _HEADING_STYLES.get(heading.level, "bold")
    if heading.level == 1:
        return HorizontalRule(Text(heading.text, style=style))
    if heading.level == 2:
        return HorizontalRule(Text(heading.text, style=style), align="left")
    return Text(heading.text, style=style)


def _paragraph(paragraph: Paragraph) -> RenderableType:
    return _text(paragraph.content, "italic" if paragraph.emphasis else "")


def _code(code: Code) -> RenderableType:
    if code.label and "\n" not in code.text:
        return Text.assemble((f"{code.label}: ", "bold"), code.text)
    # Code of several lines keeps its columns: it is indented, never wrapped.
    block = _indented(Text(code.text, no_wrap=True, overflow="ellipsis"))
    return Group(Text(f"{code.label}:", style="bold"), block) if code.label else block


def _warning(warning: Warning) -> RenderableType:
    where = f"{warning.location.prefix()}: " if warning.location else ""
    head = Text.assemble(
        (f"{texts.WARNING_WORD}: ", "bold yellow"), (where, "bold"), warning.message
    )
    snippet = warning.location.snippet() if warning.location else ""
    if not snippet:
        return head
    # The snippet is not wrapped: the caret must stay under its column.
    return Group(head, Text(snippet, no_wrap=True, overflow="ellipsis"))


def _equation(equation: Equation) -> RenderableType:
    lines = Text("\n".join(line.unicode for line in equation.lines))
    if equation.boxed:
        return _indented(
            Panel(lines, expand=False, box=box.ROUNDED, border_style="green", padding=(0, 1))
        )
    return _indented(lines)


def _step_text(item: StepItem) -> Text:
    text = Text.assemble((item.label, "bold"), ": ", _text(item.statement))
    if item.details:
        text.append("\n")
        text.append(_text(item.details, "dim"))
    if item.note:
        text.append(f"\nnote: {item.note}", "yellow")
    return text


def _add_children(tree: Tree, item: StepItem) -> None:
    for child in item.children:
        _add_children(tree.add(_step_text(child)), child)


def _steps(steps: Steps) -> RenderableType:
    trees = []
    for item in steps.items:
        tree = Tree(_step_text(item), guide_style="dim")
        _add_children(tree, item)
        trees.append(tree)
    return _indented(Group(*trees))


def _table(table: Table) -> RenderableType:
    grid = RichTable(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in table.header:
        grid.add_column(column, overflow="fold")
    for row in table.rows:
        grid.add_row(*(_text(cell) for cell in row))
    if table.caption:
        return _indented(Group(Text(table.caption, style="bold"), grid))
    return _indented(grid)


def _bullets(bullets: Bullets) -> RenderableType:
    grid = RichTable.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for item in bullets.items:
        grid.add_row("•", _text(item))
    return _indented(grid)


def _figure(figure: Figure) -> RenderableType:
    return Text(texts.figure_mention(figure.name, figure.caption), style="dim")


_RENDERERS: dict[type, Callable[[Any], RenderableType]] = {
    Heading: _heading,
    Paragraph: _paragraph,
    Code: _code,
    Warning: _warning,
    Equation: _equation,
    Steps: _steps,
    Table: _table,
    Bullets: _bullets,
    Figure: _figure,
}
"""One function per block type; a block type missing here is a bug the tests catch."""


class ProgressBar:
    """A progress bar on stderr for batch work (``symderive grade``), shown only when stderr is
    a terminal. It never refreshes from a thread of its own (``auto_refresh=False``): the grader
    forks worker processes, and a fork while another thread holds a lock can deadlock.

    ``with ProgressBar(total, "grading") as bar: bar.advance(label)``."""

    def __init__(self, total: int, description: str, enabled: bool | None = None) -> None:
        self.total = total
        self.description = description
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> ProgressBar:
        if self.enabled:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.fields[last]}"),
                console=Console(stderr=True),
                auto_refresh=False,
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task(self.description, total=self.total, last="")
        return self

    def advance(self, label: str = "") -> None:
        """One more item done; ``label`` names it beside the bar."""
        if self._progress is not None:
            self._progress.update(self._task, advance=1, last=label)
            self._progress.refresh()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
