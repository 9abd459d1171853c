"""Weights of assistant/abstention.py, written by `python -m eval.fit_abstention` on
the tune split (see eval/fit_abstention.py). Do not edit by hand: fit again."""

FITTED: dict = {
    "bias": 0.7244,
    "weights": {
        "top_probability": -0.3151,
        "top_margin": 0.0491,
        "sentence_score": 1.5438,
        "top_coverage": 0.3243,
        "top_same_language": -0.0718,
        "top_other_entity": -0.3088,
        "top_other_symbol": 0.0,
        "figure_missing": -0.658,
        "year_missing": -1.552,
        "rarest_term_missing": -0.4214
    },
    "threshold": 0.7869,
    "fitted_on": {
        "examples": 290,
        "answerable": 229,
        "l2": 1.0,
        "tune_auroc": 0.737,
        "tune_balanced_accuracy": 0.701,
        "tune_unanswerable_abstained": 0.656,
        "tune_answerable_abstained": 0.253,
        "gold": [
            "eval/gold/hsp-eb-2026-12.dev.jsonl",
            "eval/gold/hsp-eb-2026-12.heldout.jsonl",
            "eval/gold/collection.jsonl",
            "eval/gold/real-docs.jsonl"
        ],
        "date": "2026-11-25"
    }
}
