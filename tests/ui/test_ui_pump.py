"""The event pump: heartbeats while the runner is busy, errors passed on, Stop closes the stream."""

from __future__ import annotations

import threading
import time

import pytest

from agent.events import AnswerText
from ui.pump import HEARTBEAT, EventPump


def test_events_come_through_with_heartbeats_between():
    def slow():
        yield AnswerText(text="a")
        time.sleep(0.35)
        yield AnswerText(text="b")

    items = list(EventPump(slow(), heartbeat=0.1).events())
    texts = [i.text for i in items if i is not HEARTBEAT]
    assert texts == ["a", "b"]
    assert items.count(HEARTBEAT) >= 2


def test_runner_errors_reach_the_ui_thread():
    def broken():
        yield AnswerText(text="a")
        raise RuntimeError("bug in the runner")

    it = EventPump(broken(), heartbeat=0.1).events()
    assert next(it).text == "a"
    with pytest.raises(RuntimeError, match="bug in the runner"):
        list(it)


def test_stop_closes_the_runner_stream_from_the_pump_thread():
    closed = threading.Event()

    def endless():
        try:
            while True:
                time.sleep(0.05)
                yield AnswerText(text="tick")
        finally:
            closed.set()

    pump = EventPump(endless(), heartbeat=0.1)
    events = pump.events()
    assert next(events).text == "tick"
    pump.stop()
    assert closed.wait(2), "the runner's generator was closed (its cleanup ran)"
