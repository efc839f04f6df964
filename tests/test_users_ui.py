"""The Gradio returning-shopper field: a user id ties the session to the shopper and shows the profile panel."""

from __future__ import annotations

import pytest


def test_ui_respond_with_a_user_id_shows_the_profile_and_reason(fake_assistant):
    pytest.importorskip("gradio")
    from ui.gradio_app import build_app

    sid = fake_assistant.new_session(user_id="ann")
    fake_assistant.feedback(sid, "J2", "purchase")
    app = build_app(fake_assistant)
    respond = next(fn.fn for fn in app.fns.values() if getattr(fn.fn, "__name__", "") == "respond")
    *_, last = respond("a jacket", [], "", "ann")
    history, cards, session_id, *rest = last
    assert "because you bought the Alpenlite Storm Shell Jacket - Blue" in cards
    assert rest[-1].startswith("**ann**") and "alpenlite" in rest[-1]
    assert fake_assistant.personalizer.users.user_of(session_id) == "ann"
    *_, anon = respond("a jacket", [], "", "")
    assert "because you bought" not in anon[1] and anon[-1] == ""
