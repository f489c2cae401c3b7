"""The planner as a chat model: the conversation flow, one repair, not understood, follow-ups."""

from datetime import date

from langchain_core.messages import AIMessage, HumanMessage

from agent.planner import OfflinePlanner
from planner_helpers import answer_of, build_graph, converse, final_code

TODAY = date(2019, 6, 10)
GAZ = {"leuven": ((4.62, 50.82, 4.78, 50.92), "city, pop. 100k"), "belgium": ((2.5, 49.5, 6.4, 51.5), "country")}


def test_bind_tools_returns_itself_and_flow_is_place_code_execute_map_answer():
    planner = OfflinePlanner(today=TODAY)
    assert planner.bind_tools([]) is planner
    messages, calls = converse("NDVI of Leuven, Belgium for May 2019", TODAY, GAZ)
    tools = [m.tool_calls[0]["name"] for m in messages if isinstance(m, AIMessage) and m.tool_calls]
    assert tools == ["find_place", "run_openeo_code", "execute"]
    assert [c["name"] for c in calls["find_place"]] == ["Leuven, Belgium"]  # the country qualifies the city
    assert "render_map" in calls
    text = answer_of(messages)
    assert "SENTINEL2_L2A" in text and "2019-05-01" in text and "Leuven" in text and "SIMULATED" in text


def test_deterministic():
    a, _ = converse("NDVI of Leuven for May 2019", TODAY, GAZ)
    b, _ = converse("NDVI of Leuven for May 2019", TODAY, GAZ)
    assert [m.content for m in a] == [m.content for m in b]


def test_one_repair_from_a_band_suggestion():
    seen = []

    def validate(code):
        seen.append(code)
        if len(seen) == 1:
            return "INVALID\n[BandNotFound] Band 'B08' is not in SENTINEL2_L2A; did you mean 'B8A'?"
        return "VALID\nok"

    messages, calls = converse("NDVI of Leuven for May 2019", TODAY, GAZ, validate=validate)
    assert len(calls["run_openeo_code"]) == 2
    assert '"B8A"' in calls["run_openeo_code"][1]["code"] and '"B08"' not in calls["run_openeo_code"][1]["code"]
    assert "repaired" in answer_of(messages)


def test_explains_when_it_cannot_repair():
    messages, calls = converse("NDVI of Leuven for May 2019", TODAY, GAZ,
                               validate=lambda code: "INVALID\n[ProcessUnsupported] nope")
    assert len(calls["run_openeo_code"]) == 1 and "execute" not in calls
    assert "could not complete" in answer_of(messages)


def test_execution_failure_is_explained():
    messages, calls = converse("NDVI of Leuven for May 2019", TODAY, GAZ, execute="FAILED\n[Timeout] too slow")
    assert "execution step failed" in answer_of(messages)


def test_not_understood_says_what_it_can_do():
    messages, calls = converse("What is the meaning of life?", TODAY, GAZ)
    assert not calls
    text = answer_of(messages)
    assert "NDVI" in text and "flood" in text


def test_place_not_found_asks_for_coordinates():
    messages, calls = converse("NDVI of Atlantis for May 2019", TODAY, GAZ)
    assert "coordinates" in answer_of(messages) and "run_openeo_code" not in calls


def test_coordinates_need_no_lookup():
    messages, calls = converse("NDVI around 50.88 N, 4.70 E in May 2019", TODAY, GAZ)
    assert "find_place" not in calls and "run_openeo_code" in calls


def test_followups_same_for_july_radar_and_zoom():
    first, _ = converse("NDVI of Leuven for May 2019", TODAY, GAZ)
    second, calls = converse("now the same for July", TODAY, GAZ, history=first)
    code = final_code(calls)
    assert "find_place" not in calls and '"2019-07-01", "2019-08-01"' in code and "B08" in code
    third, calls = converse("use radar instead", TODAY, GAZ, history=second)
    code = final_code(calls)
    assert "SENTINEL1_GRD" in code and "2019-07-01" in code
    fourth, calls = converse("zoom in on the north", TODAY, GAZ, history=third)
    graph = build_graph(final_code(calls))
    load = next(n for n in graph.values() if n["process_id"] == "load_collection")
    ext = load["arguments"]["spatial_extent"]
    assert (ext["south"] + ext["north"]) / 2 > 50.88  # centred on the northern half of Leuven (50.82-50.92)


def test_today_from_the_system_prompt_when_not_given():
    from langchain_core.messages import SystemMessage

    planner = OfflinePlanner()
    ai = planner.invoke([SystemMessage("Today is 2020-03-04."), HumanMessage("NDVI around 50.88 N, 4.70 E last month")])
    assert '"2020-02-01", "2020-03-01"' in ai.tool_calls[0]["args"]["code"]


def test_simulated_is_read_from_the_execute_result():
    from agent.planner.answers import is_simulated

    assert is_simulated("OK\nmin=1 simulated=yes") and is_simulated("OK\n(simulated data)")
    assert not is_simulated("OK\nmin=1 simulated=no") and not is_simulated("OK\nmean 3")


def test_everyday_wording_reaches_a_product():
    messages, calls = converse("What did Leuven look like last summer?", TODAY, GAZ)
    assert '"B04", "B03", "B02"' in final_code(calls) and '"2018-06-01", "2018-09-01"' in final_code(calls)


def test_the_answer_quotes_the_decision_numbers_execute_reported():
    from agent.planner.answers import _stats_line, decision_lines

    exec_text = ("OK\nResult (sync): /r/result.tif\nmin=0 max=1 mean=0.08 valid=100% unit=mask (0/1)\nsimulated=yes\n"
                 "Decision numbers:\nFlooded area: 73.5 km², 8.1% of the mapped 903 km² (equal-area).\n"
                 "Towns and villages in or touching the flooded area, nearest first: Stary Las (700 people, 10.9 km from the centre, 76% flooded).")
    assert decision_lines(exec_text)[0].startswith("Flooded area: 73.5 km²") and "Stary Las (700 people" in decision_lines(exec_text)[1]
    assert "Decision numbers" not in _stats_line(exec_text) and "unit=mask (0/1)" in _stats_line(exec_text)
    assert decision_lines("OK\nResult (sync): x\nmin=0") == []


def test_too_large_to_execute_is_read_coarser_once():
    """The backend refuses a year of 10 m data: the next draft resamples each load to the factor it
    asked for, the answer says at which resolution; a second refusal is explained, not looped."""
    first = ("FAILED\n[RequestTooLarge] This request would compute about 2,000,000,000 values, more than the "
             "1,000,000,000 allowed for one batch job on this backend. Make it about 2x smaller: ...")
    messages, calls = converse("Monthly maximum NDVI of Leuven in 2019", TODAY, GAZ,
                               execute=lambda n: first if n == 1 else "OK\nmin 0.1, max 0.8 (simulated data)")
    assert len(calls["run_openeo_code"]) == 2 and len(calls["execute"]) == 2
    assert "resample_spatial" not in calls["run_openeo_code"][0]["code"]
    assert 'resample_spatial(resolution=20, method="near")' in final_code(calls)
    assert "read the data at 20 m" in answer_of(messages)
    messages, calls = converse("Monthly maximum NDVI of Leuven in 2019", TODAY, GAZ, execute=first)
    assert len(calls["execute"]) == 2 and "execution step failed" in answer_of(messages)


def test_an_empty_day_is_widened_to_the_nearest_overpasses():
    empty = "FAILED\n[NoDataAvailable] No acquisition of 'SENTINEL2_L2A' between 2019-05-14 and 2019-05-15."
    messages, calls = converse("NDVI of Leuven on 14 May 2019", TODAY, GAZ,
                               execute=lambda n: empty if n == 1 else "OK\nmin 0.1, max 0.8 (simulated data)")
    assert '"2019-05-14", "2019-05-15"' in calls["run_openeo_code"][0]["code"]
    assert '"2019-05-09", "2019-05-20"' in final_code(calls)
    text = answer_of(messages)
    assert "no acquisition on 2019-05-14" in text and "5-day revisit" in text


def test_an_empty_window_found_by_validation_is_widened_too():
    """Validation that checks availability reports the empty day before anything runs."""
    empty = ("INVALID\n[NoDataAvailable] load_collection 'loadcollection1' (SENTINEL2_L2A) has no acquisition "
             "between 2019-05-14 and 2019-05-15 (end exclusive). The nearest acquisitions are 2019-05-12 and 2019-05-17.")
    messages, calls = converse("NDVI of Leuven on 14 May 2019", TODAY, GAZ,
                               validate=lambda code: empty if '"2019-05-14", "2019-05-15"' in code else "VALID\nok")
    assert len(calls["run_openeo_code"]) == 2 and len(calls["execute"]) == 1
    assert '"2019-05-09", "2019-05-20"' in final_code(calls)
    assert "no acquisition on 2019-05-14" in answer_of(messages)


def test_the_answer_to_a_day_count_says_what_was_counted_from_the_typed_outcome():
    """'How many days over 40 °C around Seville': the answer said 'the per-pixel mean of land surface
    temperature' and quoted execute's raw text cut at 400 characters ('... fewer whe'). It names the
    count and its condition, and its numbers come from the execute tool's typed outcome."""
    from tools.models import ExecuteOutcome, ResultStats
    from tools.result_kind import ResultDescription

    note = "Time steps: the backend lists 62 acquisition days of SENTINEL3_SLSTR_L2_LST over the area."
    outcome = ExecuteOutcome(ok=True, mode="sync", stats=ResultStats(min=0, max=45, mean=4.092, valid_fraction=1.0, unit="count", simulated=True),
                             description=ResultDescription(kind="count", unit="count", label="Count of time steps: Hot (LST > 313.15)"),
                             note=note)  # fmt: skip
    text = "OK\nResult (sync): x.tif\nmin=0 max=45 mean=4.092 valid=100% unit=count\nsimulated=yes\n" + note
    messages, calls = converse("How many days in July–August 2022 did the land surface temperature around Seville exceed "
                               "40 °C? Use Sentinel-3 LST.", date(2022, 10, 1), {"seville": ((-6.1, 37.28, -5.85, 37.48), "city")},
                               execute=(text, outcome))  # fmt: skip
    answer = answer_of(messages)
    assert "the number of days on which land surface temperature was > 313.15 K (40 °C)" in answer, answer
    assert "per-pixel mean" not in answer and "min=" not in answer
    assert "Count of time steps: Hot (LST > 313.15): values 0 to 45, mean 4.092 [count]" in answer
    assert note in answer and "SIMULATED" in answer
