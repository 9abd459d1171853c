"""Evaluation: gold question sets and their frozen test split, retrieval and answer metrics,
the fits of fusion and abstention on the tune split, benchmarks."""
