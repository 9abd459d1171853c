"""Evaluation: gold question sets, retrieval and answer metrics, threshold calibration."""
