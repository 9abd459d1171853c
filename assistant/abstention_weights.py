"""Weights of assistant/abstention.py, written by `python -m eval.fit_abstention` on
the tune split (see eval/fit_abstention.py). Do not edit by hand: fit again."""

FITTED: dict = {
    "bias": 0.679,
    "weights": {
        "top_probability": -0.1311,
        "top_margin": -0.0573,
        "sentence_score": 1.6766,
        "top_coverage": -0.0363,
        "top_same_language": 0.1004,
        "top_other_entity": -0.2882,
        "top_other_symbol": 0.0,
        "figure_missing": -1.1603,
        "year_missing": -1.6866,
        "rarest_term_missing": -0.2978
    },
    "threshold": 0.7784,
    "fitted_on": {
        "examples": 290,
        "answerable": 229,
        "l2": 1.0,
        "tune_auroc": 0.759,
        "tune_balanced_accuracy": 0.714,
        "tune_unanswerable_abstained": 0.59,
        "tune_answerable_abstained": 0.162,
        "gold": [
            "eval/gold/hsp-eb-2026-12.dev.jsonl",
            "eval/gold/hsp-eb-2026-12.heldout.jsonl",
            "eval/gold/collection.jsonl",
            "eval/gold/real-docs.jsonl"
        ],
        "date": "2026-11-25"
    }
}
