"""What an ambiguity solution says, as document blocks: the scores' definitions, the models, one
ranked table per criterion, the facts behind the scores and how everything was verified.

Images are numbered from 1 in file order (comment and blank lines of a CSV are not counted).
Numbers are shown with three decimals; the JSON (``ambiguity_json``) has them in full.
"""

from __future__ import annotations

from pathlib import Path

import sympy

from symderive.derive.ambiguity import AmbiguitySolution, Ranking
from symderive.derive.ambiguity_check import CandidateScores
from symderive.derive.ambiguity_facts import LAMBDA, PLACEHOLDERS, Fact
from symderive.render import texts
from symderive.render.ambiguity_checks import verification_checks
from symderive.render.ambiguity_facts import fact_words
from symderive.render.ambiguity_json import LATEX_NAMES, ambiguity_data
from symderive.render.document import (
    Block,
    Bullets,
    Content,
    Equation,
    Figure,
    Heading,
    Math,
    Paragraph,
    Table,
    content,
)
from symderive.render.mathtext import latex, unicode

__all__ = ["AmbiguitySolution", "ambiguity_blocks", "ambiguity_data"]

TITLES = {
    "entropy": "Most uncertain: highest mean normalised entropy",
    "margin": "Closest call: smallest margin between the two likeliest classes",
    "pair": "Closest to 50/50 between {a} and {b}",
    "disagreement": "Models disagree: highest Jensen–Shannon divergence",
    "confident-wrong": "Confidently wrong: a wrong top-1 with the highest probability",
}
UNICODE_NAMES = {LAMBDA: "λ", **{symbol: text for symbol, _, text in PLACEHOLDERS}}


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _image(row: int) -> str:
    return str(row + 1)


def _name(solution: AmbiguitySolution, index: int) -> str:
    problem = solution.problem
    return problem.classes[index] if problem.class_names is not None else f"class {index}"


def ambiguity_blocks(solution: AmbiguitySolution) -> list[Block]:
    """Heading, statement, the setting, scores, models, rankings, facts and verification."""
    problem = solution.problem
    blocks: list[Block] = [Heading(2, texts.with_points(problem.id, problem.points))]
    if problem.statement:
        blocks.append(Paragraph(content(problem.statement)))
    blocks.append(Paragraph(content(_setting(solution))))
    blocks += _scores(solution)
    blocks += _models(solution)
    for ranking in solution.rankings:
        blocks += _ranking(solution, ranking)
    blocks.append(Heading(3, "The facts behind the scores"))
    for fact in solution.facts:
        blocks += _fact(fact)
    blocks += _verification(solution)
    return blocks


def _setting(solution: AmbiguitySolution) -> str:
    problem = solution.problem
    names = ", ".join(name for name, _ in problem.models)
    read = (
        "logits, turned into probabilities by a stable softmax"
        if problem.softmax
        else (
            f"probability vectors (each row's sum within {problem.tolerance:g} of 1, then divided "
            "by it)"
        )
    )
    chunks = f"{solution.chunks:,} chunk{'s' if solution.chunks != 1 else ''}"
    return (
        f"{solution.rows:,} images × {solution.classes:,} classes × {len(problem.models)} "
        f"model{'s' if len(problem.models) != 1 else ''} ({names}). The files hold {read}; they "
        f"were streamed in {chunks} of up to {problem.chunk:,} rows, keeping only the best "
        f"{problem.top} images of each ranking. Images are numbered from 1 in file order."
    )


def _formula(latex_text: str, unicode_text: str) -> Math:
    return Math(latex_text, unicode_text)


def _scores(solution: AmbiguitySolution) -> list[Block]:
    problem = solution.problem
    items: list[Content] = [
        content(
            "Normalised entropy of model m: ",
            _formula(
                r"h_m = \frac{H(P_m)}{\log K} = "
                r"-\frac{1}{\log K} \sum_{i=1}^{K} P_{mi} \log P_{mi}",
                "h_m = H(P_m)/log K = −(1/log K) Σᵢ P_mi·log P_mi",
            ),
            ", and their mean over the models; 1 means no idea, 0 means certain.",
        ),
        content(
            "Margin of the mean vector ",
            _formula(r"\bar{p} = \frac{1}{M} \sum_{m} P_m", "p̄ = (1/M) Σₘ P_m"),
            ": ",
            _formula(r"p_{(1)} - p_{(2)}", "p₍₁₎ − p₍₂₎"),
            ", the gap between its two likeliest classes.",
        ),
    ]
    if problem.pair is not None:
        a, b = (_name(solution, index) for index in problem.pair)
        items.append(
            content(
                f"Pair score for {a} (a) and {b} (b): ",
                _formula(r"2 \min(\bar{p}_a, \bar{p}_b)", "2·min(p̄_a, p̄_b)"),
                ", 1 only at 50/50 with both high; and the pair margin ",
                _formula(r"|\bar{p}_a - \bar{p}_b|", "|p̄_a − p̄_b|"),
                ".",
            )
        )
    if len(problem.models) > 1:
        items.append(
            content(
                "Disagreement: ",
                _formula(
                    r"\frac{\operatorname{JSD}}{\log M} = \frac{H(\bar{p}) - \frac{1}{M} "
                    r"\sum_{m} H(P_m)}{\log M}",
                    "JSD/log M = (H(p̄) − (1/M) Σₘ H(P_m))/log M",
                ),
                ", 0 when the models agree, 1 when each is certain of another class.",
            )
        )
    if problem.labels is not None:
        items.append(
            content(
                "Confidently wrong: the mean probability ",
                _formula(r"p_{(1)}", "p₍₁₎"),
                " of a top-1 class that is not the true label.",
            )
        )
    return [Heading(3, "Scores"), Bullets(tuple(items))]


def _models(solution: AmbiguitySolution) -> list[Block]:
    labelled = solution.wrong is not None
    header = ("model", "file", "mean h", *(("accuracy",) if labelled else ()))
    rows = tuple(
        (
            content(model.name),
            content(model.file),
            content(_number(model.mean_entropy)),
            *((content(_number(model.accuracy)),) if labelled else ()),
        )
        for model in solution.models
    )
    summary = (
        f"The models' top-1 classes differ on {solution.disagreements:,} of "
        f"{solution.rows:,} images."
    )
    if solution.wrong is not None:
        summary += (
            f" The mean vector's top-1 is wrong on {solution.wrong:,} images, "
            f"{solution.confident_wrong:,} of them with probability 0.9 or more."
        )
    return [
        Heading(3, "Models"),
        Table(header, rows),
        Paragraph(content(summary)),
        _histogram(solution),
    ]


def _histogram(solution: AmbiguitySolution) -> Figure:
    def draw(path: Path) -> None:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib import pyplot

        figure, axes = pyplot.subplots(figsize=(6, 3.4), dpi=120)
        try:
            count = len(solution.models)
            bins = len(solution.models[0].histogram)
            width = 1 / bins / (count + 1)
            for index, model in enumerate(solution.models):
                left = [k / bins + index * width for k in range(bins)]
                axes.bar(left, model.histogram, width=width, align="edge", label=model.name)
            axes.set_xlabel("normalised entropy h = H / log K")
            axes.set_ylabel("images")
            axes.set_xlim(0, 1)
            axes.legend(loc="best")
            axes.grid(alpha=0.3, axis="y")
            figure.tight_layout()
            figure.savefig(path, format="png", metadata={"Software": None})
        finally:
            pyplot.close(figure)

    return Figure(
        f"{solution.problem.id}-entropy",
        "How many images each model scores at each normalised entropy (10 bins on [0, 1])",
        draw,
    )


def _top_two(solution: AmbiguitySolution, candidate: CandidateScores) -> str:
    return (
        f"{_name(solution, candidate.top1)} {_number(candidate.top1_probability)}, "
        f"{_name(solution, candidate.top2)} {_number(candidate.top2_probability)}"
    )


def _per_model(solution: AmbiguitySolution, candidate: CandidateScores) -> str:
    return "; ".join(
        f"{model.name}: {_name(solution, top)} {_number(probability)}"
        for model, top, probability in zip(
            solution.models,
            candidate.model_top1,
            candidate.model_top1_probability,
            strict=True,
        )
    )


def _label(solution: AmbiguitySolution, candidate: CandidateScores) -> str:
    return "–" if candidate.label is None else _name(solution, candidate.label)


def _cells(
    solution: AmbiguitySolution, criterion: str, candidate: CandidateScores
) -> tuple[str, ...]:
    labelled = solution.wrong is not None
    label = (_label(solution, candidate),) if labelled else ()
    if criterion == "entropy":
        each = " / ".join(_number(value) for value in candidate.entropy)
        return (_number(candidate.mean_entropy), each, _top_two(solution, candidate), *label)
    if criterion == "margin":
        return (
            _number(candidate.margin),
            _top_two(solution, candidate),
            _number(candidate.mean_entropy),
            *label,
        )
    if criterion == "pair":
        assert candidate.pair_probabilities is not None
        first, second = candidate.pair_probabilities
        return (
            _number(candidate.pair_score),
            _number(first),
            _number(second),
            _number(candidate.pair_margin),
            *label,
        )
    if criterion == "disagreement":
        return (_number(candidate.divergence), _per_model(solution, candidate), *label)
    return (
        _label(solution, candidate),
        f"{_name(solution, candidate.top1)} {_number(candidate.top1_probability)}",
        _per_model(solution, candidate),
    )


def _header(solution: AmbiguitySolution, criterion: str) -> tuple[str, ...]:
    label = ("label",) if solution.wrong is not None else ()
    names = " / ".join(model.name for model in solution.models)
    if criterion == "entropy":
        return ("#", "image", "mean h", f"h ({names})", "two likeliest (mean)", *label)
    if criterion == "margin":
        return ("#", "image", "margin", "two likeliest (mean)", "mean h", *label)
    if criterion == "pair":
        assert solution.problem.pair is not None
        a, b = (_name(solution, index) for index in solution.problem.pair)
        return ("#", "image", "2 min", a, b, "|a − b|", *label)
    if criterion == "disagreement":
        return ("#", "image", "JSD / log M", "top-1 of each model", *label)
    return ("#", "image", "label", "predicted (mean)", "top-1 of each model")


def _ranking(solution: AmbiguitySolution, ranking: Ranking) -> list[Block]:
    title = TITLES[ranking.criterion]
    if ranking.criterion == "pair":
        assert solution.problem.pair is not None
        a, b = (_name(solution, index) for index in solution.problem.pair)
        title = title.format(a=a, b=b)
    blocks: list[Block] = [Heading(3, title)]
    if not ranking.rows:
        return [*blocks, Paragraph(content("No image qualifies."))]
    rows = tuple(
        tuple(
            content(cell)
            for cell in (
                str(rank),
                _image(row),
                *_cells(solution, ranking.criterion, solution.candidate(row)),
            )
        )
        for rank, row in enumerate(ranking.rows, start=1)
    )
    return [*blocks, Table(_header(solution, ranking.criterion), rows)]


def _math(expression: sympy.Basic) -> Math:
    return Math(latex(expression, LATEX_NAMES), unicode(expression, UNICODE_NAMES))


def _fact(fact: Fact) -> list[Block]:
    lines = tuple(Math.equation(_math(left), _math(right)) for left, right in fact.lines)
    title, claim, checks = fact_words(fact)
    return [
        Heading(4, title),
        Paragraph(content(claim)),
        Equation(lines),
        Bullets(tuple(content(check) for check in checks)),
    ]


def _verification(solution: AmbiguitySolution) -> list[Block]:
    rows = tuple(
        (
            content(score.name),
            content(f"{score.smallest:.6f}"),
            content(f"{score.largest:.6f}"),
            content(f"[{score.low:g}, {score.high:g}]"),
        )
        for score in solution.ranges
    )
    return [
        Heading(3, "Verification"),
        Table(("score", "smallest", "largest", "proved range"), rows),
        Bullets(tuple(content(check) for check in verification_checks(solution))),
    ]
