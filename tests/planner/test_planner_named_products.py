"""Products and quantities named by name, in six languages: PROBA-V, WorldCereal, the gases of Sentinel-5P, terrain
aspect, the mean elevation of a region, band words, pixel windows, a statistic per date over the area, and products
the embedded backend lacks (said in the request's language, the nearest collection used or offered; never silently)."""

from __future__ import annotations

from datetime import date

import pytest
from planner_helpers import answer_of, converse_with_gazetteer, final_code, intent, plan_graph

from agent.planner.products import missing_product, worldcereal_collection

BOX = (11.30, 46.45, 11.40, 46.52)


@pytest.mark.parametrize(
    "text, collection",
    [
        ("Mean PROBA-V NDVI over Cremona for summer 2018", "PROBAV_L3_S5_TOC_100M"),
        ("NDVI PROBA-V sur Kaolack, septembre 2019", "PROBAV_L3_S5_TOC_100M"),
        ("ProbaV NDVI-Zeitreihe für Bari 2017", "PROBAV_L3_S5_TOC_100M"),
    ],
)
def test_proba_v_is_its_own_collection(text, collection):
    it = intent(text)
    assert it.collection == collection and it.index == "NDVI"


def test_proba_v_ndvi_loads_its_ndvi_band_scaled():
    from agent.planner.dates import Period

    period = Period(start=date(2018, 6, 1), end=date(2018, 9, 1))
    _, code, facts = plan_graph("Mean PROBA-V NDVI over Cremona for summer 2018", BOX, [period], "Cremona")
    assert facts.collections == {"PROBAV_L3_S5_TOC_100M"} and "0.004" in code and "mean" in facts.processes


@pytest.mark.parametrize(
    "text, collection",
    [
        ("show the esa worldcereal maize layer", "ESA_WORLDCEREAL_MAIZE"),
        ("worldcereal winter cereals map", "ESA_WORLDCEREAL_WINTERCEREALS"),
        ("worldcereal irrigated areas", "ESA_WORLDCEREAL_IRRIGATION"),
        ("worldcereal active cropland", "ESA_WORLDCEREAL_ACTIVECROPLAND"),
        ("the world cereal map", "ESA_WORLDCEREAL_TEMPORARYCROPS"),
        ("maize map", None),
    ],
)
def test_worldcereal_products_by_their_words(text, collection):
    assert worldcereal_collection(text) == collection


@pytest.mark.parametrize(
    "text, collection",
    [
        ("WorldCereal Wintergetreide-Karte für die Region Hannover", "ESA_WORLDCEREAL_WINTERCEREALS"),
        ("WorldCereal maïskaart voor de omgeving van Tilburg", "ESA_WORLDCEREAL_MAIZE"),
        ("Mapa de regadío activo de WorldCereal en Murcia", "ESA_WORLDCEREAL_IRRIGATION"),
        ("Carte WorldCereal du maïs autour de Pau", "ESA_WORLDCEREAL_MAIZE"),
    ],
)
def test_worldcereal_in_other_languages_is_a_map_of_its_classification(text, collection):
    it = intent(text)
    assert (it.task, it.collection) == ("landcover", collection)
    _, code, facts = plan_graph(text, BOX, [], "x")
    assert facts.collections == {collection} and "CLASSIFICATION" in code and "eq" in facts.processes


@pytest.mark.parametrize(
    "text, product",
    [
        ("Kohlenmonoxid aus Sentinel-5P über Hamburg", "CO"),
        ("Schwefeldioxid von Sentinel-5P über dem Ätna", "SO2"),
        ("monoxyde de carbone Sentinel-5P sur Lyon", "CO"),
        ("Dióxido de nitrógeno de Sentinel-5P sobre Madrid", "NO2"),
        ("Formaldehído (HCHO) de Sentinel-5P sobre Manaos", "HCHO"),
        ("metano da Sentinel-5P sulla pianura padana", "CH4"),
        ("Methaan van Sentinel-5P boven Groningen", "CH4"),
        ("ozon Sentinel-5P boven Antwerpen", "O3"),
    ],
)
def test_the_gases_by_their_names_in_five_languages(text, product):
    it = intent(text)
    assert (it.task, it.product) == ("atmosphere", product)


@pytest.mark.parametrize(
    "text",
    [
        "Exposition (Hangrichtung) des Geländes um Freiburg aus dem Copernicus DEM",
        "aspect map of the terrain around Chamonix",
        "Orientation des pentes autour de Grenoble, MNT Copernicus",
        "Esposizione dei versanti intorno a Trento dal DEM",
        "Expositie van het terrein rond Valkenburg",
    ],
)
def test_aspect_is_the_direction_the_slopes_face(text):
    it = intent(text)
    assert (it.task, it.collection) == ("aspect", "COPERNICUS_30")
    _, code, facts = plan_graph(text, BOX, [], "x")
    assert {"apply_kernel", "arctan", "mod"} <= facts.processes and "aspect_degrees" in code


def test_a_word_aspect_without_terrain_is_no_aspect_map():
    assert intent("one aspect of the NDVI series over Leuven in 2023").task != "aspect"


@pytest.mark.parametrize(
    "text",
    [
        "What is the mean elevation of the region around Aosta?",
        "Wie hoch ist die mittlere Höhe der Region um Bozen?",
        "Quelle est l'altitude moyenne de la région autour de Clermont-Ferrand ?",
        "¿Cuál es la elevación media de la región alrededor de Teruel?",
        "Qual è la quota media della regione intorno a Sondrio?",
        "Wat is de gemiddelde hoogte van de regio rond Arnhem?",
    ],
)
def test_the_mean_elevation_of_a_region_is_one_number_over_the_area(text):
    it = intent(text)
    assert it.task == "dem"
    _, code, facts = plan_graph(text, BOX, [], "x")
    assert "aggregate_spatial" in facts.processes and "mean" in facts.processes


def test_an_elevation_map_stays_a_raster():
    _, code, facts = plan_graph("elevation map of Bolzano from the Copernicus DEM", BOX, [], "Bolzano")
    assert "aggregate_spatial" not in facts.processes


@pytest.mark.parametrize(
    "text, bands",
    [
        ("Rot- und Nahinfrarot-Band von Sentinel-2 über Leipzig, Juni 2023", ["B04", "B08"]),
        ("Bandas rojo e infrarrojo cercano de Sentinel-2 sobre Zaragoza", ["B04", "B08"]),
        ("Bandes rouge et proche infrarouge de Sentinel-2 sur Toulouse", ["B04", "B08"]),
        ("Bande rosso e infrarosso vicino di Sentinel-2 su Padova", ["B04", "B08"]),
        ("Rode en nabij-infrarode band van Sentinel-2 boven Utrecht", ["B04", "B08"]),
        ("SWIR-Band von Sentinel-2 über Kiel", ["B11"]),
        ("the red edge and blue bands over Ghent", ["B05", "B02"]),
    ],
)
def test_band_words_name_the_sentinel2_bands(text, bands):
    it = intent(text)
    assert it.task == "composite" and it.bands == bands


def test_band_words_without_a_band_noun_name_no_band():
    assert intent("the red roofs of Siena, true colour").bands == []


@pytest.mark.parametrize(
    "text, k",
    [
        ("Gleitender 3x3-Mittelwert des NDVI-Medians von September 2023 über Münster", 3),
        ("Media mobile 3x3 della mediana NDVI di settembre 2023 su Parma", 3),
        ("5x5 moving average of the NDVI median, Bologna, May 2024", 5),
        ("moyenne glissante 7x7 du NDVI médian à Lyon", 7),
    ],
)
def test_a_moving_window_in_pixels_is_spatial(text, k):
    it = intent(text)
    assert it.focal and it.kernel_size == k and it.workflow is None


def test_a_moving_window_in_days_stays_temporal():
    it = intent("7-day moving average of NDVI over Ghent, spring 2024")
    assert not it.focal and it.workflow == "moving_window"


@pytest.mark.parametrize(
    "text",
    [
        "Mean per acquisition over the city, Sentinel-1 VH, Ghent, May 2023",
        "Mittelwert je Aufnahme über die Stadt Köln, VV, Mai 2024",
        "Moyenne par acquisition sur la commune de Lille, NDVI, mai 2024",
        "Media per acquisizione sulla città di Pavia, NDVI, maggio 2024",
    ],
)
def test_a_statistic_per_date_over_the_area_is_a_time_series(text):
    assert intent(text).timeseries


@pytest.mark.parametrize(
    "text, task, named, nearest",
    [
        ("copernicus dem glo-90 elevation around pokhara", "dem", "Copernicus DEM GLO-90", "COPERNICUS_30"),
        ("copernicus dem 90 m höhenmodell", "dem", "Copernicus DEM GLO-90", "COPERNICUS_30"),
        ("srtm elevation of etna", "dem", "SRTM", "COPERNICUS_30"),
        ("landsat 7 ndvi over cairo 2015", "index", "Landsat 7", "LANDSAT8_L2"),
        ("landsat-5 image of lyon", "rgb", "Landsat 5", "LANDSAT8_L2"),
        ("modis land surface temperature for delhi", "lst", "MODIS", "SENTINEL3_SLSTR_L2_LST"),
        ("modis ndvi over lille", "index", "MODIS", "SENTINEL2_L2A"),
        ("corine land cover 2018 for lyon", "landcover", "CORINE Land Cover", "ESA_WORLDCOVER_10M_2021_V2"),
        ("temperatura del aire era5 en málaga", "unknown", "ERA5", "SENTINEL3_SLSTR_L2_LST"),
        ("esa worldcover 2019 for nairobi", "landcover", "ESA WorldCover 2019", "ESA_WORLDCOVER_10M_2021_V2"),
    ],
)
def test_a_product_the_backend_lacks_and_its_nearest(text, task, named, nearest):
    found = missing_product(text, task)
    assert found is not None and (found.named, found.nearest) == (named, nearest)


@pytest.mark.parametrize(
    "text",
    ["copernicus dem glo-30 slope", "landsat 8 ndvi", "landsat 9 surface temperature", "esa worldcover 2021", "ndvi in 2019"],
)
def test_products_the_backend_has_are_not_missing(text):
    assert missing_product(text) is None


@pytest.mark.parametrize(
    "request_text, words",
    [
        ("Copernicus DEM GLO-90 elevation around Pokhara, Nepal, please.", ["not available", "COPERNICUS_30"]),
        ("Copernicus DEM 90 m Höhenmodell um die Zugspitze.", ["nicht verfügbar", "COPERNICUS_30"]),
        ("NDVI MODIS sur Lille pour 2021.", ["n'est pas disponible", "SENTINEL2_L2A"]),
        ("NDVI Landsat 7 su Torino per l'estate 2016.", ["non è disponibile", "LANDSAT8_L2"]),
        ("Landsat 7 NDVI boven Den Haag, augustus 2015, mediaan.", ["niet beschikbaar", "LANDSAT8_L2"]),
    ],
)
def test_the_answer_says_first_that_the_product_is_missing(request_text, words):
    messages, calls = converse_with_gazetteer(request_text, date(2024, 3, 1))
    answer = answer_of(messages)
    first = answer.split("\n\n")[0]
    assert all(w in first for w in words), answer[:400]
    assert final_code(calls)


def test_nothing_drafted_for_a_missing_product_offers_the_nearest():
    messages, calls = converse_with_gazetteer("Temperatura del aire ERA5 en Málaga para julio de 2023.", date(2024, 3, 1))
    answer = answer_of(messages)
    assert "ERA5 no está disponible" in answer and "SENTINEL3_SLSTR_L2_LST" in answer
    assert not calls.get("run_openeo_code")


@pytest.mark.parametrize(
    "text, band",
    [
        ("cross-polarised Sentinel-1 backscatter over Ghent", "VH"),
        ("kreuzpolarisierte Rückstreuung über Köln", "VH"),
        ("rétrodiffusion en polarisation croisée sur Lyon", "VH"),
        ("retrodispersión en polarización cruzada sobre Sevilla", "VH"),
        ("co-polarised backscatter over Ghent", "VV"),
    ],
)
def test_cross_and_co_polarised_backscatter(text, band):
    it = intent(text)
    assert it.task == "backscatter" and band in it.bands


@pytest.mark.parametrize("text", ["cooperation map with co-op farms", "co-registered stack of images over Ghent"])
def test_a_co_prefix_is_no_carbon_monoxide(text):
    assert intent(text).task != "atmosphere"


@pytest.mark.parametrize("text", ["CO-Konzentration über Athen", "CO over Athens from Sentinel-5P", "monóxido de carbono en Quito"])
def test_carbon_monoxide_by_its_formula_or_name(text):
    assert intent(text).product == "CO"


@pytest.mark.parametrize(
    "text, task",
    [
        ("Höhenkarte von Innsbruck", "dem"),
        ("carte d'altitude de Grenoble", "dem"),
        ("mappa altimetrica di Trento", "dem"),
        ("mapa de altitudes de Teruel", "dem"),
        ("Geländeschummerung um Innsbruck", "hillshade"),
        ("Schattenrelief der Alpen bei Innsbruck", "hillshade"),
        ("Landsat 9 Oberflächenreflexion über Wien", "composite"),
        ("réflectance de surface Sentinel-2 sur Lyon", "composite"),
        ("riflettanza superficiale Sentinel-2 su Pavia", "composite"),
    ],
)
def test_terrain_and_reflectance_words_of_five_languages(text, task):
    assert intent(text).task == task


@pytest.mark.parametrize("text", ["Feinstaub über Stuttgart im Januar 2024", "PM2.5 over Milan", "particolato a Torino"])
def test_particulate_matter_is_not_on_the_backend(text):
    from agent.planner.i18n import normalize

    found = missing_product(normalize(text))
    assert found is not None and found.nearest == "SENTINEL_5P_L2"


@pytest.mark.parametrize(
    "text",
    [
        "Hitzewellentage in Sevilla, Juli 2023",
        "jours de canicule à Avignon en juillet 2023",
        "días de ola de calor en Sevilla en julio de 2023",
        "giorni di ondata di calore a Foggia, luglio 2023",
        "hittegolfdagen in Maastricht, juli 2023",
        "heatwave days in Seville, July 2023",
    ],
)
def test_heatwave_days_are_a_count_of_hot_days_of_land_surface_temperature(text):
    it = intent(text)
    assert (it.task, it.collection, it.workflow) == ("lst", "SENTINEL3_SLSTR_L2_LST", "count_days")


@pytest.mark.parametrize(
    "text, cls",
    [
        ("Anteil Ackerland je Gemeinde im Landkreis Göttingen", 40),
        ("part de forêt par commune dans les Vosges", 10),
        ("porcentaje de bosque por municipio en Navarra", 10),
        ("quota di bosco per comune in Trentino", 10),
        ("aandeel bos per gemeente in Drenthe", 10),
        ("Anteil bebauter Fläche je Gemeinde im Kreis Kleve", 50),
    ],
)
def test_a_land_cover_class_share_is_worldcovers_without_its_name(text, cls):
    it = intent(text)
    assert it.workflow == "zonal_landcover" and cls in it.landcover_classes


def test_a_share_of_another_product_stays_that_product():
    assert intent("percentage of cropland flooded near Valencia in November 2024").task == "flood"


@pytest.mark.parametrize(
    "request_text, words",
    [
        ("Show the ESA WorldCereal maize layer for the area around Toulouse.", ["WorldCereal 2021 crop mask", "10 m"]),
        ("Mean PROBA-V NDVI over Cremona for summer 2018.", ["PROBAV_L3_S5_TOC_100M", "100 m"]),
        ("WorldCereal maïskaart voor de omgeving van Tilburg.", ["WorldCereal 2021-gewasmasker"]),
    ],
)
def test_the_answer_names_the_product_and_its_resolution(request_text, words):
    messages, _ = converse_with_gazetteer(request_text, date(2024, 3, 1))
    answer = answer_of(messages)
    assert all(w in answer for w in words), answer[:500]


@pytest.mark.parametrize(
    "request_text, words",
    [
        ("PROBA-V NDVI over Cremona for summer 2022.", ["PROBAV_L3_S5_TOC_100M has data only from 2013-10-16 to 2020-06-30"]),
        ("NDVI Sentinel-2 sur Lyon en juin 2012.", ["SENTINEL2_L2A n'a de données que depuis le 2015-07-04"]),
        ("NO2 von Sentinel-5P über München, Januar 2017.", ["SENTINEL_5P_L2 hat Daten erst seit 2018-04-30"]),
        ("Cambio de NDVI en Sevilla entre junio de 2010 y junio de 2020.", ["SENTINEL2_L2A solo tiene datos desde"]),
    ],
)
def test_a_window_outside_the_collections_record_is_said_first(request_text, words):
    messages, _ = converse_with_gazetteer(request_text, date(2024, 3, 1))
    first = answer_of(messages).split("\n\n")[0]
    assert all(w in first for w in words), first


def test_a_window_inside_the_record_says_nothing_of_it():
    messages, _ = converse_with_gazetteer("PROBA-V NDVI over Cremona for summer 2018.", date(2024, 3, 1))
    assert "has data only" not in answer_of(messages)


@pytest.mark.parametrize(
    "text, places",
    [
        ("Rouge et PIR sur Lyon", ["Lyon"]),
        ("SWIR-Komposit von Kiel", ["Kiel"]),
        ("NIR-Band über Gent", ["Gent"]),
        ("Infrarrojo Cercano sobre Zaragoza", ["Zaragoza"]),
        ("Rosso e Infrarosso Vicino su Padova", ["Padova"]),
        ("NDVI for the Bosque de los Arrayanes", ["Bosque de los Arrayanes"]),
        ("Kurzwelliges Infrarot über Kiel", ["Kiel"]),
        ("Stickstoffdioxid über München", ["München"]),
        ("Mittlerer NDVI je Gemeinde im Kreis Nordfriesland", ["Kreis Nordfriesland"]),
        ("MODIS LST über Köln", ["Köln"]),
        ("NDVI in Baden-Baden", ["Baden-Baden"]),
        ("NDVI-Zeitreihe für Saint-Malo", ["Saint-Malo"]),
    ],
)
def test_band_gas_and_product_words_are_no_place_candidates(text, places):
    from agent.planner.places import place_candidates

    assert place_candidates(text) == places
