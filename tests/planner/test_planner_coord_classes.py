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


# --- keyed sides and side headers: words of six languages, min/max keys, JSON quotes ------------------------
@pytest.mark.parametrize("text,expected", [
    ("Zeige NDVI im Bereich Nord=47.90, Ost=11.70, Süd=47.70, West=11.40 im Mai", (11.40, 47.70, 11.70, 47.90)),
    ("kaart voor west: 4.70; zuid: 52.20; oost: 5.00; noord: 52.45, drempel 0,3", (4.70, 52.20, 5.00, 52.45)),
    ("carte pour ouest=-1.80 sud=47.10 est=-1.40 nord=47.35 en juin", (-1.80, 47.10, -1.40, 47.35)),
    ("mapa para oeste=-3.85, sur=40.30, este=-3.55, norte=40.55", (-3.85, 40.30, -3.55, 40.55)),
    ("in lon_min=10.76; lat_min=48.73; lon_max=11.43; lat_max=49.41 on B04", (10.76, 48.73, 11.43, 49.41)),
    ("minLat: -23.70, maxLat: -23.40, minLon: -46.80, maxLon: -46.40, 2023", (-46.80, -23.70, -46.40, -23.40)),
    ("for ymin = 2.079, ymax = 2.114, xmin = -44.743, xmax = -44.717", (-44.743, 2.079, -44.717, 2.114)),
    ('"spatial_extent": {"west": 124.364, "south": 4.671, "east": 124.501, "north": 4.741}',
     (124.364, 4.671, 124.501, 4.741)),
    ('{"bbox": [134.615, -19.946, 134.639, -19.914]} from 2017', (134.615, -19.946, 134.639, -19.914)),
    ("the box [-72.66, -13.30, -72.40, -13.05] (W, S, E, N) in 2019", (-72.66, -13.30, -72.40, -13.05)),
    ("AOI (min_lat, min_lon, max_lat, max_lon) = (-41.085, 171.442, -41.009, 171.509)", (171.442, -41.085, 171.509, -41.009)),
    ("bbox in lat/lon order: 46.169, 15.064, 47.332, 16.004 for NDVI", (15.064, 46.169, 16.004, 47.332)),
])
def test_keyed_sides_and_headers(text, expected):
    assert bbox(text) == expected


@pytest.mark.parametrize("text", [
    "Nord 2 und Süd 3 sind Felder, 2021",  # two sides are no box
    "the north 10 km and the south 5 km of the lake, 2020-2021",
])
def test_side_words_alone_are_no_box(text):
    assert find_coordinates(text) is None


# --- hemisphere letters: Z (zuid), O as Ost/Oost or ouest/oeste by the other letters and the language, ---------
# ranges joined by '..' or 'and' in five languages, decimal degrees with '°' never read as degrees-minutes
@pytest.mark.parametrize("text,expected", [
    ("Bereken NDVI voor 18,40–18,60 O; 33,90–34,10 Z van 1 mei tot 30 juni", (18.40, -34.10, 18.60, -33.90)),
    ("Maak een kaart voor 72,50–71,76 W; 2,88 tot 1,81 Z, drempel 0,2", (-72.50, -2.88, -71.76, -1.81)),
    ("Berechne den NDVI für 11,50–11,70 O; 48,10–48,20 N im Mai", (11.50, 48.10, 11.70, 48.20)),
    ("Calcule le NDVI pour l'emprise 1,50 à 1,20 O ; 43,55 à 43,70 N du 1er juin", (-1.50, 43.55, -1.20, 43.70)),
    ("Calcula el NDVI en el área 3,80° – 3,60° O; 40,35° – 40,50° N, umbral 0,3", (-3.80, 40.35, -3.60, 40.50)),
    ("Calcola l'NDVI per l'area tra 9,10 e 9,30 O e tra 45,40 e 45,55 N", (-9.30, 45.40, -9.10, 45.55)),
    ("im Gebiet zwischen 8,40° O und 8,60° O sowie 49,00° N–49,10° N", (8.40, 49.00, 8.60, 49.10)),
    ("la zone entre 2,30°E et 2,45°E et entre 48,80°N et 48,90°N, seuil 0,4", (2.30, 48.80, 2.45, 48.90)),
    ("Toon NDWI binnen tussen 102,45°O en 102,63°O en 13,96°N–14,11°N", (102.45, 13.96, 102.63, 14.11)),
    ("en el área entre 10.50°S y 10.66°S y entre 66.14°O y 66.29°O, umbral 0,3", (-66.29, -10.66, -66.14, -10.50)),
    ("binnen 17,430°..17,468° N; 94,579°-94,636° W in de zomer", (-94.636, 17.430, -94.579, 17.468)),
    ("map NDVI in 60.20..62.89 E / 26.39-29.39N on 2024-06-10", (60.20, 26.39, 62.89, 29.39)),
])
def test_hemisphere_letters_and_joined_ranges(text, expected):
    assert bbox(text) == expected


@pytest.mark.parametrize("text,lon,lat", [
    ("overstromingskaart voor Lat 5,466 Z; Lon 71,359 W; straal 5 km", -71.359, -5.466),
    ("carte pour Lat 60,0430 N; Lon 131,3203 O; rayon 20 km", -131.3203, 60.043),
    ("Karte für 47,80 N, 12,10 O im Juli", 12.10, 47.80),
    ("a menos de 5 km de 14,8783° N 98,8931° O, umbral 0,2", -98.8931, 14.8783),
])
def test_hemisphere_points(text, lon, lat):
    c = find_coordinates(text)
    assert c is not None and c.kind == "point" and c.point == (lon, lat)


def test_one_axis_alone_is_no_coordinate():
    assert find_coordinates("NDVI 0,3 bis 0,5 N-Dünger, vom 1. bis 15. Mai") is None


# --- GeoJSON geometries and WKT points ------------------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ('NDVI für geometry {"type":"Polygon","coordinates":[[[9.58,46.65],[12.02,46.65],[12.02,49.07],[9.58,49.07],'
     '[9.58,46.65]]]} im Mai', (9.58, 46.65, 12.02, 49.07)),
    ("flood map for coordinates [[[-76.88, 42.10], [-76.68, 42.10], [-76.68, 42.35], [-76.88, 42.10]]] in 2017",
     (-76.88, 42.10, -76.68, 42.35)),
    ('zone {"type": "MultiPolygon", "coordinates": [[[[2.10, 48.70], [2.20, 48.70], [2.20, 48.80], [2.10, 48.70]]], '
     '[[[2.50, 48.90], [2.60, 48.90], [2.60, 49.00], [2.50, 48.90]]]]} seuil 0,3', (2.10, 48.70, 2.60, 49.00)),
    ('área {"coordinates": [[[-58.5, -34.7], [-58.3, -34.7], [-58.3, -34.5], [-58.5, -34.5]]], "type": "Polygon"}',
     (-58.5, -34.7, -58.3, -34.5)),
])
def test_geojson_polygons(text, expected):
    c = find_coordinates(text)
    assert c is not None and c.kind == "polygon" and c.bbox == expected and c.polygon[0] == c.polygon[-1]


def test_geojson_multipolygon_keeps_every_ring():
    c = find_coordinates('{"type": "MultiPolygon", "coordinates": [[[[5.1, 52.0], [5.2, 52.0], [5.2, 52.1]]], '
                         '[[[5.3, 52.2], [5.4, 52.2], [5.4, 52.3]]]]}')
    assert c.polygons is not None and len(c.polygons) == 2


@pytest.mark.parametrize("text,lon,lat", [
    ('kaart voor geometry {"type":"Point","coordinates":[141.56,-24.68]} van mei', 141.56, -24.68),
    ('{"type": "Point", "coordinates": [-79.275, 54.660]} en septembre 2021', -79.275, 54.66),
    ("NDWI para la zona POINT(24.666 -32.736) en abril de 2018, umbral 0,1", 24.666, -32.736),
    ("Zeitreihe für POINT (8.6821 50.1109) seit 2020", 8.6821, 50.1109),
])
def test_geojson_and_wkt_points_are_lon_lat(text, lon, lat):
    c = find_coordinates(text)
    assert c is not None and c.kind == "point" and c.point == (lon, lat)


def test_a_broken_geojson_array_is_not_read():
    assert find_coordinates("coordinates [[[12.1, 41.8], [12.2") is None


# --- points after their stated order, and labelled points in five languages ---------------------------------
@pytest.mark.parametrize("text,lon,lat", [
    ("Karte für lon/lat -82,0795; 37,7791, am 10. Januar", -82.0795, 37.7791),
    ("Toon NDWI binnen lon/lat 21.36, 68.77 in juli", 21.36, 68.77),
    ("time series at lat/lon: -33.45, -70.66 since 2020", -70.66, -33.45),
    ("NDVI für x/y (8.68, 50.11) seit Mai", 8.68, 50.11),
    ("kaart voor breedtegraad 52,37; lengtegraad 4,90 in mei", 4.90, 52.37),
    ("Zeitreihe für Breite 48,14 und Länge 11,58 seit 2019", 11.58, 48.14),
    ("série pour longitude -1,55 et latitude 47,22 en 2021", -1.55, 47.22),
])
def test_points_after_their_order(text, lon, lat):
    c = find_coordinates(text)
    assert c is not None and c.kind == "point" and c.point == (lon, lat) and not c.order_guessed


# --- projected CRSs named without an EPSG code -------------------------------------------------------------------
def _truth(crs, x0, y0, x1, y1):
    from pyproj import Transformer

    return Transformer.from_crs(crs, 4326, always_xy=True).transform_bounds(x0, y0, x1, y1, densify_pts=21)


@pytest.mark.parametrize("text,crs,xy", [
    ("NDVI für DHDN / GK3: 3480000, 5420000, 3495000, 5432000 im Mai", 31467, (3480000, 5420000, 3495000, 5432000)),
    ("Rechtswert 4470000–4490000, Hochwert 5330000–5345000 (Gauß-Krüger), Juni", 31468,
     (4470000, 5330000, 4490000, 5345000)),  # zone 4 from the Rechtswert
    ("Gauss-Krüger Zone 2 Rechtswert 2560000-2575000, Hochwert 5700000-5712000", 31466,
     (2560000, 5700000, 2575000, 5712000)),
    ("ETRS89/UTM32 Rechtswert 690000 - 702000, Hochwert 5330000 - 5345000 im Sommer", 25832,
     (690000, 5330000, 702000, 5345000)),
    ("Rechtswert 32690000 bis 32702000, Hochwert 5330000 bis 5345000 (ETRS89 / UTM 32N)", 25832,
     (690000, 5330000, 702000, 5345000)),  # the zone written in front of the easting
    ("UTM33 (ETRS89): 390000, 5810000, 405000, 5822000 for 2021", 25833, (390000, 5810000, 405000, 5822000)),
    ("British National Grid easting 420000–432000, northing 560000–571000, 2022", 27700,
     (420000, 560000, 432000, 571000)),
    ("OSGB36 / BNG: E 325000-333000, N 670000-678000 in May", 27700, (325000, 670000, 333000, 678000)),
    ("kaart voor RD x 120000–126000, y 485000–490000 in 2023", 28992, (120000, 485000, 126000, 490000)),
    ("RD-coördinaten x 233000 tot 238000, y 580000 tot 585000", 28992, (233000, 580000, 238000, 585000)),
    ("Lambert 72 x 145000–155000, y 165000–175000 (Bruxelles)", 31370, (145000, 165000, 155000, 175000)),
    ("LV95 E 2595000–2605000, N 1195000–1205000 (Bern)", 2056, (2595000, 1195000, 2605000, 1205000)),
])
def test_projected_crs_by_name(text, crs, xy):
    c = find_coordinates(text)
    assert c is not None and c.crs == crs, (text, c)
    tw, ts, te, tn = _truth(crs, *xy)
    w, s, e, n = c.bbox
    dx, dy = 0.02 * (te - tw), 0.02 * (tn - ts)
    assert abs(w - tw) <= dx and abs(e - te) <= dx and abs(s - ts) <= dy and abs(n - tn) <= dy


@pytest.mark.parametrize("text", ["RD 12 tot 18 mei", "Rd. 5 bis 7, Gebiet Nord", "UTM tiles 32 and 33 in 2021"])
def test_crs_words_without_projected_numbers_are_no_box(text):
    assert find_coordinates(text) is None


# --- a point with a radius is the circle's area ------------------------------------------------------------------
@pytest.mark.parametrize("text,lon,lat,r", [
    ("Lat 41.9 N, Lon 12.5 E, radius 5 km, NDVI for June", 12.5, 41.9, 5000),
    ("NDVI 10 km around 47.37 N, 8.54 E in 2022", 8.54, 47.37, 10000),
    ("in einem Umkreis von 3 km um 48,14° N, 11,58° O im Mai", 11.58, 48.14, 3000),
    ("dans un rayon de 2 km autour de 43,60° N, 1,44° E en juillet", 1.44, 43.60, 2000),
    ("binnen een straal van 500 m rond 52,37° N, 4,90° O in de zomer", 4.90, 52.37, 500),
    ("en un radio de 1,5 km alrededor de 40,42° N, 3,70° O, umbral 0,3", -3.70, 40.42, 1500),
    ("POINT(-47.2755 -18.1749) buffered by 750 m on 2023-03-17", -47.2755, -18.1749, 750),
    ("within 20 km of 64.15 N, 21.94 W since 2021", -21.94, 64.15, 20000),
])
def test_point_radius_gives_the_circle_box(text, lon, lat, r):
    import math

    c = find_coordinates(text)
    assert c is not None and c.kind == "point" and c.point == (lon, lat) and c.radius_m == r
    w, s, e, n = c.bbox
    assert abs((n - s) / 2 - r / 110_570) < 1e-5
    assert abs((e - w) / 2 - r / (111_320 * math.cos(math.radians(lat)))) < 1e-5


def test_a_point_without_radius_stays_a_point():
    c = find_coordinates("NDVI at 47.37 N, 8.54 E with a threshold of 5 and a 10 m resolution")
    assert c.radius_m is None and c.bbox == (8.54, 47.37, 8.54, 47.37)


def test_the_circle_is_the_area_the_planner_loads():
    from agent.planner.aoi import build_aoi
    from agent.planner.intents import Intent

    text = "NDVI in einem Umkreis von 3 km um 48,14° N, 11,58° O"
    c = find_coordinates(text)
    assert build_aoi(Intent(task="index", index="NDVI"), text, [], c) == tuple(round(v, 4) for v in c.bbox)
    bare = find_coordinates("NDVI um 48,14° N, 11,58° O")
    assert build_aoi(Intent(task="index", index="NDVI"), "NDVI um 48,14° N, 11,58° O", [], bare) != bare.bbox


@pytest.mark.parametrize("text,expected", [
    ("Gebied 5,70–6,00 OL, 50,80–51,00 NB, juli 2021", (5.70, 50.80, 6.00, 51.00)),
    ("kaart voor 58,40–58,10 WL; 34,50–34,70 ZB in 2020", (-58.40, -34.70, -58.10, -34.50)),
    ("gebied 52°05'NB 5°07'OL tot 52°10'NB 5°15'OL", (5.1167, 52.0833, 5.25, 52.1667)),
])
def test_dutch_nb_zb_ol_wl(text, expected):
    assert bbox(text) == expected


@pytest.mark.parametrize("text", [
    "the 4 N-S transects and 3 E-W transects, 10 to 20 m apart",
    "NDWI > 0.2 E of the river, 3 to 5 m resolution, W of the dam",
    "zwischen 5 und 10 km vom Ufer, Hangneigung 15° bis 30°, Sommer 2021",
    "entre 5 et 10 km de la côte, pente 15° à 30°, été 2020",
    "wind 10 to 15 kn from N, gusts 20 kn from W, 3 to 5 m waves",
    "straal van 5 km rond Utrecht, 2021",
    "UTM 32 tiles between 2019 and 2021",
])
def test_numbers_near_letters_and_units_are_no_coordinates(text):
    assert find_coordinates(text) is None


# --- western/southern words on labelled ranges; hemisphere letters before the value (GPS, geocaching) ----------
@pytest.mark.parametrize("text,expected", [
    ("westl. Länge 3,5–3,8, nördl. Breite 40,1–40,3 im Juni", (-3.8, 40.1, -3.5, 40.3)),
    ("longitude ouest 1,20 à 1,50, latitude 43,5 à 43,7, été 2022", (-1.5, 43.5, -1.2, 43.7)),
    ("latitud sur 33,40 a 33,60, longitud oeste 70,50 a 70,80", (-70.8, -33.6, -70.5, -33.4)),
    ("westerlengte 58,1–58,4; zuiderbreedte 34,5–34,7 in 2021", (-58.4, -34.7, -58.1, -34.5)),
    ("south latitude 20.1 to 20.4, east longitude 30.1 to 30.5", (30.1, -20.4, 30.5, -20.1)),
    ("from N 48.80 E 2.20 to N 48.90 E 2.45, June", (2.2, 48.8, 2.45, 48.9)),
])
def test_sign_words_and_prefixed_corners(text, expected):
    assert bbox(text) == expected


@pytest.mark.parametrize("text,lon,lat", [
    ("NDVI at N 48.85 E 2.35 in May", 2.35, 48.85),
    ("cache at N 47°22.500' E 008°32.400' since 2021", 8.54, 47.375),
    ("NDVI bei N48,14, O11,58 im Mai", 11.58, 48.14),
    ("time series for S 33.92, W 70.66", -70.66, -33.92),
])
def test_prefixed_points(text, lon, lat):
    c = find_coordinates(text)
    assert c is not None and c.kind == "point" and c.point == (lon, lat)


def test_band_and_sensor_names_are_no_prefixed_points():
    assert find_coordinates("S2 and S1 E 10 m, B04 N 3") is None
