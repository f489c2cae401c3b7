"""A hillshade's sun by its direction and height in words, in six languages ("sun from the north-west at
35 degrees" was drawn at the default 45°)."""

from __future__ import annotations

import pytest

from agent.planner.i18n import normalize
from agent.planner.intents import parse_intent


@pytest.mark.parametrize("text, azimuth, altitude", [
    ("Hillshade of the Dolomites, sun from the north-west at 35 degrees", 315, 35),
    ("hillshade of the Alps from the south-east", 135, 45),
    ("Schummerung des Harzes, Sonne aus Südosten, 30° über dem Horizont", 135, 30),
    ("ombrage du Vercors, soleil du sud-ouest à 40°", 225, 40),
    ("reliëfschaduw van de Veluwe, licht uit het noorden", 0, 45),
    ("relieve sombreado de la Sierra de Guadarrama, sol del este a 25 grados", 90, 25),
    ("relieve sombreado, luz del noroeste", 315, 45),
    ("rilievo ombreggiato delle Alpi Apuane, luce da nord-ovest", 315, 45),
    ("hillshade azimuth 200 altitude 30", 200, 30),  # the numbers themselves
    ("hillshade de Sud-Tirol", 315, 45),  # a place after "de", no sun: the defaults
    ("hillshade of Etna", 315, 45),
])
def test_the_sun_by_direction_and_height(text, azimuth, altitude):
    it = parse_intent(normalize(text))
    assert (it.task, it.azimuth, it.altitude) == ("hillshade", azimuth, altitude)


@pytest.mark.parametrize("text", ["count the days above 25 degC per pixel, LST, Netherlands, July 2023",
                                  "LST above 25 deg C in Madrid, July 2025"])
def test_deg_c_is_celsius(text):
    # "25 degC" was compared with the kelvin values as 25
    t = parse_intent(normalize(text)).threshold
    assert t is not None and t.value == pytest.approx(298.15) and t.unit == "K"
