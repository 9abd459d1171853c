import numpy as np

from eval.fit_abstention import balanced_threshold
from eval.fit_fusion import fit_listwise, fit_logistic, recall_at_1


def _ranking_data(seed: int = 0):
    """Questions with 20 candidates each: the gold one has the higher first feature; the
    second feature is noise that a ranking model must learn to ignore."""
    rng = np.random.default_rng(seed)
    rows, labels, groups = [], [], []
    for question in range(60):
        features = rng.normal(size=(20, 2))
        features[0, 0] += 2.0
        rows.append(features)
        labels.extend([1.0] + [0.0] * 19)
        groups.extend([question] * 20)
    return np.vstack(rows), np.array(labels), groups


def test_the_listwise_fit_learns_which_feature_ranks_the_gold_first():
    x, y, groups = _ranking_data()
    weights = fit_listwise(x, y, groups, l2=0.1)
    assert weights[0] > 1.0 and abs(weights[1]) < weights[0] / 3
    assert recall_at_1(x @ weights, y, groups) > recall_at_1(x[:, 1], y, groups)


def test_the_listwise_fit_survives_several_gold_candidates_per_question():
    x, y, groups = _ranking_data(1)
    y[1::20] = 1.0  # a second, random gold candidate: the loss is no longer convex
    weights = fit_listwise(x, y, groups, l2=0.1)
    assert np.isfinite(weights).all() and weights[0] > 0


def test_logistic_fit_and_balanced_cut():
    rng = np.random.default_rng(2)
    x = np.concatenate([rng.normal(1.0, 1.0, 200), rng.normal(-1.0, 1.0, 100)])[:, None]
    y = np.concatenate([np.ones(200), np.zeros(100)])
    bias, slope = fit_logistic(x, y, 1.0)
    assert slope > 0.5
    probabilities = 1 / (1 + np.exp(-(bias + slope * x[:, 0])))
    cut, balanced = balanced_threshold(probabilities, y)
    assert balanced > 0.75 and 0 < cut < 1
