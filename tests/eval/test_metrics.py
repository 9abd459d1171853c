"""Answer normalization, F1, percentiles and bootstrap intervals."""

from eval.metrics import QuestionScore, bootstrap, contains_answer, f1, normalize, percentile


def test_normalization_equates_spacing_width_and_case():
    assert normalize("82 %") == normalize("82%") == normalize("８２％")
    assert normalize("120 多个国家") == normalize("120多个国家")
    assert normalize("UN-Habitat") == normalize("un-habitat")


def test_containment_ignores_the_citations():
    answer = "It grew a lot. (HSP/EB.2026/12, para. 9)\n增长了。（HSP/EB.2026/12，第 9 段）"
    assert not contains_answer(answer, ["9"])
    assert not contains_answer(answer, ["HSP/EB.2026/12"])
    assert contains_answer(answer, ["grew a lot"])
    assert contains_answer("至少 82% 的成果（HSP/EB.2026/12，第 9 段）", ["82 %"])


def test_f1_is_char_level_for_cjk_and_token_level_otherwise():
    assert f1("巴林", ["巴林"]) == 1.0
    assert 0 < f1("巴林和卢旺达", ["巴林"]) < 1
    assert f1("the Global Urban Data Coalition", ["Global Urban Data Coalition"]) == 0.8 / 0.9 * 1
    assert f1("nothing shared", ["巴林"]) == 0.0


def test_percentile_nearest_rank():
    assert percentile([5, 1, 3, 2, 4], 50) == 3
    assert percentile([1, 2, 3, 4, 100], 95) == 100
    assert percentile([], 50) is None


def test_bootstrap_interval_contains_the_estimate_and_is_repeatable():
    scores = [
        QuestionScore(
            str(i), "en", "fact", True, False, [1 if i % 3 else 0], i % 3 != 0, 1.0, 10, [], 0, 0, 1
        )
        for i in range(30)
    ]
    first = bootstrap(scores, resamples=300)
    assert first == bootstrap(scores, resamples=300)
    low, high = first["answer.accuracy"]
    assert low <= 20 / 30 <= high and high - low > 0.05
    assert first["abstention.unanswerable_abstained"] is None  # no unanswerable questions
