"""Places: coordinates in their many spellings, place phrases, gazetteer answers, AOI rules."""

from datetime import date

import pytest

from agent.planner.aoi import build_aoi
from agent.planner.i18n import normalize
from agent.planner.intents import parse_intent
from agent.planner.places import area_km2, find_coordinates, parse_place_result, place_candidates, without_feature_word


def test_hemisphere_letters():
    c = find_coordinates("my farm around 0.33° S, 36.10° E")
    assert c.kind == "point" and c.point == (36.10, -0.33)


def test_polygon_lon_lat_with_unicode_minus():
    c = find_coordinates("corners (−106.80, 52.05), (−106.78, 52.05), (−106.78, 52.062), (−106.80, 52.062), lon/lat")
    assert c.kind == "polygon" and c.bbox == (-106.80, 52.05, -106.78, 52.062)
    assert c.polygon[0] == c.polygon[-1]


def test_polygon_lat_lon_is_swapped():
    c = find_coordinates("field (52.05, 5.10), (52.06, 5.10), (52.06, 5.12) in lat/lon")
    assert c.bbox == (5.10, 52.05, 5.12, 52.06)


def test_bbox_and_named_point():
    assert find_coordinates("bbox=[5.0, 51.9, 5.2, 52.0]").bbox == (5.0, 51.9, 5.2, 52.0)
    assert find_coordinates("at lat 48.2, lon 16.37").point == (16.37, 48.2)


def test_candidates_most_specific_first():
    assert place_candidates("NDVI of the farmland in the Bekaa Valley around Zahlé, Lebanon, for May 2019")[:2] == ["Bekaa Valley", "Zahlé"]
    assert place_candidates("Flood map over Can Tho, Vietnam")[0] == "Can Tho"
    assert place_candidates("NDVI-Karte von München für Juni 2022") == ["München"]
    assert place_candidates("true colour of the venice lagoon, august 2018") == ["venice lagoon"]
    assert place_candidates("Show La Paz in 2021") == ["La Paz"]


def test_feature_word_fallback():
    assert without_feature_word("Kathmandu Valley") == "Kathmandu"
    assert without_feature_word("Lisbon") is None


def test_parse_place_result():
    hit = parse_place_result("Leuven, Flanders, Belgium (city, pop. 100k): bbox=[4.62, 50.82, 4.78, 50.92]")
    assert hit.name == "Leuven, Flanders, Belgium" and hit.kind.startswith("city") and hit.bbox == (4.62, 50.82, 4.78, 50.92)
    assert parse_place_result("[PlaceNotFound] No place called 'Atlantis'.") is None


def test_aoi_prefers_cities_over_countries_and_joins_named_places():
    it = parse_intent(normalize("flood map"))
    hits = [parse_place_result(t) for t in (
        "Porto Alegre, Brazil (city): bbox=[-51.28, -30.12, -51.10, -29.95]",
        "Canoas, Brazil (city): bbox=[-51.22, -29.97, -51.12, -29.87]",
        "Brazil (country): bbox=[-73.9, -33.7, -34.8, 5.3]",
    )]
    box = build_aoi(it, "Flood map for Porto Alegre and Canoas, Brazil", hits, None)
    assert box[0] <= -51.2 <= box[2] and box[1] <= -29.9 <= box[3]
    assert area_km2(box) < 3000


def test_aoi_is_clamped_for_high_resolution_and_grown_for_sentinel5p():
    country = parse_place_result("Hungary (country): bbox=[16.1, 45.7, 22.9, 48.6]")
    s2 = build_aoi(parse_intent("ndvi"), "NDVI of Hungary", [country], None)
    assert area_km2(s2) <= 2500
    city = parse_place_result("Delhi (city): bbox=[77.1, 28.55, 77.3, 28.75]")
    s5p = build_aoi(parse_intent("no2"), "NO2 over Delhi", [city], None)
    assert area_km2(s5p) > 3_000 and s5p[0] < 77.2 < s5p[2]  # grown to >= 60 km across


def test_aoi_east_of_a_place():
    island = parse_place_result("Gotland (natural): bbox=[18.1, 56.9, 19.4, 58.0]")
    box = build_aoi(parse_intent("olci true colour"), "OLCI true colour of the Baltic east of Gotland", [island], None)
    assert (box[0] + box[2]) / 2 > 19.0  # the centre moved east of the island's (18.75)


def test_qualifiers_and_first_queries():
    from datetime import date

    from agent.planner.followups import resolve
    from agent.planner.model import first_queries
    from agent.planner.places import qualifier_phrases

    text = "Flood map for Porto Alegre and Canoas (Rio Grande do Sul, Brazil), May 2024"
    assert qualifier_phrases(text) == ["Rio Grande do Sul", "Brazil"]
    assert qualifier_phrases("NDVI around Tilburg, Breda and Eindhoven") == []  # a list, not qualifiers
    slots = resolve("NDVI of Zahlé, Lebanon in May 2019", normalize("NDVI of Zahlé, Lebanon in May 2019"),
                    date(2019, 6, 1), None, None)
    assert first_queries(slots) == ["Zahlé, Lebanon"]


def test_request_words_are_no_places():
    assert place_candidates("Erstelle mir eine Karte der Waldflächen bei Göttingen") == ["Göttingen"]
    assert place_candidates("Necesitamos un mapa de incendios cerca de Teruel") == ["Teruel"]
    assert place_candidates("Concentration moyenne de NO2 sur Grenoble en janvier") == ["Grenoble"]
    assert place_candidates("Vorrei una mappa NDVI di Perugia per luglio") == ["Perugia"]
    assert place_candidates("Maak een kaart van Zwolle, graag") == ["Zwolle"]
    assert place_candidates("Je voudrais une image de l'île d'Oléron") == ["île d'Oléron"]
    # German "the area of X": Raum, Großraum, Ballungsraum, Umland are no part of the name
    assert place_candidates("Tage über 40 °C im Raum Sevilla im Juli 2022") == ["Sevilla"]
    assert place_candidates("NDVI-Median im Großraum München, Juni 2023") == ["München"]
    assert place_candidates("Versiegelte Flächen im Ballungsraum Stuttgart")[0] == "Stuttgart"
    assert place_candidates("Hochwasser im Umland von Passau") == ["Passau"]


def test_a_storm_name_is_no_place():
    assert place_candidates("Hurricane Ian flooded Fort Myers in 2022") == ["Fort Myers"]
    assert "Boris" not in place_candidates("Storm Boris hit Nysa, Poland in September 2024")


def test_weak_phrases_come_last():
    from agent.planner.places import weak_phrases

    text = "Drought hit the farms around Kecskemét last summer"
    assert place_candidates(text) == ["Kecskemét"]
    text = "Wir brauchen für den Bürgermeister eine Karte von Passau"
    assert place_candidates(text) == ["Passau", "Bürgermeister"] and weak_phrases(text) == ["Bürgermeister"]
    assert place_candidates("Ruhrgebiet: NO2 im Januar") == ["Ruhrgebiet"]  # a first word can be the place


def test_a_bracketed_qualifier_follows_its_place():
    from agent.planner.places import qualifier_phrases

    text = "Hochwasser an der Oder bei Frankfurt (Oder) im September"
    cands = place_candidates(text)
    assert cands.index("Oder") == cands.index("Frankfurt") + 1 and qualifier_phrases(text) == ["Oder"]


def test_field_scale_boxes():
    from agent.planner.aoi import FIELD_KM2

    it = parse_intent(normalize("ndvi time series"))
    town = parse_place_result("Ettlingen, Germany (city, pop. 39k): bbox=[8.35, 48.90, 8.48, 48.99] (west, south, east, north; EPSG:4326)")
    one = build_aoi(it, "NDVI time series of my field near Ettlingen", [town], None)
    many = build_aoi(it, "NDVI time series of the fields near Ettlingen", [town], None)
    assert area_km2(one) <= FIELD_KM2 + 0.1 < area_km2(many)
    point = find_coordinates("mein Feld bei 48.95 N, 8.40 E")
    assert area_km2(build_aoi(it, "NDVI-Zeitreihe für mein Feld bei 48.95 N, 8.40 E", [], point)) <= FIELD_KM2


def test_a_lake_inside_its_region_is_the_area():
    it = parse_intent(normalize("ndwi"))
    lake = parse_place_result("Lake Bolsena (lake): bbox=[11.84, 42.53, 12.01, 42.67] (west, south, east, north; EPSG:4326)")
    region = parse_place_result("Lazio, Italy (region, province): bbox=[11.45, 40.78, 14.03, 42.84] (west, south, east, north; EPSG:4326)")
    box = build_aoi(it, "NDWI of Lake Bolsena in Lazio", [lake, region], None)
    assert box[0] >= 11.0 and box[2] <= 12.5 and area_km2(box) < 1000


def test_a_wildfire_named_after_a_town_covers_its_surroundings():
    it = parse_intent(normalize("burn severity (dNBR)"))
    town = parse_place_result("Mati, Greece (town): bbox=[23.97, 38.02, 24.03, 38.07] (west, south, east, north; EPSG:4326)")
    box = build_aoi(it, "burn severity of the Mati fire", [town], None)
    assert box[0] < 23.93 and box[2] > 24.07


def test_look_up_variants():
    from agent.planner.model import joined_as_qualifier, listed_names, uninflected

    assert joined_as_qualifier("Lindau am Bodensee") == "Lindau, Bodensee"
    assert joined_as_qualifier("Stratford upon Avon") == "Stratford, Avon"
    assert joined_as_qualifier("Lindau") is None
    assert uninflected("Schwäbischen Alb") == "Schwäbische Alb"
    assert uninflected("Sylt") is None
    assert listed_names("Ponferrada y Astorga") == ["Ponferrada", "Astorga"]
    assert listed_names("Castilla y León") == ["Castilla", "León"]  # tried only after the whole name failed
    assert listed_names("Val d'Aran") == []


def test_product_words_of_a_collection_are_no_places():
    # "Sentinel-1 GRD" was looked up as Grenada's country code, and the planner mapped the Caribbean
    from agent.planner.places import place_candidates

    for text, place in [
        ("VH/VV ratio from Sentinel-1 GRD over the rice fields around Ludhiana, India, August 2020", "Ludhiana"),
        ("Sentinel-2 L2A MSI NDVI for Ghent, May 2022", "Ghent"),
        ("Sentinel-1 SLC coherence? No: use GRD sigma0 backscatter near Arles, March 2021", "Arles"),
    ]:
        found = place_candidates(text)
        assert not {"GRD", "SLC", "MSI", "sigma0"} & set(found), found
        assert any(place in c for c in found), found


@pytest.mark.parametrize("text,expected", [
    ("NDVI della Val d'Orcia (Toscana) da aprile", ["Val d'Orcia", "Toscana"]),
    ("NDVI de la Côte d'Azur en mai", ["Côte d'Azur"]),
    ("NDVI of the Valle d'Aosta in 2021", ["Valle d'Aosta"]),
    ("Confronta l'NDVI di Firenze e Pisa a luglio 2023", ["Firenze", "Pisa"]),
])
def test_a_name_with_an_elided_article_is_one_place(text, expected):
    """'Val d'Orcia' was looked up as 'Val' (found: Valença, Brazil) and 'Orcia'."""
    from agent.planner.places import place_candidates

    got = place_candidates(text)
    assert all(e in got for e in expected) and "Val" not in got and "Côte" not in got, got


def test_a_place_missing_from_the_gazetteer_is_said_when_its_region_gives_the_area():
    """'Val Rendena (Trentino)': not in the gazetteer, so Trentino's box — said in the answer, not silent
    (Val d'Orcia, the case that showed it, is curated since)."""
    from planner_helpers import answer_of, converse_with_gazetteer

    messages, calls = converse_with_gazetteer("NDVI della Val Rendena (Trentino) da aprile a giugno 2022", date(2022, 7, 8))
    names = [c["name"] for c in calls["find_place"]]
    assert "Val" not in names and any(n.startswith("Val Rendena") for n in names), names
    answer = answer_of(messages)
    assert "Val Rendena non è stato trovato nel dizionario geografico offline, quindi l'area è Trent" in answer, answer


def test_the_word_for_bands_is_no_place_in_any_language():
    """'als zwei Bänder' was looked up as the place 'Bänder'."""
    for text in ("Mittelwert und Standardabweichung von Sentinel-1 VH im Spreewald, als zwei Bänder",
                 "moyenne et écart-type, deux Bandes, à Lyon", "gemiddelde als twee Banden voor Utrecht"):
        got = place_candidates(text)
        assert not any(c.lower() in ("bänder", "bandes", "banden") for c in got), got


@pytest.mark.parametrize("request_text, result, inside", [
    # one named region or feature beyond the collection's area: covered whole, read coarser, never cut to its centre
    ("Schneebedeckung im Kanton Graubünden, NDSI > 0,4",
     "Graubünden, Switzerland (region, canton): bbox=[8.653, 46.173, 10.467, 47.064]", (9.53, 46.85)),
    ("Composite médian de NDVI sur le département de la Dordogne",
     "Dordogne, France (region, metropolitan department): bbox=[-0.034, 44.575, 1.459, 45.71]", (1.35, 44.62)),
    ("NDSI snow map of Banff National Park",
     "Banff National Park, Canada (national park): bbox=[-116.7, 50.7, -115.5, 52.2]", (-116.6, 52.1)),
    ("Mediaan-NDVI voor het departement Gironde",
     "Gironde, Nouvelle-Aquitaine, France (region, metropolitan department): bbox=[-1.27, 44.19, 0.32, 45.58]",
     (0.2, 45.5)),
    ("Composición en color verdadero del Parque Nacional Los Glaciares",
     "Los Glaciares National Park, Argentina (national park): bbox=[-73.6, -50.7, -72.6, -49.0]", (-73.5, -49.1)),
    ("Monthly mean NDVI across Nakhon Ratchasima province",
     "Nakhon Ratchasima, Thailand (region, province): bbox=[101.187, 14.087, 103.018, 15.807]", (101.3, 15.7)),
])
def test_a_large_named_region_is_covered_whole_and_read_coarser(request_text, result, inside):
    from agent.planner.aoi import whole_named_area

    it = parse_intent(request_text)
    hit = parse_place_result(result)
    whole = whole_named_area(it, request_text, [hit], None)
    assert whole is not None, request_text
    box, res = whole
    assert box[0] <= inside[0] <= box[2] and box[1] <= inside[1] <= box[3], (request_text, box)
    assert res is not None and 10 < res <= 80, res


@pytest.mark.parametrize("request_text, result", [
    ("NDVI around Christchurch", "Christchurch, New Zealand (city, pop. 380k): bbox=[172.52, -43.62, 172.75, -43.45]"),
    ("NDVI of Hungary", "Hungary (country): bbox=[16.1, 45.7, 22.9, 48.6]"),                    # too wide for one read
    ("NDVI of the Hoge Kempen", "Hoge Kempen National Park, Belgium (national park): bbox=[5.55, 50.9, 5.75, 51.05]"),
    ("NDVI of southern Graubünden", "Graubünden, Switzerland (region, canton): bbox=[8.653, 46.173, 10.467, 47.064]"),
    # a clamp that keeps a good share of the region's box still maps it (An Giang's box is twice the province)
    ("Monthly mean VH/VV ratio for the rice paddies of An Giang province",
     "An Giang, Vietnam (region, province): bbox=[104.72, 10.2, 105.58, 10.95]"),
    ("Composición en color verdadero del Parque Nacional Torres del Paine",
     "Torres del Paine National Park, Chile (national park): bbox=[-73.4, -51.3, -72.6, -50.75]"),
    ("Mediaan-NDVI voor de provincie Limpopo (Zuid-Afrika)",                    # too wide even read coarser
     "Limpopo, South Africa (region, province): bbox=[26.4, -25.5, 31.9, -22.1]"),
    ("NDVI mediano de la isla de Chiloé", "Chiloé Island, Chile (island): bbox=[-74.4, -43.45, -73.45, -41.75]"),
    ("NDSI snow cover in the Dolomites", "Dolomites, Italy (mountain range): bbox=[11.3, 46.2, 12.6, 46.8]"),
    ("NDVI for my field in Dordogne",
     "Dordogne, France (region, metropolitan department): bbox=[-0.034, 44.575, 1.459, 45.71]"),
])
def test_a_town_a_country_a_loose_feature_a_small_one_a_part_or_a_field_is_not_read_whole(request_text, result):
    from agent.planner.aoi import whole_named_area

    assert whole_named_area(parse_intent(request_text), request_text, [parse_place_result(result)], None) is None


@pytest.mark.parametrize("text, phrase", [
    # a landscape noun that is also a land-cover word stays in a name after its adjective
    ("NDVI-Median für den Nationalpark Bayerischer Wald, Juli 2023", "Nationalpark Bayerischer Wald"),
    ("NDVI im Thüringer Wald im Mai 2023", "Thüringer Wald"),
    ("Schneebedeckung im Oberpfälzer Wald", "Oberpfälzer Wald"),
    ("NDVI van het Amsterdamse Bos, juni 2023", "Amsterdamse Bos"),
    ("Hangneigung im Pfälzer Wald", "Pfälzer Wald"),
])
def test_an_adjective_and_its_landscape_noun_are_one_name(text, phrase):
    assert place_candidates(text)[0] == phrase


@pytest.mark.parametrize("text", ["Anteil Acker und Wald in Bayern", "Wald und Acker in Bayern"])
def test_a_land_cover_word_alone_is_still_no_place(text):
    assert place_candidates(text) == ["Bayern"]
