"""Pieces that random inputs are built from: near the grammar, where parsers break.

Pure random text mostly fails at its first character; strings of real tokens (and of tokens that
are almost real) reach deep into the grammar, the transformers and the size bounds.
"""

from __future__ import annotations

from hypothesis import strategies as st

PLAIN = [
    "x1", "x2", "x_3", "x_{10}", "w", "e", "pi", "z", "=", "0", "1", "2", "0.5", "1/3", "10",
    "9", "99999", "1e9", "^", "**", "*", "/", "+", "-", "(", ")", "[", "]", ",", " ", "exp(",
    "log(", "ln(", "sqrt(", "sin(", "tanh(", "sigmoid(", "relu(", "max(", "min(", "abs(",
    "softplus(", "²", "⁹", "·", "−", "_", "{", "}", "'", '"', ".", "__import__", "lambda",
    "os", "\\", "\n", "\t", "\x00", "\u202e", "σ", "∂", "factorial(", "10^10", "9^9^9",
]  # fmt: skip

LATEX = [
    "\\frac{", "}{", "}", "{", "^{", "_{", "^", "_", "\\partial ", "d", "z", "x", "x_1",
    "x_{2}", "\\left(", "\\right)", "(", ")", "\\cdot ", "\\times ", "\\begin{cases}",
    "\\end{cases}", "&", "\\\\", "\\text{if }", "=", "'", "\\sigma", "\\sigma'", "\\exp",
    "e^{", "\\sqrt{", "\\ln", "\\log", "\\tanh", "\\operatorname{", "ReLU", "0", "1", "2",
    "9", "10", "9999", "+", "-", "−", "/", " ", "\\,", "\\mathrm{", "\\max", "\\sum_{",
    "\\input{", "\\write18{", "\\def", "\\newcommand", "$", "%", "\\boxed{", "f(x)", "f'(t)",
    "W_2 W_1", "\\mathbf{", "^{-1}", "\\infty", "\\lim", "\n", "\\begin{align}", "\\end{align}",
]  # fmt: skip

plain_soup = st.lists(st.sampled_from(PLAIN), max_size=30).map("".join)
latex_soup = st.lists(st.sampled_from(LATEX), max_size=30).map("".join)
any_text = st.text(max_size=200)
formula_text = st.one_of(any_text, plain_soup, latex_soup)
