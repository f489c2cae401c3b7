"""The one backend client: URL forms and version discovery, the login on every request, the
metadata cache (lazy per-collection documents, bounded), and no credentials in what it hands out."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from fake_backend import Behaviour, FakeBackend

from tools import catalog
from tools.client import BackendClient, BackendRef
from tools.client.client import MAX_COLLECTION_DOCS
from tools.client.discovery import choose_version, normalize_url
from tools.context import RunFolder, ToolContext
from tools.sandbox.snapshot import snapshot_of

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))


def test_url_forms_are_normalized():
    assert normalize_url("openeo.dataspace.copernicus.eu") == "https://openeo.dataspace.copernicus.eu"  # as openeo.connect
    assert normalize_url(" https://host/openeo/1.2/ ") == "https://host/openeo/1.2"
    assert normalize_url("http://127.0.0.1:8000") == "http://127.0.0.1:8000"


def test_the_highest_supported_production_version_wins():
    doc = {"versions": [
        {"url": "https://h/openeo/1.0/", "api_version": "1.0.0"},
        {"url": "https://h/openeo/1.1/", "api_version": "1.1.0", "production": True},
        {"url": "https://h/openeo/1.2/", "api_version": "1.2.0", "production": False},
        {"url": "https://h/openeo/2.0/", "api_version": "2.0.0"},  # not an API these tools speak
    ]}  # fmt: skip
    assert choose_version(doc, "https://h") == "https://h/openeo/1.1"
    only_dev = {"versions": [{"url": "/openeo/1.2/", "api_version": "1.2.0", "production": False}]}
    assert choose_version(only_dev, "http://h:8000") == "http://h:8000/openeo/1.2"  # relative, and none in production
    assert choose_version({"versions": "nonsense"}, "https://h") is None


@pytest.mark.parametrize("suffix", ["", "/", "/openeo/1.2", "/openeo/1.2/"])
def test_every_url_form_reaches_the_versioned_api(backend_url, suffix):
    root = backend_url.removesuffix("/openeo/1.2")
    client = BackendClient(BackendRef(url=root + suffix))
    assert client.api_url == backend_url
    assert "SENTINEL2_L2A" in client.collection_ids()


def big_catalog(n: int = 150) -> dict:
    """A catalog like CDSE's: many collections, listed thin, each full document large."""
    thin = [{"stac_version": "1.0.0", "id": f"C{i:03d}", "title": f"Collection {i}", "description": "x", "license": "x",
             "links": [], "extent": {"spatial": {"bbox": [[-180, -90, 180, 90]]}, "temporal": {"interval": [[None, None]]}}}
            for i in range(n)]  # fmt: skip
    script = {("GET", "/collections"): [Behaviour(body=json.dumps({"collections": thin, "links": []}).encode())]}
    for doc in thin:
        full = dict(doc, summaries={"eo:bands": [{"name": f"B{j}"} for j in range(40)]}, padding="x" * 100_000)
        script[("GET", f"/collections/{doc['id']}")] = [Behaviour(body=json.dumps(full).encode())]
    return script


def test_a_large_catalog_is_searched_as_listed_and_documents_are_fetched_lazily(tmp_path):
    with FakeBackend(big_catalog()) as fake:
        ctx = ToolContext(BackendClient(BackendRef(url=fake.url)), RunFolder(tmp_path))
        catalog.search_collections("collection 7", ctx)
        fetched = [p for m, p in fake.hits if p.startswith("/collections/")]
        assert fetched == []  # 150 collections: no per-collection document for a search
        catalog.describe_collection("C007", ctx)
        catalog.describe_collection("C007", ctx)
        assert [p for m, p in fake.hits if p.startswith("/collections/")] == ["/collections/C007"]  # once, then cached
        for i in range(100):
            catalog.describe_collection(f"C{i:03d}", ctx)
        cached = ctx.backend.cached_collection_ids()
        assert len(cached) == MAX_COLLECTION_DOCS and cached[-1] == "C099"  # bounded, least recently used dropped
        assert fake.count("GET", "/collections") == 1  # the list itself: fetched once


def test_metadata_is_fetched_on_first_use_even_just_after_boot(tmp_path, monkeypatch):
    # time.monotonic() counts from boot: on a machine up for less than the metadata TTL, a client
    # that took "never fetched" for "fetched at 0.0" saw an empty catalog (found on a fresh machine)
    import tools.client.client as client_module

    with FakeBackend(big_catalog()) as fake:
        monkeypatch.setattr(client_module.time, "monotonic", lambda: 5.0)
        client = BackendClient(BackendRef(url=fake.url))
        assert len(client.collection_ids()) == 150
        client.refresh()
        assert len(client.collection_ids()) == 150 and fake.count("GET", "/collections") == 2


def test_basic_login_on_every_request_and_never_in_the_snapshot(backend_url):
    from servers import Proxy

    root = backend_url.removesuffix("/openeo/1.2")
    with Proxy(root) as proxy:
        ref = BackendRef(url=proxy.url, auth="basic", username="alice", password="pw-never-shown")
        client = BackendClient(ref)
        snapshot = snapshot_of(client, {"SENTINEL2_L2A"})
        r = client.request("POST", "/validation", json={"process_graph": {}})
    assert r.status_code < 500
    token = next(auth for m, p, auth in proxy.seen if auth and auth.startswith("Bearer basic//"))
    after_login = [(p, auth) for m, p, auth in proxy.seen if p not in {"/.well-known/openeo", "/openeo/1.2/.well-known/openeo",
                                                                       "/openeo/1.2/", "/openeo/1.2/credentials/basic"}]  # fmt: skip
    assert after_login and all(auth == token for _, auth in after_login)
    payload = json.dumps(snapshot.for_child({"SENTINEL2_L2A"}))
    for secret in ("pw-never-shown", token.removeprefix("Bearer basic//")):
        assert secret not in payload and secret not in repr(client) and secret not in repr(ref)


def test_a_bearer_token_is_sent_as_given(backend_url):
    from servers import Proxy

    root = backend_url.removesuffix("/openeo/1.2")
    with Proxy(root, strip_auth=True) as proxy:
        client = BackendClient(BackendRef(url=proxy.url, auth="bearer", token="oidc/egi/tok-123"))
        client.collection_ids()
    sent = [auth for m, p, auth in proxy.seen if p.startswith("/openeo/1.2/collections")]
    assert sent and all(auth == "Bearer oidc/egi/tok-123" for auth in sent)
