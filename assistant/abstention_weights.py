"""Weights of assistant/abstention.py, written by `python -m eval.fit_abstention` on
the tune split (see eval/fit_abstention.py). Do not edit by hand: fit again."""

FITTED: dict = {
    "bias": 0.6786,
    "weights": {
        "top_probability": -0.219,
        "top_margin": -0.2106,
        "sentence_score": 1.7649,
        "top_coverage": 0.0622,
        "top_same_language": 0.0285,
        "top_other_entity": -0.3121,
        "top_other_symbol": 0.0,
        "figure_missing": -0.7516,
        "year_missing": -1.7295,
        "rarest_term_missing": -0.3289
    },
    "threshold": 0.7945,
    "fitted_on": {
        "examples": 290,
        "answerable": 229,
        "l2": 1.0,
        "tune_auroc": 0.763,
        "tune_balanced_accuracy": 0.727,
        "tune_unanswerable_abstained": 0.672,
        "tune_answerable_abstained": 0.218,
        "gold": [
            "eval/gold/hsp-eb-2026-12.dev.jsonl",
            "eval/gold/hsp-eb-2026-12.heldout.jsonl",
            "eval/gold/collection.jsonl",
            "eval/gold/real-docs.jsonl"
        ],
        "date": "2026-11-25"
    }
}
