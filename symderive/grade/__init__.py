"""``symderive grade``: a class's submissions checked, scored, explained and summarised."""
