"""Several places in one request: spans between two places, lists sharing a qualifier, places
compared (one row each), and request words that are no places (issue 16)."""

from datetime import date

import pytest

from agent.planner.i18n import answer_language
from agent.planner.phrases import phrases
from agent.planner.places import place_candidates, shared_qualifiers
from agent.planner.together import compared_places, span_box, span_ends
from agent.planner.vocabulary import is_vocabulary
from planner_helpers import answer_of, converse, final_code

TODAY = date(2024, 6, 1)

GAZ = {
    "dadu": ((67.71, 26.67, 67.85, 26.79), "city"),
    "manchar lake": ((67.60, 26.35, 67.75, 26.48), "lake"),
    "duisburg": ((6.62, 51.34, 6.91, 51.52), "city"),
    "dortmund": ((7.31, 51.42, 7.62, 51.61), "city"),
    "ruhrgebiet": ((6.60, 51.30, 7.90, 51.70), "region"),
    "bordeaux": ((-0.64, 44.81, -0.53, 44.92), "city"),
    "arcachon": ((-1.21, 44.63, -1.13, 44.69), "city"),
    "lyon": ((4.77, 45.70, 4.90, 45.81), "city"),
    "grenoble": ((5.68, 45.15, 5.75, 45.21), "city"),
    "utrecht": ((5.00, 52.03, 5.19, 52.14), "city"),
    "amersfoort": ((5.33, 52.13, 5.45, 52.20), "city"),
    "köln": ((6.77, 50.83, 7.16, 51.08), "city"),
    "bonn": ((7.02, 50.63, 7.21, 50.77), "city"),
    "zaragoza": ((-0.95, 41.60, -0.82, 41.70), "city"),
    "huesca": ((-0.43, 42.12, -0.38, 42.16), "city"),
    "firenze": ((11.18, 43.74, 11.30, 43.81), "city"),
    "pisa": ((10.37, 43.68, 10.43, 43.74), "city"),
    "milan": ((9.00, 45.33, 9.38, 45.60), "city"),
    "madrid": ((-3.96, 40.22, -3.44, 40.61), "city"),
    "tokyo": ((139.56, 35.53, 139.92, 35.82), "city"),
    "münchen": ((11.36, 48.06, 11.72, 48.25), "city"),
    "augsburg": ((10.76, 48.30, 10.96, 48.43), "city"),
    "freiburg": ((7.75, 47.93, 7.95, 48.06), "city"),
    "sevilla": ((-6.03, 37.33, -5.91, 37.43), "city"),
    "córdoba": ((-4.84, 37.85, -4.73, 37.92), "city"),
    "basel": ((7.55, 47.52, 7.63, 47.59), "city"),
    "strasbourg": ((7.69, 48.50, 7.84, 48.62), "city"),
    "rhine": ((4.0, 46.5, 9.6, 52.0), "river"),
    "gent": ((3.65, 51.00, 3.80, 51.10), "city"),
    "brugge": ((3.17, 51.17, 3.28, 51.24), "city"),
    "sutherland, scotland": ((-5.30, 57.90, -3.80, 58.60), "county"),
    "caithness, scotland": ((-3.80, 58.20, -3.00, 58.70), "county"),
    "scotland": ((-7.6, 54.6, -0.7, 60.9), "region"),
    "sutherland": ((151.02, -34.06, 151.09, -34.00), "city"),
}


def _extent(code: str) -> tuple[float, float, float, float]:
    import re

    m = re.search(r'spatial_extent = \{"west": ([-\d.]+), "south": ([-\d.]+), "east": ([-\d.]+), "north": ([-\d.]+)\}', code)
    assert m, code
    return tuple(float(v) for v in m.groups())  # type: ignore[return-value]


def _covers(box, inner) -> bool:
    return box[0] <= inner[0] and box[1] <= inner[1] and box[2] >= inner[2] and box[3] >= inner[3]


# --- 1. spans: the AOI covers both ends -----------------------------------------------------------

SPANS = [
    ("NDVI of the area between Dadu and Manchar Lake in June 2023", "dadu", "manchar lake"),
    ("NDVI-Karte Ruhrgebiet (Duisburg bis Dortmund) für Juli 2023", "duisburg", "dortmund"),
    ("True colour composite from Bordeaux to Arcachon, August 2023", "bordeaux", "arcachon"),
    ("Carte NDVI entre Lyon et Grenoble pour juillet 2023", "lyon", "grenoble"),
    ("NDVI-kaart tussen Utrecht en Amersfoort voor mei 2023", "utrecht", "amersfoort"),
    ("NDVI zwischen Köln und Bonn im Juni 2023", "köln", "bonn"),
    ("Mapa de NDVI entre Zaragoza y Huesca en julio de 2023", "zaragoza", "huesca"),
    ("Mappa NDVI tra Firenze e Pisa, luglio 2023", "firenze", "pisa"),
    ("NDVI von München bis Augsburg im Mai 2023", "münchen", "augsburg"),
    ("NDVI desde Sevilla hasta Córdoba en abril de 2023", "sevilla", "córdoba"),
    ("NDVI-kaart van Gent tot Brugge voor juni 2023", "gent", "brugge"),
    ("NDVI along the Rhine between Basel and Strasbourg, June 2023", "basel", "strasbourg"),
]


@pytest.mark.parametrize("request_text,a,b", SPANS)
def test_a_span_covers_both_ends(request_text, a, b):
    messages, calls = converse(request_text, TODAY, GAZ)
    box = _extent(final_code(calls))
    assert _covers(box, GAZ[a][0]) and _covers(box, GAZ[b][0]), (box, request_text)


def test_span_phrases_in_six_languages():
    assert span_ends("between Dadu and Manchar Lake", ["Dadu", "Manchar Lake"]) == ("Dadu", "Manchar Lake")
    assert span_ends("Ruhrgebiet (Duisburg–Dortmund)", ["Ruhrgebiet", "Duisburg", "Dortmund"]) == ("Duisburg", "Dortmund")
    assert span_ends("tra Firenze e Pisa", ["Firenze", "Pisa"]) == ("Firenze", "Pisa")
    assert span_ends("de Lyon à Grenoble", ["Lyon", "Grenoble"]) == ("Lyon", "Grenoble")
    # not spans: a list, a hyphenated name, a place and its qualifier
    assert span_ends("NDVI for Köln and Bonn", ["Köln", "Bonn"]) is None
    assert span_ends("NDVI for Baden-Baden", ["Baden", "Baden"]) is None
    assert span_ends("NDVI for Zahlé, Lebanon", ["Zahlé", "Lebanon"]) is None
    assert span_ends("NDVI from June to October in Lyon", ["Lyon"]) is None


def test_between_splits_a_run_joined_by_and():
    assert place_candidates("NDVI-kaart tussen Utrecht en Amersfoort") == ["Utrecht", "Amersfoort"]
    assert place_candidates("NDVI entre Zaragoza y Huesca") == ["Zaragoza", "Huesca"]
    assert place_candidates("NDVI of Castilla y León") == ["Castilla y León"]  # one name, no 'between'


def test_the_span_margin_is_small():
    box = span_box([(4.77, 45.70, 4.90, 45.81), (5.68, 45.15, 5.75, 45.21)])
    assert 4.6 < box[0] < 4.77 and 5.75 < box[2] < 5.95


def test_a_wide_span_is_read_coarser_not_clamped():
    _, calls = converse("Carte NDVI entre Lyon et Grenoble pour juillet 2023", TODAY, GAZ)
    code = final_code(calls)
    assert "resample_spatial(resolution=" in code


def test_a_span_end_found_only_abroad_is_said():
    gaz = dict(GAZ, **{"manchar lake": ((73.91, 18.97, 73.98, 19.04), "city")})  # a namesake in India
    messages, calls = converse("NDVI of the area between Dadu and Manchar Lake in June 2023", TODAY, gaz)
    assert any(c["name"].startswith("Manchar Lake, ") for c in calls["find_place"])  # looked up in Dadu's country
    assert "Manchar Lake" in answer_of(messages) and "coordinates" in answer_of(messages)
    assert _covers(_extent(final_code(calls)), GAZ["dadu"][0])


# --- lists sharing a qualifier -----------------------------------------------------------------------

@pytest.mark.parametrize("request_text,expected", [
    ("Burn severity for Sutherland/Caithness, Scotland, summer 2023", {"Sutherland": "Scotland"}),
    ("NDVI in Sutherland and Caithness, Scotland", {"Sutherland": "Scotland"}),
    ("Flood map Paiporta, Catarroja and Sedaví, Valencia", {"Paiporta": "Valencia", "Catarroja": "Valencia"}),
    ("Hochwasser in Passau und Deggendorf, Bayern", {"Passau": "Bayern"}),
    ("Inondations à Nîmes et Alès (Gard)", {"Nîmes": "Gard"}),
    ("NDVI for Zahlé, Lebanon", {}),
])
def test_a_list_shares_its_qualifier(request_text, expected):
    assert shared_qualifiers(request_text) == expected


def test_slash_regions_are_looked_up_with_the_country():
    messages, calls = converse("Burn severity for Sutherland/Caithness, Scotland, summer 2023", TODAY, GAZ)
    asked = [c["name"] for c in calls["find_place"]]
    assert asked[:2] == ["Sutherland, Scotland", "Caithness, Scotland"]
    box = _extent(final_code(calls))
    assert -5.3 < box[0] < box[2] < -3.0 and 57.9 < box[1] < box[3] < 58.7  # between the two counties


def test_a_town_found_only_on_another_continent_is_not_the_region_named_with_it():
    from agent.planner.aoi import choose_hits
    from agent.planner.places import PlaceHit

    town = PlaceHit(name="Sutherland, Australia", bbox=(151.02, -34.06, 151.09, -34.00), kind="city")
    region = PlaceHit(name="Scotland", bbox=(-7.6, 54.6, -0.7, 60.9), kind="region")
    assert choose_hits([town, region]) == [region]
    near = PlaceHit(name="Abbeville, France", bbox=(1.78, 50.08, 1.88, 50.14), kind="city")
    somme = PlaceHit(name="Somme", bbox=(1.38, 49.57, 3.21, 50.37), kind="region")
    assert choose_hits([near, somme])[0] == near


# --- 2. words that are no places -----------------------------------------------------------------------

@pytest.mark.parametrize("word", [
    "Halbjahr", "Quartal", "Sommerhalbjahr", "Vegetationsperiode", "semestre", "Trimestre", "kwartaal", "Halfjaar",
    "Quincena", "Dekade", "Kilometer", "Hektar", "Prozent", "Celsius", "Perzentile", "Standardabweichung",
    "Statistiken", "Anomalie", "Tendencia", "Tabelle", "Juli", "Octobre", "Septiembre", "Maggio",
])
def test_period_unit_and_statistic_words_are_vocabulary(word):
    assert is_vocabulary(word)


@pytest.mark.parametrize("place", ["Madrid", "Nice", "Mayo", "Metro Manila", "Table Mountain", "Schwerte", "Marne"])
def test_places_are_not_vocabulary(place):
    assert not is_vocabulary(place)


@pytest.mark.parametrize("request_text,expected", [
    ("NDVI im dritten Quartal 2023 für Freiburg", ["Freiburg"]),
    ("NDVI für das erste Halbjahr 2023 in Freiburg", ["Freiburg"]),
    ("NDVI moyen du premier semestre 2023 à Lyon", ["Lyon"]),
    ("NDVI medio del primer Semestre de 2023 en Sevilla", ["Sevilla"]),
    ("Gemiddelde NDVI per Kwartaal 2023 rond Utrecht", ["Utrecht"]),
    ("Mittelwert und Perzentile im Sommerhalbjahr 2023, Region Freiburg", ["Freiburg"]),
    ("Statistiken der Oberflächentemperatur in Grad Celsius für Köln, Juli 2023", ["Köln"]),
    ("NDVI anomalies per Quincena for Zaragoza 2023", ["Zaragoza"]),
    ("Anteil in Prozent der Fläche über 30 Grad, Bonn, Sommer 2023", ["Bonn"]),
    ("NDVI Tendenza per Trimestre a Pisa, 2023", ["Pisa"]),
])
def test_request_words_are_not_looked_up(request_text, expected):
    assert place_candidates(request_text) == expected


def test_a_period_word_is_never_a_look_up():
    _, calls = converse("NDVI im dritten Quartal 2023 für Freiburg", TODAY, GAZ)
    assert [c["name"] for c in calls["find_place"]] == ["Freiburg"]


# --- 3. places compared ---------------------------------------------------------------------------------

COMPARES = [
    "compare NO2 over Milan and Madrid in January 2024",
    "NO2 Milan vs Madrid, January 2024",
    "Vergleiche NO2 in Köln und Bonn im Januar 2024",
    "Comparer le NDVI de Lyon et Grenoble en juin 2023",
    "Vergelijk de NDVI van Utrecht en Amersfoort in mei 2023",
    "Comparar el NDVI de Sevilla y Córdoba en abril de 2023",
    "Confronta l'NDVI di Firenze e Pisa a luglio 2023",
    "How does NDVI in Gent compare with Brugge in June 2023?",
    "compare NDVI of München, Augsburg and Freiburg, June 2023",
    "NO2 in Milan versus Madrid in January 2024",
]


@pytest.mark.parametrize("request_text", COMPARES)
def test_places_compared_get_one_row_each(request_text):
    messages, calls = converse(request_text, TODAY, GAZ)
    code = final_code(calls)
    assert "aggregate_spatial(geometries=parts" in code, code
    names = [c["name"] for c in calls["find_place"]]
    for n in names:
        assert f'"name":"{n}"' in code
    said = phrases(answer_language(request_text)).compared_rows.split("{")[0]  # "Eine Zeile je verglichenem Ort: "
    assert len(names) >= 2 and answer_of(messages).startswith(said)


def test_compared_places_reads_the_list():
    assert compared_places("compare NO2 over Milan and Madrid", ["Milan", "Madrid"]) == ["Milan", "Madrid"]
    assert compared_places("compare München, Augsburg and Freiburg", ["München", "Augsburg", "Freiburg"]) == [
        "München", "Augsburg", "Freiburg"]
    assert compared_places("compare NDVI in Lyon in 2022 and 2023", ["Lyon"]) == []
    assert compared_places("NDVI for Köln and Bonn", ["Köln", "Bonn"]) == []


def test_places_compared_in_one_period_are_no_change():
    _, calls = converse("compare NO2 over Milan and Madrid in January 2024", TODAY, GAZ)
    code = final_code(calls)
    assert code.count("load_collection(") == 1 and '"2024-01-01", "2024-02-01"' in code


def test_places_too_far_apart_for_one_graph_are_asked_about():
    messages, calls = converse("compare NDVI over Milan and Tokyo in June 2023", TODAY, GAZ)
    assert "run_openeo_code" not in calls
    text = answer_of(messages)
    assert "Milan" in text and "Tokyo" in text and "?" in text


def test_a_compared_place_not_found_is_said():
    messages, calls = converse("compare NO2 over Milan and Atlantis in January 2024", TODAY, GAZ)
    assert "Atlantis" in answer_of(messages)


def test_places_listed_too_far_apart_are_not_dropped_silently():
    messages, calls = converse("NDVI for Milan and Madrid in June 2023", TODAY, GAZ)
    text = answer_of(messages)
    assert "Milan" in text and "Madrid" in text
