"""The planner answers in the request's language: its answers and questions are composed from one phrase
table per language (agent/planner/phrases.py), English the default; ids, bands and dates stay as they are."""

from __future__ import annotations

import re
from datetime import date

import pytest

from agent.planner.answers import describe, final_answer, result_lines
from agent.planner.codegen import Plan
from agent.planner.dates import Period
from agent.planner.intents import INDICES
from agent.planner.phrases import EN, FIELDS, TABLES, Phrases, phrases
from planner_helpers import intent
from tools.models import ExecuteOutcome, ResultStats
from tools.result_kind import ResultDescription

LANGS = ["de", "fr", "nl", "es", "it"]
# the same in a language as in English, by nature ("{index} ({title})") or because the word is ("validation")
SAME_AS_ENGLISH = {"de": {"index_named", "semicolon"}, "fr": {"index_named", "stage_validation", "by_date_more"},
                   "nl": {"index_named", "semicolon"}, "es": {"index_named", "semicolon"},
                   "it": {"index_named", "semicolon"}}
# words of the English templates that no other language's answer may contain
ENGLISH = re.compile(r"\b(I computed|computed|from|between|Limits|Dates|Result|values|about|the|of|for|with|and|was|"
                     r"were|could not|per-pixel|time series|change in|Which|Shall I)\b")


def english_words(text: str, lang: str = "") -> list[str]:
    """The English template words in a text, outside the names it quotes (the request, the platform's name);
    Dutch "of" is "or"."""
    text = re.sub(r"\"[^\"]*\"", "", text).replace("Copernicus Data Space Ecosystem", "")
    return [w for w in ENGLISH.findall(text) if not (lang == "nl" and w == "of")]


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


def test_numbers_keep_the_decimal_point_and_group_thousands_in_each_language_s_way():
    assert EN.number(12345.4) == "12,345" and EN.number(980) == "980"
    for lang in LANGS:
        assert phrases(lang).number(12345.4) == "12\u00a0345"  # a no-break space, never a comma beside a decimal point
        assert phrases(lang).number(1_234_567) == "1\u00a0234\u00a0567"
    stats = ResultStats(min=-0.125, max=0.8312, mean=0.41666, valid_fraction=0.873, unit="", simulated=False)
    outcome = ExecuteOutcome(ok=True, mode="sync", stats=stats,
                             description=ResultDescription(kind="index", unit="", label="NDVI"))
    assert result_lines(outcome)[0] == "Result — NDVI: values -0.125 to 0.8312, mean 0.4167; 87.3% of the values are valid."
    assert result_lines(outcome, "de")[0] == ("Ergebnis — NDVI: Werte -0.125 bis 0.8312, Mittelwert 0.4167; "
                                              "87.3 % der Werte sind gültig.")
    assert result_lines(outcome, "it")[0].startswith("Risultato — NDVI: valori da -0.125 a 0.8312, media 0.4167")
    for lang in LANGS:
        line = result_lines(outcome, lang)[0]
        assert "0.8312" in line and "0,8312" not in line and not english_words(line), line


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


def test_final_answer_defaults_to_english_and_takes_the_place_s_name_in_the_language():
    plan = _plan("NDVI of Lyon")
    plan = plan.model_copy(update={"place": "Lyon and Grenoble"})
    en = final_answer(plan, "OK\nmin 0.1 max 0.8\nsimulated=yes", None, None)
    assert en.startswith("I computed the per-pixel median of NDVI") and "for Lyon and Grenoble (" in en
    fr = final_answer(plan, "OK\nmin 0.1 max 0.8\nsimulated=yes", "map", "no merge_cubes", lang="fr",
                      place="Lyon et Grenoble")
    assert "pour Lyon et Grenoble (" in fr and "La première version a été refusée (no merge_cubes)" in fr
    assert fr.count(" ; ") >= 2 and not english_words(fr.replace("no merge_cubes", "")), english_words(fr)
