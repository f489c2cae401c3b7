"""The backend's metadata for the sandboxed child, which never touches the network.

The child answers the openeo client's few metadata requests (capabilities, collections,
processes, file formats) from a `MetadataSnapshot` that the parent builds from its backend
client (`tools/client`), with the full documents of the collections the code names. The client
fetched them with its login; the snapshot holds only the JSON answers, never credentials.
"""

from __future__ import annotations

import time
from typing import Any

from pydantic import BaseModel, Field

from tools.client import BackendClient, BackendRef, client_for, forget_clients, register


class MetadataSnapshot(BaseModel):
    """JSON answers of the backend keyed by path relative to its API URL ("/", "/collections", ...)."""

    root_url: str  # the versioned API URL, which the child's openeo client is pointed at
    responses: dict[str, Any] = Field(default_factory=dict)
    fetched_at: float = Field(default_factory=time.time)

    @property
    def collection_ids(self) -> list[str]:
        return [c["id"] for c in self.responses.get("/collections", {}).get("collections", []) if "id" in c]

    def collection(self, collection_id: str) -> dict | None:
        return self.responses.get(f"/collections/{collection_id}")

    def for_child(self, collection_ids: set[str]) -> dict:
        """The payload the sandbox child reads: no per-collection documents it will not ask for."""
        keep = {p: v for p, v in self.responses.items() if not p.startswith("/collections/")}
        for cid in collection_ids:
            doc = self.collection(cid)
            if doc is not None:
                keep[f"/collections/{cid}"] = doc
        return {"root_url": self.root_url, "responses": keep}


def snapshot_of(client: BackendClient, collection_ids: set[str] | None = None) -> MetadataSnapshot:
    """The snapshot of `client`'s backend, with the documents of `collection_ids` (those that exist)."""
    return MetadataSnapshot(
        root_url=client.api_url, responses=client.metadata_responses(frozenset(collection_ids or ()))
    )


def get_snapshot(
    backend: BackendClient | BackendRef, collection_ids: set[str] | None = None, refresh: bool = False
) -> MetadataSnapshot:
    """`snapshot_of` the backend's client (a `BackendRef` means the shared client of that backend)."""
    client = backend if isinstance(backend, BackendClient) else client_for(backend)
    if refresh:
        client.refresh()
    return snapshot_of(client, collection_ids)


def remember(snapshot: MetadataSnapshot) -> BackendClient:
    """Serve a saved snapshot as the backend at its URL (offline use, or a test double)."""
    return register(BackendClient.preloaded(snapshot.root_url, snapshot.responses))


def clear_cache() -> None:
    """Forget every backend's cached metadata."""
    forget_clients()
