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


# --- before and after, and one period set against another: a change of two periods --------------------------------
@pytest.mark.parametrize("text", [
    "Before and after images of the flood in Derna, September 2023",
    "Vorher-Nachher-Bilder der Abholzung bei Manaus, Juli 2018 und Juli 2023",
    "images avant et après l'incendie de Landiras, juillet et août 2022",
    "voor- en na-beelden van de brand in de Peel, april 2020",
    "imágenes antes y después del incendio, enero y febrero 2024",
    "immagini prima e dopo la frana di Ischia, ottobre e dicembre 2022",
    "Wassermaske bei Kaub, August 2022 gegen August 2021",
    "NDWI de mars 2017 contre mars 2024",
    "NDWI maart 2017 tegenover maart 2023",
    "lagunas en marzo 2019 frente a marzo 2023, NDWI",
    "NDVI luglio 2022 contro luglio 2021",
])
def test_before_and_after_or_against_is_a_change(text):
    assert parse_intent(normalize(text)).change


@pytest.mark.parametrize("text", [
    "NDVI gegen Ende Juli 2023 bei Ulm",
    "NDVI du 1er au 15 juillet 2023 contre les nuages",
    "Before the storm: NDVI of June 2023",
])
def test_no_change_without_two_periods_set_against(text):
    assert not parse_intent(normalize(text)).change


# --- pictures and forest clearing, in six languages ---------------------------------------------------------------
@pytest.mark.parametrize("text, task, index", [
    ("Vorher-Nachher-Bilder von Porto Velho, Juli 2018 und Juli 2023", "rgb", None),
    ("immagini prima e dopo di Toamasina, 2017 e 2023", "rgb", None),
    ("beelden van Venlo in juli 2021", "rgb", None),
    ("Abholzung bei Porto Velho 2018 und 2023", "index", "NDVI"),
    ("Déforestation autour de Bertoua entre 2017 et 2023", "index", "NDVI"),
    ("Ontbossing rond Palangkaraya, 2016 tegenover 2023", "index", "NDVI"),
    ("Deforestación cerca de Filadelfia, 2018 y 2023", "index", "NDVI"),
    ("Deforestazione vicino a Toamasina: immagini prima e dopo, 2017 e 2023", "index", "NDVI"),
])
def test_pictures_and_clearing(text, task, index):
    it = parse_intent(normalize(text))
    assert (it.task, it.index) == (task, index)


def test_before_and_after_images_are_one_pair_of_composites():
    from agent.planner.codegen import Plan, build_code
    from agent.planner.dates import Period

    it = parse_intent(normalize("Before and after images of Derna, true colour"))
    periods = [Period(start=date(2023, 8, 1), end=date(2023, 9, 1), role="before"),
               Period(start=date(2023, 9, 12), end=date(2023, 9, 25), role="after")]
    code = build_code(Plan(intent=it, bbox=(22.5, 32.6, 22.8, 32.9), periods=periods, place="Derna"))
    assert 'temporal_extent=["2023-08-01", "2023-09-25"]' in code
    assert 'intervals=[["2023-08-01", "2023-09-01"], ["2023-09-12", "2023-09-25"]]' in code
    assert code.count(".download(") == 1 and ".nc" in code


# --- two bands written for an index, one of a kind its usual bands are not: those bands, as written ---------------
@pytest.mark.parametrize("text, pair", [
    ("NDWI (B8A/B11) der letzten vier Wochen", ("B8A", "B11")),
    ("NDWI (B08, B11) moyenne de juillet", ("B08", "B11")),
    ("NDWI (B03, B11) median", ("B03", "B11")),
    ("NBR (B8A/B12)", ("B8A", "B12")),
    ("NDVI (B8A, B04)", ("B8A", "B04")),
    ("NDRE (B05, B08)", ("B08", "B05")),
])
def test_two_written_bands_of_an_index(text, pair):
    from agent.planner.intents import index_def

    d = index_def(parse_intent(normalize(text)))
    assert (d.a, d.b) == pair


# --- ten-day composites named in French, Italian, Spanish and Dutch ----------------------------------------------
@pytest.mark.parametrize("text", [
    "Compositi decadali di NDVI da gennaio a marzo 2024 per Foggia",
    "Composites NDVI décadaires d'avril à juin 2023 autour de Niamey",
    "Compuestos decadales de NDVI de enero a marzo de 2023",
    "decadale NDVI-composieten voor mei 2023",
])
def test_ten_day_composites(text):
    assert parse_intent(normalize(text)).period == "dekad"


def test_decadal_in_english_is_no_dekad():
    assert parse_intent(normalize("decadal NDVI trend 1990-2020")).period is None


# --- the share of green space per district: trees, shrubs and grass -------------------------------------------------
@pytest.mark.parametrize("text", [
    "Part d'espaces verts par arrondissement de Lyon (WorldCover 2021)",
    "Grünflächenanteil pro Stadtbezirk in Köln aus WorldCover",
    "Quota di verde per municipio a Roma (WorldCover 2021)",
    "Porcentaje de zonas verdes por distrito en Sevilla (WorldCover 2021)",
    "Aandeel groen per gemeente in Gelderland (WorldCover)",
])
def test_green_space_share(text):
    it = parse_intent(normalize(text))
    assert it.workflow == "zonal_landcover" and it.landcover_classes == [10, 20, 30]


# --- a month compared with the one before it, asked during the month: the month so far ---------------------------
def test_a_month_against_the_one_before_asked_during_it_ends_today():
    from agent.planner.followups import resolve
    from agent.planner.model import choose_periods

    text = "Before and after images of the dam breach near Nova Kakhovka, June 2023, true colour"
    today = date(2023, 6, 20)
    slots = resolve(text, normalize(text), today, None, None)
    chosen = choose_periods(slots, find_periods(normalize(text), today), today)
    assert [(p.start.isoformat(), p.end.isoformat()) for p in chosen] == [("2023-05-02", "2023-06-01"),
                                                                           ("2023-06-01", "2023-06-21")]


# --- a flood map "now": the latest passes (12 days) against the 30 days before them --------------------------------
@pytest.mark.parametrize("text", [
    "Where is the water now near Passau? flood map from radar",
    "Wo steht das Wasser jetzt bei Passau? Hochwasserkarte aus Radar",
    "Où est l'eau en ce moment près de Montpellier ? carte d'inondation",
    "Waar staat het water op dit moment bij Roermond? overstromingskaart",
    "¿Dónde está el agua ahora cerca de Paiporta? mapa de inundación",
    "Dov'è l'acqua adesso vicino a Faenza? mappa dell'alluvione",
])
def test_a_flood_map_now_is_the_latest_passes(text):
    from agent.planner.followups import resolve
    from agent.planner.model import choose_periods

    today = date(2024, 6, 5)
    slots = resolve(text, normalize(text), today, None, None)
    chosen = choose_periods(slots, find_periods(normalize(text), today), today)
    assert [(p.start.isoformat(), p.end.isoformat()) for p in chosen] == [("2024-04-24", "2024-05-24"),
                                                                           ("2024-05-24", "2024-06-06")]


def test_a_flood_map_without_a_date_keeps_its_window():
    from agent.planner.followups import resolve
    from agent.planner.model import choose_periods

    text, today = "flood map of Passau from radar", date(2024, 6, 5)
    slots = resolve(text, normalize(text), today, None, None)
    chosen = choose_periods(slots, find_periods(normalize(text), today), today)
    assert chosen[-1].start.isoformat() == "2024-05-12"


# --- yesterday in six languages (the French "hier" only where it cannot be the Dutch "here") ------------------------
@pytest.mark.parametrize("text", [
    "burnt area since yesterday", "Verbrannte Fläche seit gestern", "zones brûlées depuis hier", "l'incendie d'hier",
    "verbrand gebied sinds gisteren", "zona quemada desde ayer", "area bruciata da ieri",
])
def test_yesterday(text):
    assert _spans(text, date(2024, 9, 20)) == [("2024-09-19", "2024-09-20")]


def test_the_dutch_hier_is_here():
    assert _spans("NDVI hier in de buurt van Utrecht in mei 2023") == [("2023-05-01", "2023-06-01")]


# --- a change around one day long ago: the days before against the days after it ---------------------------------
@pytest.mark.parametrize("text, before, after", [
    ("Before and after the earthquake of 8 September 2023 in Marrakech, radar change",
     ("2023-08-11", "2023-09-08"), ("2023-09-08", "2023-09-20")),
    ("Radar-Änderung vor und nach dem Erdbeben vom 6. Februar 2023 in Antakya",
     ("2023-01-09", "2023-02-06"), ("2023-02-06", "2023-02-18")),
])
def test_a_change_around_a_day_long_ago(text, before, after):
    from agent.planner.followups import resolve
    from agent.planner.model import choose_periods

    today = date(2024, 9, 20)
    slots = resolve(text, normalize(text), today, None, None)
    chosen = choose_periods(slots, find_periods(normalize(text), today), today)
    assert [(p.start.isoformat(), p.end.isoformat()) for p in chosen] == [before, after]


# --- burnt land in six languages, as whole words -----------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Verbrannte Fläche bei Jasper im August 2024", "Waldbrand bei Treuenbrietzen, Juni 2024",
    "carte des zones brûlées autour de Marseille", "verbrand gebied in de Peel, april 2020",
    "zona quemada en Tenerife, agosto 2023", "area bruciata intorno a Palermo, luglio 2023",
])
def test_burnt_land_is_nbr(text):
    it = parse_intent(normalize(text))
    assert (it.task, it.index) == ("index", "NBR")


def test_a_place_with_brand_in_its_name_is_no_fire():
    assert parse_intent(normalize("NDVI in Brandenburg im Mai 2023")).index == "NDVI"


# --- a box word of six languages before four numbers: west, south, east, north ------------------------------------
@pytest.mark.parametrize("text, bbox", [
    ("max NDVI for the box 10.0,45.0,10.2,45.2, GeoTIFF, EPSG:32632", (10.0, 45.0, 10.2, 45.2)),
    ("NDVI im Rechteck 7.0, 50.8, 7.2, 50.95 im Mai", (7.0, 50.8, 7.2, 50.95)),
    ("NDVI sul riquadro 12.40, 41.85, 12.55, 41.95", (12.40, 41.85, 12.55, 41.95)),
    ("NDVI en el recuadro -3.80, 40.35, -3.60, 40.50", (-3.80, 40.35, -3.60, 40.50)),
    ("AOI: -60.5, -3.3, -60.0, -3.0", (-60.5, -3.3, -60.0, -3.0)),
])
def test_a_box_word_before_four_numbers(text, bbox):
    c = find_coordinates(text)
    assert c is not None and c.bbox == bbox


def test_a_box_word_before_a_count_is_no_box():
    assert find_coordinates("a box of 3, 4, 5, 6 things") is None


# --- several WKT rings after a polygon word: one polygon per field -------------------------------------------------
@pytest.mark.parametrize("text, n, bbox", [
    ("NDVI per field for the polygons (5.10 52.00, 5.12 52.00, 5.12 52.02); (5.20 52.10, 5.22 52.10, 5.22 52.12)",
     2, (5.10, 52.00, 5.22, 52.12)),
    ("Polygone (1.0 45.0, 1.1 45.0, 1.1 45.1) et (2.0 46.0, 2.1 46.0, 2.1 46.1)", 2, (1.0, 45.0, 2.1, 46.1)),
    ("Polygone (1.0 45.0, 1.1 45.0, 1.1 45.1), NDVI de mai", 1, (1.0, 45.0, 1.1, 45.1)),
])
def test_several_wkt_rings(text, n, bbox):
    c = find_coordinates(text)
    assert c is not None and c.bbox == bbox and len(c.polygons or [c.polygon]) == n


# --- each week / month in six languages; one field's value per period or as a table is a series --------------------
@pytest.mark.parametrize("text, period", [
    ("moyenne du NDVI sur ma parcelle (47.2 N, 1.5 W) chaque semaine depuis avril", "week"),
    ("NDVI ogni settimana per il mio campo a 45.1 N, 7.7 E", "week"),
    ("NDVI van mijn perceel bij Emmeloord elke maand in 2023", "month"),
    ("NDVI de mi parcela cerca de Jaén cada mes de 2023", "month"),
    ("mittleres NDVI pro Monat für mein Feld bei 52.3 N 13.1 E, Januar bis Mai 2024, als Tabelle", "month"),
])
def test_one_field_per_period_is_a_series(text, period):
    it = parse_intent(normalize(text))
    assert it.period == period and it.timeseries


@pytest.mark.parametrize("text", [
    "monthly NDVI composites for my vineyard near Napa in 2023",
    "NDVI elke maand voor Flevoland in 2023",
    "NDVI map of my field at 52.09 N, 5.12 E, each week of May 2024",
])
def test_composites_maps_and_regions_per_period_stay_rasters(text):
    assert not parse_intent(normalize(text)).timeseries


# --- "N years ago" beside a month or a season names that year; "ago" in five more languages ------------------------
@pytest.mark.parametrize("text, span", [
    ("NDVI 3 years ago in June around Kano", ("2021-06-01", "2021-07-01")),
    ("water extent in the dry season 5 years ago", ("2018-11-01", "2019-04-01")),
    ("NDVI vor drei Jahren im Juli", ("2021-07-01", "2021-08-01")),
    ("NDVI il y a deux ans en août", ("2022-08-01", "2022-09-01")),
    ("NDVI hace cinco años en mayo", ("2019-05-01", "2019-06-01")),
    ("NDVI drie jaar geleden in juni", ("2021-06-01", "2021-07-01")),
    ("NDVI due anni fa a luglio", ("2022-07-01", "2022-08-01")),
])
def test_years_ago_beside_a_month_or_season(text, span):
    assert _spans(text, date(2024, 6, 10)) == [span]


@pytest.mark.parametrize("text, span", [
    ("NDVI two years ago", ("2022-05-27", "2022-06-26")),
    ("NDVI vor einem Jahr", ("2023-05-27", "2023-06-26")),
    ("Wasser vor 10 Tagen", ("2024-05-31", "2024-06-01")),
    ("l'eau il y a une semaine", ("2024-06-03", "2024-06-04")),
    ("hace un mes", ("2024-04-26", "2024-05-26")),
])
def test_ago_in_six_languages(text, span):
    assert _spans(text, date(2024, 6, 10)) == [span]


def test_years_ago_set_against_a_month_stays_a_second_period():
    assert len(_spans("NDVI in June, compared with three years ago", date(2024, 6, 10))) == 2


@pytest.mark.parametrize("text", [
    "gemiddelde NDVI per perceel voor de polygonen (5.10 52.00, 5.12 52.00, 5.12 52.02); (5.20 52.10, 5.22 52.10, 5.22 52.12)",
    "NDVI para los polígonos (-4.00 40.00, -3.98 40.00, -3.98 40.02); (-4.10 40.10, -4.08 40.10, -4.08 40.12)",
    "NDVI per i poligoni (12.40 41.80, 12.42 41.80, 12.42 41.82); (12.50 41.90, 12.52 41.90, 12.52 41.92)",
])
def test_polygon_words_in_the_plural(text):
    c = find_coordinates(text)
    assert c is not None and c.polygons is not None and len(c.polygons) == 2
