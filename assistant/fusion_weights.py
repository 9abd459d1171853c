"""Weights of assistant/fusion.py, written by `python -m eval.fit_fusion` on the tune
split (see eval/fit_fusion.py). Do not edit by hand: fit again."""

FITTED: dict = {
    "bias": -8.4199,
    "weights": {
        "dense": 5.0313,
        "dense_same_language": -0.3362,
        "same_language": -1.2544,
        "lexical": 1.2506,
        "lexical_in_language": 0.4042,
        "coverage": 5.3341,
        "missing_figure": -2.4686,
        "entity_named": 2.1205,
        "entity_other": -1.1909,
        "year_named": 1.1599,
        "symbol_named": 1.646,
        "symbol_other": -1.646
    },
    "fitted_on": {
        "questions": 218,
        "examples": 13080,
        "positives": 223,
        "l2": 0.03,
        "cv_recall_at_1_by_l2": {
            "0.01": 0.647,
            "0.03": 0.647,
            "0.1": 0.633,
            "0.3": 0.61,
            "1.0": 0.578
        },
        "tune_recall_at_1_of_candidates": {
            "before": 0.656,
            "after": 0.647
        },
        "gold": [
            "eval/gold/hsp-eb-2026-12.dev.jsonl",
            "eval/gold/hsp-eb-2026-12.heldout.jsonl",
            "eval/gold/collection.jsonl",
            "eval/gold/real-docs.jsonl"
        ],
        "date": "2026-11-25"
    }
}
