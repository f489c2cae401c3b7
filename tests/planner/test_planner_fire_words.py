"""Fire words in six languages: what a fire left is a change of NBR across it (dNBR), not one NBR composite."""

from __future__ import annotations

import pytest

from agent.planner.i18n import normalize
from agent.planner.intents import parse_intent


@pytest.mark.parametrize("request_", [
    "Carte des zones brûlées autour de Martigues après l'incendie du 10 août 2020, en GeoTIFF.",
    "superficie brûlée après le feu de forêt de Landiras, juillet 2022",
    "Mapa de la zona quemada tras el incendio de Tenerife de agosto de 2023",
    "Mappa delle aree bruciate dopo l'incendio del Monte Serra, settembre 2018",
    "Kaart van het verbrande gebied na de bosbrand op de Veluwe, juli 2022",
    "Karte der verbrannten Fläche nach dem Waldbrand im Harz, August 2022",
    "Brandflächen nach dem Feuer bei Jüterbog im Juni 2023",
    "Burnt area near Athens after the fire of July 2023",
    "burn scars of the 2021 wildfires on Evia",
])
def test_what_a_fire_left_is_a_dnbr(request_):
    it = parse_intent(normalize(request_))
    assert (it.task, it.index, it.change) == ("index", "NBR", True)


@pytest.mark.parametrize("request_", [
    "NBR of the Harz in August 2022",
    "Wildfire risk around Marseille in July 2023",
    "Waldbrandgefahr im Harz im August 2022",
])
def test_a_named_nbr_or_a_fire_risk_is_no_change(request_):
    it = parse_intent(normalize(request_))
    assert not it.change
