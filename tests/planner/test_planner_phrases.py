"""The planner answers in the request's language: its answers and questions are composed from one phrase
table per language (agent/planner/phrases.py), English the default; ids, bands and dates stay as they are."""

from __future__ import annotations

import re
from datetime import date

import pytest

from agent.planner.answers import describe, final_answer, not_understood, place_not_found, result_lines
from agent.planner.codegen import Plan
from agent.planner.country_words import country_in
from agent.planner.dates import Period
from agent.planner.intents import INDICES
from agent.planner.i18n import answer_language
from agent.planner.phrases import EN, FIELDS, TABLES, Phrases, phrases
from planner_helpers import answer_of, converse, converse_with_gazetteer, intent
from tools.models import ExecuteOutcome, ResultStats
from tools.result_kind import ResultDescription

LANGS = ["de", "fr", "nl", "es", "it"]
# the same in a language as in English, by nature ("{index} ({title})") or because the word is ("validation")
# ("{index} ({words})", " in {file}", "{v}%")
SAME_AS_ENGLISH = {"de": {"index_named", "semicolon", "label_index", "table_in"},
                   "fr": {"index_named", "stage_validation", "by_date_more", "label_index"},
                   "nl": {"index_named", "semicolon", "label_index", "table_in", "pct"},
                   "es": {"index_named", "semicolon", "label_index"},
                   "it": {"index_named", "semicolon", "label_index", "table_in", "pct"}}
# words of the English templates that no other language's answer may contain
ENGLISH = re.compile(r"\b(I computed|computed|from|between|Limits|Dates|Result|values|about|the|of|for|with|and|was|"
                     r"were|could not|per-pixel|time series|change in|Which|Shall I)\b")


def english_words(text: str, lang: str = "") -> list[str]:
    """The English template words in a text, outside the names it quotes (the request, the platform's name);
    Dutch "of" ("or") and "was" are Dutch words."""
    text = re.sub(r"\"[^\"]*\"", "", text).replace("Copernicus Data Space Ecosystem", "")
    return [w for w in ENGLISH.findall(text) if not (lang == "nl" and w in ("of", "was"))]


# --- the tables --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_every_language_table_sets_every_field(lang):
    assert set(FIELDS[lang]) == set(Phrases.model_fields), set(Phrases.model_fields) ^ set(FIELDS[lang])
    table = TABLES[lang]
    same = {f for f in Phrases.model_fields if f != "lang" and getattr(table, f) == getattr(EN, f)}
    assert same == SAME_AS_ENGLISH[lang], same


@pytest.mark.parametrize("lang", LANGS)
def test_each_template_takes_the_placeholders_of_the_english_one(lang):
    table = TABLES[lang]
    for name, value in EN:
        mine = getattr(table, name)
        assert mine, name
        if isinstance(value, str):
            assert table.fields_of(name) == EN.fields_of(name), name
        elif name == "index_titles":
            assert set(mine) == set(INDICES), set(INDICES) ^ set(mine)
        elif isinstance(value, dict):
            assert set(mine) == set(value), name


def test_an_unknown_language_gets_english():
    assert phrases("pt") is EN and phrases(None) is EN and phrases("en") is EN


def test_numbers_write_the_language_s_decimal_mark_and_group_thousands_in_its_way():
    """Prose and tables for people write the language's decimal comma (0,8312 in de/fr/nl/es/it); digit groups are a
    no-break space there, so a comma is never ambiguous. Code keeps its dots (codegen does not use Phrases)."""
    assert EN.number(12345.4) == "12,345" and EN.number(980) == "980"
    for lang in LANGS:
        assert phrases(lang).number(12345.4) == "12\u00a0345"  # a no-break space, never a comma beside a decimal comma
        assert phrases(lang).number(1_234_567) == "1\u00a0234\u00a0567"
        assert phrases(lang).decimal(1234.56, 1) == "1\u00a0234,6"
        assert phrases(lang).short(0.41979) == "0,4198" and phrases(lang).short(12) == "12"
    assert EN.decimal(1234.56, 1) == "1,234.6" and EN.short(0.41979) == "0.4198"
    stats = ResultStats(min=-0.125, max=0.8312, mean=0.41666, valid_fraction=0.873, unit="", simulated=False)
    outcome = ExecuteOutcome(ok=True, mode="sync", stats=stats,
                             description=ResultDescription(kind="index", unit="", label="NDVI"))
    assert result_lines(outcome)[0] == "Result — NDVI: values -0.125 to 0.8312, mean 0.4167; 87.3% of the values are valid."
    assert result_lines(outcome, "de")[0] == ("Ergebnis — NDVI: Werte -0,125 bis 0,8312, Mittelwert 0,4167; "
                                              "87,3 % der Werte sind gültig.")
    assert result_lines(outcome, "it")[0].startswith("Risultato — NDVI: valori da -0,125 a 0,8312, media 0,4167")
    for lang in LANGS:
        line = result_lines(outcome, lang)[0]
        assert "0,8312" in line and "0.8312" not in line and not english_words(line), line


# --- what was computed, in words ---------------------------------------------------------------------------

def _plan(text: str, periods: int = 1) -> Plan:
    windows = [Period(start=date(2023, 6, 1), end=date(2023, 7, 1), kind="month", text="june 2023"),
               Period(start=date(2024, 6, 1), end=date(2024, 7, 1), kind="month", text="june 2024")][:periods]
    return Plan(intent=intent(text), bbox=(4.65, 50.84, 4.76, 50.9), periods=windows, place="Leuven")


@pytest.mark.parametrize("text,periods,words", [
    ("NDVI of Leuven", 1, {"en": "the per-pixel median of NDVI (Normalized Difference Vegetation Index)",
                           "de": "Median je Pixel von NDVI (normierter differenzierter Vegetationsindex)",
                           "fr": "médiane par pixel de NDVI (indice de végétation par différence normalisée)",
                           "es": "mediana por píxel de NDVI (índice de vegetación de diferencia normalizada)"}),
    ("monthly mean NDVI of Leuven", 1, {"en": "the monthly mean of NDVI", "de": "Mittelwert pro Monat von NDVI",
                                        "nl": "gemiddelde per maand van NDVI", "it": "media al mese di NDVI"}),
    ("NDVI time series of Leuven", 1, {"en": "a time series of NDVI", "fr": "série temporelle de NDVI",
                                       "nl": "tijdreeks van NDVI", "es": "serie temporal de NDVI"}),
    ("true colour image of Leuven", 1, {"en": "the per-pixel median of a true-colour composite",
                                        "de": "Median je Pixel von Echtfarbenkomposit",
                                        "it": "mediana per pixel di composito a colori reali"}),
    ("NO2 change over Leuven between June 2023 and June 2024", 2, {
        "en": "the change in NO2 column density between the two periods",
        "fr": "variation de densité de colonne de NO2 entre les deux périodes",
        "de": "Veränderung von NO2-Säulendichte zwischen den beiden Zeiträumen"}),
    ("hillshade of Leuven", 1, {"en": "a hillshade (sun azimuth 315°, altitude 45°)",
                                "nl": "reliëfschaduw (zonneazimut 315°, zonnehoogte 45°)",
                                "es": "sombreado (acimut solar 315°, altura 45°)"}),
])
def test_describe_composes_what_was_computed_in_each_language(text, periods, words):
    plan = _plan(text, periods)
    for lang, expected in words.items():
        assert expected in describe(plan, lang), (lang, describe(plan, lang))
    for lang in LANGS:
        assert not english_words(describe(plan, lang)), (lang, describe(plan, lang))
    assert describe(plan) == describe(plan, "en")


# --- whole conversations -----------------------------------------------------------------------------------

GAZ = {"leuven": ((4.65, 50.84, 4.76, 50.9), "city"), "arles": ((4.55, 43.6, 4.7, 43.72), "city"),
       "texel": ((4.7, 52.99, 4.92, 53.19), "island"), "sevilla": ((-6.03, 37.33, -5.9, 37.43), "city"),
       "bolzano": ((11.28, 46.46, 11.4, 46.53), "city")}
OUTCOME = ExecuteOutcome(ok=True, mode="sync",
                         stats=ResultStats(min=0.05, max=0.91, mean=0.48, valid_fraction=0.9, unit="", simulated=True),
                         description=ResultDescription(kind="index", unit="", label="NDVI"))
EXEC = ("OK\nResult (sync): x.tif\nmin=0.05 max=0.91 mean=0.48 valid=90%\nsimulated=yes", OUTCOME)
# one request per language, each another product, place and wording; the words its answer must have
REQUESTS = [
    ("de", "Zeige den NDVI von Leuven im Juni 2023", ["Berechnet: Median je Pixel von NDVI", "für Leuven", "Daten: ",
                                                      "Zeitraum: 2023-06-01 bis 2023-07-01", "Grenzen: ", "SIMULIERTE",
                                                      "Ergebnis — NDVI: Werte 0,05 bis 0,91"]),
    ("fr", "Carte des inondations autour d'Arles, octobre 2023 contre septembre 2023",
     ["Calculé : masque d'inondation", "pour Arles", "Données : SENTINEL1_GRD, bandes VV.",
      "Périodes : avant, du 2023-09-01 au 2023-10-01, et après", "Limites : ", "SIMULÉES", "Résultat — NDVI : valeurs"]),
    ("nl", "Tijdreeks van de NDWI op Texel voor 2022",
     ["Berekend: tijdreeks van NDWI", "voor Texel", "Gegevens: SENTINEL2_L2A, banden B03, B08.",
      "Periode: 2022-01-01 tot 2023-01-01", "Beperkingen: ", "GESIMULEERDE", "Resultaat — NDVI: waarden"]),
    ("es", "Temperatura de la superficie en Sevilla en julio de 2023",
     ["Calculado: media por píxel de temperatura de la superficie terrestre", "para Sevilla",
      "Datos: SENTINEL3_SLSTR_L2_LST, bandas LST.", "Periodo: del 2023-07-01 al 2023-08-01", "Limitaciones: ",
      "la resolución nativa es de 1 km", "Resultado — NDVI: valores"]),
    ("it", "Pendenza intorno a Bolzano dal Copernicus DEM",
     ["Calcolato: pendenza in gradi per Bolzano", "Dati: COPERNICUS_30.", "Limiti: derivate del terreno",
      "SIMULATI", "Risultato — NDVI: valori da 0,05 a 0,91"]),
]


@pytest.mark.parametrize("lang,request_text,words", REQUESTS)
def test_a_planned_request_is_answered_in_its_language(lang, request_text, words):
    assert answer_language(request_text) == lang
    messages, calls = converse(request_text, date(2023, 12, 1), GAZ, execute=EXEC)
    answer = answer_of(messages)
    for w in words:
        assert w in answer, (w, answer)
    assert not english_words(answer, lang), (english_words(answer, lang), answer)
    assert phrases(lang).map_shown in answer


def test_the_same_request_in_english_is_answered_as_before():
    messages, calls = converse("Show the NDVI of Leuven for June 2023", date(2023, 12, 1), GAZ, execute=EXEC)
    answer = answer_of(messages)
    assert answer.startswith("I computed the per-pixel median of NDVI (Normalized Difference Vegetation Index) for "
                             "Leuven (bbox 4.650, 50.840, 4.760, 50.900; about 51 km²).\n\nData: SENTINEL2_L2A, "
                             "bands B04, B08.\n\nDates: 2023-06-01 to 2023-07-01 (end date exclusive).\n\nLimits: "
                             "clouds, shadows and cirrus were masked with the SCL band; persistent clouds leave gaps; "
                             "the native resolution is 10-20 m; the embedded backend answered with SIMULATED data"), answer
    assert "Result — NDVI: values 0.05 to 0.91, mean 0.48; 90% of the values are valid." in answer


@pytest.mark.parametrize("lang,request_text", [
    ("de", "Wie wird das Wetter morgen in Berlin?"),
    ("fr", "Quel temps fera-t-il demain à Paris ?"),
    ("nl", "Wat voor weer wordt het morgen in Utrecht?"),
    ("es", "¿Qué tiempo hará mañana en Madrid?"),
    ("it", "Che tempo farà domani a Roma?"),
])
def test_a_request_not_understood_is_said_in_its_language(lang, request_text):
    messages, calls = converse(request_text, date(2023, 12, 1), GAZ)
    answer = answer_of(messages)
    assert not calls
    assert answer == not_understood(request_text, lang) and answer.endswith(phrases(lang).capabilities)
    assert f'"{request_text}"' in answer and not english_words(answer, lang), english_words(answer, lang)
    assert not_understood(request_text) .startswith("I could not tell which product you want")


@pytest.mark.parametrize("lang,request_text,start", [
    ("de", "NDVI von Valencia im Juni 2023", "Welches Valencia meinen Sie: "),
    ("nl", "Kaart van de NDVI van Valencia voor juni 2023", "Welk Valencia bedoelt u: "),
    ("it", "Mappa NDVI di Valencia per giugno 2023", "Quale Valencia intende: "),
])
def test_a_namesake_question_is_asked_in_the_request_s_language(lang, request_text, start):
    messages, calls = converse_with_gazetteer(request_text, date(2023, 7, 10))
    assert "run_openeo_code" not in calls
    text = answer_of(messages)
    spain = country_in("Spain", lang)  # the countries in the request's language too (Spanien, Spanje, Spagna)
    assert text.startswith(start) and "Venezuela" in text and f"Valencia, {spain}" in text, text
    assert phrases(lang).or_ in text and not english_words(text, lang), text


@pytest.mark.parametrize("lang,request_text,words", [
    ("es", "Compara el NDVI de Sevilla y Moscú en junio de 2023", ["están a", "km entre sí", "¿Los calculo de uno en uno"]),
    ("de", "Vergleiche den NDVI von Köln und Madrid im Juni 2023", ["liegen", "km auseinander", "Soll ich sie einzeln"]),
    ("fr", "Compare le NDVI de Lyon et Varsovie en juin 2023", ["sont à", "km les uns des autres", "Dois-je les calculer"]),
])
def test_places_too_far_apart_to_compare_get_a_question_in_the_request_s_language(lang, request_text, words):
    messages, calls = converse_with_gazetteer(request_text, date(2023, 7, 10))
    assert "run_openeo_code" not in calls
    text = answer_of(messages)
    for w in words:
        assert w in text, (w, text)
    assert not english_words(text), text
    assert re.search(r"\d\u00a0\d{3} km", text), text  # thousands grouped with a no-break space


def test_a_place_not_found_is_said_in_the_request_s_language():
    messages, calls = converse("NDVI von Xyzzyhausen im Juni 2023", date(2023, 12, 1), GAZ)
    answer = answer_of(messages)
    assert answer.startswith("Ich konnte 'Xyzzyhausen' im Ortsverzeichnis nicht finden."), answer
    assert place_not_found(["Xyzzyhausen"]).startswith("I could not find 'Xyzzyhausen' in the gazetteer.")
    assert place_not_found([], "fr").startswith("Je n'ai pas trouvé le lieu dans")


def test_final_answer_defaults_to_english_and_takes_the_place_s_name_in_the_language():
    plan = _plan("NDVI of Lyon")
    plan = plan.model_copy(update={"place": "Lyon and Grenoble"})
    en = final_answer(plan, "OK\nmin 0.1 max 0.8\nsimulated=yes", None, None)
    assert en.startswith("I computed the per-pixel median of NDVI") and "for Lyon and Grenoble (" in en
    fr = final_answer(plan, "OK\nmin 0.1 max 0.8\nsimulated=yes", "map", "no merge_cubes", lang="fr",
                      place="Lyon et Grenoble")
    assert "pour Lyon et Grenoble (" in fr and "La première version a été refusée (no merge_cubes)" in fr
    assert fr.count(" ; ") >= 2 and not english_words(fr.replace("no merge_cubes", "")), english_words(fr)


def test_what_an_execution_repair_changed_is_said_in_the_language():
    from agent.planner.repair import execution_repair

    too_large = ("FAILED [ExecutionFailed] This computation is larger than its budget: 'load_collection' produces "
                 "1,337,710,724 values (pixels x bands x time steps), more than the 1,000,000,000 allowed here.")
    plan = _plan("RVI from Sentinel-1, monthly means")
    assert execution_repair(plan, too_large)[1] == ("The backend found the request too large at 10 m, so I read the "
                                                    "data at 20 m.")
    assert execution_repair(plan, too_large, "de")[1] == ("Dem Backend war die Anfrage mit 10 m zu groß, daher habe ich "
                                                          "die Daten mit 20 m gelesen.")
    day = Period(start=date(2025, 3, 12), end=date(2025, 3, 13), role="any")
    empty = plan.model_copy(update={"intent": intent("Sentinel-1 VV backscatter"), "periods": [day]})
    error = ("INVALID\n[NoDataAvailable] load_collection 'loadcollection1' (SENTINEL1_GRD) has no acquisition between "
             "2025-03-12 and 2025-03-13 (end exclusive) over west=8.45, south=39.8, east=8.7, north=40.0.")
    assert execution_repair(empty, error)[1].startswith("There was no acquisition on 2025-03-12, so I widened")
    assert execution_repair(empty, error, "es")[1].startswith("No hubo ninguna adquisición el 2025-03-12, así que")
    assert execution_repair(empty, error, "nl")[1].startswith("Er was geen opname op 2025-03-12, dus")
    for lang in LANGS:
        for fix in (execution_repair(plan, too_large, lang), execution_repair(empty, error, lang)):
            assert fix is not None and not english_words(fix[1], lang), fix[1]


@pytest.mark.parametrize("first,follow,start", [
    ("Zeige den NDVI von Leuven im Juni 2023", "Und für Juli?", "Berechnet: Median je Pixel von NDVI"),
    ("Zeige den NDVI von Leuven im Juni 2023", "NDWI?", "Berechnet: Median je Pixel von NDWI"),  # no word: still German
    ("Montre le NDVI de Leuven en juin 2023", "zoom sur le nord", "Calculé : médiane par pixel de NDVI"),
    ("Montre le NDVI de Leuven en juin 2023", "NDMI ?", "Calculé : médiane par pixel de NDMI"),
    ("NDVI of Leuven for June 2023", "same for July", "I computed the per-pixel median of NDVI"),
    ("NDVI of Leuven for June 2023", "Und für Juli?", "Berechnet: Median je Pixel von NDVI"),  # the turn's language
])
def test_a_follow_up_is_answered_in_its_language_or_the_conversation_s(first, follow, start):
    messages, _ = converse(first, date(2023, 12, 1), GAZ)
    messages, _ = converse(follow, date(2023, 12, 1), GAZ, history=messages)
    assert answer_of(messages).startswith(start), answer_of(messages)


def test_french_elides_de_before_a_vowel_in_what_it_composes():
    fr = phrases("fr")
    assert fr.elide("série temporelle de EVI") == "série temporelle d'EVI"
    assert fr.elide("la zone de Arles à Nîmes") == "la zone d'Arles à Nîmes"
    assert fr.elide("densité de colonne de O3") == "densité de colonne d'O3"
    assert fr.elide("médiane par pixel de NDVI") == "médiane par pixel de NDVI"
    assert phrases("es").elide("serie temporal de EVI") == "serie temporal de EVI" and EN.elide("de EVI") == "de EVI"
    assert describe(_plan("EVI time series of Leuven"), "fr").startswith("série temporelle d'EVI (indice")


def test_a_count_of_days_reads_naturally_in_each_language():
    plan = _plan("number of days with land surface temperature above 40 °C")
    assert describe(plan) == "the number of days on which land surface temperature was > 313.15 K (40 °C)"
    assert describe(plan, "de") == "Anzahl der Tage mit Landoberflächentemperatur > 313.15 K (40 °C)"
    assert describe(plan, "es") == "número de días con temperatura de la superficie terrestre > 313.15 K (40 °C)"


def test_a_percent_change_and_a_temperature_in_celsius_are_said_in_each_language():
    pct = _plan("percent change of NDVI in Leuven between June 2023 and June 2024", 2)
    assert describe(pct).startswith("the percent change in NDVI (")
    assert describe(pct, "de").startswith("prozentuale Veränderung von NDVI (")
    assert describe(pct, "it").startswith("variazione percentuale di NDVI (")
    celsius = _plan("land surface temperature of Leuven in degrees Celsius")
    assert describe(celsius).endswith("land surface temperature (°C)")
    assert describe(celsius, "fr").endswith("température de surface (°C)")
    assert describe(_plan("land surface temperature of Leuven"), "fr").endswith("température de surface (kelvin)")


def test_a_quoted_tool_line_takes_the_decimal_comma_but_keeps_dates_and_files():
    line = "min 0.1, max 0.8, mean -0.4183 over 2023-06-01..2023-07-01 in ndvi_v1.2.tif (simulated data)"
    assert phrases("fr").decimals(line) == "min 0,1, max 0,8, mean -0,4183 over 2023-06-01..2023-07-01 in ndvi_v1.2.tif (simulated data)"
    assert EN.decimals(line) == line
