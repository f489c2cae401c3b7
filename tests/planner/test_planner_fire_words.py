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


@pytest.mark.parametrize("request_, before, after_", [
    # a fire's day: the weeks before it against the days after it
    ("Burn severity of the fire of 10 August 2020 near Martigues", ("2020-07-13", "2020-08-10"), ("2020-08-10", "2020-08-22")),
    ("Carte des zones brûlées autour de Martigues après l'incendie du 10 août 2020", ("2020-07-13", "2020-08-10"),
     ("2020-08-10", "2020-08-22")),
    # a fire's month: the month before against the month after, the fire month itself left out (its first days are
    # pre-fire: an after window holding them hides the burn); never that month against the last 30 days
    ("dNBR for the Athens fire of July 2023", ("2023-06-01", "2023-07-01"), ("2023-08-01", "2023-09-01")),
    ("Brandschwere der Waldbrände vom September 2024 bei Aveiro", ("2024-08-01", "2024-09-01"), ("2024-10-01", "2024-11-01")),
    ("Gravité des incendies de mars 2023 près de Castellón", ("2023-02-01", "2023-03-01"), ("2023-04-01", "2023-05-01")),
    # a fire's days: as long a span before and after them, at least four weeks before and two after
    ("Burn severity of the fires of 3-12 July 2022 near Landiras", ("2022-06-05", "2022-07-03"), ("2022-07-13", "2022-07-27")),
    ("dNBR of the fire of 1 June - 15 July 2022 near Landiras", ("2022-04-17", "2022-06-01"), ("2022-07-16", "2022-08-30")),
    # windows written out stay as written
    ("dNBR near Greenville, California, pre-fire June 2021, post-fire October 2021", ("2021-06-01", "2021-07-01"),
     ("2021-10-01", "2021-11-01")),
])
def test_a_fire_is_straddled_by_its_windows(request_, before, after_, tmp_path):
    import re
    from datetime import date

    from planner_helpers import converse_with_gazetteer

    _, calls = converse_with_gazetteer(request_, date(2026, 12, 4), folder=tmp_path)
    code = calls["run_openeo_code"][-1]["code"]
    windows = re.findall(r'temporal_extent=\["([\d-]+)", "([\d-]+)"\]', code)
    assert windows == [before, after_], code


@pytest.mark.parametrize("request_, task", [
    # a gas acronym is a whole word by Unicode letters: "co" is not carbon monoxide inside "coördinaten"
    ("Gemiddelde NDVI-tijdreeks voor mijn perceel, RD-coördinaten (EPSG:28992) x 169000–170000, y 506500–507500, "
     "april tot en met september 2024", "index"),
    ("NDVI van de coöperatie-percelen bij Emmeloord, juni 2023", "index"),
    ("CO-Karte über Kanada, Juni 2023", "atmosphere"),
    ("Sentinel-5P CO over Quebec in June 2023", "atmosphere"),
])
def test_an_acronym_is_a_whole_word_by_unicode_letters(request_, task):
    assert parse_intent(normalize(request_)).task == task
