"""Weights of assistant/fusion.py, written by `python -m eval.fit_fusion` on the tune
split (see eval/fit_fusion.py). Do not edit by hand: fit again."""

FITTED: dict = {
    "bias": -8.5236,
    "weights": {
        "dense": 5.1992,
        "dense_same_language": -0.75,
        "same_language": -1.0637,
        "lexical": 1.2243,
        "lexical_in_language": 0.3477,
        "coverage": 5.1134,
        "missing_figure": -2.6799,
        "entity_named": 2.2801,
        "entity_other": -1.6005,
        "year_named": 1.1033,
        "symbol_named": 1.737,
        "symbol_other": -1.737
    },
    "fitted_on": {
        "questions": 218,
        "examples": 13080,
        "positives": 222,
        "l2": 0.01,
        "cv_recall_at_1_by_l2": {
            "0.01": 0.642,
            "0.03": 0.638,
            "0.1": 0.624,
            "0.3": 0.601,
            "1.0": 0.578
        },
        "tune_recall_at_1_of_candidates": {
            "before": 0.642,
            "after": 0.642
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
