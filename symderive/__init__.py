"""symderive: verified, step-by-step derivations for the mathematics of neural networks."""

__version__ = "0.1.0"
