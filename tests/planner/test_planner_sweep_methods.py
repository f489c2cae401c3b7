"""Method classes from the dev rows of the method sweep (tests/data/planner/method_sweep.jsonl), each with varied
inputs in several languages: a reducer "over time" is no time series, a time series' statistic over the area."""

from __future__ import annotations

from datetime import date

import pytest
from planner_helpers import intent, plan_graph

from agent.planner.dates import Period

BBOX = (4.65, 50.84, 4.75, 50.90)
P = Period(start=date(2022, 5, 1), end=date(2022, 9, 1))


def graph(text, periods=(P,)):
    return plan_graph(text, BBOX, list(periods), "Leuven")


@pytest.mark.parametrize("text, reducer", [
    ("NDVI from Landsat 8 over Seville, July 2021, median over time", "median"),
    ("Maximum Sentinel-2 NDVI over time for the Landes forest, summer 2021", "max"),
    ("the mean of the NDWI over time for Lake Garda, August 2022", "mean"),
    ("minimum EVI over time in Murcia, 2022", "min"),
])
def test_a_reducer_over_time_is_a_composite_not_a_time_series(text, reducer):
    it = intent(text)
    assert not it.timeseries and it.reducer == reducer
    _, _, facts = graph(text)
    assert "aggregate_spatial" not in facts.processes and reducer in facts.processes


@pytest.mark.parametrize("text", ["NDVI over time for the fields near Leuven, 2022", "how NDVI evolved over time in Ghent"])
def test_an_index_over_time_is_still_a_time_series(text):
    assert intent(text).timeseries


@pytest.mark.parametrize("text, reducer", [
    ("Mediana espacial del NDVI sobre Madrid para cada fecha, marzo–mayo de 2023, en CSV", "median"),
    ("Massimo spaziale dell'NDVI su Torino per ogni data, serie temporale JSON", "max"),
    ("räumliches Minimum des NDVI über Leipzig, Zeitreihe als CSV", "min"),
    ("the maximum NDVI over the whole area for each date as a time series, Ghent 2022", "max"),
    ("ruimtelijk gemiddelde van de NDVI per datum als tijdreeks in CSV", "mean"),
    ("time series of the spatial median of VV backscatter over Rotterdam, CSV", "median"),
])
def test_a_time_series_reduces_the_area_with_the_statistic_named_for_it(text, reducer):
    it = intent(text)
    assert it.timeseries and it.spatial_reducer == reducer
    _, code, facts = graph(text)
    assert f'aggregate_spatial(geometries=aoi, reducer="{reducer}")' in code


def test_a_monthly_series_with_a_spatial_median_averages_each_month():
    text = "monthly NDVI time series with the spatial median per month over Leuven, CSV"
    _, code, _ = graph(text)
    assert 'aggregate_temporal_period(period="month", reducer="mean")' in code
    assert 'aggregate_spatial(geometries=aoi, reducer="median")' in code


def test_a_plain_time_series_still_averages_the_area():
    _, code, _ = graph("NDVI time series for the fields near Leuven, May to August 2022, CSV")
    assert 'aggregate_spatial(geometries=aoi, reducer="mean")' in code


@pytest.mark.parametrize("text, expression", [
    ("NIR minus red over NIR plus red for Rome, July 2021", "(b08 - b04) / (b08 + b04)"),
    ("nahes Infrarot minus Rot geteilt durch nahes Infrarot plus Rot, Wien", "(b08 - b04) / (b08 + b04)"),
    ("proche infrarouge moins rouge divisé par proche infrarouge plus rouge sur Lyon", "(b08 - b04) / (b08 + b04)"),
    ("nabij-infrarood min rood gedeeld door nabij-infrarood plus rood", "(b08 - b04) / (b08 + b04)"),
    ("infrarrojo cercano menos rojo dividido por infrarrojo cercano más rojo", "(b08 - b04) / (b08 + b04)"),
    ("infrarosso vicino meno rosso diviso infrarosso vicino più rosso", "(b08 - b04) / (b08 + b04)"),
    ("green minus SWIR divided by green plus SWIR over the Po delta", "(b03 - b11) / (b03 + b11)"),
    ("B11 gedeeld door B08 voor Rotterdam", "b11 / b08"),
    ("near-infrared divided by red for the fields of Flevoland", "b08 / b04"),
])
def test_a_formula_spoken_in_words_is_read_as_band_arithmetic(text, expression):
    from agent.planner.i18n import normalize
    from agent.planner.methods import find_formula

    f = find_formula(normalize(text))
    assert f is not None and f.expression == expression


@pytest.mark.parametrize("text", ["NDVI over Rome in July 2022", "the red and green bands over Ghent",
                                  "a true colour image of the red roofs over Siena", "blue sky over red roofs"])
def test_colour_words_without_arithmetic_are_no_formula(text):
    from agent.planner.i18n import normalize
    from agent.planner.methods import find_formula

    assert find_formula(normalize(text)) is None


@pytest.mark.parametrize("text, reducer", [
    ("NIR minus red over NIR plus red, averaged over July 2021, Rome", "mean"),
    ("Rot minus Grün geteilt durch Rot plus Grün, Maximum über die Zeit, Leipzig", "max"),
    ("proche infrarouge moins rouge divisé par proche infrarouge plus rouge, Lyon", "median"),
])
def test_a_spoken_index_is_computed_and_reduced_as_named(text, reducer):
    it = intent(text)
    assert it.task == "index"
    _, _, facts = graph(text)
    assert {"subtract", "add", "divide", reducer} <= facts.processes


@pytest.mark.parametrize("text", [
    "Bare Soil Index (BSI) for Murcia in March 2022 from Sentinel-2, mean over time",
    "BSI für die Äcker bei Magdeburg, April 2023",
    "Índice de suelo desnudo en Almería, mayo de 2022",
    "indice di suolo nudo per la Puglia, agosto 2021",
    "bare-soil index of the fields near Leuven, median of May 2022",
])
def test_the_bare_soil_index_uses_swir_red_nir_and_blue(text):
    it = intent(text)
    assert it.task == "index" and it.index == "BSI"
    _, code, facts = graph(text)
    assert set(facts.loads[0].bands) >= {"B02", "B04", "B08", "B11"}
    assert "((swir + red) - (nir + blue)) / ((swir + red) + (nir + blue))" in code


def test_the_bare_soil_index_from_landsat_maps_its_bands():
    _, _, facts = graph("BSI from Landsat 8 over Seville, July 2021")
    assert facts.collections == {"LANDSAT8_L2"} and set(facts.loads[0].bands) == {"B02", "B04", "B05", "B06"}


@pytest.mark.parametrize("text, days", [
    ("7-day moving average of NDVI for Munich from May to August 2022", 7),
    ("Gleitender 14-Tage-Mittelwert der LST für Wien, Juni–August 2022", 14),
    ("moyenne glissante sur 10 jours du NDVI pour Toulouse", 10),
    ("media mobile di 5 giorni dell'NDVI per la pianura padana", 5),
    ("rolling 2-week mean of VV backscatter over Flevoland, 2022", 14),
    ("voortschrijdend gemiddelde over 7 dagen van de NDVI, laatste 90 dagen", 7),
])
def test_a_moving_window_in_days_counts_days_not_observations(text, days):
    it = intent(text)
    assert it.workflow == "moving_window" and it.window_days == days
    _, code, facts = graph(text)
    assert "apply_dimension" in facts.processes and "rolling(t=" not in code
    assert f"{days} days" in code


def test_a_moving_window_in_observations_keeps_counting_observations():
    it = intent("running mean of NDVI over 4 acquisitions, netCDF")
    assert it.kernel_size == 4 and it.window_days is None


def _udf_of(code: str):
    import re

    import numpy as np
    import xarray

    body = re.search(r'openeo\.UDF\("""\n(.*?)"""\)', code, re.S).group(1)
    scope: dict = {"np": np, "xarray": xarray}
    exec(body, scope)
    return scope["apply_datacube"]


def test_the_day_window_udf_averages_the_dates_within_the_days():
    import numpy as np
    import xarray

    _, code, _ = graph("3-day moving average of NDVI near Leuven, May to August 2022")
    apply_datacube = _udf_of(code)
    days = np.array(["2022-05-01", "2022-05-02", "2022-05-03", "2022-05-10", "2022-05-11"], dtype="datetime64[ns]")
    cube = xarray.DataArray(np.array([1.0, 2.0, 3.0, 10.0, 20.0]).reshape(5, 1, 1), dims=("t", "y", "x"),
                            coords={"t": days})
    out = apply_datacube(cube, {}).values.ravel()
    # 1 May: 1-2 May; 2 May: 1-3 May; 3 May: 2-3 May; 10 May: 10-11 May (3 May is a week away, not a neighbour)
    assert out.tolist() == pytest.approx([1.5, 2.0, 2.5, 15.0, 15.0])


def test_the_moving_window_title_names_the_series_smoothed():
    _, code, _ = graph("30-day rolling mean of Sentinel-5P NO2 over Milan for 2022")
    assert code.startswith('"""NO2 smoothed with a 30-day moving average')


@pytest.mark.parametrize("text, k", [
    ("3x3 focal mean (spatial moving window) of VV backscatter over Hamburg, March 2022", 3),
    ("median NDVI of June 2022 smoothed with a 5x5 boxcar filter", 5),
    ("räumlicher Mittelwertfilter 7x7 auf dem NDVI-Median, Juli 2022", 7),
    ("filtre moyen 3x3 sur la médiane de NDVI, juin 2023", 3),
])
def test_a_spatial_moving_window_is_a_focal_mean_not_a_temporal_one(text, k):
    it = intent(text)
    assert it.workflow != "moving_window" and it.focal and it.kernel_size == k
    _, code, facts = graph(text)
    assert "apply_kernel" in facts.processes and "apply_dimension" not in facts.processes
    assert f"kernel=[[1] * {k}] * {k}" in code


def test_a_rolling_mean_of_a_trace_gas_smooths_the_gas():
    _, _, facts = graph("30-day rolling mean of Sentinel-5P NO2 over Milan for 2022")
    assert facts.collections == {"SENTINEL_5P_L2"} and facts.loads[0].bands == ["NO2"]


BEFORE, AFTER = Period(start=date(2021, 7, 1), end=date(2021, 8, 1)), Period(start=date(2023, 7, 1), end=date(2023, 8, 1))


@pytest.mark.parametrize("text", [
    "Variation en pourcentage du NDVI entre juillet 2021 et juillet 2023 à Lyon",
    "Variazione percentuale dell'NDVI tra luglio 2021 e luglio 2023 per Firenze",
    "percent change in NDMI between July 2021 and July 2023 in the Black Forest",
    "prozentuale Veränderung des NDWI zwischen Juli 2021 und Juli 2023, Hamburg",
    "cambio porcentual del (B08 - B11)/(B08 + B11) entre julio de 2021 y julio de 2023",
])
def test_a_percent_change_of_an_index_is_relative_to_the_earlier_composite(text):
    it = intent(text)
    assert it.change and it.percent_change
    _, code, facts = graph(text, (BEFORE, AFTER))
    assert "(after - before) / before * 100" in code and {"subtract", "divide", "multiply"} <= facts.processes


def test_an_index_change_without_percent_stays_a_difference():
    _, code, _ = graph("NDVI change between July 2021 and July 2023 in Lyon", (BEFORE, AFTER))
    assert "change = after - before" in code and "* 100" not in code


@pytest.mark.parametrize("text, band", [
    ("Aerosol index (AER_AI_340_380) mean over Seville, 1–15 August 2023, Sentinel-5P", "AER_AI_340_380"),
    ("mittlerer AER_AI_354_388 aus Sentinel-5P über Athen, Juli 2023", "AER_AI_354_388"),
    ("Sentinel-5P CLOUD_FRACTION median over Brussels, May 2022", "CLOUD_FRACTION"),
    ("aerosol index from Sentinel-5P over Madrid, August 2022", "AER_AI_354_388"),
    ("NO2 Sentinel-5P over Milan, January 2023", "NO2"),
])
def test_a_sentinel_5p_band_named_as_the_catalogue_spells_it_is_loaded(text, band):
    _, _, facts = graph(text)
    assert facts.collections == {"SENTINEL_5P_L2"} and facts.loads[0].bands == [band]


@pytest.mark.parametrize("text, reducer", [
    ("Per-polygon maximum VV backscatter for the fields in Brandenburg, April 2022, JSON", "max"),
    ("Zonale Statistik: Median-NDVI der Felder bei Leipzig, Juni 2022", "median"),
    ("statistiques zonales : NDVI moyen par polygone sur Bordeaux, juillet 2022", "mean"),
    ("zonale statistieken van de minimale NDVI per perceel, juni 2023", "min"),
    ("estadísticas zonales del NDVI máximo por polígono en Murcia, mayo de 2022", "max"),
    ("statistiche zonali: NDVI mediano per poligono, giugno 2022", "median"),
])
def test_zonal_statistics_reduce_each_polygon_with_the_statistic_named(text, reducer):
    it = intent(text)
    assert it.timeseries and it.spatial_reducer == reducer
    _, code, facts = graph(text)
    assert "aggregate_spatial" in facts.processes
    assert f'aggregate_spatial(geometries=aoi, reducer="{reducer}")' in code


def test_zonal_statistics_per_month_take_the_named_reducer_over_time():
    text = "zonal statistics: monthly maximum NDVI per polygon for 2022, CSV"
    _, code, _ = graph(text, (Period(start=date(2022, 1, 1), end=date(2023, 1, 1)),))
    assert 'aggregate_temporal_period(period="month", reducer="max")' in code
    assert 'aggregate_spatial(geometries=aoi, reducer="mean")' in code


@pytest.mark.parametrize("text", [
    "Mean land surface temperature in °C for Vienna, July 2022, from Sentinel-3",
    "mittlere Landoberflächentemperatur in Grad Celsius für Berlin, Juli 2022",
    "température de surface maximale en degrés Celsius à Marseille, août 2023",
    "LST-tijdreeks voor Rotterdam in graden Celsius, juli 2022, CSV",
    "temperatura media de superficie en °C en Sevilla, julio de 2022",
])
def test_a_temperature_asked_in_celsius_is_converted_from_kelvin(text):
    it = intent(text)
    assert it.celsius
    _, code, facts = graph(text)
    assert "lst = lst - 273.15" in code and "subtract" in facts.processes


@pytest.mark.parametrize("text", ["mean LST for Vienna, July 2022", "LST above 30 °C in Madrid, July 2022, mask",
                                  "number of days with LST above 30 °C in Madrid, July 2022"])
def test_kelvin_stays_when_celsius_is_not_asked_for_as_the_unit(text):
    _, code, _ = graph(text)
    assert "- 273.15" not in code


@pytest.mark.parametrize("text", [
    "Temperatura media de superficie en Madrid, agosto de 2023, Sentinel-3 SLSTR",
    "température moyenne de surface à Lyon, juillet 2022",
    "temperatura massima della superficie a Milano, luglio 2023",
    "temperatura máxima de la superficie en Sevilla, julio de 2022",
])
def test_a_surface_temperature_with_its_statistic_in_between_is_lst(text):
    it = intent(text)
    assert it.task == "lst" and it.collection == "SENTINEL3_SLSTR_L2_LST"


@pytest.mark.parametrize("text", [
    "Count the number of valid Sentinel-2 observations per pixel over Turin in 2022 (B04)",
    "Anzahl der gültigen Beobachtungen pro Pixel (Sentinel-2, B08) für Zürich im Jahr 2021",
    "Aantal geldige waarnemingen per pixel voor Ghent in 2023, Sentinel-2 band B04",
    "nombre d'observations valides par pixel de NDVI sur Lyon en 2022",
    "número de observaciones válidas por píxel en Madrid, 2022, banda B08",
    "how many cloud-free acquisitions per pixel of NDVI did Leuven have in 2022",
])
def test_a_count_of_valid_observations_reduces_time_with_count(text):
    it = intent(text)
    assert it.reducer == "count"
    _, _, facts = graph(text)
    assert "count" in facts.processes and "median" not in facts.processes


def test_a_count_of_days_is_still_a_day_count():
    it = intent("number of days with NDVI below 0.3 per pixel in Murcia, 2022")
    assert it.workflow == "count_days" and it.reducer != "count"


class _TwoDates:
    """Two acquisitions of a 2 x 2 pixel Sentinel-2 L2A cube, the same CLD on both (a tie everywhere): B02 is
    lower on the first date, B03 on the second, so a per-band minimum over the ties mixes the two dates."""

    simulated = False
    name = "two-dates"

    def __init__(self, cld=(0, 0)):
        self.cld = cld

    def covers(self, request):
        return True

    def load(self, request):
        import numpy as np
        import xarray as xr

        values = {"B02": (100, 900), "B03": (900, 100), "B04": (500, 600), "CLD": self.cld}
        t = np.array(["2022-07-03", "2022-07-08"], dtype="datetime64[ns]")
        data = np.array([[np.full((2, 2), values[b][i], dtype="float64") for b in request.bands] for i in range(2)])
        cube = xr.DataArray(data, dims=("t", "bands", "y", "x"),
                            coords={"t": t, "bands": list(request.bands), "y": [5650010.0, 5650000.0],
                                    "x": [600000.0, 600010.0]})
        cube.attrs = {"crs": "EPSG:32631", "nodata": None, "simulated": False, "collection_id": request.collection.id}
        return cube


@pytest.mark.parametrize("cld, expected", [
    ((0, 0), [100.0, 900.0, 500.0]),  # a tie: the first date, every band of it (not 100, 100, 500)
    ((40, 40), [100.0, 900.0, 500.0]),
    ((7, 2), [900.0, 100.0, 600.0]),  # no tie: the less cloudy second date
])
def test_a_cloud_ranked_best_pixel_keeps_one_observation_per_pixel_on_ties(cld, expected):
    import io
    from types import SimpleNamespace

    import rasterio
    from planner_helpers import build_graph

    from backend.catalog.models import BandSpec
    from backend.datasources.base import DataSourceRegistry
    from backend.execution import execute
    from backend.processes._testing import sentinel2_spec
    from backend.processes.registry import build_registry
    from backend.settings import BackendSettings

    text = "Best-pixel composite of Rome for July 2022: per pixel the observation with the lowest cloud probability (CLD)"
    it = intent(text)
    assert it.workflow == "best_pixel" and it.rank_by_cloud
    _, code, facts = graph(text)
    assert {"array_apply", "apply_dimension"} <= facts.processes
    spec = sentinel2_spec()
    spec.bands.append(BandSpec(name="CLD", dtype="uint8", resolution_m=20, unit="%"))
    sources = DataSourceRegistry()
    sources.register(spec.id, _TwoDates(cld))
    ctx = SimpleNamespace(settings=BackendSettings(), catalog={spec.id: spec}, sources=sources)
    ctx.processes = build_registry(ctx)
    result = execute(build_graph(code), ctx)
    with rasterio.open(io.BytesIO(result.data)) as ds:
        bands = {ds.descriptions[i] or str(i): ds.read(i + 1) for i in range(ds.count)}
    values = [float(v[0, 0]) for v in bands.values()]
    assert values[:3] == expected  # B02, B03, B04 of one observation


@pytest.mark.parametrize("text, workflow", [
    ("Multi-sensor NDVI record for Seville 2019-2022 from Sentinel-2 and Landsat 8, smoothed with a 30-day moving "
     "average", "multisensor"),
    ("count the days where the 7-day moving average of LST exceeds 30 °C in Madrid, summer 2022", "count_days"),
    ("Anzahl der Tage, an denen der gleitende 5-Tage-Mittelwert der LST über 35 °C liegt, Wien 2022", "count_days"),
    ("mean and standard deviation of the smoothed NDVI series of Flevoland, 2022", "statistics"),
    ("médiane et écart-type de la série de NDVI lissée, Camargue 2022", "statistics"),
    ("RVI time series of Sentinel-1 over Brandenburg, smoothed with a 7-day moving average, CSV", "rvi"),
])
def test_smoothing_applies_to_the_series_of_any_workflow(text, workflow):
    it = intent(text)
    assert it.workflow == workflow and it.smooth
    _, code, facts = graph(text)
    assert "apply_dimension" in facts.processes and "smoothing = openeo.UDF(" in code


def test_statistics_of_a_smoothed_series_are_each_statistic():
    _, code, facts = graph("mean and standard deviation of the smoothed NDVI series of Flevoland, 2022")
    assert {"mean", "sd", "merge_cubes"} <= facts.processes
    assert code.index("smoothing = openeo.UDF(") < code.index('reducer="sd"')
