"""Classes of coordinate notations the generated sweep (coord_sweep.py) showed unread, each with varied inputs
(other places, numbers, languages and separators than the sweep's)."""

from __future__ import annotations

import pytest

from agent.planner.coords import find_coordinates


def bbox(text):
    c = find_coordinates(text)
    assert c is not None, text
    return tuple(round(v, 4) for v in c.bbox)


# --- labelled ranges: the words for longitude/latitude in five languages, "from/between … and …" ----------
@pytest.mark.parametrize("text,expected", [
    ("NDVI voor lengtegraad 5.10–5.30, breedtegraad 52.00–52.10 in mei", (5.10, 52.00, 5.30, 52.10)),
    ("kaart voor breedte 51,20 tot 51,35; lengte 3,70 tot 3,95 in 2021", (3.70, 51.20, 3.95, 51.35)),
    ("im Bereich Breitengrad: 47.60..47.80; Längengrad: 12.90..13.20, Juni 2022", (12.90, 47.60, 13.20, 47.80)),
    ("für geogr. Breite 50,10 bis 50,25 und geogr. Länge 8,55 bis 8,80", (8.55, 50.10, 8.80, 50.25)),
    ("longitude from -58.60 to -58.30 and latitude from -34.70 to -34.50, 2020", (-58.60, -34.70, -58.30, -34.50)),
    ("Länge von 13,30 bis 13,50 und Breite von 52,45 bis 52,58", (13.30, 52.45, 13.50, 52.58)),
    ("latitude entre 43,55 et 43,65 et longitude entre 1,38 et 1,50 du 1er mai", (1.38, 43.55, 1.50, 43.65)),
    ("latitud entre -33,50 y -33,40 y longitud entre -70,70 y -70,55, umbral 0,3", (-70.70, -33.50, -70.55, -33.40)),
    ("breedtegraad tussen 52,30 en 52,42 en lengtegraad tussen 4,80 en 4,98", (4.80, 52.30, 4.98, 52.42)),
    ("latitude between 35.60 and 35.75 and longitude between 139.60 and 139.85", (139.60, 35.60, 139.85, 35.75)),
    ("lon 140.10–140.30, lat 33.40–33.10 S, threshold 0.3", (140.10, -33.40, 140.30, -33.10)),  # hemisphere after the range
])
def test_labelled_ranges_in_every_language(text, expected):
    assert bbox(text) == expected


def test_labelled_ranges_leave_lengths_and_dates_alone():
    assert find_coordinates("een lengte van 5 tot 10 km langs de dijk van 2019 tot 2021") is None
