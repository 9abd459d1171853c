"""Weights of assistant/abstention.py, written by `python -m eval.fit_abstention` on
the tune split (see eval/fit_abstention.py). Do not edit by hand: fit again."""

FITTED: dict = {
    "bias": 0.648,
    "weights": {
        "top_probability": -0.3523,
        "top_margin": 0.0977,
        "sentence_score": 1.5723,
        "top_coverage": 0.3193,
        "top_same_language": -0.1364,
        "top_other_entity": -0.2757,
        "top_other_symbol": 0.0,
        "figure_missing": -0.6446,
        "year_missing": -1.5462,
        "rarest_term_missing": -0.1915
    },
    "threshold": 0.7783,
    "fitted_on": {
        "examples": 290,
        "answerable": 229,
        "l2": 1.0,
        "tune_auroc": 0.739,
        "tune_balanced_accuracy": 0.697,
        "tune_unanswerable_abstained": 0.574,
        "tune_answerable_abstained": 0.179,
        "gold": [
            "eval/gold/hsp-eb-2026-12.dev.jsonl",
            "eval/gold/hsp-eb-2026-12.heldout.jsonl",
            "eval/gold/collection.jsonl",
            "eval/gold/real-docs.jsonl"
        ],
        "date": "2026-11-25"
    }
}
