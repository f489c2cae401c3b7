"""Input classes that new expert requests (tests/data/eval/probe6b.jsonl) showed the planner missed: the
German article "dem" read as a DEM, reducers in Italian/Spanish/German, day counts phrased with the count
verb apart from "days", window lengths read as thresholds, change words in Italian/German/Dutch, the N
days before an event named elsewhere, "anterior al" / "quincena", Dutch "vóór", Italian apostrophes,
"vorher/nachher" roles, and an event day quoted beside two compared windows."""

from datetime import date

import pytest
from planner_helpers import intent

from agent.planner.dates import find_periods
from agent.planner.followups import resolve
from agent.planner.i18n import normalize
from agent.planner.methods import find_threshold, find_workflow
from agent.planner.model import choose_periods

TODAY = date(2025, 6, 20)


def periods(text, today=TODAY):
    return [(p.start.isoformat(), p.end.isoformat(), p.role) for p in find_periods(normalize(text), today)]


@pytest.mark.parametrize("text, task", [
    ("NDVI-Zeitreihe für mein Feld seit dem 1. März, CSV", "index"),
    ("NDVI der Äcker nach dem Regen im Juli 2021", "index"),
    ("Echtfarbenbild von Köln mit dem Rhein, Juni 2023", "rgb"),
    ("NDMI für die Felder bei dem Dorf Wiesenburg im Mai 2022", "index"),
    ("EVI aus dem Sentinel-2 L2A für Juli 2020", "index"),
])
def test_the_german_article_dem_is_no_elevation_model(text, task):
    assert intent(text).task == task


@pytest.mark.parametrize("text", [
    "Copernicus DEM of the Kathmandu Valley",
    "clip the DEM to the valley",
    "DEM (GLO-30) für den Harz",
    "a 30 m dem around Zermatt",
])
def test_dem_the_product_is_still_read(text):
    assert intent(text).task == "dem"


@pytest.mark.parametrize("text, reducer", [
    ("Temperatura superficiale massima (LST) su Siracusa, agosto 2021", "max"),
    ("temperatura máxima de la superficie (LST) en Sevilla, julio de 2022", "max"),
    ("höchste Landoberflächentemperatur (LST) in Wien im Juli 2024", "max"),
    ("NDVI minimo per pixel in Puglia, agosto 2022", "min"),
    ("la temperatura de superficie mínima (LST) en Madrid en enero", "min"),
    ("hoogste LST in Rotterdam in juli 2022", "max"),
])
def test_reducer_words_in_other_languages(text, reducer):
    assert intent(text).reducer == reducer


@pytest.mark.parametrize("text", [
    "count per pixel the days between 20 May and 5 June 2024 on which the LST was above 45 °C",
    "Count, for every pixel, the days with LST over 40 °C in July 2023",
    "the days on which the land surface temperature exceeded 38 °C in August 2022",
    "Zähle pro Pixel die Tage mit LST über 35 °C im Juli 2022",
    "compte par pixel les jours où la LST dépasse 40 °C en août 2023",
    "cuenta por píxel los días con LST superior a 40 °C en julio de 2022",
    "conta per pixel i giorni con LST sopra 40 °C nell'agosto 2021",
])
def test_day_counts_with_the_count_verb_apart_from_days(text):
    assert find_workflow(normalize(text)) == "count_days"


@pytest.mark.parametrize("text", [
    "NDVI time series as a moving average over 30 days",
    "NDVI als gleitendes Mittel über 30 Tage",
    "rolling mean over 5 scenes of the VV backscatter",
    "moving window of more than 3 weeks",
])
def test_a_window_length_is_no_threshold(text):
    assert find_threshold(normalize(text)) is None


@pytest.mark.parametrize("text, op, value", [
    ("NDVI over 0.5 in July", "gt", 0.5),
    ("LST above 30 °C on more than 10 days", "gt", 30.0),
    ("VV below -18 dB", "lt", -18.0),
    ("slope steeper than 30°", "gt", 30.0),
])
def test_thresholds_beside_day_counts_are_still_read(text, op, value):
    t = find_threshold(normalize(text))
    assert t is not None and t.op == op and t.value == value


@pytest.mark.parametrize("text", [
    "NDVI als gleitendes Mittel über 30 Tage",
    "gleitender Mittelwert der NDVI-Zeitreihe",
    "gleitendes Mittel der LST",
    "moyenne mobile du NDVI",
])
def test_moving_window_in_every_gender(text):
    assert find_workflow(normalize(text)) == "moving_window"


@pytest.mark.parametrize("text", [
    "differenza di NDVI tra l'estate 2018 e l'estate 2019 in Val di Fiemme",
    "Unterschied des NDVI zwischen Juli 2018 und Juli 2022",
    "Veränderung des NDVI zwischen 2019 und 2023",
    "verandering van de NDVI tussen mei 2020 en mei 2024",
    "variazione del NDVI tra giugno 2019 e giugno 2023",
])
def test_change_words_in_other_languages(text):
    assert intent(text).change


@pytest.mark.parametrize("text, before", [
    # the N days before the event the request dates elsewhere, with no date after them
    ("dopo l'alluvione del 16-17 maggio 2023: confronto tra i 12 giorni precedenti e il periodo 18-25 maggio 2023",
     ("2023-05-04", "2023-05-16")),
    ("après les crues du 14 juillet 2021 : les 10 jours précédents et du 15 au 25 juillet 2021",
     ("2021-07-04", "2021-07-14")),
    ("nach dem Hochwasser vom 14.07.2021: die 10 Tage davor gegen 15.-25.07.2021", ("2021-07-04", "2021-07-14")),
    ("na de overstroming van 14 juli 2021: de 10 dagen ervoor en 15 t/m 25 juli 2021", ("2021-07-04", "2021-07-14")),
    ("tras la riada del 29 de octubre de 2024: los 14 días anteriores y del 30 de octubre al 8 de noviembre de 2024",
     ("2024-10-15", "2024-10-29")),
])
def test_the_n_days_before_an_event_dated_elsewhere(text, before):
    got = [(s, e) for s, e, role in periods(text) if role == "before"]
    assert before in got


@pytest.mark.parametrize("text, before", [
    ("la quincena anterior al 15 de junio de 2022", ("2022-05-31", "2022-06-15")),
    ("la quinzaine précédant le 14 juillet 2021", ("2021-06-29", "2021-07-14")),
    ("the fortnight before 3 May 2022", ("2022-04-19", "2022-05-03")),
    ("los 10 días anteriores al 29 de octubre de 2024", ("2024-10-19", "2024-10-29")),
    ("de 10 dagen vóór 14 juli 2021", ("2021-07-04", "2021-07-14")),
])
def test_spans_before_a_date(text, before):
    assert before in [(s, e) for s, e, role in periods(text) if role == "before"]


@pytest.mark.parametrize("text", [
    "la primera quincena de mayo de 2022",
    "la deuxième quinzaine de mai 2022",
])
def test_half_months_stay_half_months(text):
    assert all(role != "before" for _, _, role in periods(text))


@pytest.mark.parametrize("text, roles", [
    ("dNBR, vorher 15.08.–31.08.2024, nachher 10.09.–30.09.2024", ["before", "after"]),
    ("dNBR, zuvor 1.-20.7.2022, danach 1.-20.8.2022", ["before", "after"]),
    ("NBR avant : 1-20 juillet 2022, après : 1-20 août 2022", ["before", "after"]),
    ("NBR prima: 1-20 luglio 2022, dopo: 1-20 agosto 2022", ["before", "after"]),
])
def test_before_and_after_as_adverbs(text, roles):
    assert [r for _, _, r in periods(text)] == roles


@pytest.mark.parametrize("text, windows", [
    ("Danni della tempesta Vaia (29 ottobre 2018): differenza di NDVI tra l'estate 2018 (giugno–agosto) e l'estate 2019",
     [("2018-06-01", "2018-09-01"), ("2019-06-01", "2019-09-01")]),
    ("Storm Ciarán (2 November 2023): NDVI change between September 2023 and December 2023",
     [("2023-09-01", "2023-10-01"), ("2023-12-01", "2024-01-01")]),
    ("Sturm Kyrill (18.01.2007) — NDVI-Differenz zwischen Juli 2006 und Juli 2007",
     [("2006-07-01", "2006-08-01"), ("2007-07-01", "2007-08-01")]),
    ("tempête Alex (2 octobre 2020) : différence de NDVI entre août 2020 et août 2021",
     [("2020-08-01", "2020-09-01"), ("2021-08-01", "2021-09-01")]),
])
def test_an_event_day_beside_two_compared_windows(text, windows):
    today = date(2024, 6, 1)
    slots = resolve(text, normalize(text), today, None, None)
    assert slots.intent.change
    chosen = choose_periods(slots, find_periods(normalize(text), today), today)
    assert [(p.start.isoformat(), p.end.isoformat()) for p in chosen] == windows


@pytest.mark.parametrize("text", [
    "NDVI-Zeitreihe für mein Feld seit dem 1. März, als gleitendes Mittel über 30 Tage, CSV",
    "smooth the NDVI time series of my field with a moving average of 5 observations, as a CSV table",
    "série NDVI lissée par une moyenne mobile, en CSV",
    "serie temporal de NDVI con media móvil, en una tabla CSV",
])
def test_a_smoothed_series_asked_as_a_table_is_a_table(text):
    from planner_helpers import build_graph

    from agent.evaluation.checks import GraphFacts
    from agent.planner.codegen import Plan, build_code
    from agent.planner.dates import Period

    it = intent(text)
    assert (it.task, it.timeseries, it.output_format) == ("moving_window", True, "CSV")
    plan = Plan(intent=it, bbox=(12.78, 52.93, 12.80, 52.94), place="the field",
                periods=[Period(start=date(2025, 3, 1), end=date(2025, 6, 21))])
    code = build_code(plan)
    assert 'timeseries.download("' in code and ".csv" in code
    facts = GraphFacts.from_graph(build_graph(code))
    assert {"apply_dimension", "aggregate_spatial"} <= set(facts.processes)


@pytest.mark.parametrize("text, collection, error, coarser_than", [
    ("Kombiniere Sentinel-1 (VV, VH) mit Sentinel-2 (B04, B08) rund um Straubing", "SENTINEL2_L2A",
     "FAILED [ExecutionFailed] Batch job j-1 ended with status error: This computation is larger than its budget: the "
     "loaded data holds 1,255,491,072 values (pixels x bands x time steps), more than the 1,000,000,000 allowed here.",
     10.0),
    ("Sentinel-1 VV backscatter over the Po delta, 2023", "SENTINEL1_GRD",
     "FAILED [ExecutionFailed] This computation is larger than its budget: 'apply' produces 4,000,000,000 values "
     "(pixels x bands x time steps), more than the 1,000,000,000 allowed here.", 20.0),
    ("NDVI median over Bavaria, summer 2022", "SENTINEL2_L2A",
     "FAILED [RequestTooLarge] the request is too large: make it about 3x smaller", 10.0),
    ("Landsat 8 NDVI over Hungary, August 2019", "LANDSAT8_L2",
     "FAILED This computation is larger than its budget: the loaded data holds 2,500,000,000 values, more than the "
     "1,000,000,000 allowed here.", 30.0),
])
def test_the_values_budget_error_is_repaired_by_a_coarser_read(text, collection, error, coarser_than):
    from agent.planner.codegen import Plan
    from agent.planner.dates import Period
    from agent.planner.repair import execution_repair

    it = intent(text)
    assert it.collection == collection
    plan = Plan(intent=it, bbox=(12.37, 48.75, 12.77, 49.01), place="there",
                periods=[Period(start=date(2023, 4, 1), end=date(2023, 7, 1))])
    fix = execution_repair(plan, error)
    assert fix is not None
    assert fix[0].read_resolution_m is not None and fix[0].read_resolution_m > coarser_than


@pytest.mark.parametrize("text, west", [
    ("Temperatura superficiale massima (LST) su Siracusa dal 9 al 14 agosto 2021", '"west": 15.'),
    ("NDVI di Siracusa per luglio 2023", '"west": 15.'),
    ("NDVI di Lodi per luglio 2023", '"west": 9.'),
    ("Mappa NDVI della campagna intorno a Lodi, giugno 2023", '"west": 9.'),
])
def test_an_italian_request_means_the_italian_namesake(text, west):
    from planner_helpers import converse_with_gazetteer, final_code

    _, calls = converse_with_gazetteer(text, date(2024, 9, 1))
    assert "run_openeo_code" in calls and west in final_code(calls)


@pytest.mark.parametrize("text", ["NDVI of Lodi for July 2023", "NDVI of Siracusa for July 2023"])
def test_in_english_the_namesakes_are_still_asked_about(text):
    from planner_helpers import answer_of, converse_with_gazetteer

    messages, calls = converse_with_gazetteer(text, date(2024, 9, 1))
    assert "run_openeo_code" not in calls and answer_of(messages).startswith("Which ")


@pytest.mark.parametrize("name, label, inside", [
    ("Val di Fiemme", "Val di Fiemme, Italy", (11.5, 46.3)),
    ("Fleimstal", "Val di Fiemme, Italy", (11.5, 46.3)),
    ("Pustertal", "Val Pusteria, Italy", (11.94, 46.8)),
    ("Clare Valley", "Clare Valley, Australia", (138.6, -33.83)),  # not County Clare, Ireland
    ("Casablanca Valley", "Casablanca Valley, Chile", (-71.4, -33.32)),  # not Casablanca, Morocco
    ("Rio Grande Valley", "Rio Grande Valley, United States", (-98.2, 26.2)),  # not a lake in Brazil
    ("Maurienne", "Maurienne, France", (6.35, 45.28)),
    ("Valley of Mexico", "Valley of Mexico, Mexico", (-99.13, 19.43)),  # not the whole country
])
def test_well_known_valleys_are_found(name, label, inside):
    from tools.places import find_place

    text = find_place(name).to_text().splitlines()[0]
    assert text.startswith(label)
    w, s, e, n = (float(v) for v in text.split("bbox=[")[1].rstrip("]").split(","))
    assert w <= inside[0] <= e and s <= inside[1] <= n


@pytest.mark.parametrize("name, label", [
    ("Clare", "Clare, Mid-West, Ireland"),
    ("Casablanca", "Casablanca, Morocco"),
    ("Kullu", "Kulu, India"),
])
def test_the_towns_and_counties_of_the_same_name_stay(name, label):
    from tools.places import find_place

    assert find_place(name).to_text().startswith(label)


@pytest.mark.parametrize("text, before", [
    ("flood on 3 May 2024: compare the preceding 12 days with 4-10 May 2024", ("2024-04-21", "2024-05-03")),
    ("fire of 14 August 2023; the 3 weeks prior versus 15-30 August 2023", ("2023-07-24", "2023-08-14")),
    ("the week before 14 May 2022", ("2022-05-07", "2022-05-14")),
    ("la semana anterior al 14 de mayo de 2022", ("2022-05-07", "2022-05-14")),
    ("la settimana prima del 14 maggio 2022", ("2022-05-07", "2022-05-14")),
    ("die Woche vor dem 14. Mai 2022", ("2022-05-07", "2022-05-14")),
])
def test_one_unit_or_preceding_days_before_an_event(text, before):
    assert before in [(s, e) for s, e, role in periods(text) if role == "before"]


@pytest.mark.parametrize("text, month", [
    ("NDVI im Mai dieses Jahres", ("2025-05-01", "2025-06-01")),
    ("NDVI im Mai 2022", ("2022-05-01", "2022-06-01")),
    ("LST nell'agosto 2021", ("2021-08-01", "2021-09-01")),
    ("NDVI nel maggio 2022", ("2022-05-01", "2022-06-01")),
    ("NDVI in May this year", ("2025-05-01", "2025-06-01")),
])
def test_a_month_after_im_or_nel(text, month):
    assert month in [(s, e) for s, e, _ in periods(text)]


@pytest.mark.parametrize("text, expected", [
    ("NDVI zwischen dem 1. und dem 15. Mai 2022", ("2022-05-01", "2022-05-16", "any")),
    ("NDVI entre le 1er et le 15 mai 2022", ("2022-05-01", "2022-05-16", "any")),
    ("NDVI tra il 1 e il 15 maggio 2022", ("2022-05-01", "2022-05-16", "any")),
    ("NDVI entre el 1 y el 15 de mayo de 2022", ("2022-05-01", "2022-05-16", "any")),
    ("NDVI tussen 1 en 15 mei 2022", ("2022-05-01", "2022-05-16", "any")),
])
def test_between_two_days_with_articles_is_one_range(text, expected):
    assert periods(text) == [expected]


@pytest.mark.parametrize("text", [
    "Hochwasser am 14.07.2021: die zwei Wochen davor und 15.-25.07.2021",
    "Hochwasser am 14.07.2021: die zwei Wochen davor gegen den 15.-25.07.2021",
    "crue du 14 juillet 2021 : les deux semaines précédentes contre le 15-25 juillet 2021",
    "alluvione del 14 luglio 2021: le due settimane precedenti contro 15-25 luglio 2021",
])
def test_the_window_after_a_reference_is_not_a_reference(text):
    got = periods(text)
    assert ("2021-06-30", "2021-07-14", "before") in got
    assert ("2021-07-15", "2021-07-26", "before") not in got


@pytest.mark.parametrize("text, expected", [
    ("Settimanale NO2 su Milano per le settimane ISO 5-9 del 2024", ("2024-01-29", "2024-03-04")),
    ("NO2 hebdomadaire sur Lyon, semaines ISO 10 à 12 de 2023", ("2023-03-06", "2023-03-27")),
    ("NO2 semanal sobre Bilbao, semanas ISO 3 a 6 de 2024", ("2024-01-15", "2024-02-12")),
    ("weekly NO2 over Leeds for ISO weeks 20-22 of 2023", ("2023-05-15", "2023-06-05")),
])
def test_iso_weeks_with_iso_after_the_word(text, expected):
    assert expected in [(s, e) for s, e, _ in periods(text)]


@pytest.mark.parametrize("text, expected", [
    ("Beste-pixel composiet van Texel voor het voorjaar van 2023", ("2023-03-01", "2023-06-01")),
    ("NDVI van de Betuwe in het najaar van 2022", ("2022-09-01", "2022-12-01")),
    ("NDVI van de Veluwe in de lente van 2021", ("2021-03-01", "2021-06-01")),
    ("NDVI van Zeeland in de herfst van 2020", ("2020-09-01", "2020-12-01")),
])
def test_dutch_seasons(text, expected):
    assert expected in [(s, e) for s, e, _ in periods(text)]
