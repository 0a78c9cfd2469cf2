"""Checking hand-written answers against the derived solutions."""
