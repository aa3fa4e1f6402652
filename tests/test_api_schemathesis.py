"""A property-based run over the OpenAPI spec: generated requests never get a server error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")
pytest.importorskip("fastapi")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from tests.test_api import FakePipeline, build_store  # noqa: E402

from thucydides.api import create_app  # noqa: E402
from thucydides.api.app import DEFAULT_HOSTS  # noqa: E402

EXAMPLES_PER_OPERATION = 15


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path: Path = tmp_path_factory.mktemp("schemathesis") / "events.duckdb"
    build_store(path)
    # schemathesis's ASGI client addresses the app as "testserver"
    app = create_app(path, pipeline_factory=FakePipeline, allowed_hosts=[*DEFAULT_HOSTS, "testserver"])
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_api_openapi_generated_requests_get_no_server_error(api_schema: Any) -> None:
    # (schemathesis' own pytest loader does not run under this pytest version, so the operations
    # are walked here, each with its own hypothesis run)
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 8
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any) -> None:
            case.call_and_validate(checks=[not_a_server_error])

        run()
