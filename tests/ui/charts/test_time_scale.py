"""The timeline's hours↔x mapping, zoom, pan and ticks, without Qt."""

from __future__ import annotations

import pytest

from msc_desk.ui.charts.time_scale import MIN_SPAN_HOURS, TimeScale

FULL = 29 * 24.0  # shock onset to the end of study day 28, roughly


def test_whole_axis_maps_onto_the_pixels() -> None:
    scale = TimeScale(FULL, 100, 1100)
    assert scale.x_for(0) == 100 and scale.x_for(FULL) == 1100
    assert scale.x_for(FULL / 2) == pytest.approx(600)
    assert scale.hours_at(600) == pytest.approx(FULL / 2)


def test_two_hour_view_maps_minutes_far_apart() -> None:
    scale = TimeScale(FULL, 100, 1100)
    scale.show(0, 2)
    assert (scale.start, scale.end) == (0, 2)
    assert scale.x_for(0.5) == pytest.approx(350)  # 30 min = a quarter of 1000 px
    assert scale.x_for(1 + 50 / 60) == pytest.approx(100 + 1000 * (110 / 120))


def test_zoom_never_goes_below_two_hours_nor_past_the_axis() -> None:
    scale = TimeScale(FULL, 0, 1000)
    for _ in range(40):
        scale.zoom(1.5)
    assert scale.span == pytest.approx(MIN_SPAN_HOURS)
    for _ in range(40):
        scale.zoom(1 / 1.5)
    assert (scale.start, scale.end) == (0, FULL)


def test_zoom_keeps_the_anchor_under_the_pointer() -> None:
    scale = TimeScale(FULL, 0, 1000)
    anchor = scale.hours_at(250)
    scale.zoom(2, anchor)
    assert scale.x_for(anchor) == pytest.approx(250)
    assert scale.span == pytest.approx(FULL / 2)


def test_pan_stays_within_the_axis() -> None:
    scale = TimeScale(FULL, 0, 1000)
    scale.show(10, 20)
    scale.pan(0.5)
    assert (scale.start, scale.end) == pytest.approx((15, 25))
    scale.pan(-10)
    assert (scale.start, scale.end) == pytest.approx((0, 10))
    scale.pan(1000)
    assert (scale.start, scale.end) == pytest.approx((FULL - 10, FULL))


def test_show_widens_a_short_range_and_clamps_it() -> None:
    scale = TimeScale(FULL, 0, 1000)
    scale.show(5, 5.5)
    assert (scale.start, scale.end) == pytest.approx((4.25, 6.25))
    scale.show(-3, 1)
    assert (scale.start, scale.end) == pytest.approx((0, 4))


def test_a_short_axis_is_shown_whole() -> None:
    scale = TimeScale(1.0, 0, 100)
    scale.zoom(10)
    assert (scale.start, scale.end) == (0, 1)


def test_ticks_follow_the_clock_and_the_zoom() -> None:
    scale = TimeScale(FULL, 0, 1200)
    # Shock onset at 22:40: whole hours are at 20 min, 1 h 20 min, ... after it.
    scale.show(0, 2)
    assert scale.tick_step(70) == 0.25
    assert scale.ticks(1.0, phase=22 + 40 / 60) == pytest.approx([1 / 3, 4 / 3])
    scale.show_all()
    assert scale.tick_step(70) == 48.0  # 1200 px for 696 h: 41 px a day
    step = scale.tick_step(40)
    assert step == 24.0
    days = scale.ticks(step, phase=22 + 40 / 60)
    assert days[0] == pytest.approx(4 / 3) and days[1] - days[0] == 24
    assert len(days) == 29


def test_no_time_is_refused() -> None:
    with pytest.raises(ValueError):
        TimeScale(0)
