"""The tools' typed results in the answer's language (agent/planner/result_words.py): a result's label, its
decision numbers, its table / band / class summary and execute's notes are composed from typed fields in
the request's language; in English they read exactly as the tools' own text (what an LLM is sent)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from openeo.rest.datacube import DataCube

from agent.planner.answers import result_lines
from agent.planner.phrases import EN, TABLES, phrases
from agent.planner.result_words import decision_sentences, note_line, result_label, summary_lines
from backend.catalog import load_catalog
from backend.catalog.stac import collection_document
from planner_helpers import answer_of, converse
from tools.band_stats import BandStats, StepStats, ValueStats
from tools.decision import DNBR_CLASSES, DNBR_CODES, ClassArea, DecisionLimit, DecisionNumbers, ThresholdArea, TownHit
from tools.models import ExecuteOutcome, ResultNote, ResultStats
from tools.result_kind import CollectionMeta, ResultDescription, describe_result
from tools.summary_models import ClassShare, ResultSummary, TableSummary

LANGS = ["de", "fr", "nl", "es", "it"]
BBOX = {"west": 17.13, "south": 50.34, "east": 17.54, "north": 50.60}
# the English of the tools' result texts (labels, decision numbers, summaries, notes): none may be left in
# an answer in another language ("water" is Dutch too; ids, file and column names are not checked)
TOOL_ENGLISH = re.compile(
    r"\b(Flooded|flooded|Burnt|burnt|Hot|of the mapped|equal-area|Towns and villages|people|from the centre|"
    r"nearest first|No town|lies in|touches|Limits of these numbers|SIMULATED data|pixels miss|radar misses|"
    r"towns are|Burn severity|enhanced regrowth|unburned|severity|Change beyond thresholds|below|above|Table|"
    r"geometr(?:y|ies)|rows|columns|over all rows|valid|time steps|mean per step|share of valid pixels|"
    r"Count of|Share of|Slope|degrees|Elevation|Temperature|Time series|per geometry|vegetation|backscatter|"
    r"change|mask|index|count|No valid values|Time steps|acquisition days|end exclusive|scenes or granules|"
    r"the backend|tree cover|cropland|grassland|built-up|Water|more)\b")


def tool_english(text: str, lang: str) -> list[str]:
    text = text.replace("Copernicus Data Space Ecosystem", "")
    text = re.sub(r"\b[\w.-]+\.(?:csv|tif|json)\b|\bSENTINEL\w*|\bCOPERNICUS\w*", "", text)
    return [w for w in TOOL_ENGLISH.findall(text) if not (lang == "nl" and w == "Water")]


@pytest.fixture(scope="module")
def meta() -> dict[str, CollectionMeta]:
    return {cid: CollectionMeta.from_stac(collection_document(spec, "http://x")) for cid, spec in load_catalog().items()}


def _load(cid: str, bands: list[str], period=("2024-06-01", "2024-07-01")) -> DataCube:
    return DataCube.load_collection(cid, connection=None, spatial_extent=BBOX, temporal_extent=list(period), bands=bands)


def _db(cube: DataCube) -> DataCube:
    return cube.log10() * 10


def _graphs() -> dict[str, DataCube]:
    before = _db(_load("SENTINEL1_GRD", ["VV"], ("2024-08-04", "2024-09-01")).reduce_dimension("t", "mean"))
    after = _db(_load("SENTINEL1_GRD", ["VV"], ("2024-09-01", "2024-10-01")).reduce_dimension("t", "min"))
    s2 = _load("SENTINEL2_L2A", ["B04", "B08"])
    nbr = lambda period: _load("SENTINEL2_L2A", ["B08", "B12"], period).reduce_dimension(  # noqa: E731
        "bands", lambda d: (d[0] - d[1]) / (d[0] + d[1])).median_time()
    lst = _load("SENTINEL3_SLSTR_L2_LST", ["LST"])
    dem = _load("COPERNICUS_30", ["DEM"])
    return {
        "flood": after - before < -3,
        "change": after - before,
        "water days": (_db(_load("SENTINEL1_GRD", ["VH"])) < -20).reduce_dimension("t", "sum"),
        "hot days": (lst > 308.15).reduce_dimension("t", "sum"),
        "ndvi": s2.ndvi(nir="B08", red="B04").median_time(),
        "dnbr": nbr(("2022-06-01", "2022-07-01")) - nbr(("2022-08-01", "2022-09-01")),
        "db": _db(_load("SENTINEL1_GRD", ["VV"])).mean_time(),
        "lst": lst.mean_time(),
        "dem": dem.max_time(),
        "classes": _load("ESA_WORLDCOVER_10M_2021_V2", ["MAP"]).max_time(),
    }


def test_in_english_a_label_reads_as_the_tool_wrote_it(meta):
    for name, cube in _graphs().items():
        d = describe_result(cube.flat_graph(), meta)
        assert result_label(d, EN) == d.label, name


def test_in_other_languages_a_label_is_composed_from_the_typed_fields(meta):
    labels = {name: describe_result(cube.flat_graph(), meta) for name, cube in _graphs().items()}
    assert result_label(labels["flood"], phrases("fr")) == "Inondé (variation de la rétrodiffusion VV (dB) < -3)"
    assert result_label(labels["hot days"], phrases("de")) == "Anzahl der Zeitschritte: Heiß (LST > 308.15 K)"
    assert result_label(labels["water days"], phrases("it")) == "Numero di passi temporali: Acqua (retrodiffusione VH (dB) < -20)"
    assert result_label(labels["ndvi"], phrases("es")) == "NDVI (vegetación)"
    assert result_label(labels["dnbr"], phrases("nl")) == "dNBR"
    for lang in LANGS:
        for name, d in labels.items():
            label = result_label(d, phrases(lang))
            assert label and not tool_english(label, lang), (lang, name, label)


def _decision() -> tuple[DecisionNumbers, ResultDescription]:
    desc = ResultDescription(kind="mask", label="Flooded (VV backscatter change (dB) < -3)", words="flooded",
                             threshold=-3, comparison="lt", subject="change", bands=["VV"])
    towns = [TownHit(name=f"Town {i}", population=1200 * (i + 1), distance_km=1.5 * i, share=0.004 if i == 0 else 0.4,
                     inside=i == 0) for i in range(10)]
    dn = DecisionNumbers(kind="mask", words="flooded", area_km2=1234.56, mapped_km2=20345.2, share=0.0607, towns=towns,
                         limit_codes=[DecisionLimit(code="simulated"), DecisionLimit(code="pixels", value=10.2),
                                      DecisionLimit(code="radar_water"), DecisionLimit(code="towns_points")])
    dn.limits = [lim.to_text() for lim in dn.limit_codes]
    return dn, desc


def _severity() -> DecisionNumbers:
    dn = DecisionNumbers(kind="index_change", quantity="dNBR", mapped_km2=490.0,
                         severity=[ClassArea(label=label, code=code, area_km2=10.0 * i, share=i / 21)
                                   for i, ((label, _, _), code) in enumerate(zip(DNBR_CLASSES, DNBR_CODES))],
                         crossed=[ThresholdArea(threshold=-0.2, direction="below", area_km2=31.55, share=0.064),
                                  ThresholdArea(threshold=0.2, direction="above", area_km2=2253.6, share=0.517)],
                         limit_codes=[DecisionLimit(code="pixels", value=20), DecisionLimit(code="dnbr_calibration")])
    dn.limits = [lim.to_text() for lim in dn.limit_codes]
    return dn


def test_in_english_the_decision_numbers_read_as_the_tool_wrote_them():
    dn, desc = _decision()
    assert decision_sentences(dn, EN, desc) == dn.to_text().splitlines()[1:]
    sev = _severity()
    assert decision_sentences(sev, EN) == sev.to_text().splitlines()[1:]
    empty = DecisionNumbers(kind="mask", words="water", area_km2=0.0, mapped_km2=88.0, share=0.0,
                            limit_codes=[DecisionLimit(code="threshold", value=-18.0)])
    empty.limits = [lim.to_text() for lim in empty.limit_codes]
    assert decision_sentences(empty, EN) == empty.to_text().splitlines()[1:]
    untyped = DecisionNumbers(kind="mask", words="hot", area_km2=2.0, mapped_km2=8.0, share=0.25,
                              limits=["the mask depends on the chosen threshold"])
    assert decision_sentences(untyped, EN) == untyped.to_text().splitlines()[1:]  # saved before the codes


@pytest.mark.parametrize("lang", LANGS)
def test_the_decision_numbers_in_each_language(lang):
    p = phrases(lang)
    dn, desc = _decision()
    lines = decision_sentences(dn, p, desc)
    text = "\n".join(lines + decision_sentences(_severity(), p))
    assert not tool_english(text, lang), (tool_english(text, lang), text)
    # the language's decimal comma in prose (digit groups a no-break space)
    assert "1\u00a0234,6 km²" in lines[0] and "20\u00a0345 km²" in lines[0] and "6,1" in lines[0]
    assert "Town 0" in lines[1] and "<1" in lines[1] and "Town 8" not in lines[1] and "2" in p.dec_more.format(n=2)
    assert "10 m" in lines[2]  # the pixel size, rounded as in English
    assert (" ; " in lines[2]) == (lang == "fr") and p.semicolon in lines[2]  # French sets its semicolon apart
    assert "2\u00a0253,60 km²" in text and "-0.2" in text and "+0.2" in text


def test_every_language_words_every_limit_and_severity_class_with_the_english_placeholders():
    for lang, p in TABLES.items():
        assert set(p.decision_limits) == {"simulated", "pixels", "radar_water", "dnbr_calibration", "threshold",
                                          "towns_points"}, lang
        assert set(p.severity_classes) == set(DNBR_CODES), lang
        for code, template in p.decision_limits.items():
            assert set(re.findall(r"\{(\w+)\}", template)) == set(re.findall(r"\{(\w+)\}", EN.decision_limits[code])), (lang, code)


def _summaries() -> list[ResultSummary]:
    table = TableSummary(columns=["name", "date", "NDVI"], rows=[["Nysa", "2023-01-05", 0.117], ["Nysa", "2023-01-10", 0.1]],
                         n_rows=73, geometries=1, dates=["2023-01-05", "2023-12-31"], csv_path="/tmp/run/zonal_statistics.csv",
                         per_column=[BandStats(band="NDVI", min=-0.008362, max=0.5793, mean=0.3674)])
    regions = table.model_copy(update={"geometries": 4, "dates": [], "n_rows": 2, "csv_path": None})
    bands = ValueStats(bands=[BandStats(band="B04", unit="reflectance", min=0.01, max=0.4, mean=0.1, valid_fraction=0.97),
                              BandStats(band="B08", min=0.02, max=0.6, mean=0.3, valid_fraction=0.97)],
                       steps=[StepStats(label=f"2023-0{m}", band="B04", mean=0.1 * m) for m in range(1, 4)],
                       time_labels=["2023-01", "2023-02", "2023-03"])
    classes = {"MAP": [ClassShare(value=10, name="tree cover", share=0.42), ClassShare(value=40, name="cropland", share=0.31),
                       ClassShare(value=80, name="permanent water bodies", share=0.02)]}
    return [ResultSummary(table=table), ResultSummary(table=regions), ResultSummary(values=bands),
            ResultSummary(values=ValueStats(bands=[BandStats(band="MAP")], time_labels=["2021", "2022"]), classes=classes)]


def _notes() -> list[ResultNote]:
    return [ResultNote(code="small_area", width_km=0.25, height_km=0.4, collection="SENTINEL3_SLSTR_L2_LST", res_m=1000),
            ResultNote(code="all_nodata"),
            ResultNote(code="time_steps", days=31, items=62, more=True, count=True, collection="SENTINEL3_SLSTR_L2_LST",
                       start="2022-07-01", end="2022-08-01"),
            ResultNote(code="time_steps", source="https://stac.example", days=12, items=12, count=False,
                       collection="SENTINEL2_L2A", start="2023-06-01", end="2023-07-01")]


def test_in_english_summaries_and_notes_read_as_the_tools_wrote_them():
    for s in _summaries():
        assert "\n".join(summary_lines(s, EN)) == s.to_text()
    for n in _notes():
        assert note_line(n, EN) == n.to_text()


@pytest.mark.parametrize("lang", LANGS)
def test_summaries_and_notes_in_each_language(lang):
    p = phrases(lang)
    text = "\n".join(["\n".join(summary_lines(s, p)) for s in _summaries()] + [note_line(n, p) for n in _notes()])
    text = text.replace("columns name, date, NDVI", "")  # column names are ids
    assert not tool_english(text.replace("name, date, NDVI", ""), lang), (tool_english(text, lang), text)
    for kept in ("2023-01-05", "0,5793", "zonal_statistics.csv", "SENTINEL3_SLSTR_L2_LST", "2022-08-01", "42,0", "B08",
                 "https://stac.example", "31", "62"):
        assert kept in text, (lang, kept)


def _outcome(lang_request: str) -> tuple[str, ExecuteOutcome]:
    dn, desc = _decision()
    stats = ResultStats(min=0, max=1, mean=0.06, valid_fraction=1.0, unit="mask (0/1)", simulated=True)
    outcome = ExecuteOutcome(ok=True, mode="sync", stats=stats, description=desc, decision=dn)
    return "OK\nResult (sync): flood.tif\n" + desc.to_text() + "\n" + dn.to_text(), outcome


@pytest.mark.parametrize("lang, request_text", [
    ("fr", "Où la tempête a-t-elle inondé les terres autour de Nysa en septembre 2024 ?"),
    ("de", "Wo hat das Hochwasser im September 2024 das Land um Nysa überflutet?"),
    ("nl", "Waar heeft het water in september 2024 het land rond Nysa overstroomd?"),
    ("es", "¿Dónde inundó la riada las tierras alrededor de Nysa en septiembre de 2024?"),
    ("it", "Dove l'alluvione ha inondato i terreni intorno a Nysa nel settembre 2024?"),
])
def test_a_flood_answer_has_no_english_from_the_tools(lang, request_text):
    """The planner's whole answer to a flood request (scripted tools, typed outcome): the decision numbers,
    the label and the unit are in the request's language, as the planner's own sentences were."""
    messages, _ = converse(request_text, date(2024, 11, 1), {"nysa": ((17.13, 50.34, 17.54, 50.60), "city")},
                           execute=_outcome(lang))
    answer = answer_of(messages)
    assert not tool_english(answer, lang), (tool_english(answer, lang), answer)
    assert "1\u00a0234,6 km²" in answer and "Town 0" in answer and "-3" in answer


@pytest.mark.parametrize("lang", LANGS)
def test_result_lines_of_a_count_with_its_note_and_a_table(lang):
    count = ExecuteOutcome(ok=True, mode="sync",
                           stats=ResultStats(min=0, max=22, mean=3.15, valid_fraction=1.0, unit="count"),
                           description=ResultDescription(kind="count", unit="count", label="Count of time steps: Hot (LST > 308.15)",
                                                         mask_words="hot", subject="temperature", quantity="Hot (LST > 308.15)",
                                                         threshold=308.15, comparison="gt", bands=["LST"]),
                           notes=[_notes()[2]], note=_notes()[2].to_text())
    table = ExecuteOutcome(ok=True, mode="sync", stats=ResultStats(kind="timeseries", min=0, max=0.6, mean=0.37, unit="index"),
                           description=ResultDescription(kind="timeseries", unit="index", label="Time series of NDVI",
                                                         index="NDVI", quantity="NDVI"),
                           summary=_summaries()[0])
    text = "\n".join(result_lines(count, lang) + result_lines(table, lang)).replace("name, date, NDVI", "")
    assert not tool_english(text, lang), (tool_english(text, lang), text)
    # the threshold of the label is an expression (LST > 308.15); the values are prose, with the decimal comma
    assert "308.15" in text and "22" in text and "0,5793" in text and "3,15" in text


@pytest.mark.parametrize("lang", LANGS)
def test_joined_masks_are_worded_from_their_terms(lang):
    """'flooded in cropland' and 'no longer water' were the tool's English in every language: their parts are
    typed (tools.result_kind.MaskTerm) and each is worded in the language, joined by its own words."""
    catalog = {cid: CollectionMeta.from_stac(collection_document(spec, "http://x")) for cid, spec in load_catalog().items()}

    def load(cid: str, bands: list[str], period: tuple[str, str]) -> DataCube:
        return DataCube.load_collection(cid, connection=None, spatial_extent=BBOX, temporal_extent=list(period), bands=bands)

    before = load("SENTINEL1_GRD", ["VV"], ("2024-08-04", "2024-09-01")).reduce_dimension("t", "mean").log10() * 10
    after = load("SENTINEL1_GRD", ["VV"], ("2024-09-01", "2024-10-01")).reduce_dimension("t", "min").log10() * 10
    cropland = load("ESA_WORLDCOVER_10M_2021_V2", ["MAP"], ("2021-01-01", "2022-01-01")).reduce_dimension("t", "max") == 40
    flooded = (after - before) < -3
    p = phrases(lang)
    for graph, english in [
        (flooded & cropland.resample_cube_spatial(flooded), "flooded in cropland"),
        ((before < -18) & ~(after < -18), "no longer water"),
    ]:
        d = describe_result(graph.flat_graph(), catalog)
        assert d.words == english and result_label(d, EN).lower().startswith(english)
        label = result_label(d, p)
        assert not tool_english(label, lang), label
        assert p.mask_words["flooded" if "flooded" in english else "water"].lower() in label.lower()
