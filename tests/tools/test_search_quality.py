"""Searches say when nothing matches well, find what a step is called here, and describe_process
states this backend's conventions (real embedded backend over HTTP)."""

from __future__ import annotations

from tools.catalog import search_collections
from tools.processes import describe_process, process_text, search_processes


def test_collections_found_by_name_and_weak_hits_said(ctx):
    probav = search_collections("PROBA-V", ctx)
    assert probav.hits[0].collection.id == "PROBAV_L3_S5_TOC_100M" and not probav.unmatched
    assert not probav.to_text().startswith("[WeakMatch]")
    modis = search_collections("MODIS land surface temperature", ctx)
    assert modis.unmatched == ["modis"] and modis.hits[0].collection.id == "SENTINEL3_SLSTR_L2_LST"
    assert modis.to_text().startswith("[WeakMatch] No collection here matches 'modis'")
    assert search_collections("ERA5 precipitation", ctx).to_text().startswith("[NoCollectionFound]")
    radar = search_collections("radar", ctx)
    assert radar.hits[0].collection.id == "SENTINEL1_GRD" and not radar.unmatched


def test_processes_found_for_terrain_words_and_weak_hits_said(ctx):
    terrain = search_processes("hillshade slope aspect", ctx)
    assert {p.id for p in terrain.hits[:2]} == {"slope", "aspect"} and not terrain.unmatched
    assert search_processes("hillshade", ctx).hits[0].id in ("slope", "aspect")
    assert search_processes("speckle filter", ctx).hits[0].id == "apply_kernel"
    pca = search_processes("principal component analysis", ctx)
    assert "principal" in pca.unmatched and pca.to_text().startswith("[WeakMatch]")


def test_describe_process_states_the_conventions(ctx):
    kernel = process_text(describe_process("apply_kernel", ctx))
    assert "On this backend:" in kernel and "flipped" in kernel and "border" in kernel and "replace_invalid" in kernel
    mask = process_text(describe_process("mask", ctx))
    assert "REMOVED" in mask
    slope = process_text(describe_process("slope", ctx))
    assert "hillshade" in slope.lower()
    assert "On this backend:" not in process_text(describe_process("add", ctx))
