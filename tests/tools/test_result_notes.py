"""execute's notes (what the numbers alone do not say) are typed: `ResultNote` holds the numbers, its
`to_text()` is the English the model reads (an answer in another language words it from the fields)."""

from tools.models import ExecuteOutcome, ResultNote, ResultStats


def test_each_note_reads_as_execute_wrote_it():
    small = ResultNote(code="small_area", width_km=0.012, height_km=0.31, collection="SENTINEL3_SLSTR_L2_LST", res_m=1000)
    assert small.to_text() == ("No valid values: the area is about 0.0 x 0.3 km, smaller than one pixel of "
                               "SENTINEL3_SLSTR_L2_LST (1000 m). Use an area several pixels wide.")
    assert ResultNote(code="all_nodata").to_text().startswith("No valid values: every pixel is nodata")
    steps = ResultNote(code="time_steps", days=62, items=124, more=True, count=True, collection="SENTINEL2_L2A",
                       start="2023-06-01", end="2023-09-01")
    assert steps.to_text() == ("Time steps: the backend lists 62 or more acquisition days of SENTINEL2_L2A over the area "
                               "from 2023-06-01 to 2023-09-01 (end exclusive) (124 or more scenes or granules); a pixel's "
                               "count is at most the time steps the backend makes of them, fewer where masked or nodata.")
    share = steps.model_copy(update={"items": 62, "more": False, "count": False, "source": "https://stac.example/v1"})
    assert share.to_text().startswith("Time steps: https://stac.example/v1 lists 62 acquisition days")
    assert "scenes" not in share.to_text() and "the share is of these time steps" in share.to_text()


def test_an_outcome_carries_its_notes_typed_and_in_its_text():
    note = ResultNote(code="all_nodata")
    out = ExecuteOutcome(ok=True, mode="sync", stats=ResultStats(min=None, max=None, valid_fraction=0.0),
                         note=note.to_text(), notes=[note])
    assert out.notes[0].code == "all_nodata" and note.to_text() in out.to_text()
    assert ExecuteOutcome.model_validate(out.model_dump(mode="json")).notes == [note]  # a reloaded artifact
