from tools.execute import _label_by_columns
from tools.result_kind import ResultDescription


def _table(label="MNDWI per geometry", bands=("B03", "B11")):
    return ResultDescription(kind="table", label=label, quantity="MNDWI", bands=list(bands))


def test_columns_named_by_the_code_title_the_table():
    # a water-area table per year: the MNDWI on the way is not what the numbers are
    out = _label_by_columns(_table(), ["water_2019", "water_2022"])
    assert out.label == "water_2019, water_2022 per geometry"


def test_generic_or_band_columns_keep_the_inferred_title():
    for cols in (["mean"], ["band_0"], ["B03"], ["0", "1"]):
        assert _label_by_columns(_table(), cols).label == "MNDWI per geometry"


def test_rasters_are_untouched():
    d = ResultDescription(kind="index", label="NDVI", index="NDVI")
    assert _label_by_columns(d, ["water"]).label == "NDVI"
