"""Q5: what does each convolution kernel compute? Properties, frequency response, identification.

Each kernel gets its exact properties (``kernels``), its frequency response checked against the
FFT (``kernel_response``), an identification read from those properties (``kernel_identity``)
and, on the test picture, its output checked against the convolution theorem (and, for a shift,
against the picture moved by the stated offset) (``kernel_images``). Any failed check raises
``VerificationError``; the solution holds only checked results.
"""

from __future__ import annotations

from dataclasses import dataclass

from symderive.derive.kernel_identity import Identification, identify
from symderive.derive.kernel_images import (
    as_array,
    check_convolution_theorem,
    check_movement,
    generated_image,
)
from symderive.derive.kernel_response import Response, response
from symderive.derive.kernels import KernelProperties, properties
from symderive.problem import ConvolutionProblem, Kernel


@dataclass(frozen=True)
class KernelSolution:
    """One kernel: what it is, what it does to frequencies, what it computes, and the checks."""

    kernel: Kernel
    properties: KernelProperties
    response: Response
    identification: Identification
    theorem_gap: float


@dataclass(frozen=True)
class ConvolutionSolution:
    """Every kernel of a convolution problem, solved; ``image_given`` when the user's image."""

    problem: ConvolutionProblem
    kernels: tuple[KernelSolution, ...]
    image_given: bool
    image_shape: tuple[int, int]


def solve_kernel(kernel: Kernel, image: object) -> KernelSolution:
    """Properties, response, identification and the picture checks of one kernel."""
    found = properties(kernel.matrix)
    frequency = response(found)
    identification = identify(found)
    gap = check_convolution_theorem(image, kernel.matrix)
    if identification.movement is not None:
        movement = identification.movement
        check_movement(image, kernel.matrix, movement.offset, movement.gain)
    return KernelSolution(kernel, found, frequency, identification, gap)


def picture(problem: ConvolutionProblem) -> object:
    """The user's image, or the generated test image."""
    return as_array(problem.image) if problem.image is not None else generated_image()


def solve_convolution(problem: ConvolutionProblem) -> ConvolutionSolution:
    """Solve every kernel of the problem on one picture."""
    image = picture(problem)
    shape = image.shape  # type: ignore[attr-defined]
    return ConvolutionSolution(
        problem,
        tuple(solve_kernel(kernel, image) for kernel in problem.kernels),
        problem.image is not None,
        (int(shape[0]), int(shape[1])),
    )
