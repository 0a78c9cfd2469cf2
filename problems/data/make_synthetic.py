"""Write the SYNTHETIC data set of problems/q4.yaml: three made-up "networks" scoring 200 made-up
"images" over 20 classes. No real network or image was involved.

Run from anywhere: ``python problems/data/make_synthetic.py``. The generator is Python's own
``random.Random`` with a fixed seed and every number is written with a fixed number of decimals,
so rerunning writes byte-identical files (checked by tests/test_synthetic_data.py).

Each image has a true class; each model's logits are the true class's high logit plus model
noise. A few images are planted so the rankings have something to find:
puppy-or-bagel and chihuahua-or-muffin look-alikes (near 50/50 for every model), a blur that no
model can place (near uniform), images on which the models disagree, and confident mistakes
(a husky every model calls a wolf).
"""

from __future__ import annotations

import math
import random
from pathlib import Path

SEED = 2026
IMAGES = 200
FOLDER = Path(__file__).resolve().parent
CLASSES = (
    "puppy", "bagel", "chihuahua", "muffin", "kitten", "croissant", "golden retriever",
    "pretzel", "tabby cat", "donut", "sheepdog", "mop", "owl", "apple", "husky", "wolf",
    "teddy bear", "cupcake", "labrador", "fried chicken",
)  # fmt: skip
MODELS = ("resnet", "vgg", "inception")
HEADER = "# SYNTHETIC data made by problems/data/make_synthetic.py (seed {seed}); not real networks"
UNITS = 1_000_000
"""Probabilities are written in millionths, and each row's millionths add up to exactly 1."""

# Planted images (0-based row): name → (true class, {model: {class: logit}} or one dict for all).
PUPPY, BAGEL, CHIHUAHUA, MUFFIN = 0, 1, 2, 3
HUSKY, WOLF, SHEEPDOG, MOP = 14, 15, 10, 11
PLANTED: dict[int, tuple[int, tuple[dict[int, float], ...]]] = {
    17: (PUPPY, ({PUPPY: 6.0, BAGEL: 6.0},) * 3),
    58: (BAGEL, ({PUPPY: 5.6, BAGEL: 5.7}, {PUPPY: 5.9, BAGEL: 5.8}, {PUPPY: 5.5, BAGEL: 5.5})),
    143: (PUPPY, ({PUPPY: 6.2, BAGEL: 5.9},) * 3),
    185: (PUPPY, ({PUPPY: 6.8, BAGEL: 6.0},) * 3),
    31: (CHIHUAHUA, ({CHIHUAHUA: 6.0, MUFFIN: 6.0},) * 3),
    96: (MUFFIN, ({CHIHUAHUA: 5.8, MUFFIN: 6.1}, {CHIHUAHUA: 6.1, MUFFIN: 5.8},
                  {CHIHUAHUA: 6.0, MUFFIN: 6.0})),
    77: (SHEEPDOG, ({},) * 3),
    120: (PUPPY, ({PUPPY: 8.0}, {BAGEL: 8.0}, {CHIHUAHUA: 8.0})),
    121: (SHEEPDOG, ({SHEEPDOG: 8.0}, {MOP: 8.0}, {SHEEPDOG: 6.0, MOP: 6.0})),
    160: (HUSKY, ({WOLF: 9.0},) * 3),
    161: (MUFFIN, ({CHIHUAHUA: 7.5},) * 3),
}  # fmt: skip


def logits(generator: random.Random) -> dict[str, list[list[float]]]:
    """Every model's logits, rounded to 4 decimals (the files hold exactly these)."""
    truths = [generator.randrange(len(CLASSES)) for _ in range(IMAGES)]
    sharpness = [generator.uniform(2.0, 7.0) for _ in range(IMAGES)]
    every: dict[str, list[list[float]]] = {model: [] for model in MODELS}
    for row in range(IMAGES):
        for index, model in enumerate(MODELS):
            values = [generator.gauss(0.0, 1.0) for _ in CLASSES]
            if row in PLANTED:
                values = [value * 0.15 for value in values]
                for klass, logit in PLANTED[row][1][index].items():
                    values[klass] += logit
            else:
                values[truths[row]] += sharpness[row] + generator.gauss(0.0, 0.5)
            every[model].append([round(value, 4) for value in values])
    for row, (truth, _) in PLANTED.items():
        truths[row] = truth
    every["labels"] = [[float(truth)] for truth in truths]
    return every


def probabilities(values: list[float]) -> list[int]:
    """Softmax in millionths, the largest entry adjusted so the row adds up to exactly 1."""
    peak = max(values)
    exps = [math.exp(value - peak) for value in values]
    total = math.fsum(exps)
    units = [round(UNITS * e / total) for e in exps]
    units[units.index(max(units))] += UNITS - sum(units)
    return units


def write(folder: Path, name: str, lines: list[str]) -> None:
    text = HEADER.format(seed=SEED) + "\n" + "\n".join(lines) + "\n"
    (folder / name).write_text(text, encoding="utf-8", newline="\n")


def main(folder: Path = FOLDER) -> None:
    """Write every file of the data set into ``folder`` (by default beside this script)."""
    every = logits(random.Random(SEED))
    for model in MODELS:
        rows = every[model]
        probability_rows = [",".join(f"{u / UNITS:.6f}" for u in probabilities(r)) for r in rows]
        write(folder, f"{model}.csv", probability_rows)
        write(folder, f"{model}_logits.csv", [",".join(f"{v:.4f}" for v in row) for row in rows])
    write(folder, "classes.txt", list(CLASSES))
    write(folder, "labels.txt", [CLASSES[int(row[0])] for row in every["labels"]])


if __name__ == "__main__":
    main()
