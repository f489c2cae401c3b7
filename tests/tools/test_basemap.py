"""The offline basemap from the shipped GSHHG/WDBII and GeoNames data: real coasts, borders,
rivers and towns where they are, small enough to inline."""

from __future__ import annotations

import json

from shapely import Point, Polygon

from tools.basemap import basemap_for, towns_in


def _land_contains(layers, lon, lat) -> bool:
    return any(Polygon(poly[0], poly[1:]).contains(Point(lon, lat)) for poly in layers.land)


def test_sicily_has_its_coast_and_towns():
    b = basemap_for((14.8, 36.6, 15.7, 37.6))
    assert b.coast and b.land and b.resolution in "fh"
    assert _land_contains(b, 14.95, 37.35)  # inland Sicily (near Caltagirone)
    assert not _land_contains(b, 15.6, 36.8)  # the Ionian Sea is not
    assert "Catania" in [t.name for t in b.towns]
    assert len(json.dumps(b.model_dump())) < 400_000  # clipped and simplified to inline


def test_madeira_outline_and_no_land_offshore():
    b = basemap_for((-17.3, 32.6, -16.6, 32.9), grow=0.0)
    assert _land_contains(b, -16.91, 32.66)  # Funchal
    assert not _land_contains(b, -16.9, 32.62)  # the sea south of it
    assert b.towns[0].name == "Funchal"


def test_border_rivers_and_lakes_around_nysa():
    b = basemap_for((17.13, 50.34, 17.54, 50.60), grow=1.0)
    assert b.borders  # Poland / Czechia
    assert b.lakes  # Jezioro Nyskie and Otmuchowskie (GSHHG)
    assert b.rivers  # the Oder east of Nysa (WDBII)
    nysa = next(t for t in b.towns if t.name == "Nysa")
    assert nysa.population > 40_000 and "Opole" in [t.name for t in b.towns]  # the grown box reaches Opole


def test_towns_in_a_box_largest_first_with_population():
    towns = towns_in((4.2, 51.85, 4.6, 52.15))
    assert towns[0].name in ("Rotterdam", "The Hague") and towns[0].population > 400_000
    assert all(a.population >= b.population for a, b in zip(towns, towns[1:]))
    assert any(t.population < 2000 for t in towns)  # villages too (GeoNames 500+)
