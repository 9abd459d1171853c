"""Weights of assistant/fusion.py, written by `python -m eval.fit_fusion` on the tune
split (see eval/fit_fusion.py). Do not edit by hand: fit again."""

FITTED: dict = {
    "bias": -8.402,
    "weights": {
        "dense": 5.2347,
        "dense_same_language": -0.5278,
        "same_language": -1.1518,
        "lexical": 1.1913,
        "lexical_in_language": 0.4112,
        "coverage": 5.157,
        "missing_figure": -2.4012,
        "entity_named": 2.0731,
        "entity_other": -1.4749,
        "year_named": 1.1834,
        "symbol_named": 1.5404,
        "symbol_other": -1.5404
    },
    "fitted_on": {
        "questions": 218,
        "examples": 13080,
        "positives": 222,
        "l2": 0.03,
        "cv_recall_at_1_by_l2": {
            "0.01": 0.638,
            "0.03": 0.638,
            "0.1": 0.624,
            "0.3": 0.615,
            "1.0": 0.573
        },
        "tune_recall_at_1_of_candidates": {
            "before": 0.555,
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
