"""The start-up warm-up: answers its probes in the background, and a failure still ends it."""

from __future__ import annotations

from assistant.warmup import PROBES, WarmUp


class Recording:
    def __init__(self, fail: bool = False) -> None:
        self.asked: list[str] = []
        self.fail = fail

    def ask(self, question: str) -> None:
        self.asked.append(question)
        if self.fail:
            raise RuntimeError("index unavailable")


def test_never_started_counts_as_ready():
    warm = WarmUp(Recording())
    assert warm.wait(0) and warm.ready


def test_scheduled_is_not_ready_until_it_has_run():
    service = Recording()
    warm = WarmUp(service)
    warm.schedule()
    assert not warm.ready and not warm.wait(0.01) and service.asked == []
    warm.start()
    assert warm.wait(30) and warm.ready


def test_the_probes_run_once_in_the_background():
    service = Recording()
    warm = WarmUp(service)
    warm.start()
    warm.start()  # a second start does not run it again
    assert warm.wait(30) and warm.ready
    assert service.asked == list(PROBES) and warm.seconds is not None


def test_a_failing_warm_up_still_finishes(caplog):
    warm = WarmUp(Recording(fail=True))
    warm.start()
    assert warm.wait(30)
    assert "warm-up failed" in caplog.text


def test_the_real_service_warms_up(service):
    warm = WarmUp(service)
    warm.start()
    assert warm.wait(120)
