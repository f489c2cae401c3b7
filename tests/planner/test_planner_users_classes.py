"""Classes the users' sweep (tests/data/planner/request_sweep_users.jsonl, dev rows) showed the planner misreading,
each with wordings of our own in several languages and other numbers than the row that showed it."""

from __future__ import annotations

from datetime import date

import pytest

from agent.planner.coords import find_coordinates
from agent.planner.dates import find_periods
from agent.planner.i18n import normalize
from agent.planner.intents import parse_intent
from agent.planner.methods import find_threshold, find_workflow

TODAY = date(2024, 8, 15)


def _spans(text: str, today: date = TODAY) -> list[tuple[str, str]]:
    return [(p.start.isoformat(), p.end.isoformat()) for p in find_periods(normalize(text), today)]


# --- a polygon's ring written as WKT pairs after a polygon word, with or without WKT's parentheses ------------------
@pytest.mark.parametrize("text, bbox", [
    ("Meine Parzelle: Polygon 7.10 50.70, 7.13 50.70, 7.13 50.72, 7.10 50.72 - NDVI im Mai", (7.10, 50.70, 7.13, 50.72)),
    ("Ma parcelle (polygone -1.20 47.30, -1.18 47.30, -1.18 47.31) : NDVI", (-1.20, 47.30, -1.18, 47.31)),
    ("Mijn perceel: polygoon (4.40 52.10, 4.42 52.10, 4.42 52.12, 4.40 52.12), NDVI", (4.40, 52.10, 4.42, 52.12)),
    ("Parcela polígono: -58.50 -34.60, -58.48 -34.60, -58.48 -34.58; NDVI de enero", (-58.50, -34.60, -58.48, -34.58)),
    ("POLYGON((11.40 52.03, 11.42 52.03, 11.42 52.05, 11.40 52.03))", (11.40, 52.03, 11.42, 52.05)),
])
def test_a_polygon_ring_after_its_word(text, bbox):
    c = find_coordinates(text)
    assert c is not None and c.kind == "polygon" and c.bbox == bbox


# --- a minus written before a value with a hemisphere letter is its sign; a dash between two values a range ---------
@pytest.mark.parametrize("text, point", [
    ("mon champ, coordonnées 12.37 N, -1.52 E", (-1.52, 12.37)),
    ("field at -34.6 N, -58.4 E", (-58.4, -34.6)),
    ("Feld bei lat: -3.25 N, lon: 29.9 E", (29.9, -3.25)),
    ("punt 33.9 S, 18.4 E", (18.4, -33.9)),
])
def test_a_signed_value_with_a_hemisphere_letter(text, point):
    c = find_coordinates(text)
    assert c is not None and c.point == point


@pytest.mark.parametrize("text, bbox", [
    ("box 10.1-10.6 E, 53.4-53.7 N", (10.1, 53.4, 10.6, 53.7)),
    ("zwischen 8,40° O und 8,60° O sowie 49,00° N-49,10° N", (8.40, 49.00, 8.60, 49.10)),
])
def test_a_dash_between_values_stays_a_range(text, bbox):
    c = find_coordinates(text)
    assert c is not None and c.bbox == bbox


# --- a threshold named by its word, with no comparison: what it separates lies above it (radar water below) ----------
@pytest.mark.parametrize("text, op, value, unit", [
    ("median ndwi, threshold 0 to map water", "gt", 0.0, ""),
    ("mndwi, schwellwert 0,1, median", "gt", 0.1, ""),
    ("ndvi avec un seuil de 0,35", "gt", 0.35, ""),
    ("ndwi met drempelwaarde 0.2", "gt", 0.2, ""),
    ("umbral de 0.4 sobre el ndvi", "gt", 0.4, ""),
    ("vv con soglia -17 db", "lt", -17.0, "dB"),
    ("a cut-off of 0.25 on the ndvi", "gt", 0.25, ""),
])
def test_a_threshold_named_by_its_word(text, op, value, unit):
    t = find_threshold(text)
    assert t is not None and (t.op, t.value, t.unit) == (op, value, unit)


def test_a_threshold_word_without_a_number_or_with_a_year_is_none():
    assert find_threshold("otsu threshold on the vv backscatter") is None
    assert find_threshold("ndvi above the usual threshold since 2019") is None


@pytest.mark.parametrize("text", [
    "MNDWI (B03, B11), Schwellwert 0, Median März 2024 bei Dhaka",
    "NDWI median for June 2023 near Kisumu, threshold 0.1",
    "NDVI médian de juillet 2023 à Lyon, seuil 0,4",
])
def test_a_named_threshold_makes_the_index_a_mask(text):
    it = parse_intent(normalize(text))
    assert it.task == "index" and it.threshold is not None and it.threshold.op == "gt"


# --- how often a condition held: the count per pixel of the dates it held -----------------------------------------
@pytest.mark.parametrize("text", [
    "count per pixel how often NDVI < 0.2 in 2022",
    "Wie oft lag der NDVI im Jahr 2023 unter 0,3?",
    "Combien de fois le NDVI a-t-il été inférieur à 0,2 en 2022 ?",
    "Hoe vaak was de NDVI lager dan 0,25 in 2021?",
    "¿Cuántas veces estuvo el NDVI por debajo de 0,2 en 2022?",
    "Quante volte l'NDVI è stato sotto 0,2 nel 2022?",
])
def test_how_often_with_a_threshold_counts_the_dates(text):
    n = normalize(text)
    assert find_workflow(n) == "count_days"
    it = parse_intent(n)
    assert it.task == "index" and it.threshold is not None and it.threshold.op == "lt"


def test_how_often_without_a_threshold_is_no_count():
    assert find_workflow(normalize("how often was Sentinel-2 over Lyon in 2023, true colour")) != "count_days"


# --- each acquisition at one field or point is that place's series ------------------------------------------------
@pytest.mark.parametrize("text", [
    "NDVI of my field at 52.09 N, 5.12 E for this growing season, one value per date",
    "Meine Parzelle bei Ulm: mittleres NDVI je Aufnahme im Mai 2024",
    "NDVI van mijn perceel bij Emmeloord, elke opname van mei 2023",
    "NDVI de ma parcelle près de Chartres pour chaque image de juin 2023",
    "NDVI en 37.40 N, 5.90 W para cada imagen de marzo de 2024",
])
def test_every_acquisition_of_one_field_is_a_series(text):
    assert parse_intent(normalize(text)).timeseries


def test_every_acquisition_of_a_region_stays_a_raster_stack():
    assert not parse_intent(normalize("NDVI over the Po valley, every acquisition of May 2023, netCDF")).timeseries


# --- the current season: its start until today, never past today; "this season" is the growing season --------------
@pytest.mark.parametrize("text, span", [
    ("NDVI this growing season", ("2024-05-01", "2024-08-16")),
    ("NDVI this summer", ("2024-06-01", "2024-08-16")),
    ("NDVI van dit seizoen", ("2024-05-01", "2024-08-16")),
    ("NDVI de cette saison", ("2024-05-01", "2024-08-16")),
    ("NDVI diese Saison", ("2024-05-01", "2024-08-16")),
    ("NDVI de esta temporada", ("2024-05-01", "2024-08-16")),
    ("NDVI di questa stagione", ("2024-05-01", "2024-08-16")),
    ("NDVI la saison dernière", ("2023-05-01", "2023-10-01")),
    ("NDVI last season", ("2023-05-01", "2023-10-01")),
])
def test_the_current_or_last_season(text, span):
    assert _spans(text) == [span]


def test_an_ended_season_keeps_its_end():
    assert _spans("NDVI this summer", date(2024, 10, 2)) == [("2024-06-01", "2024-09-01")]


# --- a soil-moisture proxy per week or month, with no two periods compared: the backscatter per period ------------
@pytest.mark.parametrize("text, period", [
    ("Soil moisture proxy from Sentinel-1 VV near Zwolle, weekly mean over the past two months", "week"),
    ("Bodenfeuchte aus Sentinel-1 bei Ulm, Monatsmittel 2023", "month"),
])
def test_a_soil_moisture_proxy_per_period(text, period):
    it = parse_intent(normalize(text))
    assert it.task == "backscatter" and it.period == period and it.workflow is None


def test_a_soil_moisture_change_stays_the_workflow():
    it = parse_intent(normalize("Soil moisture change from Sentinel-1 between May 2023 and May 2024 near Zwolle"))
    assert it.workflow == "soil_moisture"
