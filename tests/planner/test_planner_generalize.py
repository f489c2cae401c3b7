"""Ten new requests of our own per failure class found on the blind2 split (statistics, relative windows,
event windows, named bands, one row per part), in six languages: each checks the reader on wordings the
split did not have, so that a fix is the general reading and not the one phrase that showed the failure."""

from __future__ import annotations

from datetime import date

import pytest

from agent.planner.dates import find_periods
from agent.planner.followups import resolve
from agent.planner.i18n import normalize
from agent.planner.intents import index_def, parse_intent
from agent.planner.model import choose_periods
from agent.planner.parts import listed_parts, unit_asked, without_unit


def _intent(text: str):
    return parse_intent(normalize(text))


# --- 1. statistics named in a request ---------------------------------------------------------

@pytest.mark.parametrize("text, labels", [
    ("Per-pixel mean and standard deviation of Sentinel-1 VV in dB over 2022 for the Wadden Sea", ["mean", "sd"]),
    ("VH-Rückstreuung: Mittelwert, Standardabweichung sowie 10. und 90. Perzentil für 2023", ["mean", "sd", "p10", "p90"]),
    ("Écart-type et moyenne du NDVI en 2021, une bande par statistique", ["sd", "mean"]),
    ("10e et 90e percentiles du NDVI pour la Beauce en 2022", ["p10", "p90"]),
    ("Minimum, maximum en gemiddelde van de VV-terugverstrooiing over 2023", ["min", "max", "mean"]),
    ("Gemiddelde en standaardafwijking van NDVI in 2020", ["mean", "sd"]),
    ("Media y desviación típica del VH de Sentinel-1 en 2022", ["mean", "sd"]),
    ("percentil 10, 50 y 90 del NDVI de 2021", ["p10", "p50", "p90"]),
    ("Media, deviazione standard, minimo e massimo del VV nel 2023", ["mean", "sd", "min", "max"]),
    ("NDVI P10, P50 and P90 per pixel for 2019", ["p10", "p50", "p90"]),
])
def test_statistics_requests_get_one_band_per_statistic(text, labels):
    it = _intent(text)
    assert it.workflow == "statistics"
    assert [s.label for s in it.stats] == labels


def test_radar_statistics_stay_radar_and_in_db():
    it = _intent("Mittelwert und Standardabweichung der Sentinel-1 VH-Rückstreuung in dB für 2023")
    assert (it.workflow, it.collection, it.bands) == ("statistics", "SENTINEL1_GRD", ["VH"])


@pytest.mark.parametrize("text", ["Monthly mean NO2 over Madrid in 2023", "Maximum land surface temperature over Seville in July 2022",
                                  "Sentinel-2 true colour for Q3 2022"])
def test_a_single_reducer_is_no_statistics_request(text):
    assert _intent(text).workflow is None


# --- 2. relative windows --------------------------------------------------------------------

FRIDAY = date(2024, 9, 20)


def _spans(text: str, today: date = FRIDAY):
    return [(p.start.isoformat(), p.end.isoformat()) for p in find_periods(normalize(text), today)]


@pytest.mark.parametrize("text, expected", [
    ("NDVI of last weekend", [("2024-09-14", "2024-09-16")]),
    ("Rückstreuung vom letzten Wochenende", [("2024-09-14", "2024-09-16")]),
    ("le week-end dernier", [("2024-09-14", "2024-09-16")]),
    ("afgelopen weekend", [("2024-09-14", "2024-09-16")]),
    ("el fin de semana pasado", [("2024-09-14", "2024-09-16")]),
    ("lo scorso fine settimana", [("2024-09-14", "2024-09-16")]),
    ("the passes since Monday", [("2024-09-16", "2024-09-21")]),
    ("seit Montag", [("2024-09-16", "2024-09-21")]),
    ("gli ultimi 10 giorni", [("2024-09-10", "2024-09-21")]),
    ("a metà maggio 2023", [("2023-05-11", "2023-05-21")]),
    ("half mei 2023", [("2023-05-11", "2023-05-21")]),
    ("mid-May", [("2024-05-11", "2024-05-21")]),
    ("winter 2021/22 (December–February)", [("2021-12-01", "2022-03-01")]),
    ("hiver 2021-2022 (décembre à février)", [("2021-12-01", "2022-03-01")]),
])
def test_relative_windows(text, expected):
    assert _spans(text) == expected


def test_last_weekend_on_a_sunday_is_the_one_before():
    assert _spans("last weekend", date(2024, 9, 22)) == [("2024-09-14", "2024-09-16")]


# --- 3. event windows: before/after the event the request dates elsewhere -------------------------

def _change_periods(text: str, today: date):
    slots = resolve(text, normalize(text), today, None, None)
    chosen = choose_periods(slots, find_periods(normalize(text), today), today)
    return [(p.start.isoformat(), p.end.isoformat()) for p in chosen]


@pytest.mark.parametrize("text, today, expected", [
    ("Flood map for Nysa after last weekend's storm: Sentinel-1 VV of the two weeks before the storm against the "
     "passes since Monday", FRIDAY, [("2024-08-31", "2024-09-14"), ("2024-09-14", "2024-09-21")]),
    ("Flood extent with Sentinel-1: reference the 10 days before 16 May 2023, event 17–24 May 2023", date(2023, 6, 1),
     [("2023-05-06", "2023-05-16"), ("2023-05-16", "2023-05-25")]),
    ("Mappa delle aree allagate: riferimento i 10 giorni prima del 16 maggio 2023, evento dal 17 al 24 maggio 2023",
     date(2023, 6, 1), [("2023-05-06", "2023-05-16"), ("2023-05-16", "2023-05-25")]),
    ("Hochwasserkarte aus Sentinel-1: die zwei Wochen vor dem Sturm am 14. September 2024 gegen die Aufnahmen seit "
     "Montag", FRIDAY, [("2024-08-31", "2024-09-14"), ("2024-09-14", "2024-09-21")]),
    ("Carte d'inondation Sentinel-1 : les 10 jours avant le 16 mai 2023 comme référence, crue du 17 au 24 mai 2023",
     date(2023, 6, 1), [("2023-05-06", "2023-05-16"), ("2023-05-16", "2023-05-25")]),
    ("Overstromingskaart met Sentinel-1: de 10 dagen voor 16 mei 2023 als referentie, overstroming van 17 tot 24 mei "
     "2023", date(2023, 6, 1), [("2023-05-06", "2023-05-16"), ("2023-05-16", "2023-05-25")]),
    ("Mapa de inundación con Sentinel-1: los 10 días antes del 16 de mayo de 2023 y del 17 al 24 de mayo de 2023",
     date(2023, 6, 1), [("2023-05-06", "2023-05-16"), ("2023-05-16", "2023-05-25")]),
    ("Sentinel-1 flood map: the week before the storm of 14 September 2024 and the week after the storm", FRIDAY,
     [("2024-09-07", "2024-09-14"), ("2024-09-14", "2024-09-21")]),  # the week after: 7 days from the storm's day
    ("Flooded areas from Sentinel-1 VV, the three weeks before the flood of 3 October 2024 compared with the week "
     "after the flood", date(2024, 10, 20), [("2024-09-12", "2024-10-03"), ("2024-10-03", "2024-10-10")]),
    ("Inundación: tres semanas antes de la tormenta del 29 de octubre de 2024 frente a la semana después",
     date(2024, 11, 15), [("2024-10-08", "2024-10-29"), ("2024-10-29", "2024-11-05")]),  # the week after, not its day
])
def test_event_windows(text, today, expected):
    assert _change_periods(text, today) == expected


# --- 4. named bands -----------------------------------------------------------------------

@pytest.mark.parametrize("text, bands", [
    ("NBR (B8A/B12) map for Skukuza from the past two weeks", ("B8A", "B12")),
    ("dNBR with Sentinel-2 B8A/B12 or B08/B12", ("B08", "B12")),
    ("NDMI aus B8A und B11 für die Lüneburger Heide", ("B8A", "B11")),
    ("NDMI avec la bande B12 pour les Landes", ("B08", "B12")),
    ("NDWI (B03, B11) waterkaart van het IJsselmeer", ("B03", "B11")),
    ("NDVI con la banda B8A para Castilla", ("B8A", "B04")),
    ("NDSI da B03 e B12 per le Dolomiti", ("B03", "B12")),
    ("GNDVI (B8A, B03) for the vineyards", ("B8A", "B03")),
    ("NDRE with B8A and B05 for the wheat", ("B8A", "B05")),
    ("NDVI median composite of June 2023", ("B08", "B04")),
])
def test_named_bands_replace_the_index_bands_of_their_kind(text, bands):
    d = index_def(_intent(text))
    assert (d.a, d.b) == bands


@pytest.mark.parametrize("text, pol", [("Flood map from Sentinel-1 VH for the Po delta", "VH"),
                                       ("Sentinel-1 flood map (VV) for the Po delta", "VV"),
                                       ("Sentinel-1 flood map for the Po delta", "VV")])
def test_flood_maps_use_the_polarisation_named(text, pol):
    from agent.planner.codegen import Plan, build_code
    from agent.planner.dates import Period

    it = _intent(text)
    assert it.task == "flood"
    plan = Plan(intent=it, bbox=(12.2, 44.8, 12.5, 45.0), periods=[
        Period(start=date(2024, 5, 1), end=date(2024, 5, 10)), Period(start=date(2024, 5, 12), end=date(2024, 5, 20))])
    assert f'bands=["{pol}"]' in build_code(plan)


@pytest.mark.parametrize("text", ["Carte des zones inondées autour de Saint-Omer", "Mappa delle aree allagate a Lugo",
                                  "Überflutete Flächen an der Oder", "Overstroomde gebieden langs de Maas",
                                  "Zonas inundadas en Valencia", "Flooded fields along the Severn"])
def test_flooding_is_read_by_its_word_stem(text):
    assert _intent(text).task == "flood"


def test_a_floodplain_is_no_flood():
    assert _intent("NDVI of the floodplain forest in June 2023").task == "index"


# --- 5. one row per part ------------------------------------------------------------------

@pytest.mark.parametrize("text, unit, listed", [
    ("Mean NDVI for each of the five boroughs of New York City (one value per borough)", "borough", []),
    ("Gemiddelde NDVI per provincie (Friesland, Groningen en Drenthe) voor mei 2024", "provincie",
     ["Friesland", "Groningen", "Drenthe"]),
    ("NDVI moyen pour chaque département de Bretagne (Finistère, Côtes-d'Armor, Morbihan, Ille-et-Vilaine)",
     "département", ["Finistère", "Côtes-d'Armor", "Morbihan", "Ille-et-Vilaine"]),
    ("NDVI medio para cada provincia de Andalucía en mayo de 2023", "provincia", []),
    ("LST moyenne pour chacun des départements de Normandie", "département", []),
    ("Mittlere LST für jeden Landkreis in Brandenburg, Juli 2023", "landkreis", []),
    ("Mean NDVI per canton (Vaud, Valais and Fribourg) for July 2023", "canton", ["Vaud", "Valais", "Fribourg"]),
    ("NDVI medio per ciascun comune della provincia di Bologna", "comune", []),
    ("Gemiddelde NDVI voor elke gemeente in Zeeland", "gemeente", []),
    ("Mean NDVI by county (Cork, Kerry and Limerick), one value per county", "county", ["Cork", "Kerry", "Limerick"]),
])
def test_units_and_listed_parts(text, unit, listed):
    assert unit_asked(text) == unit
    assert listed_parts(text) == listed
    assert unit not in without_unit(text).lower().split()


def test_listed_parts_are_looked_up_one_by_one_and_end_in_one_row_each():
    from planner_helpers import converse_with_gazetteer, final_code

    messages, calls = converse_with_gazetteer("Mean NDVI by county (Cork, Kerry and Limerick) for July 2023, one value "
                                              "per county", date(2023, 8, 10))
    assert [c["name"] for c in calls["find_place"]][:3] == ["Cork (county)", "Kerry (county)", "Limerick (county)"]
    code = final_code(calls)
    assert all(f'"name":"{n}"' in code for n in ("Cork", "Kerry", "Limerick"))
    assert 'aggregate_spatial(geometries=parts, reducer="mean")' in code
    assert str(messages[-1].content).startswith("One row per county: Cork, Kerry, Limerick")


def test_a_request_without_a_readable_place_still_asks():
    from planner_helpers import answer_of, converse_with_gazetteer

    messages, calls = converse_with_gazetteer("Mean NDVI per county for July 2023", date(2023, 8, 10))
    assert "run_openeo_code" not in calls
    assert "?" in answer_of(messages) or "where" in answer_of(messages).lower()
