"""Weights of assistant/fusion.py, written by `python -m eval.fit_fusion` on the tune
split (see eval/fit_fusion.py). Do not edit by hand: fit again."""

FITTED: dict = {
    "bias": -8.2991,
    "weights": {
        "dense": 4.7927,
        "dense_same_language": -0.2393,
        "same_language": -1.2393,
        "lexical": 1.3146,
        "lexical_in_language": 0.22,
        "coverage": 5.4665,
        "missing_figure": -2.4467,
        "entity_named": 2.1035,
        "entity_other": -1.3281,
        "year_named": 1.1148,
        "symbol_named": 1.6135,
        "symbol_other": -1.6135
    },
    "fitted_on": {
        "questions": 218,
        "examples": 13080,
        "positives": 224,
        "l2": 0.03,
        "cv_recall_at_1_by_l2": {
            "0.01": 0.633,
            "0.03": 0.638,
            "0.1": 0.633,
            "0.3": 0.61,
            "1.0": 0.583
        },
        "tune_recall_at_1_of_candidates": {
            "before": 0.642,
            "after": 0.651
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
