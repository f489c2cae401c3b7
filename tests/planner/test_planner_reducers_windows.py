"""Classes of input the blind4 split failed on, each with varied inputs in several languages: the reducer a
request names (and that it reaches the code), windows of day ranges and of "the N days after <date>", every
acquisition kept, percent changes, changes named in five languages, S1+S2 fusion per month, statistics of named
bands, moving windows over time, per-period max composites, land-cover shares in German compounds, and an
execution stopped by its values budget."""

from __future__ import annotations

from datetime import date

import pytest
from planner_helpers import intent, plan_graph

from agent.planner.codegen import Plan, build_code
from agent.planner.dates import Period, find_periods
from agent.planner.i18n import normalize
from agent.planner.methods import find_reducer
from agent.planner.repair import execution_repair

BBOX = (8.45, 39.8, 8.7, 40.0)
P = Period(start=date(2022, 7, 1), end=date(2022, 8, 1))


def facts(text, periods=(P,)):
    return plan_graph(text, BBOX, list(periods), "Oristano")


def spans(text, today=date(2025, 6, 15)):
    return [(p.start.isoformat(), p.end.isoformat()) for p in find_periods(normalize(text), today)]


# --- reducers ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, reducer", [
    ("NDMI, valore minimo di luglio 2022", "min"),
    ("le minimum du NDVI en juillet 2022", "min"),
    ("laagste NDVI van juli 2022", "min"),
    ("el NDVI mínimo de julio de 2022", "min"),
    ("Minimum des NDVI im Juli 2022", "min"),
    ("niedrigster NDVI-Wert im Juli 2022", "min"),
    ("the lowest NDVI of July 2022", "min"),
    ("la valeur la plus basse du NDVI en juillet 2022", "min"),
    ("NDVI massimo di luglio 2022", "max"),
    ("hoogste NDVI in juli 2022", "max"),
    ("höchster NDVI im Juli 2022", "max"),
    ("valor máximo del NDVI en julio de 2022", "max"),
    ("NDVI moyen de juillet 2022", "mean"),
    ("gemiddelde NDVI in juli 2022", "mean"),
    ("Mittelwert des NDVI im Juli 2022", "mean"),
    ("durchschnittlicher NDVI im Juli 2022", "mean"),
    ("valore medio dell'NDVI a luglio 2022", "mean"),
    ("promedio del NDVI en julio de 2022", "mean"),
    ("médiane du NDVI en juillet 2022", "median"),
    ("mediaan van de NDVI in juli 2022", "median"),
    ("NDVI mediana de julio de 2022", "median"),
])
def test_the_named_reducer_in_six_languages_reaches_the_code(text, reducer):
    assert find_reducer(normalize(text)) == reducer
    it = intent(text)
    assert (it.reducer, it.reducer_explicit) == (reducer, True)
    _, code, f = facts(text)
    assert f'reducer="{reducer}"' in code and reducer in f.processes


@pytest.mark.parametrize("text", [
    "NDVI for July 2022 with at most 20 % cloud cover, maximum 20 % clouds",
    "NDVI juli 2022, minimaal 0,3",  # at least 0.3: a comparison, not a reducer
    "NDVI de juillet 2022 calculé au moyen de Sentinel-2",
    "NDVI in July 2022 at the highest resolution",
])
def test_a_reducer_word_about_something_else_names_no_reducer(text):
    assert find_reducer(normalize(text)) is None


def test_a_formula_index_takes_the_named_reducer():
    text = "Stress idrico: NDMI = (B8A − B11)/(B8A + B11), valore minimo di luglio 2022"
    _, code, f = facts(text)
    assert 'reducer="min"' in code and {"min", "subtract", "divide"} <= f.processes


# --- windows ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("pour chaque acquisition entre le 1er et le 31 mai 2024", ("2024-05-01", "2024-06-01")),
    ("tra il 1 e il 31 maggio 2024", ("2024-05-01", "2024-06-01")),
    ("fra il 3 e il 12 giugno 2023", ("2023-06-03", "2023-06-13")),
    ("entre el 1 y el 31 de mayo de 2024", ("2024-05-01", "2024-06-01")),
    ("zwischen dem 1. und 31. Mai 2024", ("2024-05-01", "2024-06-01")),
    ("tussen 1 en 31 mei 2024", ("2024-05-01", "2024-06-01")),
    ("between 1 and 20 May 2024", ("2024-05-01", "2024-05-21")),
    ("du 3 au 12 juin 2024", ("2024-06-03", "2024-06-13")),
    ("van 1 t/m 15 juli 2024", ("2024-07-01", "2024-07-16")),
    ("vom 1. bis 15. Juli 2024", ("2024-07-01", "2024-07-16")),
    ("1–20 May 2024", ("2024-05-01", "2024-05-21")),
])
def test_day_ranges_with_articles_and_conjunctions_end_after_their_last_day(text, expected):
    assert spans(text) == [expected]


@pytest.mark.parametrize("text", [
    "percent change of mean VV in the 10 days after the 12 March 2025 rain compared with the 10 days before it",
    "les 10 jours après le 12 mars 2025 comparés aux 10 jours avant",
    "die zehn Tage nach dem 12. März 2025 gegenüber den zehn Tagen davor.",
    "de 10 dagen na 12 maart 2025 vergeleken met de 10 dagen ervoor",
    "los 10 días después del 12 de marzo de 2025 frente a los 10 días anteriores",
    "i 10 giorni dopo il 12 marzo 2025 rispetto ai 10 giorni prima",
])
def test_the_n_days_after_a_dated_event_and_the_n_days_before_it(text):
    periods = find_periods(normalize(text), date(2025, 4, 1))
    roles = {p.role: (p.start.isoformat(), p.end.isoformat()) for p in periods}
    # the after window starts on the event's day, the before window ends the day before it
    assert roles == {"after": ("2025-03-12", "2025-03-22"), "before": ("2025-03-02", "2025-03-12")}


def test_the_italian_word_for_temporal_is_no_storm():
    assert "storm" not in __import__("agent.planner.dates", fromlist=["date_text"]).date_text(
        normalize("NDVI levigato con una media mobile temporale"))


# --- every acquisition kept, percent changes, changes in five languages ---------------------------------

@pytest.mark.parametrize("text", [
    "Masque d'eau : eau si VV < −18 dB, pour chaque acquisition de mai 2024, garder toutes les dates, export netCDF",
    "Water mask where VV < -18 dB for every acquisition in May 2024, keep all dates, netCDF",
    "Wassermaske VV < -18 dB für jede Aufnahme im Mai 2024, alle Termine behalten, als NetCDF",
    "watermasker VV < -18 dB, elke opname van mei 2024, alle datums behouden, netCDF",
])
def test_every_acquisition_kept_is_thresholded_date_by_date(text):
    it = intent(text)
    assert it.every_date and not it.timeseries and it.output_format == "netCDF"
    _, code, f = facts(text)
    assert "lt" in f.processes and not f.temporal_reduction and ".nc" in code


@pytest.mark.parametrize("text", [
    "percent change of mean Sentinel-1 VV backscatter between March 2024 and March 2025",
    "prozentuale Änderung der mittleren Sentinel-1 VV-Rückstreuung zwischen März 2024 und März 2025",
    "variation en pourcentage de la rétrodiffusion VV Sentinel-1 entre mars 2024 et mars 2025",
    "procentuele verandering van de Sentinel-1 VV backscatter tussen maart 2024 en maart 2025",
    "cambio porcentual de la retrodispersión VV de Sentinel-1 entre marzo de 2024 y marzo de 2025",
    "variazione percentuale del backscatter VV di Sentinel-1 tra marzo 2024 e marzo 2025",
])
def test_a_percent_change_divides_by_the_earlier_period(text):
    it = intent(text)
    assert it.change and it.percent_change
    periods = [Period(start=date(2024, 3, 1), end=date(2024, 4, 1)), Period(start=date(2025, 3, 1), end=date(2025, 4, 1))]
    _, code, f = facts(text, periods)
    assert {"subtract", "divide", "mean"} <= f.processes and "/ before * 100" in code


def test_a_soil_moisture_percent_change_compares_the_means():
    text = ("Soil-moisture change around Wagga Wagga: percent change of mean Sentinel-1 VV backscatter (dB) in the 10 days "
            "after the 12 March 2025 rain compared with the 10 days before it")
    periods = [Period(start=date(2025, 3, 2), end=date(2025, 3, 12)), Period(start=date(2025, 3, 13), end=date(2025, 3, 23))]
    _, code, f = facts(text, periods)
    assert {"subtract", "divide", "mean"} <= f.processes and "percent_change" in code


@pytest.mark.parametrize("text", [
    "Verandering rond het stuwmeer: gemiddelde Sentinel-1 VH in dB over september–november 2017 en 2024, en dan de verschilkaart",
    "Veränderung der mittleren Sentinel-1 VH-Rückstreuung im Herbst 2017 und 2024",
    "changement de la rétrodiffusion VH Sentinel-1 moyenne entre l'automne 2017 et l'automne 2024",
    "cambio de la retrodispersión VH media de Sentinel-1 entre otoño de 2017 y otoño de 2024",
    "cambiamento del backscatter VH medio di Sentinel-1 tra l'autunno 2017 e l'autunno 2024",
])
def test_a_change_named_in_five_languages_subtracts_the_periods(text):
    it = intent(text)
    assert it.change and it.task == "backscatter"
    periods = [Period(start=date(2017, 9, 1), end=date(2017, 12, 1)), Period(start=date(2024, 9, 1), end=date(2024, 12, 1))]
    _, _, f = facts(text, periods)
    assert {"subtract", "mean"} <= f.processes and len(f.loads) == 2


# --- workflows --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "fuse Sentinel-1 VV and VH backscatter with Sentinel-2 B04 and B08 into a single datacube of monthly composites",
    "Sentinel-1 VV/VH und Sentinel-2 NDVI als monatliche Komposite in einem Datenwürfel kombinieren",
    "fusionner Sentinel-1 (VV, VH) et Sentinel-2 (B04, B08) en composites mensuels",
    "combineer Sentinel-1 VV en Sentinel-2 NDVI tot maandelijkse composieten in één datacube",
    "combina Sentinel-1 VV y Sentinel-2 NDVI en compuestos mensuales",
])
def test_a_fusion_of_monthly_composites_aggregates_each_part_per_month(text):
    it = intent(text)
    assert it.workflow == "fusion" and it.period == "month"
    _, code, f = facts(text)
    assert {"merge_cubes", "aggregate_temporal_period"} <= f.processes
    assert code.count('aggregate_temporal_period(period="month"') == 2


def test_a_fusion_without_a_period_is_one_composite():
    _, code, f = facts("fuse Sentinel-1 VV with Sentinel-2 NDVI for July 2022")
    assert "aggregate_temporal_period" not in f.processes and "merge_cubes" in f.processes


@pytest.mark.parametrize("text, bands", [
    ("Composite du 25e percentile des bandes B02, B03 et B04 sur Dakar", ["B02", "B03", "B04"]),
    ("90th percentile composite of B04, B08 and B11", ["B04", "B08", "B11"]),
    ("das 90. Perzentil der Bänder B02, B03 und B04", ["B02", "B03", "B04"]),
    ("percentil 10 de las bandas B08 y B11", ["B08", "B11"]),
    ("il 75° percentile delle bande B03 e B04", ["B03", "B04"]),
])
def test_a_percentile_of_named_bands_loads_the_bands_not_an_index(text, bands):
    it = intent(text)
    assert it.workflow == "statistics" and it.index is None
    _, _, f = facts(text)
    assert set(bands) <= set(f.loads[0].bands) and "quantiles" in f.processes
    assert not {"B08"} - set(bands) or "B08" not in f.loads[0].bands  # no NDVI's bands added


def test_mean_and_sd_of_named_bands_name_each_band_with_its_statistic():
    _, code, f = facts("mean and standard deviation of B04 and B08 over July 2022, one band each")
    assert '"B04_mean", "B08_mean"' in code and '"B04_sd", "B08_sd"' in code and "merge_cubes" in f.processes


@pytest.mark.parametrize("text, n", [
    ("NDVI levigato con una media mobile temporale su finestre di 3 acquisizioni, netCDF", 3),
    ("NDVI mit gleitendem Mittel über 5 Aufnahmen glätten, netCDF", 5),
    ("NDVI avec une moyenne glissante sur 5 dates, netCDF", 5),
    ("NDVI lopend gemiddelde over 3 opnamen, netCDF", 3),
    ("NDVI con promedio móvil de 7 imágenes, netCDF", 7),
    ("running mean of NDVI over 4 acquisitions, netCDF", 4),
])
def test_a_moving_window_over_time_in_six_languages_with_its_length(text, n):
    it = intent(text)
    assert it.workflow == "moving_window" and it.kernel_size == n
    _, code, f = facts(text)
    assert "apply_dimension" in f.processes and f"rolling(t={n}" in code


@pytest.mark.parametrize("text, period", [
    ("Dekadal maximum-NDVI composites, second and third dekads of April 2024 (one layer per dekad)", "dekad"),
    ("monthly max NDVI composites for 2023", "month"),
    ("maximum NDVI composite per week in June 2023", "week"),
])
def test_a_max_ndvi_composite_per_period_aggregates_with_max(text, period):
    it = intent(text)
    assert it.workflow is None and (it.reducer, it.period) == ("max", period)
    _, _, f = facts(text, (Period(start=date(2023, 1, 1), end=date(2024, 1, 1)),))
    assert {"aggregate_temporal_period", "max"} <= f.processes


def test_a_best_pixel_composite_stays_one():
    assert intent("best-pixel composite for April 2024").workflow == "best_pixel"


@pytest.mark.parametrize("text", [
    "Wie verteilen sich die Landbedeckungsklassen von ESA WorldCover im Landkreis Harz? Flächenanteile je Klasse als Tabelle",
    "Anteile der Bodenbedeckungsklassen im Kreis Kleve",
    "répartition de l'occupation des sols dans le Gers",
    "verdeling van het landgebruik in Drenthe per klasse",
    "distribuzione della copertura del suolo in provincia di Siena",
])
def test_land_cover_shares_in_compounds_and_distribution_words(text):
    assert intent(text).workflow == "zonal_landcover"


# --- execution over its values budget ------------------------------------------------------------

def test_an_execution_over_its_values_budget_is_read_coarser():
    error = ("FAILED [ExecutionFailed] Batch job j-1 ended with status error: This computation is larger than its budget: "
             "'load_collection' produces 1,337,710,724 values (pixels x bands x time steps), more than the 1,000,000,000 "
             "allowed here. Use a smaller area, fewer bands, a shorter period or a coarser resolution, or a batch job.")
    plan = Plan(intent=intent("RVI from Sentinel-1, monthly means January to June 2021"), bbox=BBOX, periods=[P])
    fixed = execution_repair(plan, error)
    assert fixed is not None and fixed[0].read_resolution_m == 20
    assert "resample_spatial(resolution=20" in build_code(fixed[0])


# --- an empty window widened ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "soil moisture change from Sentinel-1 VV, before 2 to 11 March 2025, after 12 March 2025",
    "Sentinel-1 VV backscatter change between 2-11 March 2025 and 12 March 2025",
    "flood map from Sentinel-1, reference 2-11 March 2025, flood 12 March 2025",
])
def test_only_the_empty_window_is_widened_and_away_from_the_other(text):
    before = Period(start=date(2025, 3, 2), end=date(2025, 3, 12), role="before")
    event = Period(start=date(2025, 3, 12), end=date(2025, 3, 13), role="after")
    plan = Plan(intent=intent(text), bbox=BBOX, periods=[before, event])
    error = ("INVALID\n[NoDataAvailable] load_collection 'loadcollection1' (SENTINEL1_GRD) has no acquisition between "
             "2025-03-12 and 2025-03-13 (end exclusive) over west=8.45, south=39.8, east=8.7, north=40.0.")
    fixed = execution_repair(plan, error)
    assert fixed is not None
    b, a = fixed[0].periods
    assert (b.start, b.end) == (before.start, before.end)  # it had data: as asked
    assert (a.start, a.end) == (date(2025, 3, 12), date(2025, 3, 19))  # forward only: no pre-event overpass


# --- every date form, six languages, exclusive ends -------------------------------------------------

_FORMS = [
    (("May 2024", "mai 2024", "Mai 2024", "mei 2024", "mayo de 2024", "maggio 2024"), ("2024-05-01", "2024-06-01")),
    (("1-20 May 2024", "1–20 mai 2024", "1.–20. Mai 2024", "1-20 mei 2024", "1-20 de mayo de 2024", "1-20 maggio 2024"),
     ("2024-05-01", "2024-05-21")),
    (("from 3 to 12 June 2024", "du 3 au 12 juin 2024", "vom 3. bis 12. Juni 2024", "van 3 tot 12 juni 2024",
      "del 3 al 12 de junio de 2024", "dal 3 al 12 giugno 2024"), ("2024-06-03", "2024-06-13")),
    (("3 June to 12 July 2024", "du 3 juin au 12 juillet 2024", "vom 3. Juni bis 12. Juli 2024", "van 3 juni t/m 12 juli 2024",
      "del 3 de junio al 12 de julio de 2024", "dal 3 giugno al 12 luglio 2024"), ("2024-06-03", "2024-07-13")),
    (("April to June 2024", "d'avril à juin 2024", "April bis Juni 2024", "april tot juni 2024", "de abril a junio de 2024",
      "da aprile a giugno 2024"), ("2024-04-01", "2024-07-01")),
    (("Q3 2023", "3e trimestre 2023", "3. Quartal 2023", "derde kwartaal 2023", "3º trimestre de 2023", "terzo trimestre 2023",
      "T3 2023", "Q3/2023"), ("2023-07-01", "2023-10-01")),
    (("2nd half of 2023", "2e semestre 2023", "2. Halbjahr 2023", "tweede halfjaar 2023", "2º semestre de 2023",
      "secondo semestre 2023"), ("2023-07-01", "2024-01-01")),
    (("summer 2023", "été 2023", "Sommer 2023", "zomer 2023", "verano de 2023", "estate 2023"), ("2023-06-01", "2023-09-01")),
    (("14 September 2024", "14 septembre 2024", "14. September 2024", "14 september 2024", "14 de septiembre de 2024",
      "14 settembre 2024"), ("2024-09-14", "2024-09-15")),
    (("second dekad of May 2024", "2e décade de mai 2024", "2. Dekade im Mai 2024", "tweede decade van mei 2024",
      "segunda decena de mayo de 2024", "seconda decade di maggio 2024"), ("2024-05-11", "2024-05-21")),
]


@pytest.mark.parametrize("text, expected", [(t, e) for texts, e in _FORMS for t in texts])
def test_every_date_form_in_six_languages_ends_the_day_after_its_last_day(text, expected):
    assert spans(text) == [expected]


@pytest.mark.parametrize("text, reducer", [
    ("monthly maximum NDVI per field for 2022 as CSV", "max"),
    ("maandelijkse laagste NDVI per perceel in 2022, tijdreeks als CSV", "min"),
    ("NDVI-Zeitreihe 2022: Monatsmediane pro Feld als CSV, Median", "median"),
])
def test_a_time_series_per_period_takes_the_named_reducer_over_time(text, reducer):
    it = intent(text)
    assert it.timeseries and it.period == "month"
    _, code, _ = facts(text, (Period(start=date(2022, 1, 1), end=date(2023, 1, 1)),))
    assert f'aggregate_temporal_period(period="month", reducer="{reducer}")' in code
    assert 'aggregate_spatial(geometries=aoi, reducer="mean")' in code


@pytest.mark.parametrize("text", [
    "monthly maximum NDVI record from Landsat 8 and Sentinel-2 for 2020-2023",
    "monatliches NDVI-Maximum aus Landsat 8 und Sentinel-2, 2020-2023",
])
def test_a_multisensor_record_takes_the_named_reducer(text):
    it = intent(text)
    assert it.workflow == "multisensor" and it.reducer == "max"
    _, code, _ = facts(text, (Period(start=date(2020, 1, 1), end=date(2024, 1, 1)),))
    assert code.count('reducer="max"') == 2


@pytest.mark.parametrize("text, optical, radar", [
    ("Fuse Sentinel-1 (VV, VH mean) and Sentinel-2 NDVI (median) for July 2022 into one GeoTIFF", "median", "mean"),
    ("Fusión de Sentinel-1 (VV y VH medios) y NDVI de Sentinel-2 (mediana) en marzo de 2022", "median", "mean"),
    ("stack the maximum Sentinel-2 NDVI and Sentinel-1 VV of July 2022 into one datacube", "max", "max"),
    ("fuse Sentinel-1 VV with Sentinel-2 NDVI for July 2022", "median", "mean"),
])
def test_a_fusion_takes_one_named_reducer_for_both_parts_and_several_as_each_parts(text, optical, radar):
    _, code, _ = facts(text)
    assert f'optical = optical.reduce_dimension(dimension="t", reducer="{optical}")' in code
    assert f's1 = s1.reduce_dimension(dimension="t", reducer="{radar}")' in code


@pytest.mark.parametrize("text", [
    "NDVI médian de juin 2022 calculé au moyen de Sentinel-2",
    "median NDVI of June 2022 with maximum 20 % cloud cover",
    "NDVI mediano de junio de 2022 por medio de Sentinel-2",
])
def test_a_statistic_word_about_something_else_makes_no_statistics_product(text):
    it = intent(text)
    assert it.workflow is None and (it.reducer, it.reducer_explicit) == ("median", True)


@pytest.mark.parametrize("text", [
    "count of days with LST above 35 °C in July 2023",
    "the day count above 30 °C over Seville, July 2023",
    "number of hot days (LST > 313 K) in Athens, July 2023",
    "how many hot days above 35 °C in Lyon, summer 2022",
    "Anzahl der Tage über 30 °C in Wien, Juli 2023",
    "numero di giorni sopra i 30 °C a Firenze, luglio 2023",
])
def test_a_count_of_days_in_several_phrasings_sums_the_condition(text):
    it = intent(text)
    assert it.workflow == "count_days" and it.threshold is not None
    _, _, f = facts(text)
    assert {"gt", "sum"} <= f.processes


def test_a_fusion_with_the_radar_means_and_the_optical_median_keeps_both():
    _, code, _ = facts("S1 + S2 fusion around Kano: stack the Sentinel-2 NDVI median and the Sentinel-1 VV and VH means "
                       "of July 2022 into one GeoTIFF")
    assert 'optical = optical.reduce_dimension(dimension="t", reducer="median")' in code
    assert 's1 = s1.reduce_dimension(dimension="t", reducer="mean")' in code
