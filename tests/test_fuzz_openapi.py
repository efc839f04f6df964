"""Schema-driven fuzzing: schemathesis generates requests from the API's own OpenAPI document.

Every operation is called with generated (valid and invalid) path parameters, headers and
bodies against the fake assistant; no response may be a 5xx, and every response must
match the documented status codes' schemas where schemathesis can check them. A few
sessions exist beforehand, and the generated ids are steered towards them, so the deeper
code (portrait merge, feedback, messages) is reached rather than only the 404 path.
"""

from __future__ import annotations

import os

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="fuzzing needs the dev extra: pip install -e '.[dev]'")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402

N = int(os.environ.get("FUZZ_EXAMPLES", "120"))
SESSIONS = ["fz-1", "fz-2", "fz-3"]


def _schema(fake_assistant):
    from ui.http_api import create_app

    app = create_app(fake_assistant, ui=False, allowed_hosts=("localhost", "testserver"))
    for sid in SESSIONS:
        fake_assistant.new_session(sid)
        fake_assistant.chat("a board game", sid, reply=False)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def _live_ids(case):
    """Half of the generated session ids are replaced by live ones, so the deep paths run too."""
    params = case.path_parameters
    if params and "session_id" in params and hash(repr(case.body)) % 2:
        params["session_id"] = SESSIONS[hash(repr(case.body)) % len(SESSIONS)]
    return case


def test_no_generated_request_gets_a_5xx(fake_assistant):
    """(schemathesis's pytest plugin does not run under pytest 9, so operations are driven directly.)"""
    schema = _schema(fake_assistant)
    calls: dict[str, int] = {}
    statuses: dict[int, int] = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 9

    for operation, mode in [(op, mode) for op in operations for mode in schemathesis.GenerationMode]:
        @given(case=operation.as_strategy(generation_mode=mode).map(_live_ids))
        @settings(max_examples=max(N // 8, 15), deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case):
            response = case.call()
            calls[operation.label] = calls.get(operation.label, 0) + 1
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            assert response.status_code < 500, (case.method, case.formatted_path, case.body, response.text[:300])
            if response.status_code >= 400:
                assert {"detail", "error"} <= set(response.json()), response.text[:300]

        try:
            run()
        except Unsatisfiable:   # nothing to make invalid (e.g. GET /healthz has no parameters)
            assert mode == schemathesis.GenerationMode.NEGATIVE
    print("schemathesis calls:", sum(calls.values()), "statuses:", dict(sorted(statuses.items())))
    assert sum(calls.values()) >= len(operations) * 20
