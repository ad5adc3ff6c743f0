"""Property-based tests of the whole OpenAPI document (/openapi.json) with schemathesis: no 5xx.

Every operation gets up to 50 generated requests (valid and invalid parameters, odd strings) against
the app in-process (ASGI). Marked `schemathesis` so it can be left out: `./test -m "not schemathesis"`.
"""
from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402

from api.app import create_app  # noqa: E402
from graph.settings import Settings  # noqa: E402

pytestmark = pytest.mark.schemathesis


@schemathesis.serializer("application/sparql-query")
def _sparql_query(ctx, value) -> bytes:
    """A generated body for application/sparql-query: the string as UTF-8 (anything else as its text)."""
    return value.encode("utf-8", "surrogatepass") if isinstance(value, str) else str(value).encode()


@pytest.fixture(scope="module")
def asgi_app(build_dir):
    return create_app(Settings(build_dir=build_dir, query_timeout=5.0))


schema = schemathesis.pytest.from_fixture("openapi_schema")


@pytest.fixture(scope="module")
def openapi_schema(asgi_app):
    return schemathesis.openapi.from_asgi("/openapi.json", asgi_app)


@schema.parametrize()
@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case):
    response = case.call()
    assert response.status_code < 500, (
        f"{response.status_code} for {case.method} {case.path} "
        f"query={case.query!r} path={case.path_parameters!r} body={case.body!r}: {response.text[:500]}")
