"""What the planner says, per language: the sentence templates and words its answers and questions are
composed of (agent/planner/answers.py, model.py).

`Phrases` is one language's table; `phrases(lang)` gives it for a request's language (en, de, fr, nl, es, it),
English for any other. The tables of the other languages are English's with every field replaced
(tests/planner/test_planner_phrases.py checks that none is left out and that each template takes the same
placeholders), so a field a table lacked would read in English rather than fail.

Ids stay as they are in every language: collections, bands, processes, indices, file names. Dates are
ISO dates. Numbers keep the decimal point in every language (the code, the bboxes and the tools write
it so); large counts are grouped with a comma in English and a no-break space in the others.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict

from tools.numbers import short_number


class Phrases(BaseModel):
    """One language's templates ({name} placeholders, filled with str.format) and words."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    lang: str
    thousands: str  # the separator of digit groups in areas and distances: "12,345" / "12 345"
    decimal_point: str = "."  # in prose and tables for people (never in code): "0.4198" (en) / "0,4198"
    semicolon: str  # between the limits: "; " (French: " ; ")

    # --- what the planner can do, and the answers without a result ---
    capabilities: str
    not_understood: str  # {text} {capabilities}
    outside_record: str  # {collection} {first} {last} {start} {end}: the window lies outside a closed record
    outside_record_since: str  # {collection} {first} {start} {end}: the window ends before an ongoing record starts
    record_swapped: str  # {named} {first} {start} {end} {used} {used_first}: an optical window read from Landsat
    record_ask_offer: str  # {named} {first} {start} {end} {used} {used_first}: radar before Sentinel-1, Landsat offered
    record_ask_later: str  # {named} {first} {start} {end}: no collection has data then
    worldcereal: str  # what a WorldCereal map is ("an ESA WorldCereal 2021 crop mask")
    missing_product: str  # {named} {nearest} {title}: a named product the backend lacks, the nearest used instead
    missing_product_offer: str  # {named} {nearest} {title}: ... and the nearest offered (nothing was run)
    no_place: str
    place_not_found: str  # {tried}
    the_place: str
    failed: str  # {stage} {msg}
    stage_validation: str
    stage_execution: str

    # --- the final answer's sentences ---
    computed: str  # {what} {place} {bbox} {area}
    area_you_gave: str
    data: str  # {collection} {bands}
    data_bands: str  # {bands}
    data_sources: str  # {sources}
    source_window: str  # {collection} {bands} {start} {end}
    fusion_sources: str  # {optical} {optical_bands} {radar} {polarisations} {start} {end}
    dates: str  # {start} {end}
    dates_change: str  # {b_start} {b_end} {a_start} {a_end}
    event_left_out: str  # {start} {end}: a fire's period between the before and after windows, not loaded
    season_default: str  # {hemisphere}: a wet/dry season or monsoon read as the tropics' usual months
    south_of_equator: str
    north_of_equator: str
    limits: str  # {limits}
    limit_cloud_mask: str
    limit_no_cloud_mask: str
    limit_range_change: str
    limit_flood_drop: str
    limit_old_landsat: str  # {l8_start} {s2_start}
    limit_flood: str
    limit_terrain: str
    limit_resolution: str  # {res}
    res_s5p: str
    limit_simulated: str
    repaired: str  # {reason}
    adjusted_coarser: str  # {native} {res}: the backend refused the request as too large (repair.py)
    adjusted_widened: str  # {dates} {revisit}: no acquisition in a short window
    on_day: str  # {day}
    day_range: str  # {start} {end}: the last day included
    result_values: str  # {label} {min} {max} {mean} {unit} {valid}
    result_head: str  # {label}
    the_result: str
    by_date: str  # {shown} {more}
    by_date_more: str  # {n}
    result_raw: str  # {stats}
    map_shown: str

    # --- what was computed (describe) ---
    q_lst: str
    q_backscatter: str
    q_column: str  # {product}
    count_days: str  # {q} {cond}
    count_days_any: str  # {q}
    statistics: str  # {stats} {q}
    wf_rvi: str
    wf_oil_slick: str
    wf_soil_moisture_percent: str
    wf_soil_moisture: str
    wf_best_pixel: str
    wf_fusion: str
    wf_zonal_landcover: str
    wf_multisensor: str  # {q}
    wf_moving_window: str  # {q}
    timeseries: str  # {what}
    dnbr: str
    index_named: str  # {index} {title}
    change_in: str  # {what}
    percent_change_in: str  # {what}
    ratio_in: str  # {what}: the first period named divided by the second
    rgb_true: str
    rgb_false: str
    rgb_swir: str
    composite: str
    flood: str
    backscatter: str
    ratio: str
    dem: str
    slope_mask: str  # {op} {value}
    slope: str
    aspect: str
    hillshade: str  # {azimuth} {altitude}
    lst: str
    lst_celsius: str
    landcover: str
    fusion: str
    flood_product: str  # the Global Flood Monitoring product's flood extent
    multisensor_period: str  # {per} {index}
    multisensor: str  # {index}
    percent_change_periods: str  # {what}
    change_periods: str  # {what}
    every_date: str  # {what}
    per_period: str  # {per} {reducer} {what}
    per_pixel: str  # {reducer} {what}
    reducers: dict[str, str]  # median, mean, max, min
    periods: dict[str, str]  # day, week, dekad, month, year: "monthly" in "the monthly median"
    index_titles: dict[str, str]  # NDVI: Normalized Difference Vegetation Index

    # --- places and the notes and questions about them (model.py) ---
    and_: str  # " and " between places
    span: str  # {a} {b}: "Lyon to Grenoble", "la zone de Lyon à Grenoble" (the area's name in the answer)
    coords_you_gave: str  # {kind}
    coord_kinds: dict[str, str]  # point, bbox, polygon
    zoom_part: str  # {direction}
    directions: dict[str, str]  # north, south, east, west: "northern" in "(the northern part)"
    which_namesake: str  # {name} {options} {example}
    or_: str  # " or " between options
    regions_too_large: str  # {place} {collection} {read} {example}
    span_too_large: str  # {place} {collection} {read} {a} {b}
    read_at: str  # {res}: " (it would be read at 2,000 m)"
    compared_too_far: str  # {place} {km} {collection} {read} {first}
    read_at_short: str  # {res}: "at 2,000 m"
    read_too_large: str
    region_missing: str  # {names} {unit}
    span_abroad: str  # {b} {b_found} {km} {a_found} {a}
    compare_missing: str  # {missing} {other}
    compare_missing_some: str  # {missing}
    far_namesake: str  # {name} {found} {place}
    not_in_gazetteer: str  # {names} {place}
    compared_rows: str  # {places}
    clamped_centre: str  # {place} {area} {loaded} {collection}: a named area cut to the load's largest size
    unknown_in_large_country: str  # {names} {country} {area}: a place not found inside a country too large to load
    scene_clearest: str  # {day} {cloud} {count} {start} {end}: the least cloudy acquisition of the window
    scene_latest: str  # {day} {count} {start} {end}: the latest acquisition of the window
    scene_none: str  # {collection} {start} {end}: none in the window, the window's composite instead
    scene_no_cloud: str  # {day} {count} {start} {end}: the clearest asked, no cloud cover known: the latest
    unit_rows_listed: str  # {unit} {parts} {missing}
    unit_rows_missing: str  # {missing}
    unit_rows: str  # {unit} {rows} {region}
    unit_rows_official: str  # {unit} {rows} {region}: a country's regions, Natural Earth's outlines
    unit_too_many: str  # {where} {count} {unit}
    unit_none: str  # {where} {unit}

    # --- the tools' typed results in words (answers.py result_label, decision_lines, summary_lines, note_lines) ---
    pct: str  # {v}: a percentage, "12%" / "12 %"
    label_index: str  # {index} {words}: "NDVI (vegetation)"
    index_words: dict[str, str]  # NDVI: vegetation (tools/result_kind.py INDEX_TITLES)
    label_count: str  # {q}
    label_share: str  # {q}
    label_share_of: str  # {words}: the mean of a mask per geometry
    label_classes: str  # {bands}
    land_cover: str
    label_temperature: str  # {unit}
    label_elevation: str
    label_slope: str
    label_aspect: str
    label_hillshade: str
    label_rgb: str
    label_reflectance: str  # {bands}
    label_radar: str  # {unit}
    label_table: str  # {q}
    label_timeseries: str  # {q}
    q_change: str  # {q}
    q_backscatter_change: str  # {bands}
    q_backscatter_db: str  # {bands}
    q_ratio: str
    q_nbr_change: str
    q_values: str
    mask_words: dict[str, str]  # what a mask's 1s are (tools/result_kind.py _mask_words)
    loss_of: str  # {index}
    gain_of: str  # {index}
    mask_joins: dict[str, str]  # joined masks' words ({a} in/and/or {b}; new/no longer {b}): tools/result_kind.MaskTerm
    units: dict[str, str]  # the units in words ("mask (0/1)", "degrees"); symbols (K, m, dB) stay
    dec_area: str  # {what} {area} {share} {mapped}
    dec_towns: str  # {words} {towns} {more}
    dec_town: str  # {name} {population} {km} {share} {words}
    dec_in_mask: str
    dec_more: str  # {n}
    dec_no_town: str  # {words}
    dec_severity: str  # {classes}
    severity_classes: dict[str, str]  # tools/decision.py DNBR_CODES
    dec_crossed: str  # {items}
    thresholds: dict[str, str]  # below, above
    dec_limits: str  # {limits}
    decision_limits: dict[str, str]  # tools/decision.py LimitCode; "pixels" and "threshold" take {value}
    table_head: str  # {geometries} {dates} {rows} {columns}
    geometry_one: str  # {n}
    geometry_many: str  # {n}
    table_dates: str  # {n} {first} {last}
    table_more: str  # {n} {file}
    table_in: str  # {file}
    column_stats: str  # {band} {min} {max} {mean}
    band_stats: str  # {band} {min} {max} {mean} {unit} {valid}
    more_bands: str  # {n} {bands}
    time_steps: str  # {n} {first} {last}
    mean_per_step: str  # {band} {steps}
    class_shares: str  # {band} {shown} {more}
    more_classes: str  # {n}
    class_names: dict[str, str]  # ESA WorldCover's classes (backend/catalog/collections.yaml)
    note_small_area: str  # {w} {h} {collection} {res}
    note_all_nodata: str
    note_time_steps: str  # {source} {days} {more} {collection} {start} {end} {scenes} {what}
    the_backend: str
    or_more: str
    note_scenes: str  # {items} {more}
    note_count: str
    note_share: str

    def decimal(self, value: float, digits: int) -> str:
        """A measure with `digits` decimals and its digit groups: 1,234.5 (en) or 1 234,5 (a no-break space and
        the language's decimal comma)."""
        return f"{value:,.{digits}f}".replace(",", "\0").replace(".", self.decimal_point).replace("\0", self.thousands)

    def decimals(self, text: str) -> str:
        """The plain decimal numbers of a quoted tool line with the language's decimal point ("mean 0.4" -> "mean
        0,4"); dates, versions and file names are left as they are."""
        if self.decimal_point == ".":
            return text
        return re.sub(r"(?<![\w.])(-?\d+)\.(\d+)(?![\w.])", lambda m: f"{m.group(1)}{self.decimal_point}{m.group(2)}", text)

    def short(self, value: float | int | None, missing: str = "n/a") -> str:
        """A value to four significant digits (`tools.numbers.short_number`) with the language's decimal point."""
        return short_number(value, missing=missing).replace(".", self.decimal_point) if isinstance(value, float) \
            else short_number(value, missing=missing)

    def number(self, value: float) -> str:
        """A whole count with its digit groups: 12,345 (en) or 12 345."""
        return f"{value:,.0f}".replace(",", self.thousands)

    def elide(self, text: str) -> str:
        """French "de" before a vowel: "série temporelle d'EVI", "la zone d'Arles à Nîmes"."""
        return re.sub(r"\bde (?=[aeiouyéèêàâîôAEIOUYÉÈÊÀÂÎÔ])", "d'", text) if self.lang == "fr" else text

    def noun(self, word: str) -> str:
        """A noun from the request ("kreis", "gemeente") as the language writes it: German capitalises nouns."""
        return word[:1].upper() + word[1:] if self.lang == "de" else word

    def fields_of(self, name: str) -> set[str]:
        """The placeholders of a template."""
        return set(re.findall(r"(?<!\{)\{(\w+)\}", str(getattr(self, name))))


EN = Phrases(
    lang="en",
    thousands=",",
    semicolon="; ",
    capabilities=(
        "I can compute, for a place (by name or coordinates) and a time period:\n"
        "- spectral indices from Sentinel-2 or Landsat 8 (NDVI, EVI, SAVI, NDWI, MNDWI, NDMI, NBR/dNBR, NDSI, NDBI), "
        "as cloud-free composites, time series or change between two periods;\n"
        "- true- and false-colour composites (Sentinel-2, Sentinel-3 OLCI);\n"
        "- Sentinel-1 radar backscatter, VH/VV ratio and flood maps (before/after);\n"
        "- elevation, slope and hillshade from the Copernicus DEM, reprojected if you like;\n"
        "- land surface temperature (Sentinel-3 SLSTR), NO2/CO/O3/SO2/CH4 (Sentinel-5P) and ESA WorldCover classes.\n"
        "For example: \"NDVI of the farmland around Leuven for June 2023\" or "
        "\"flood map near Porto Alegre, April 2024 versus 1-15 May 2024\"."
    ),
    outside_record='{collection} has data only from {first} to {last}; the window {start} to {end} lies outside it, so the result will be empty. Choose dates within its record or another collection.',
    record_swapped='{named} has data only since {first}, and the window {start} to {end} lies before it, so I used Landsat 8-9 ({used}, since {used_first}, 30 m) instead.',
    record_ask_offer='{named} has data only since {first}; the window {start} to {end} lies before it and no other radar collection here reaches back to then. Landsat 8-9 ({used}, since {used_first}) can show water and vegetation (NDWI, NDVI) for that window instead: shall I use it, or will you give dates after {first}?',
    record_ask_later='{named} has data only since {first}, and the window {start} to {end} lies before it; no collection here has data for it. Please give dates after {first}.',
    outside_record_since='{collection} has data only since {first}; the window {start} to {end} lies before it, so the result will be empty. Choose later dates or another collection.',
    worldcereal='an ESA WorldCereal 2021 crop mask',
    missing_product='{named} is not available on this backend; I used the nearest collection it has instead: {nearest} ({title}).',
    missing_product_offer='{named} is not available on this backend; the nearest collection it has is {nearest} ({title}). Tell me if I should use it.',
    not_understood=("I could not tell which product you want from \"{text}\", so rather than "
                    "guess I have not run anything.\n\n{capabilities}"),
    no_place=("I understood what to compute but not where. Name a place (a city, region or country) or give "
              "coordinates, e.g. \"around 52.37 N, 4.90 E\" or a bbox \"bbox=[4.8, 52.3, 5.0, 52.4]\"."),
    place_not_found=("I could not find {tried} in the gazetteer. Try a nearby city or the region's name, or give "
                     "coordinates (\"around 0.33 S, 36.10 E\") or a bbox (\"bbox=[west, south, east, north]\")."),
    the_place="the place",
    failed=("I could not complete the request: the {stage} step failed.\n\n{msg}\n\n"
            "The drafted code is in the code tab; you can edit it and run it again, or rephrase the request."),
    stage_validation="validation",
    stage_execution="execution",
    computed="I computed {what} for {place} (bbox {bbox}; about {area} km²).",
    area_you_gave="the area you gave",
    data="Data: {collection}{bands}.",
    data_bands=", bands {bands}",
    data_sources="Data: {sources}.",
    source_window="{collection} ({bands}) {start} to {end}",
    fusion_sources="{optical} ({optical_bands}) and {radar} ({polarisations}), {start} to {end}",
    dates="Dates: {start} to {end} (end date exclusive).",
    event_left_out=("The fire period itself ({start} to {end}) is left out, so the after window holds no pre-fire days; "
                    "give the fire's dates if you know them."),
    dates_change="Dates: before {b_start} to {b_end} and after {a_start} to {a_end} (end dates exclusive).",
    season_default=("The season is read as its usual months {hemisphere} (the dates above); give the months if you "
                    "mean others."),
    south_of_equator="south of the equator",
    north_of_equator="north of the equator",
    limits="Limits: {limits}.",
    limit_cloud_mask="clouds, shadows and cirrus were masked with the SCL band; persistent clouds leave gaps",
    limit_no_cloud_mask="no cloud mask was applied (top-of-atmosphere or Landsat data); the median suppresses most clouds",
    limit_range_change=("this backend cannot combine two composites (no merge_cubes), so the change is the per-pixel "
                        "range of the index over both periods: its size, not its sign; on CDSE subtract the two "
                        "period composites instead"),
    limit_flood_drop=("this backend cannot combine two composites (no merge_cubes), so the flood drop is the "
                      "temporal minimum against the temporal median of the whole window"),
    limit_old_landsat=("Landsat 4/5 TM and 7 ETM+ are not served by this backend (nor by CDSE), so the record starts "
                       "with Landsat 8 on {l8_start} (Sentinel-2 from {s2_start}); the years before are missing"),
    limit_flood="a backscatter drop also occurs on wet soil or after harvest; permanent water is included",
    limit_terrain="terrain derivatives were computed with 3x3 Sobel kernels on a 30 m UTM grid",
    limit_resolution="the native resolution is {res}",
    res_s5p="about 5.5 x 3.5 km",
    limit_simulated=("the embedded backend answered with SIMULATED data, so the values illustrate the method, "
                     "not the real conditions; run the same code on CDSE for real data"),
    repaired="The first draft was rejected ({reason}); I repaired it once.",
    adjusted_coarser="The backend found the request too large at {native} m, so I read the data at {res} m.",
    adjusted_widened=("There was no acquisition {dates}, so I widened the window by the {revisit}-day revisit on "
                      "both sides to take the nearest overpasses."),
    on_day="on {day}",
    day_range="from {start} to {end}",
    result_values="Result — {label}: values {min} to {max}, mean {mean}{unit}; {valid}% of the values are valid.",
    result_head="Result — {label}:",
    the_result="the result",
    by_date="Values by date: {shown}{more}.",
    by_date_more=" ... ({n} dates)",
    result_raw="Result: {stats}",
    map_shown="The map is shown beside the chat; the code runs unchanged on the Copernicus Data Space Ecosystem.",
    q_lst="land surface temperature",
    q_backscatter="Sentinel-1 backscatter",
    q_column="{product} column density",
    count_days="the number of days on which {q} was {cond}",
    count_days_any="the number of days meeting the condition on {q}",
    statistics="the per-pixel {stats} of {q} over time, one band each",
    wf_rvi="the radar vegetation index (RVI = 4·VH / (VV + VH)) from Sentinel-1",
    wf_oil_slick="dark spots in Sentinel-1 VV backscatter below their local mean (possible oil slicks)",
    wf_soil_moisture_percent=("the percent change in mean Sentinel-1 VV backscatter between the two periods "
                              "(a soil-moisture proxy)"),
    wf_soil_moisture="the change in Sentinel-1 backscatter between the two periods (a soil-moisture proxy)",
    wf_best_pixel="a best-pixel composite (the least cloudy observation per pixel)",
    wf_fusion="a fusion of Sentinel-1 radar and Sentinel-2 optical data",
    wf_zonal_landcover="the share of each land-cover class",
    wf_multisensor="a multi-sensor {q} record",
    wf_moving_window="a moving-window mean of {q}",
    timeseries="a time series of {what}, averaged over the area",
    dnbr="dNBR (burn severity)",
    index_named="{index} ({title})",
    change_in="the change in {what}",
    percent_change_in="the percent change in {what}",
    ratio_in="the ratio of {what} between the two periods (the first named divided by the second)",
    rgb_true="a true-colour composite",
    rgb_false="a false-colour composite",
    rgb_swir="a SWIR composite (B12, B8A, B04)",
    composite="a multi-band composite",
    flood="a flood mask from the Sentinel-1 {pol} backscatter drop",
    backscatter="Sentinel-1 backscatter in dB",
    ratio="the Sentinel-1 VH/VV ratio in dB",
    dem="the Copernicus GLO-30 elevation",
    slope_mask="a mask of slopes {op} {value}° (1 where they are)",
    slope="slope in degrees",
    aspect="aspect in degrees",
    hillshade="a hillshade (sun azimuth {azimuth}°, altitude {altitude}°)",
    lst="land surface temperature (kelvin)",
    lst_celsius="land surface temperature (°C)",
    landcover="an ESA WorldCover land-cover mask",
    fusion="a Sentinel-2 and Sentinel-1 stack in one cube (optical median, radar mean in dB)",
    flood_product="the observed flood extent of the Global Flood Monitoring product (GFM)",
    multisensor_period=("a {per} {index} record from Sentinel-2 and Landsat 8-9 averaged over the area, "
                        "one column per sensor"),
    multisensor="an {index} record from Sentinel-2 and Landsat 8-9 averaged over the area, one column per sensor",
    percent_change_periods=("the percent change in {what} between the two periods (later minus earlier, "
                            "in percent of the earlier)"),
    change_periods="the change in {what} between the two periods (the later per-pixel mean minus the earlier)",
    every_date="{what} for every acquisition (each date kept)",
    per_period="the {per} {reducer} of {what}",
    per_pixel="the per-pixel {reducer} of {what}",
    reducers={"median": "median", "mean": "mean", "max": "max", "min": "min"},
    periods={"day": "dayly", "week": "weekly", "dekad": "dekadly", "month": "monthly", "year": "yearly"},
    index_titles={},  # English: the titles of agent/planner/intents.py INDICES
    and_=" and ",
    span="{a} to {b}",
    coords_you_gave="the {kind} you gave",
    coord_kinds={"point": "point", "bbox": "bbox", "polygon": "polygon"},
    zoom_part=" (the {direction}ern part)",
    directions={"north": "north", "south": "south", "east": "east", "west": "west"},
    which_namesake=("Which {name} do you mean: {options}? "
                    "Reply with the country (for example \"{example}\") and I will compute it there."),
    or_=" or ",
    regions_too_large=("{place} together are too large for one {collection} graph at a useful resolution{read}. "
                       "Shall I map one of them, for example {example}?"),
    span_too_large=("{place} is too large for one {collection} graph at a useful resolution{read}. "
                    "Shall I map a part of it, for example around {a} or around {b}?"),
    read_at=" (it would be read at {res} m)",
    compared_too_far=("{place} lie {km} km apart: one {collection} graph over all of them would be read {read}, "
                      "too coarse to compare. Shall I compute them one at a time (reply with the first, "
                      "e.g. \"{first}\"), or compare them with a coarser product such as Sentinel-3 or Sentinel-5P?"),
    read_at_short="at {res} m",
    read_too_large="over too large an area",
    region_missing="{names} could not be found as a {unit} and is left out.",
    span_abroad=("{b} was found only as {b_found}, {km} km from {a_found}, so the area is around {a} alone; "
                 "give {b}'s coordinates (lon, lat) to span both."),
    compare_missing=("{missing} could not be found, so there is nothing to compare {other} with; "
                     "give coordinates (lon, lat) for it."),
    compare_missing_some="{missing} could not be found and is missing from the comparison.",
    far_namesake=("{name} was found only as {found}, far from {place}, so it is not in this area; "
                  "give its coordinates (lon, lat), ask for it on its own, or ask to compare them for "
                  "one value per place."),
    not_in_gazetteer=("{names} could not be found in the offline gazetteer, so the area is {place}; "
                      "give coordinates (lon, lat) or a bbox for a tighter area."),
    compared_rows="One row per place compared: {places} (each its box from the gazetteer).",
    clamped_centre=("{place} (about {area} km²) is larger than one {collection} load here, so this is the {loaded} km² "
                    "around its centre; give a bbox or a place inside it for another part."),
    unknown_in_large_country=("I could not find {names} in the offline gazetteer, and {country} as a whole ({area} km²) is far "
                              "larger than one load here. Give its coordinates (lon, lat), a bbox, or a town near it."),
    scene_clearest="One acquisition, the least cloudy of {count} between {start} and {end}: {day} ({cloud}% cloud cover).",
    scene_latest="One acquisition, the latest of {count} between {start} and {end}: {day}.",
    scene_no_cloud="The catalogue gives no cloud cover for the {count} acquisitions between {start} and {end}, so this is the latest: {day}.",
    scene_none="{collection} has no acquisition between {start} and {end}, so this is the composite of that window.",
    unit_rows_listed="One row per {unit}: {parts}, each with its outline from the gazetteer{missing}.",
    unit_rows_missing="; {missing} could not be found and is missing",
    unit_rows_official="One row per {unit}: {rows} parts of {region}, each named, with Natural Earth's outlines (simplified).",
    unit_rows=("One row per {unit}: {rows} parts of {region}, each named; their outlines are approximate "
               "(derived from their towns, not official boundaries)."),
    unit_too_many=("{where} has {count} parts in the offline data, too many to list one row each, so this is "
                   "{where} as a whole; ask for a smaller region to get one row per {unit}."),
    unit_none="The offline data has no {unit} outlines for {where}, so this is {where} as a whole, not one row per {unit}.",
    pct="{v}%",
    label_index="{index} ({words})",
    index_words={"NDVI": "vegetation", "EVI": "vegetation", "NBR": "burn ratio", "NDWI": "water", "MNDWI": "water",
                 "NDMI": "moisture", "NDBI": "built-up"},
    label_count="Count of time steps: {q}",
    label_share="Share of time steps: {q}",
    label_share_of="Share {words}",
    label_classes="{bands} classes",
    land_cover="Land cover",
    label_temperature="Temperature ({unit})",
    label_elevation="Elevation (m)",
    label_slope="Slope (degrees)",
    label_aspect="Aspect (degrees)",
    label_hillshade="Hillshade (shaded relief)",
    label_rgb="RGB composite (2–98% stretch)",
    label_reflectance="Reflectance ({bands})",
    label_radar="Backscatter ({unit})",
    label_table="{q} per geometry",
    label_timeseries="Time series of {q}",
    q_change="{q} change",
    q_backscatter_change="{bands} backscatter change (dB)",
    q_backscatter_db="{bands} backscatter (dB)",
    q_ratio="VH/VV ratio",
    q_nbr_change="NBR change (after - before; negative where burned)",
    q_values="values",
    mask_words={"flooded": "flooded", "water": "water", "burnt": "burnt", "hot": "hot", "vegetation": "vegetation",
                "moist": "moist", "built-up": "built-up", "dark spots": "dark spots", "bright spots": "bright spots",
                "mask": "mask", "masked": "masked", "class mask": "class mask",
                "below the elevation threshold": "below the elevation threshold",
                "above the elevation threshold": "above the elevation threshold"},
    loss_of="loss of {index}",
    gain_of="gain of {index}",
    mask_joins={"in": "{a} in {b}", "and": "{a} and {b}", "or": "{a} or {b}", "new": "new {b}", "no longer": "no longer {b}"},
    units={"mask (0/1)": "mask (0/1)", "index": "index", "index (-1..1)": "index (-1..1)", "count": "count",
           "degrees": "degrees", "share": "share", "share of time steps": "share of time steps", "class": "class",
           "shade (0..1)": "shade (0..1)", "reflectance": "reflectance", "linear": "linear"},
    dec_area="{what} area: {area} km², {share}% of the mapped {mapped} km² (equal-area).",
    dec_towns="Towns and villages in or touching the {words} area, nearest first: {towns}{more}.",
    dec_town="{name} ({population} people, {km} km from the centre, {share} {words})",
    dec_in_mask="in the mask",
    dec_more=" and {n} more",
    dec_no_town="No town or village (GeoNames, 500+ inhabitants) lies in or touches the {words} area.",
    dec_severity="Burn severity (USGS dNBR classes): {classes}.",
    severity_classes={"regrowth_high": "enhanced regrowth (high)", "regrowth_low": "enhanced regrowth (low)",
                      "unburned": "unburned", "low": "low severity", "moderate_low": "moderate-low severity",
                      "moderate_high": "moderate-high severity", "high": "high severity"},
    dec_crossed="Change beyond thresholds: {items}.",
    thresholds={"below": "below", "above": "above"},
    dec_limits="Limits of these numbers: {limits}.",
    decision_limits={
        "simulated": "SIMULATED data, not an observation of the event",
        "pixels": "{value} m pixels miss narrower features",
        "radar_water": ("radar misses water under trees and between buildings and can take wet soil or speckle for "
                        "water; permanent water is included"),
        "dnbr_calibration": ("USGS dNBR thresholds were calibrated on North American forests; clouds and smoke in "
                             "either period bias them"),
        "threshold": "the mask depends on the chosen threshold ({value})",
        "towns_points": "towns are GeoNames points with a radius from their population, not building footprints",
    },
    table_head="Table: {geometries}{dates}, {rows} rows; columns {columns}",
    geometry_one="{n} geometry",
    geometry_many="{n} geometries",
    table_dates=" x {n} dates ({first} to {last})",
    table_more="... {n} more rows{file}",
    table_in=" in {file}",
    column_stats="{band}: min={min} max={max} mean={mean} over all rows",
    band_stats="{band}: min={min} max={max} mean={mean}{unit}, valid {valid}%",
    more_bands="... and {n} more bands: {bands}",
    time_steps="{n} time steps from {first} to {last}",
    mean_per_step="{band} mean per step: {steps}",
    class_shares="{band} classes (share of valid pixels): {shown}{more}",
    more_classes=", and {n} more classes",
    class_names={"tree cover": "tree cover", "shrubland": "shrubland", "grassland": "grassland", "cropland": "cropland",
                 "built-up": "built-up", "bare / sparse vegetation": "bare / sparse vegetation",
                 "snow and ice": "snow and ice", "permanent water bodies": "permanent water bodies",
                 "herbaceous wetland": "herbaceous wetland", "mangroves": "mangroves", "moss and lichen": "moss and lichen"},
    note_small_area=("No valid values: the area is about {w} x {h} km, smaller than one pixel of {collection} ({res} m). "
                     "Use an area several pixels wide."),
    note_all_nodata=("No valid values: every pixel is nodata (clouds masked, no acquisition, or outside the data). "
                     "Try other dates or a larger area."),
    note_time_steps=("Time steps: {source} lists {days}{more} acquisition days of {collection} over the area from "
                     "{start} to {end} (end exclusive){scenes}; {what}, fewer where masked or nodata."),
    the_backend="the backend",
    or_more=" or more",
    note_scenes=" ({items}{more} scenes or granules)",
    note_count="a pixel's count is at most the time steps the backend makes of them",
    note_share="the share is of these time steps",
)

_NBSP = "\u00a0"


def _table(fields: dict[str, Any]) -> Phrases:
    """A language's table: English's with the language's fields (validated; English for any it lacks)."""
    return Phrases(**{**EN.model_dump(), **fields})


_DE: dict[str, Any] = dict(
    lang="de",
    thousands=_NBSP,
    decimal_point=",",
    semicolon="; ",
    capabilities=(
        "Ich kann für einen Ort (mit Namen oder Koordinaten) und einen Zeitraum berechnen:\n"
        "- Spektralindizes aus Sentinel-2 oder Landsat 8 (NDVI, EVI, SAVI, NDWI, MNDWI, NDMI, NBR/dNBR, NDSI, NDBI), "
        "als wolkenfreie Komposite, Zeitreihen oder Veränderung zwischen zwei Zeiträumen;\n"
        "- Echtfarben- und Falschfarbenkomposite (Sentinel-2, Sentinel-3 OLCI);\n"
        "- Sentinel-1-Radarrückstreuung, VH/VV-Verhältnis und Hochwasserkarten (vorher/nachher);\n"
        "- Höhe, Hangneigung und Schummerung aus dem Copernicus-DEM, auf Wunsch umprojiziert;\n"
        "- Landoberflächentemperatur (Sentinel-3 SLSTR), NO2/CO/O3/SO2/CH4 (Sentinel-5P) und ESA-WorldCover-Klassen.\n"
        "Zum Beispiel: \"NDVI der Felder um Leuven im Juni 2023\" oder "
        "\"Hochwasserkarte bei Porto Alegre, April 2024 gegenüber 1.-15. Mai 2024\"."
    ),
    outside_record='{collection} hat Daten nur vom {first} bis {last}; der Zeitraum {start} bis {end} liegt außerhalb, daher bleibt das Ergebnis leer. Wählen Sie Daten innerhalb dieses Zeitraums oder eine andere Kollektion.',
    record_swapped='{named} hat Daten erst seit {first}, und der Zeitraum {start} bis {end} liegt davor; deshalb habe ich stattdessen Landsat 8-9 ({used}, seit {used_first}, 30 m) verwendet.',
    record_ask_offer='{named} hat Daten erst seit {first}; der Zeitraum {start} bis {end} liegt davor, und keine andere Radarkollektion reicht so weit zurück. Landsat 8-9 ({used}, seit {used_first}) kann für diesen Zeitraum stattdessen Wasser und Vegetation (NDWI, NDVI) zeigen: Soll ich das verwenden, oder nennen Sie Daten nach dem {first}?',
    record_ask_later='{named} hat Daten erst seit {first}, und der Zeitraum {start} bis {end} liegt davor; keine Kollektion hier hat Daten dafür. Bitte nennen Sie Daten nach dem {first}.',
    outside_record_since='{collection} hat Daten erst seit {first}; der Zeitraum {start} bis {end} liegt davor, daher bleibt das Ergebnis leer. Wählen Sie spätere Daten oder eine andere Kollektion.',
    worldcereal='ESA-WorldCereal-2021-Kulturmaske',
    missing_product='{named} ist auf diesem Backend nicht verfügbar; ich habe stattdessen die nächstliegende vorhandene Kollektion verwendet: {nearest} ({title}).',
    missing_product_offer='{named} ist auf diesem Backend nicht verfügbar; die nächstliegende vorhandene Kollektion ist {nearest} ({title}). Sagen Sie mir, ob ich sie verwenden soll.',
    not_understood=("Ich konnte aus \"{text}\" nicht erkennen, welches Produkt Sie möchten; statt zu raten, habe ich "
                    "nichts ausgeführt.\n\n{capabilities}"),
    no_place=("Ich habe verstanden, was berechnet werden soll, aber nicht wo. Nennen Sie einen Ort (Stadt, Region "
              "oder Land) oder geben Sie Koordinaten an, z. B. \"bei 52.37 N, 4.90 E\" oder eine bbox "
              "\"bbox=[4.8, 52.3, 5.0, 52.4]\"."),
    place_not_found=("Ich konnte {tried} im Ortsverzeichnis nicht finden. Versuchen Sie eine Stadt in der Nähe oder "
                     "den Namen der Region, oder geben Sie Koordinaten (\"bei 0.33 S, 36.10 E\") oder eine bbox "
                     "(\"bbox=[West, Süd, Ost, Nord]\") an."),
    the_place="den Ort",
    failed=("Die Anfrage konnte nicht abgeschlossen werden: Der Schritt {stage} ist fehlgeschlagen.\n\n{msg}\n\n"
            "Der Code-Entwurf steht im Code-Tab; Sie können ihn bearbeiten und erneut ausführen oder die Anfrage "
            "umformulieren."),
    stage_validation="Validierung",
    stage_execution="Ausführung",
    computed="Berechnet: {what} für {place} (bbox {bbox}; etwa {area} km²).",
    area_you_gave="das angegebene Gebiet",
    data="Daten: {collection}{bands}.",
    data_bands=", Bänder {bands}",
    data_sources="Daten: {sources}.",
    source_window="{collection} ({bands}) {start} bis {end}",
    fusion_sources="{optical} ({optical_bands}) und {radar} ({polarisations}), {start} bis {end}",
    dates="Zeitraum: {start} bis {end} (Enddatum ausgeschlossen).",
    event_left_out=("Der Zeitraum des Brandes selbst ({start} bis {end}) bleibt außen vor, damit das Nachher-Fenster keine "
                    "Tage vor dem Brand enthält; nennen Sie die Branddaten, falls Sie sie kennen."),
    dates_change=("Zeiträume: vorher {b_start} bis {b_end}, nachher {a_start} bis {a_end} "
                  "(Enddaten ausgeschlossen)."),
    season_default=("Die Jahreszeit ist mit ihren üblichen Monaten {hemisphere} gelesen (die Daten oben); nennen "
                    "Sie die Monate, wenn Sie andere meinen."),
    south_of_equator="südlich des Äquators",
    north_of_equator="nördlich des Äquators",
    limits="Grenzen: {limits}.",
    limit_cloud_mask=("Wolken, Schatten und Zirren wurden mit dem SCL-Band maskiert; anhaltende Bewölkung "
                      "hinterlässt Lücken"),
    limit_no_cloud_mask=("keine Wolkenmaske angewendet (Top-of-Atmosphere- oder Landsat-Daten); der Median "
                         "unterdrückt die meisten Wolken"),
    limit_range_change=("dieses Backend kann keine zwei Komposite kombinieren (kein merge_cubes), daher ist die "
                        "Veränderung die Spannweite des Index je Pixel über beide Zeiträume: ihr Betrag, nicht ihr "
                        "Vorzeichen; auf CDSE stattdessen die beiden Komposite voneinander abziehen"),
    limit_flood_drop=("dieses Backend kann keine zwei Komposite kombinieren (kein merge_cubes), daher ist der "
                      "Hochwasserabfall das zeitliche Minimum gegenüber dem zeitlichen Median des ganzen Zeitraums"),
    limit_old_landsat=("Landsat 4/5 TM und 7 ETM+ bietet dieses Backend nicht an (CDSE auch nicht), daher beginnt "
                       "die Reihe mit Landsat 8 am {l8_start} (Sentinel-2 ab {s2_start}); die Jahre davor fehlen"),
    limit_flood=("ein Rückgang der Rückstreuung tritt auch bei nassem Boden oder nach der Ernte auf; ständige "
                 "Gewässer sind enthalten"),
    limit_terrain="Geländeableitungen mit 3x3-Sobel-Kernen auf einem 30-m-UTM-Raster berechnet",
    limit_resolution="die native Auflösung beträgt {res}",
    res_s5p="etwa 5.5 x 3.5 km",
    limit_simulated=("das eingebettete Backend lieferte SIMULIERTE Daten: Die Werte veranschaulichen die Methode, "
                     "nicht die tatsächlichen Verhältnisse; für echte Daten denselben Code auf CDSE ausführen"),
    repaired="Der erste Entwurf wurde abgelehnt ({reason}); ich habe ihn einmal korrigiert.",
    adjusted_coarser=("Dem Backend war die Anfrage mit {native} m zu groß, daher habe ich die Daten mit {res} m "
                      "gelesen."),
    adjusted_widened=("Es gab keine Aufnahme {dates}, daher habe ich das Zeitfenster auf beiden Seiten um die "
                      "Wiederholrate von {revisit} Tagen erweitert, um die nächsten Überflüge zu erfassen."),
    on_day="am {day}",
    day_range="vom {start} bis {end}",
    result_values=("Ergebnis — {label}: Werte {min} bis {max}, Mittelwert {mean}{unit}; "
                   "{valid} % der Werte sind gültig."),
    result_head="Ergebnis — {label}:",
    the_result="das Ergebnis",
    by_date="Werte nach Datum: {shown}{more}.",
    by_date_more=" ... ({n} Termine)",
    result_raw="Ergebnis: {stats}",
    map_shown=("Die Karte wird neben dem Chat angezeigt; der Code läuft unverändert auf dem Copernicus Data Space "
               "Ecosystem."),
    q_lst="Landoberflächentemperatur",
    q_backscatter="Sentinel-1-Rückstreuung",
    q_column="{product}-Säulendichte",
    count_days="Anzahl der Tage mit {q} {cond}",
    count_days_any="Anzahl der Tage, an denen die Bedingung für {q} erfüllt war",
    statistics="{stats} von {q} je Pixel über die Zeit, je ein Band",
    wf_rvi="Radar-Vegetationsindex (RVI = 4·VH / (VV + VH)) aus Sentinel-1",
    wf_oil_slick="dunkle Flecken in der Sentinel-1-VV-Rückstreuung unter ihrem lokalen Mittel (mögliche Ölteppiche)",
    wf_soil_moisture_percent=("prozentuale Veränderung der mittleren Sentinel-1-VV-Rückstreuung zwischen den beiden "
                              "Zeiträumen (ein Näherungswert für die Bodenfeuchte)"),
    wf_soil_moisture=("Veränderung der Sentinel-1-Rückstreuung zwischen den beiden Zeiträumen (ein Näherungswert "
                      "für die Bodenfeuchte)"),
    wf_best_pixel="Best-Pixel-Komposit (die am wenigsten bewölkte Aufnahme je Pixel)",
    wf_fusion="Fusion von Sentinel-1-Radar- und Sentinel-2-Optikdaten",
    wf_zonal_landcover="Anteil jeder Landbedeckungsklasse",
    wf_multisensor="Multisensor-Reihe von {q}",
    wf_moving_window="gleitender Mittelwert von {q}",
    timeseries="Zeitreihe von {what}, über das Gebiet gemittelt",
    dnbr="dNBR (Brandschwere)",
    index_named="{index} ({title})",
    change_in="Veränderung von {what}",
    percent_change_in="prozentuale Veränderung von {what}",
    ratio_in="das Verhältnis von {what} zwischen den beiden Zeiträumen (der zuerst genannte geteilt durch den zweiten)",
    rgb_true="Echtfarbenkomposit",
    rgb_false="Falschfarbenkomposit",
    rgb_swir="SWIR-Komposit (B12, B8A, B04)",
    composite="Mehrkanalkomposit",
    flood="Hochwassermaske aus dem Abfall der Sentinel-1-{pol}-Rückstreuung",
    backscatter="Sentinel-1-Rückstreuung in dB",
    ratio="Sentinel-1-VH/VV-Verhältnis in dB",
    dem="Höhe aus Copernicus GLO-30",
    slope_mask="Maske der Hangneigungen {op} {value}° (1, wo zutreffend)",
    slope="Hangneigung in Grad",
    aspect="Exposition in Grad",
    hillshade="Schummerung (Sonnenazimut {azimuth}°, Sonnenhöhe {altitude}°)",
    lst="Landoberflächentemperatur (Kelvin)",
    lst_celsius="Landoberflächentemperatur (°C)",
    landcover="ESA-WorldCover-Landbedeckungsmaske",
    fusion="Sentinel-2- und Sentinel-1-Stapel in einem Cube (optisch Median, Radar Mittelwert in dB)",
    flood_product="die beobachtete Überflutungsfläche des Global-Flood-Monitoring-Produkts (GFM)",
    multisensor_period=("{index}-Reihe {per} aus Sentinel-2 und Landsat 8-9, über das Gebiet gemittelt, "
                        "eine Spalte je Sensor"),
    multisensor="{index}-Reihe aus Sentinel-2 und Landsat 8-9, über das Gebiet gemittelt, eine Spalte je Sensor",
    percent_change_periods=("prozentuale Veränderung von {what} zwischen den beiden Zeiträumen (später minus früher, "
                            "in Prozent des früheren)"),
    change_periods=("Veränderung von {what} zwischen den beiden Zeiträumen (späterer Mittelwert je Pixel minus "
                    "früherer)"),
    every_date="{what} für jede Aufnahme (jedes Datum einzeln)",
    per_period="{reducer} {per} von {what}",
    per_pixel="{reducer} je Pixel von {what}",
    reducers={"median": "Median", "mean": "Mittelwert", "max": "Maximum", "min": "Minimum"},
    periods={"day": "pro Tag", "week": "pro Woche", "dekad": "pro Dekade", "month": "pro Monat", "year": "pro Jahr"},
    index_titles={
        "NDVI": "normierter differenzierter Vegetationsindex", "EVI": "verbesserter Vegetationsindex",
        "SAVI": "bodenangepasster Vegetationsindex", "NDWI": "normierter differenzierter Wasserindex (McFeeters)",
        "MNDWI": "modifizierter normierter differenzierter Wasserindex",
        "NDMI": "normierter differenzierter Feuchteindex", "NBR": "normiertes Brandverhältnis",
        "NDSI": "normierter differenzierter Schneeindex", "NDBI": "normierter differenzierter Bebauungsindex",
        "GNDVI": "grüner normierter differenzierter Vegetationsindex",
        "NDRE": "normierter differenzierter Red-Edge-Index", "NDCI": "normierter differenzierter Chlorophyllindex",
        "BSI": "Index für vegetationsfreien Boden",
    },
    and_=" und ",
    span="das Gebiet von {a} bis {b}",
    coords_you_gave="{kind} (Ihre Angabe)",
    coord_kinds={"point": "der Punkt", "bbox": "die bbox", "polygon": "das Polygon"},
    zoom_part=" ({direction} Teil)",
    directions={"north": "nördlicher", "south": "südlicher", "east": "östlicher", "west": "westlicher"},
    which_namesake=("Welches {name} meinen Sie: {options}? Antworten Sie mit dem Land (zum Beispiel "
                    "\"{example}\"), dann berechne ich es dort."),
    or_=" oder ",
    regions_too_large=("{place} sind zusammen zu groß für einen {collection}-Graphen mit brauchbarer Auflösung{read}. "
                       "Soll ich eine davon kartieren, zum Beispiel {example}?"),
    span_too_large=("{place} ist zu groß für einen {collection}-Graphen mit brauchbarer Auflösung{read}. "
                    "Soll ich einen Teil davon kartieren, zum Beispiel um {a} oder um {b}?"),
    read_at=" (es würde mit {res} m gelesen)",
    compared_too_far=("{place} liegen {km} km auseinander: Ein {collection}-Graph über alle würde {read} gelesen, "
                      "zu grob für einen Vergleich. Soll ich sie einzeln berechnen (antworten Sie mit dem ersten, "
                      "z. B. \"{first}\") oder sie mit einem gröberen Produkt wie Sentinel-3 oder Sentinel-5P "
                      "vergleichen?"),
    read_at_short="mit {res} m",
    read_too_large="über ein zu großes Gebiet",
    region_missing="{names} wurde nicht als {unit} gefunden und fehlt.",
    span_abroad=("{b} wurde nur als {b_found} gefunden, {km} km von {a_found} entfernt, daher ist das Gebiet nur "
                 "um {a}; geben Sie die Koordinaten von {b} (lon, lat) an, um beide abzudecken."),
    compare_missing=("{missing} wurde nicht gefunden, daher gibt es nichts, womit {other} verglichen werden kann; "
                     "geben Sie dafür Koordinaten (lon, lat) an."),
    compare_missing_some="{missing} wurde nicht gefunden und fehlt im Vergleich.",
    far_namesake=("{name} wurde nur als {found} gefunden, weit von {place}, und liegt daher nicht in diesem Gebiet; "
                  "geben Sie die Koordinaten (lon, lat) an, fragen Sie einzeln danach, oder lassen Sie die Orte "
                  "vergleichen, um je einen Wert pro Ort zu erhalten."),
    not_in_gazetteer=("{names} wurde im Offline-Ortsverzeichnis nicht gefunden, daher ist das Gebiet {place}; "
                      "geben Sie Koordinaten (lon, lat) oder eine bbox für ein engeres Gebiet an."),
    compared_rows="Eine Zeile je verglichenem Ort: {places} (jeweils mit seiner bbox aus dem Ortsverzeichnis).",
    clamped_centre=("{place} (etwa {area} km²) ist größer als eine {collection}-Ladung hier, daher sind dies die {loaded} km² "
                    "um seine Mitte; geben Sie eine bbox oder einen Ort darin für einen anderen Teil an."),
    unknown_in_large_country=("{names} steht nicht im Offline-Ortsverzeichnis, und {country} als Ganzes ({area} km²) ist "
                              "viel größer als eine Ladung hier. Geben Sie Koordinaten (lon, lat), eine bbox oder einen Ort in der Nähe an."),
    scene_clearest="Eine Aufnahme, die wolkenärmste von {count} zwischen {start} und {end}: {day} ({cloud} % Bewölkung).",
    scene_latest="Eine Aufnahme, die neueste von {count} zwischen {start} und {end}: {day}.",
    scene_no_cloud="Der Katalog nennt für die {count} Aufnahmen zwischen {start} und {end} keine Bewölkung, daher ist dies die neueste: {day}.",
    scene_none="{collection} hat zwischen {start} und {end} keine Aufnahme, daher ist dies das Komposit dieses Zeitraums.",
    unit_rows_listed="Eine Zeile je {unit}: {parts}, jeweils mit Umriss aus dem Ortsverzeichnis{missing}.",
    unit_rows_missing="; {missing} wurde nicht gefunden und fehlt",
    unit_rows_official="Eine Zeile je {unit}: {rows} Teile von {region}, jeweils benannt, mit den Umrissen von Natural Earth (vereinfacht).",
    unit_rows=("Eine Zeile je {unit}: {rows} Teile von {region}, jeweils benannt; die Umrisse sind Näherungen "
               "(aus ihren Orten abgeleitet, keine amtlichen Grenzen)."),
    unit_too_many=("{where} hat {count} Teile in den Offline-Daten, zu viele für je eine Zeile, daher ist dies "
                   "{where} als Ganzes; fragen Sie nach einer kleineren Region, um eine Zeile je {unit} zu erhalten."),
    unit_none=("Die Offline-Daten haben keine Umrisse je {unit} für {where}, daher ist dies {where} als Ganzes, "
               "nicht eine Zeile je {unit}."),
    pct="{v} %",
    label_index="{index} ({words})",
    index_words={"NDVI": "Vegetation", "EVI": "Vegetation", "NBR": "Brandindex", "NDWI": "Wasser", "MNDWI": "Wasser",
                 "NDMI": "Feuchte", "NDBI": "Bebauung"},
    label_count="Anzahl der Zeitschritte: {q}",
    label_share="Anteil der Zeitschritte: {q}",
    label_share_of="Anteil {words}",
    label_classes="Klassen von {bands}",
    land_cover="Landbedeckung",
    label_temperature="Temperatur ({unit})",
    label_elevation="Höhe (m)",
    label_slope="Hangneigung (Grad)",
    label_aspect="Exposition (Grad)",
    label_hillshade="Schummerung (Reliefschattierung)",
    label_rgb="RGB-Komposit (Streckung 2–98 %)",
    label_reflectance="Reflexion ({bands})",
    label_radar="Rückstreuung ({unit})",
    label_table="{q} je Geometrie",
    label_timeseries="Zeitreihe von {q}",
    q_change="Veränderung von {q}",
    q_backscatter_change="Veränderung der {bands}-Rückstreuung (dB)",
    q_backscatter_db="{bands}-Rückstreuung (dB)",
    q_ratio="VH/VV-Verhältnis",
    q_nbr_change="Veränderung des NBR (nachher - vorher; negativ, wo es brannte)",
    q_values="Werte",
    mask_words={"flooded": "überflutet", "water": "Wasser", "burnt": "verbrannt", "hot": "heiß", "vegetation": "Vegetation",
                "moist": "feucht", "built-up": "bebaut", "dark spots": "dunkle Flecken", "bright spots": "helle Flecken",
                "mask": "Maske", "masked": "maskiert", "class mask": "Klassenmaske",
                "below the elevation threshold": "unter der Höhenschwelle",
                "above the elevation threshold": "über der Höhenschwelle"},
    loss_of="Abnahme des {index}",
    gain_of="Zunahme des {index}",
    mask_joins={"in": "{a} ({b})", "and": "{a} und {b}", "or": "{a} oder {b}", "new": "neu {b}", "no longer": "ehemals {b}"},
    units={"mask (0/1)": "Maske (0/1)", "index": "Index", "index (-1..1)": "Index (-1..1)", "count": "Anzahl",
           "degrees": "Grad", "share": "Anteil", "share of time steps": "Anteil der Zeitschritte", "class": "Klasse",
           "shade (0..1)": "Schattierung (0..1)", "reflectance": "Reflexion", "linear": "linear"},
    dec_area="Fläche ({what}): {area} km², {share} % der kartierten {mapped} km² (flächentreu).",
    dec_towns="Städte und Dörfer im Bereich „{words}“ oder an ihn grenzend, die nächsten zuerst: {towns}{more}.",
    dec_town="{name} ({population} Einwohner, {km} km vom Mittelpunkt, {share} im Bereich „{words}“)",
    dec_in_mask="Maske",
    dec_more=" und {n} weitere",
    dec_no_town="Keine Stadt und kein Dorf (GeoNames, ab 500 Einwohnern) liegt im Bereich „{words}“ oder berührt ihn.",
    dec_severity="Brandschwere (dNBR-Klassen des USGS): {classes}.",
    severity_classes={"regrowth_high": "verstärkter Nachwuchs (hoch)", "regrowth_low": "verstärkter Nachwuchs (gering)",
                      "unburned": "unverbrannt", "low": "geringe Schwere", "moderate_low": "mäßig-geringe Schwere",
                      "moderate_high": "mäßig-hohe Schwere", "high": "hohe Schwere"},
    dec_crossed="Veränderung jenseits der Schwellen: {items}.",
    thresholds={"below": "unter", "above": "über"},
    dec_limits="Grenzen dieser Zahlen: {limits}.",
    decision_limits={
        "simulated": "SIMULIERTE Daten, keine Beobachtung des Ereignisses",
        "pixels": "Pixel von {value} m übersehen schmalere Strukturen",
        "radar_water": ("Radar übersieht Wasser unter Bäumen und zwischen Gebäuden und kann nassen Boden oder Speckle "
                        "für Wasser halten; ständige Gewässer sind enthalten"),
        "dnbr_calibration": ("die dNBR-Schwellen des USGS wurden an nordamerikanischen Wäldern kalibriert; Wolken und "
                             "Rauch in einem der Zeiträume verfälschen sie"),
        "threshold": "die Maske hängt von der gewählten Schwelle ab ({value})",
        "towns_points": "Orte sind GeoNames-Punkte mit einem Radius nach ihrer Einwohnerzahl, keine Gebäudeumrisse",
    },
    table_head="Tabelle: {geometries}{dates}, {rows} Zeilen; Spalten {columns}",
    geometry_one="{n} Geometrie",
    geometry_many="{n} Geometrien",
    table_dates=" x {n} Daten ({first} bis {last})",
    table_more="... {n} weitere Zeilen{file}",
    table_in=" in {file}",
    column_stats="{band}: Min. {min}, Max. {max}, Mittelwert {mean} über alle Zeilen",
    band_stats="{band}: Min. {min}, Max. {max}, Mittelwert {mean}{unit}, gültig {valid} %",
    more_bands="... und {n} weitere Bänder: {bands}",
    time_steps="{n} Zeitschritte von {first} bis {last}",
    mean_per_step="Mittelwert von {band} je Zeitschritt: {steps}",
    class_shares="Klassen von {band} (Anteil der gültigen Pixel): {shown}{more}",
    more_classes=" und {n} weitere Klassen",
    class_names={"tree cover": "Baumbestand", "shrubland": "Buschland", "grassland": "Grasland", "cropland": "Ackerland",
                 "built-up": "bebaut", "bare / sparse vegetation": "kahl / spärliche Vegetation",
                 "snow and ice": "Schnee und Eis", "permanent water bodies": "ständige Gewässer",
                 "herbaceous wetland": "krautiges Feuchtgebiet", "mangroves": "Mangroven", "moss and lichen": "Moos und Flechten"},
    note_small_area=("Keine gültigen Werte: Das Gebiet ist etwa {w} x {h} km groß, kleiner als ein Pixel von {collection} "
                     "({res} m). Wählen Sie ein Gebiet von mehreren Pixeln Breite."),
    note_all_nodata=("Keine gültigen Werte: Jedes Pixel ist nodata (Wolken maskiert, keine Aufnahme oder außerhalb der "
                     "Daten). Versuchen Sie andere Daten oder ein größeres Gebiet."),
    note_time_steps=("Zeitschritte: {source} listet {days}{more} Aufnahmetage von {collection} über dem Gebiet von "
                     "{start} bis {end} (Enddatum ausgeschlossen){scenes}; {what}, weniger, wo maskiert oder nodata."),
    the_backend="das Backend",
    or_more=" oder mehr",
    note_scenes=" ({items}{more} Szenen oder Granulen)",
    note_count="die Anzahl eines Pixels ist höchstens die Zahl der Zeitschritte, die das Backend daraus macht",
    note_share="der Anteil bezieht sich auf diese Zeitschritte",
)
DE = _table(_DE)

_FR: dict[str, Any] = dict(
    lang="fr",
    thousands=_NBSP,
    decimal_point=",",
    semicolon=" ; ",
    capabilities=(
        "Je peux calculer, pour un lieu (par son nom ou ses coordonnées) et une période :\n"
        "- des indices spectraux de Sentinel-2 ou Landsat 8 (NDVI, EVI, SAVI, NDWI, MNDWI, NDMI, NBR/dNBR, NDSI, NDBI), "
        "en composites sans nuages, en séries temporelles ou en changement entre deux périodes ;\n"
        "- des composites en vraies et en fausses couleurs (Sentinel-2, Sentinel-3 OLCI) ;\n"
        "- la rétrodiffusion radar Sentinel-1, le rapport VH/VV et des cartes d'inondation (avant/après) ;\n"
        "- l'altitude, la pente et l'ombrage du MNT Copernicus, reprojetés si vous le souhaitez ;\n"
        "- la température de surface (Sentinel-3 SLSTR), NO2/CO/O3/SO2/CH4 (Sentinel-5P) et les classes ESA WorldCover.\n"
        "Par exemple : \"NDVI des terres agricoles autour de Louvain en juin 2023\" ou "
        "\"carte des inondations près de Porto Alegre, avril 2024 contre 1-15 mai 2024\"."
    ),
    outside_record="{collection} n'a de données que du {first} au {last} ; la période du {start} au {end} est en dehors, le résultat sera donc vide. Choisissez des dates dans cette période ou une autre collection.",
    record_swapped="{named} n'a de données que depuis le {first}, et la période du {start} au {end} est antérieure ; j'ai donc utilisé Landsat 8-9 ({used}, depuis le {used_first}, 30 m) à la place.",
    record_ask_offer="{named} n'a de données que depuis le {first} ; la période du {start} au {end} est antérieure, et aucune autre collection radar ici ne remonte aussi loin. Landsat 8-9 ({used}, depuis le {used_first}) peut montrer l'eau et la végétation (NDWI, NDVI) pour cette période à la place : dois-je l'utiliser, ou indiquez-vous des dates après le {first} ?",
    record_ask_later="{named} n'a de données que depuis le {first}, et la période du {start} au {end} est antérieure ; aucune collection ici n'a de données pour elle. Indiquez des dates après le {first}.",
    outside_record_since="{collection} n'a de données que depuis le {first} ; la période du {start} au {end} est antérieure, le résultat sera donc vide. Choisissez des dates plus récentes ou une autre collection.",
    worldcereal='masque des cultures ESA WorldCereal 2021',
    missing_product="{named} n'est pas disponible sur ce backend ; j'ai utilisé à la place la collection la plus proche qu'il propose : {nearest} ({title}).",
    missing_product_offer="{named} n'est pas disponible sur ce backend ; la collection la plus proche qu'il propose est {nearest} ({title}). Dites-moi si je dois l'utiliser.",
    not_understood=("Je n'ai pas pu déterminer quel produit vous voulez d'après \"{text}\" ; plutôt que de deviner, "
                    "je n'ai rien lancé.\n\n{capabilities}"),
    no_place=("J'ai compris quoi calculer, mais pas où. Nommez un lieu (une ville, une région ou un pays) ou donnez "
              "des coordonnées, p. ex. \"autour de 52.37 N, 4.90 E\" ou une bbox \"bbox=[4.8, 52.3, 5.0, 52.4]\"."),
    place_not_found=("Je n'ai pas trouvé {tried} dans le répertoire des lieux. Essayez une ville proche ou le nom "
                     "de la région, ou donnez des coordonnées (\"autour de 0.33 S, 36.10 E\") ou une bbox "
                     "(\"bbox=[ouest, sud, est, nord]\")."),
    the_place="le lieu",
    failed=("Je n'ai pas pu terminer la demande : l'étape de {stage} a échoué.\n\n{msg}\n\n"
            "Le code préparé est dans l'onglet code ; vous pouvez le modifier et le relancer, ou reformuler "
            "la demande."),
    stage_validation="validation",
    stage_execution="exécution",
    computed="Calculé : {what} pour {place} (bbox {bbox} ; environ {area} km²).",
    area_you_gave="la zone indiquée",
    data="Données : {collection}{bands}.",
    data_bands=", bandes {bands}",
    data_sources="Données : {sources}.",
    source_window="{collection} ({bands}) du {start} au {end}",
    fusion_sources="{optical} ({optical_bands}) et {radar} ({polarisations}), du {start} au {end}",
    dates="Période : du {start} au {end} (date de fin exclue).",
    event_left_out=("La période de l'incendie elle-même (du {start} au {end}) est laissée de côté, pour que la fenêtre « après » "
                    "ne contienne aucun jour d'avant le feu ; indiquez les dates de l'incendie si vous les connaissez."),
    dates_change=("Périodes : avant, du {b_start} au {b_end}, et après, du {a_start} au {a_end} "
                  "(dates de fin exclues)."),
    season_default=("La saison est lue avec ses mois habituels {hemisphere} (les dates ci-dessus) ; indiquez les "
                    "mois si vous en voulez d'autres."),
    south_of_equator="au sud de l'équateur",
    north_of_equator="au nord de l'équateur",
    limits="Limites : {limits}.",
    limit_cloud_mask=("nuages, ombres et cirrus masqués avec la bande SCL ; une couverture nuageuse persistante "
                      "laisse des lacunes"),
    limit_no_cloud_mask=("aucun masque de nuages appliqué (données au sommet de l'atmosphère ou Landsat) ; la "
                         "médiane élimine la plupart des nuages"),
    limit_range_change=("ce backend ne peut pas combiner deux composites (pas de merge_cubes) : le changement est "
                        "donc l'amplitude de l'indice par pixel sur les deux périodes, sa taille et non son signe ; "
                        "sur CDSE, soustrayez plutôt les composites des deux périodes"),
    limit_flood_drop=("ce backend ne peut pas combiner deux composites (pas de merge_cubes) : la baisse due à "
                      "l'inondation est donc le minimum temporel comparé à la médiane temporelle de toute la période"),
    limit_old_landsat=("Landsat 4/5 TM et 7 ETM+ ne sont pas servis par ce backend (ni par CDSE) : la série commence "
                       "avec Landsat 8 le {l8_start} (Sentinel-2 à partir du {s2_start}) ; les années antérieures "
                       "manquent"),
    limit_flood=("une baisse de la rétrodiffusion se produit aussi sur sol humide ou après la récolte ; les eaux "
                 "permanentes sont incluses"),
    limit_terrain="dérivées du relief calculées avec des noyaux de Sobel 3x3 sur une grille UTM de 30 m",
    limit_resolution="la résolution native est de {res}",
    res_s5p="environ 5.5 x 3.5 km",
    limit_simulated=("le backend intégré a répondu avec des données SIMULÉES : les valeurs illustrent la méthode, "
                     "pas les conditions réelles ; lancez le même code sur CDSE pour des données réelles"),
    repaired="La première version a été refusée ({reason}) ; je l'ai corrigée une fois.",
    adjusted_coarser=("Le backend a jugé la demande trop grande à {native} m : j'ai donc lu les données à {res} m."),
    adjusted_widened=("Il n'y avait aucune acquisition {dates} : j'ai donc élargi la fenêtre de {revisit} jours "
                      "(la période de revisite) de chaque côté pour prendre les passages les plus proches."),
    on_day="le {day}",
    day_range="du {start} au {end}",
    result_values=("Résultat — {label} : valeurs de {min} à {max}, moyenne {mean}{unit} ; "
                   "{valid} % des valeurs sont valides."),
    result_head="Résultat — {label} :",
    the_result="le résultat",
    by_date="Valeurs par date : {shown}{more}.",
    by_date_more=" ... ({n} dates)",
    result_raw="Résultat : {stats}",
    map_shown="La carte s'affiche à côté du chat ; le code tourne tel quel sur le Copernicus Data Space Ecosystem.",
    q_lst="température de surface",
    q_backscatter="rétrodiffusion Sentinel-1",
    q_column="densité de colonne de {product}",
    count_days="nombre de jours avec {q} {cond}",
    count_days_any="nombre de jours où la condition sur {q} était remplie",
    statistics="{stats} par pixel de {q} dans le temps, une bande chacun",
    wf_rvi="indice de végétation radar (RVI = 4·VH / (VV + VH)) de Sentinel-1",
    wf_oil_slick=("taches sombres dans la rétrodiffusion VV de Sentinel-1, sous leur moyenne locale "
                  "(nappes d'hydrocarbures possibles)"),
    wf_soil_moisture_percent=("variation en pourcentage de la rétrodiffusion VV moyenne de Sentinel-1 entre les deux "
                              "périodes (un indicateur de l'humidité du sol)"),
    wf_soil_moisture=("variation de la rétrodiffusion Sentinel-1 entre les deux périodes (un indicateur de "
                      "l'humidité du sol)"),
    wf_best_pixel="composite du meilleur pixel (l'observation la moins nuageuse par pixel)",
    wf_fusion="fusion des données radar Sentinel-1 et optiques Sentinel-2",
    wf_zonal_landcover="part de chaque classe d'occupation du sol",
    wf_multisensor="série multicapteur de {q}",
    wf_moving_window="moyenne glissante de {q}",
    timeseries="série temporelle de {what}, moyennée sur la zone",
    dnbr="dNBR (sévérité du feu)",
    index_named="{index} ({title})",
    change_in="variation de {what}",
    percent_change_in="variation en pourcentage de {what}",
    ratio_in="le rapport de {what} entre les deux périodes (la première citée divisée par la seconde)",
    rgb_true="composite en vraies couleurs",
    rgb_false="composite en fausses couleurs",
    rgb_swir="composite SWIR (B12, B8A, B04)",
    composite="composite multibande",
    flood="masque d'inondation d'après la baisse de la rétrodiffusion {pol} de Sentinel-1",
    backscatter="rétrodiffusion Sentinel-1 en dB",
    ratio="rapport VH/VV de Sentinel-1 en dB",
    dem="altitude Copernicus GLO-30",
    slope_mask="masque des pentes {op} {value}° (1 là où c'est le cas)",
    slope="pente en degrés",
    aspect="orientation en degrés",
    hillshade="ombrage (azimut du soleil {azimuth}°, hauteur {altitude}°)",
    lst="température de surface (kelvin)",
    lst_celsius="température de surface (°C)",
    landcover="masque d'occupation du sol ESA WorldCover",
    fusion="pile Sentinel-2 et Sentinel-1 dans un seul cube (médiane optique, moyenne radar en dB)",
    flood_product="l'étendue d'inondation observée du produit Global Flood Monitoring (GFM)",
    multisensor_period=("série {index} {per} de Sentinel-2 et Landsat 8-9, moyennée sur la zone, "
                        "une colonne par capteur"),
    multisensor="série {index} de Sentinel-2 et Landsat 8-9, moyennée sur la zone, une colonne par capteur",
    percent_change_periods=("variation en pourcentage de {what} entre les deux périodes (la plus récente moins "
                            "l'ancienne, en pourcentage de l'ancienne)"),
    change_periods=("variation de {what} entre les deux périodes (moyenne par pixel de la plus récente moins "
                    "celle de l'ancienne)"),
    every_date="{what} pour chaque acquisition (chaque date conservée)",
    per_period="{reducer} {per} de {what}",
    per_pixel="{reducer} par pixel de {what}",
    reducers={"median": "médiane", "mean": "moyenne", "max": "maximum", "min": "minimum"},
    periods={"day": "par jour", "week": "par semaine", "dekad": "par décade", "month": "par mois", "year": "par an"},
    index_titles={
        "NDVI": "indice de végétation par différence normalisée", "EVI": "indice de végétation amélioré",
        "SAVI": "indice de végétation ajusté au sol", "NDWI": "indice d'eau par différence normalisée (McFeeters)",
        "MNDWI": "indice d'eau par différence normalisée modifié",
        "NDMI": "indice d'humidité par différence normalisée", "NBR": "rapport normalisé de brûlure",
        "NDSI": "indice de neige par différence normalisée", "NDBI": "indice de bâti par différence normalisée",
        "GNDVI": "indice de végétation vert par différence normalisée",
        "NDRE": "indice red edge par différence normalisée", "NDCI": "indice de chlorophylle par différence normalisée",
        "BSI": "indice de sol nu",
    },
    and_=" et ",
    span="la zone de {a} à {b}",
    coords_you_gave="{kind} indiqué(e)",
    coord_kinds={"point": "le point", "bbox": "la bbox", "polygon": "le polygone"},
    zoom_part=" (partie {direction})",
    directions={"north": "nord", "south": "sud", "east": "est", "west": "ouest"},
    which_namesake=("De quel {name} parlez-vous : {options} ? Répondez avec le pays (par exemple \"{example}\") "
                    "et je le calculerai là-bas."),
    or_=" ou ",
    regions_too_large=("{place} ensemble sont trop grands pour un seul graphe {collection} à une résolution utile"
                       "{read}. Dois-je en cartographier un seul, par exemple {example} ?"),
    span_too_large=("{place} est trop grande pour un seul graphe {collection} à une résolution utile{read}. "
                    "Dois-je en cartographier une partie, par exemple autour de {a} ou autour de {b} ?"),
    read_at=" (la lecture se ferait à {res} m)",
    compared_too_far=("{place} sont à {km} km les uns des autres : un seul graphe {collection} sur l'ensemble serait "
                      "lu {read}, trop grossier pour comparer. Dois-je les calculer un par un (répondez avec le "
                      "premier, p. ex. \"{first}\") ou les comparer avec un produit plus grossier comme Sentinel-3 "
                      "ou Sentinel-5P ?"),
    read_at_short="à {res} m",
    read_too_large="sur une zone trop grande",
    region_missing="{names} n'a pas été trouvé comme {unit} et est laissé de côté.",
    span_abroad=("{b} n'a été trouvé que comme {b_found}, à {km} km de {a_found} : la zone est donc autour de {a} "
                 "seul ; donnez les coordonnées de {b} (lon, lat) pour couvrir les deux."),
    compare_missing=("{missing} est introuvable : il n'y a donc rien à quoi comparer {other} ; donnez-en les "
                     "coordonnées (lon, lat)."),
    compare_missing_some="{missing} est introuvable et manque dans la comparaison.",
    far_namesake=("{name} n'a été trouvé que comme {found}, loin de {place} : il n'est donc pas dans cette zone ; "
                  "donnez ses coordonnées (lon, lat), demandez-le séparément, ou demandez une comparaison pour "
                  "une valeur par lieu."),
    not_in_gazetteer=("{names} est introuvable dans le répertoire hors ligne : la zone est donc {place} ; donnez "
                      "des coordonnées (lon, lat) ou une bbox pour une zone plus précise."),
    compared_rows="Une ligne par lieu comparé : {places} (chacun avec sa bbox du répertoire des lieux).",
    clamped_centre=("{place} (environ {area} km²) dépasse une seule requête {collection} ici : voici donc les {loaded} km² "
                    "autour de son centre ; donnez une bbox ou un lieu à l'intérieur pour une autre partie."),
    unknown_in_large_country=("Je n'ai pas trouvé {names} dans le répertoire des lieux hors ligne, et {country} entier "
                              "({area} km²) dépasse de loin une seule requête ici. Donnez ses coordonnées (lon, lat), une bbox ou une localité proche."),
    scene_clearest="Une seule acquisition, la moins nuageuse des {count} entre le {start} et le {end} : {day} ({cloud} % de nuages).",
    scene_latest="Une seule acquisition, la plus récente des {count} entre le {start} et le {end} : {day}.",
    scene_no_cloud="Le catalogue ne donne pas la couverture nuageuse des {count} acquisitions entre le {start} et le {end} : voici donc la plus récente, {day}.",
    scene_none="{collection} n'a aucune acquisition entre le {start} et le {end} : voici donc le composite de cette période.",
    unit_rows_listed="Une ligne par {unit} : {parts}, chacun avec son contour du répertoire des lieux{missing}.",
    unit_rows_missing=" ; {missing} est introuvable et manque",
    unit_rows_official="Une ligne par {unit} : {rows} parties de {region}, chacune nommée, avec les contours de Natural Earth (simplifiés).",
    unit_rows=("Une ligne par {unit} : {rows} parties de {region}, chacune nommée ; leurs contours sont "
               "approximatifs (déduits de leurs localités, pas des limites officielles)."),
    unit_too_many=("{where} compte {count} parties dans les données hors ligne, trop pour une ligne chacune : "
                   "voici donc {where} dans son ensemble ; demandez une région plus petite pour une ligne par {unit}."),
    unit_none=("Les données hors ligne n'ont pas de contours par {unit} pour {where} : voici donc {where} dans son "
               "ensemble, et non une ligne par {unit}."),
    pct="{v} %",
    label_index="{index} ({words})",
    index_words={"NDVI": "végétation", "EVI": "végétation", "NBR": "indice de brûlage", "NDWI": "eau", "MNDWI": "eau",
                 "NDMI": "humidité", "NDBI": "bâti"},
    label_count="Nombre de pas de temps : {q}",
    label_share="Part des pas de temps : {q}",
    label_share_of="Part {words}",
    label_classes="Classes de {bands}",
    land_cover="Occupation du sol",
    label_temperature="Température ({unit})",
    label_elevation="Altitude (m)",
    label_slope="Pente (degrés)",
    label_aspect="Orientation (degrés)",
    label_hillshade="Ombrage (relief ombré)",
    label_rgb="Composition RVB (étirement 2–98 %)",
    label_reflectance="Réflectance ({bands})",
    label_radar="Rétrodiffusion ({unit})",
    label_table="{q} par géométrie",
    label_timeseries="Série temporelle de {q}",
    q_change="variation de {q}",
    q_backscatter_change="variation de la rétrodiffusion {bands} (dB)",
    q_backscatter_db="rétrodiffusion {bands} (dB)",
    q_ratio="rapport VH/VV",
    q_nbr_change="variation du NBR (après - avant ; négative là où ça a brûlé)",
    q_values="valeurs",
    mask_words={"flooded": "inondé", "water": "eau", "burnt": "brûlé", "hot": "chaud", "vegetation": "végétation",
                "moist": "humide", "built-up": "bâti", "dark spots": "taches sombres", "bright spots": "taches claires",
                "mask": "masque", "masked": "masqué", "class mask": "masque de classe",
                "below the elevation threshold": "sous le seuil d'altitude",
                "above the elevation threshold": "au-dessus du seuil d'altitude"},
    loss_of="perte de {index}",
    gain_of="gain de {index}",
    mask_joins={"in": "{a} ({b})", "and": "{a} et {b}", "or": "{a} ou {b}", "new": "nouvellement {b}", "no longer": "anciennement {b}"},
    units={"mask (0/1)": "masque (0/1)", "index": "indice", "index (-1..1)": "indice (-1..1)", "count": "nombre",
           "degrees": "degrés", "share": "part", "share of time steps": "part des pas de temps", "class": "classe",
           "shade (0..1)": "ombrage (0..1)", "reflectance": "réflectance", "linear": "linéaire"},
    dec_area="Surface ({what}) : {area} km², {share} % des {mapped} km² cartographiés (à aires égales).",
    dec_towns=("Villes et villages de la zone « {words} » ou qui la touchent, du plus proche au plus éloigné : "
               "{towns}{more}."),
    dec_town="{name} ({population} habitants, à {km} km du centre, {share} en zone « {words} »)",
    dec_in_mask="masque",
    dec_more=" et {n} autres",
    dec_no_town="Aucune ville ni aucun village (GeoNames, 500 habitants et plus) ne se trouve dans la zone « {words} » ni ne la touche.",
    dec_severity="Gravité du brûlage (classes dNBR de l'USGS) : {classes}.",
    severity_classes={"regrowth_high": "repousse accrue (forte)", "regrowth_low": "repousse accrue (faible)",
                      "unburned": "non brûlé", "low": "gravité faible", "moderate_low": "gravité modérée-faible",
                      "moderate_high": "gravité modérée-forte", "high": "gravité forte"},
    dec_crossed="Variation au-delà des seuils : {items}.",
    thresholds={"below": "sous", "above": "au-dessus de"},
    dec_limits="Limites de ces chiffres : {limits}.",
    decision_limits={
        "simulated": "données SIMULÉES, pas une observation de l'événement",
        "pixels": "des pixels de {value} m manquent les éléments plus étroits",
        "radar_water": ("le radar ne voit pas l'eau sous les arbres ni entre les bâtiments et peut prendre un sol humide "
                        "ou le chatoiement pour de l'eau ; les eaux permanentes sont incluses"),
        "dnbr_calibration": ("les seuils dNBR de l'USGS ont été calibrés sur des forêts nord-américaines ; les nuages et "
                             "la fumée de l'une ou l'autre période les faussent"),
        "threshold": "le masque dépend du seuil choisi ({value})",
        "towns_points": ("les localités sont des points GeoNames avec un rayon tiré de leur population, pas des "
                         "emprises de bâtiments"),
    },
    table_head="Tableau : {geometries}{dates}, {rows} lignes ; colonnes {columns}",
    geometry_one="{n} géométrie",
    geometry_many="{n} géométries",
    table_dates=" x {n} dates (du {first} au {last})",
    table_more="... {n} lignes de plus{file}",
    table_in=" dans {file}",
    column_stats="{band} : min {min}, max {max}, moyenne {mean} sur toutes les lignes",
    band_stats="{band} : min {min}, max {max}, moyenne {mean}{unit}, valides {valid} %",
    more_bands="... et {n} bandes de plus : {bands}",
    time_steps="{n} pas de temps du {first} au {last}",
    mean_per_step="moyenne de {band} par pas de temps : {steps}",
    class_shares="Classes de {band} (part des pixels valides) : {shown}{more}",
    more_classes=" et {n} classes de plus",
    class_names={"tree cover": "couvert arboré", "shrubland": "arbustes", "grassland": "prairies", "cropland": "cultures",
                 "built-up": "bâti", "bare / sparse vegetation": "sol nu / végétation clairsemée",
                 "snow and ice": "neige et glace", "permanent water bodies": "eaux permanentes",
                 "herbaceous wetland": "zone humide herbacée", "mangroves": "mangroves", "moss and lichen": "mousses et lichens"},
    note_small_area=("Aucune valeur valide : la zone mesure environ {w} x {h} km, moins qu'un pixel de {collection} "
                     "({res} m). Choisissez une zone large de plusieurs pixels."),
    note_all_nodata=("Aucune valeur valide : chaque pixel est sans donnée (nuages masqués, aucune acquisition ou hors "
                     "des données). Essayez d'autres dates ou une zone plus grande."),
    note_time_steps=("Pas de temps : {source} recense {days}{more} jours d'acquisition de {collection} sur la zone du "
                     "{start} au {end} (date de fin exclue){scenes} ; {what}, moins là où c'est masqué ou sans donnée."),
    the_backend="le backend",
    or_more=" ou plus",
    note_scenes=" ({items}{more} scènes ou granules)",
    note_count="le nombre d'un pixel vaut au plus le nombre de pas de temps que le backend en fait",
    note_share="la part se rapporte à ces pas de temps",
)
FR = _table(_FR)

_NL: dict[str, Any] = dict(
    lang="nl",
    thousands=_NBSP,
    decimal_point=",",
    semicolon="; ",
    capabilities=(
        "Ik kan voor een plaats (met naam of coördinaten) en een periode berekenen:\n"
        "- spectrale indices uit Sentinel-2 of Landsat 8 (NDVI, EVI, SAVI, NDWI, MNDWI, NDMI, NBR/dNBR, NDSI, NDBI), "
        "als wolkenvrije composieten, tijdreeksen of verandering tussen twee periodes;\n"
        "- composieten in ware en valse kleuren (Sentinel-2, Sentinel-3 OLCI);\n"
        "- Sentinel-1-radarterugverstrooiing, VH/VV-verhouding en overstromingskaarten (voor/na);\n"
        "- hoogte, helling en reliëfschaduw uit het Copernicus-DEM, desgewenst geherprojecteerd;\n"
        "- landoppervlaktetemperatuur (Sentinel-3 SLSTR), NO2/CO/O3/SO2/CH4 (Sentinel-5P) en ESA WorldCover-klassen.\n"
        "Bijvoorbeeld: \"NDVI van de landbouwgrond rond Leuven voor juni 2023\" of "
        "\"overstromingskaart bij Porto Alegre, april 2024 tegenover 1-15 mei 2024\"."
    ),
    outside_record='{collection} heeft alleen gegevens van {first} tot {last}; de periode {start} tot {end} valt daarbuiten, dus het resultaat blijft leeg. Kies data binnen die periode of een andere collectie.',
    record_swapped='{named} heeft pas gegevens sinds {first}, en de periode {start} tot {end} ligt daarvoor; daarom heb ik in plaats daarvan Landsat 8-9 ({used}, sinds {used_first}, 30 m) gebruikt.',
    record_ask_offer='{named} heeft pas gegevens sinds {first}; de periode {start} tot {end} ligt daarvoor en geen andere radarcollectie hier gaat zo ver terug. Landsat 8-9 ({used}, sinds {used_first}) kan voor die periode in plaats daarvan water en vegetatie (NDWI, NDVI) tonen: zal ik die gebruiken, of geeft u data na {first}?',
    record_ask_later='{named} heeft pas gegevens sinds {first}, en de periode {start} tot {end} ligt daarvoor; geen collectie hier heeft er gegevens voor. Geef data na {first}.',
    outside_record_since='{collection} heeft pas gegevens sinds {first}; de periode {start} tot {end} ligt daarvoor, dus het resultaat blijft leeg. Kies latere data of een andere collectie.',
    worldcereal='ESA WorldCereal 2021-gewasmasker',
    missing_product='{named} is niet beschikbaar op deze backend; ik heb in plaats daarvan de dichtstbijzijnde collectie gebruikt die er wel is: {nearest} ({title}).',
    missing_product_offer='{named} is niet beschikbaar op deze backend; de dichtstbijzijnde collectie die er wel is, is {nearest} ({title}). Laat me weten of ik die moet gebruiken.',
    not_understood=("Ik kon uit \"{text}\" niet opmaken welk product u wilt; in plaats van te gokken heb ik niets "
                    "uitgevoerd.\n\n{capabilities}"),
    no_place=("Ik begrijp wat ik moet berekenen, maar niet waar. Noem een plaats (een stad, regio of land) of geef "
              "coördinaten, bijv. \"rond 52.37 N, 4.90 E\" of een bbox \"bbox=[4.8, 52.3, 5.0, 52.4]\"."),
    place_not_found=("Ik kon {tried} niet vinden in het plaatsnamenregister. Probeer een stad in de buurt of de naam "
                     "van de regio, of geef coördinaten (\"rond 0.33 S, 36.10 E\") of een bbox "
                     "(\"bbox=[west, zuid, oost, noord]\")."),
    the_place="de plaats",
    failed=("Ik kon het verzoek niet afronden: de stap {stage} is mislukt.\n\n{msg}\n\n"
            "De opgestelde code staat in het codetabblad; u kunt hem aanpassen en opnieuw uitvoeren, of het "
            "verzoek anders formuleren."),
    stage_validation="validatie",
    stage_execution="uitvoering",
    computed="Berekend: {what} voor {place} (bbox {bbox}; ongeveer {area} km²).",
    area_you_gave="het opgegeven gebied",
    data="Gegevens: {collection}{bands}.",
    data_bands=", banden {bands}",
    data_sources="Gegevens: {sources}.",
    source_window="{collection} ({bands}) {start} tot {end}",
    fusion_sources="{optical} ({optical_bands}) en {radar} ({polarisations}), {start} tot {end}",
    dates="Periode: {start} tot {end} (einddatum niet inbegrepen).",
    event_left_out=("De periode van de brand zelf ({start} tot {end}) blijft buiten beschouwing, zodat het venster achteraf "
                    "geen dagen van vóór de brand bevat; noem de data van de brand als u ze kent."),
    dates_change=("Periodes: vooraf {b_start} tot {b_end} en achteraf {a_start} tot {a_end} "
                  "(einddata niet inbegrepen)."),
    season_default=("Het seizoen is gelezen als de gebruikelijke maanden {hemisphere} (de data hierboven); noem de "
                    "maanden als u andere bedoelt."),
    south_of_equator="ten zuiden van de evenaar",
    north_of_equator="ten noorden van de evenaar",
    limits="Beperkingen: {limits}.",
    limit_cloud_mask=("wolken, schaduwen en cirrus zijn gemaskeerd met de SCL-band; aanhoudende bewolking laat "
                      "gaten"),
    limit_no_cloud_mask=("geen wolkenmasker toegepast (top-of-atmosphere- of Landsat-gegevens); de mediaan "
                         "onderdrukt de meeste wolken"),
    limit_range_change=("deze backend kan geen twee composieten combineren (geen merge_cubes), dus de verandering is "
                        "het bereik van de index per pixel over beide periodes: de grootte, niet het teken; trek op "
                        "CDSE in plaats daarvan de twee composieten van elkaar af"),
    limit_flood_drop=("deze backend kan geen twee composieten combineren (geen merge_cubes), dus de daling door "
                      "overstroming is het minimum in de tijd tegenover de mediaan in de tijd over de hele periode"),
    limit_old_landsat=("Landsat 4/5 TM en 7 ETM+ worden door deze backend (en door CDSE) niet aangeboden, dus de "
                       "reeks begint met Landsat 8 op {l8_start} (Sentinel-2 vanaf {s2_start}); de jaren daarvoor "
                       "ontbreken"),
    limit_flood=("een daling van de terugverstrooiing komt ook voor bij natte grond of na de oogst; permanent water "
                 "is inbegrepen"),
    limit_terrain="terreinafgeleiden berekend met 3x3-Sobelkernels op een UTM-raster van 30 m",
    limit_resolution="de oorspronkelijke resolutie is {res}",
    res_s5p="ongeveer 5.5 x 3.5 km",
    limit_simulated=("de ingebouwde backend antwoordde met GESIMULEERDE gegevens: de waarden illustreren de methode, "
                     "niet de werkelijke toestand; voer dezelfde code uit op CDSE voor echte gegevens"),
    repaired="Het eerste ontwerp werd afgewezen ({reason}); ik heb het één keer hersteld.",
    adjusted_coarser=("De backend vond het verzoek te groot op {native} m, dus heb ik de gegevens op {res} m "
                      "gelezen."),
    adjusted_widened=("Er was geen opname {dates}, dus heb ik het tijdvenster aan beide kanten verruimd met de "
                      "herhaaltijd van {revisit} dagen om de dichtstbijzijnde overkomsten mee te nemen."),
    on_day="op {day}",
    day_range="van {start} tot en met {end}",
    result_values=("Resultaat — {label}: waarden {min} tot {max}, gemiddelde {mean}{unit}; "
                   "{valid}% van de waarden is geldig."),
    result_head="Resultaat — {label}:",
    the_result="het resultaat",
    by_date="Waarden per datum: {shown}{more}.",
    by_date_more=" ... ({n} data)",
    result_raw="Resultaat: {stats}",
    map_shown="De kaart staat naast de chat; de code draait ongewijzigd op het Copernicus Data Space Ecosystem.",
    q_lst="landoppervlaktetemperatuur",
    q_backscatter="Sentinel-1-terugverstrooiing",
    q_column="kolomdichtheid van {product}",
    count_days="aantal dagen met {q} {cond}",
    count_days_any="aantal dagen waarop aan de voorwaarde voor {q} was voldaan",
    statistics="{stats} per pixel van {q} in de tijd, elk een eigen band",
    wf_rvi="radarvegetatie-index (RVI = 4·VH / (VV + VH)) uit Sentinel-1",
    wf_oil_slick=("donkere plekken in de Sentinel-1-VV-terugverstrooiing onder hun lokale gemiddelde "
                  "(mogelijke olievlekken)"),
    wf_soil_moisture_percent=("procentuele verandering van de gemiddelde Sentinel-1-VV-terugverstrooiing tussen de "
                              "twee periodes (een maat voor bodemvocht)"),
    wf_soil_moisture=("verandering van de Sentinel-1-terugverstrooiing tussen de twee periodes (een maat voor "
                      "bodemvocht)"),
    wf_best_pixel="best-pixelcomposiet (de minst bewolkte opname per pixel)",
    wf_fusion="fusie van Sentinel-1-radar- en Sentinel-2-optische gegevens",
    wf_zonal_landcover="aandeel van elke landgebruiksklasse",
    wf_multisensor="multisensorreeks van {q}",
    wf_moving_window="voortschrijdend gemiddelde van {q}",
    timeseries="tijdreeks van {what}, gemiddeld over het gebied",
    dnbr="dNBR (brandernst)",
    index_named="{index} ({title})",
    change_in="verandering van {what}",
    percent_change_in="procentuele verandering van {what}",
    ratio_in="de verhouding van {what} tussen de twee periodes (de eerst genoemde gedeeld door de tweede)",
    rgb_true="composiet in ware kleuren",
    rgb_false="composiet in valse kleuren",
    rgb_swir="SWIR-composiet (B12, B8A, B04)",
    composite="meerbandscomposiet",
    flood="overstromingsmasker uit de daling van de Sentinel-1-{pol}-terugverstrooiing",
    backscatter="Sentinel-1-terugverstrooiing in dB",
    ratio="Sentinel-1-VH/VV-verhouding in dB",
    dem="hoogte uit Copernicus GLO-30",
    slope_mask="masker van hellingen {op} {value}° (1 waar dat zo is)",
    slope="helling in graden",
    aspect="expositie in graden",
    hillshade="reliëfschaduw (zonneazimut {azimuth}°, zonnehoogte {altitude}°)",
    lst="landoppervlaktetemperatuur (kelvin)",
    lst_celsius="landoppervlaktetemperatuur (°C)",
    landcover="ESA WorldCover-landgebruiksmasker",
    fusion="Sentinel-2- en Sentinel-1-stapel in één kubus (optisch mediaan, radar gemiddelde in dB)",
    flood_product="de waargenomen overstromingsomvang van het Global Flood Monitoring-product (GFM)",
    multisensor_period=("{index}-reeks {per} uit Sentinel-2 en Landsat 8-9, gemiddeld over het gebied, "
                        "één kolom per sensor"),
    multisensor="{index}-reeks uit Sentinel-2 en Landsat 8-9, gemiddeld over het gebied, één kolom per sensor",
    percent_change_periods=("procentuele verandering van {what} tussen de twee periodes (later min eerder, in "
                            "procent van het eerdere)"),
    change_periods=("verandering van {what} tussen de twee periodes (het latere gemiddelde per pixel min het "
                    "eerdere)"),
    every_date="{what} voor elke opname (elke datum apart)",
    per_period="{reducer} {per} van {what}",
    per_pixel="{reducer} per pixel van {what}",
    reducers={"median": "mediaan", "mean": "gemiddelde", "max": "maximum", "min": "minimum"},
    periods={"day": "per dag", "week": "per week", "dekad": "per decade", "month": "per maand", "year": "per jaar"},
    index_titles={
        "NDVI": "genormaliseerde verschilvegetatie-index", "EVI": "verbeterde vegetatie-index",
        "SAVI": "bodemgecorrigeerde vegetatie-index", "NDWI": "genormaliseerde verschilwaterindex (McFeeters)",
        "MNDWI": "gewijzigde genormaliseerde verschilwaterindex", "NDMI": "genormaliseerde verschilvochtindex",
        "NBR": "genormaliseerde brandverhouding", "NDSI": "genormaliseerde verschilsneeuwindex",
        "NDBI": "genormaliseerde verschilbebouwingsindex", "GNDVI": "groene genormaliseerde verschilvegetatie-index",
        "NDRE": "genormaliseerde verschil-red-edge-index", "NDCI": "genormaliseerde verschilchlorofylindex",
        "BSI": "index voor kale bodem",
    },
    and_=" en ",
    span="het gebied van {a} tot {b}",
    coords_you_gave="{kind} die u opgaf",
    coord_kinds={"point": "het punt", "bbox": "de bbox", "polygon": "de polygoon"},
    zoom_part=" (het {direction} deel)",
    directions={"north": "noordelijke", "south": "zuidelijke", "east": "oostelijke", "west": "westelijke"},
    which_namesake=("Welk {name} bedoelt u: {options}? Antwoord met het land (bijvoorbeeld \"{example}\"), dan "
                    "bereken ik het daar."),
    or_=" of ",
    regions_too_large=("{place} zijn samen te groot voor één {collection}-graaf met een bruikbare resolutie{read}. "
                       "Zal ik er één in kaart brengen, bijvoorbeeld {example}?"),
    span_too_large=("{place} is te groot voor één {collection}-graaf met een bruikbare resolutie{read}. "
                    "Zal ik een deel ervan in kaart brengen, bijvoorbeeld rond {a} of rond {b}?"),
    read_at=" (het zou op {res} m worden gelezen)",
    compared_too_far=("{place} liggen {km} km uit elkaar: één {collection}-graaf over allemaal zou {read} worden "
                      "gelezen, te grof om te vergelijken. Zal ik ze één voor één berekenen (antwoord met de eerste, "
                      "bijv. \"{first}\"), of ze vergelijken met een grover product zoals Sentinel-3 of Sentinel-5P?"),
    read_at_short="op {res} m",
    read_too_large="over een te groot gebied",
    region_missing="{names} is niet gevonden als {unit} en is weggelaten.",
    span_abroad=("{b} is alleen gevonden als {b_found}, {km} km van {a_found}, dus het gebied ligt alleen rond {a}; "
                 "geef de coördinaten van {b} (lon, lat) om beide te omvatten."),
    compare_missing=("{missing} is niet gevonden, dus er is niets om {other} mee te vergelijken; geef er "
                     "coördinaten (lon, lat) voor."),
    compare_missing_some="{missing} is niet gevonden en ontbreekt in de vergelijking.",
    far_namesake=("{name} is alleen gevonden als {found}, ver van {place}, en ligt dus niet in dit gebied; geef de "
                  "coördinaten (lon, lat), vraag er apart naar, of vraag om een vergelijking voor één waarde per "
                  "plaats."),
    not_in_gazetteer=("{names} is niet gevonden in het offline plaatsnamenregister, dus het gebied is {place}; geef "
                      "coördinaten (lon, lat) of een bbox voor een nauwer gebied."),
    compared_rows="Eén rij per vergeleken plaats: {places} (elk met zijn bbox uit het plaatsnamenregister).",
    clamped_centre=("{place} (ongeveer {area} km²) is groter dan één {collection}-aanvraag hier, dus dit is de {loaded} km² "
                    "rond het midden; geef een bbox of een plaats erin voor een ander deel."),
    unknown_in_large_country=("{names} staat niet in het offline plaatsnamenregister, en {country} als geheel ({area} km²) is "
                              "veel groter dan één aanvraag hier. Geef coördinaten (lon, lat), een bbox of een plaats in de buurt."),
    scene_clearest="Eén opname, de minst bewolkte van {count} tussen {start} en {end}: {day} ({cloud}% bewolking).",
    scene_latest="Eén opname, de meest recente van {count} tussen {start} en {end}: {day}.",
    scene_no_cloud="De catalogus geeft geen bewolking voor de {count} opnamen tussen {start} en {end}, dus dit is de meest recente: {day}.",
    scene_none="{collection} heeft geen opname tussen {start} en {end}, dus dit is de composiet van die periode.",
    unit_rows_listed="Eén rij per {unit}: {parts}, elk met zijn omtrek uit het plaatsnamenregister{missing}.",
    unit_rows_missing="; {missing} is niet gevonden en ontbreekt",
    unit_rows_official="Eén rij per {unit}: {rows} delen van {region}, elk met naam, met de omtrekken van Natural Earth (vereenvoudigd).",
    unit_rows=("Eén rij per {unit}: {rows} delen van {region}, elk met naam; hun omtrekken zijn benaderingen "
               "(afgeleid van hun plaatsen, geen officiële grenzen)."),
    unit_too_many=("{where} heeft {count} delen in de offline gegevens, te veel voor elk een rij, dus dit is {where} "
                   "als geheel; vraag om een kleinere regio voor één rij per {unit}."),
    unit_none=("De offline gegevens hebben geen omtrekken per {unit} voor {where}, dus dit is {where} als geheel, "
               "niet één rij per {unit}."),
    pct="{v}%",
    label_index="{index} ({words})",
    index_words={"NDVI": "vegetatie", "EVI": "vegetatie", "NBR": "brandindex", "NDWI": "water", "MNDWI": "water",
                 "NDMI": "vocht", "NDBI": "bebouwing"},
    label_count="Aantal tijdstappen: {q}",
    label_share="Aandeel van de tijdstappen: {q}",
    label_share_of="Aandeel {words}",
    label_classes="Klassen van {bands}",
    land_cover="Landbedekking",
    label_temperature="Temperatuur ({unit})",
    label_elevation="Hoogte (m)",
    label_slope="Hellingshoek (graden)",
    label_aspect="Expositie (graden)",
    label_hillshade="Reliëfschaduw",
    label_rgb="RGB-composiet (rek 2–98%)",
    label_reflectance="Reflectie ({bands})",
    label_radar="Terugverstrooiing ({unit})",
    label_table="{q} per geometrie",
    label_timeseries="Tijdreeks van {q}",
    q_change="verandering in {q}",
    q_backscatter_change="verandering in de {bands}-terugverstrooiing (dB)",
    q_backscatter_db="{bands}-terugverstrooiing (dB)",
    q_ratio="VH/VV-verhouding",
    q_nbr_change="verandering in NBR (na - voor; negatief waar het brandde)",
    q_values="waarden",
    mask_words={"flooded": "overstroomd", "water": "water", "burnt": "verbrand", "hot": "heet", "vegetation": "vegetatie",
                "moist": "vochtig", "built-up": "bebouwd", "dark spots": "donkere vlekken", "bright spots": "heldere vlekken",
                "mask": "masker", "masked": "gemaskeerd", "class mask": "klassenmasker",
                "below the elevation threshold": "onder de hoogtedrempel",
                "above the elevation threshold": "boven de hoogtedrempel"},
    loss_of="afname van {index}",
    gain_of="toename van {index}",
    mask_joins={"in": "{a} ({b})", "and": "{a} en {b}", "or": "{a} of {b}", "new": "nieuw {b}", "no longer": "voorheen {b}"},
    units={"mask (0/1)": "masker (0/1)", "index": "index", "index (-1..1)": "index (-1..1)", "count": "aantal",
           "degrees": "graden", "share": "aandeel", "share of time steps": "aandeel van de tijdstappen", "class": "klasse",
           "shade (0..1)": "schaduw (0..1)", "reflectance": "reflectie", "linear": "lineair"},
    dec_area="Oppervlakte ({what}): {area} km², {share}% van de gekarteerde {mapped} km² (oppervlaktegetrouw).",
    dec_towns="Steden en dorpen in het gebied ‘{words}’ of eraan grenzend, de dichtstbijzijnde eerst: {towns}{more}.",
    dec_town="{name} ({population} inwoners, {km} km van het midden, {share} in het gebied ‘{words}’)",
    dec_in_mask="masker",
    dec_more=" en nog {n}",
    dec_no_town="Geen stad of dorp (GeoNames, 500+ inwoners) ligt in of raakt aan het gebied ‘{words}’.",
    dec_severity="Brandernst (dNBR-klassen van de USGS): {classes}.",
    severity_classes={"regrowth_high": "versterkte hergroei (hoog)", "regrowth_low": "versterkte hergroei (laag)",
                      "unburned": "onverbrand", "low": "lage ernst", "moderate_low": "matig-lage ernst",
                      "moderate_high": "matig-hoge ernst", "high": "hoge ernst"},
    dec_crossed="Verandering voorbij de drempels: {items}.",
    thresholds={"below": "onder", "above": "boven"},
    dec_limits="Grenzen van deze getallen: {limits}.",
    decision_limits={
        "simulated": "GESIMULEERDE gegevens, geen waarneming van de gebeurtenis",
        "pixels": "pixels van {value} m missen smallere elementen",
        "radar_water": ("radar mist water onder bomen en tussen gebouwen en kan natte grond of spikkelruis voor water "
                        "houden; permanent water is inbegrepen"),
        "dnbr_calibration": ("de dNBR-drempels van de USGS zijn gekalibreerd op Noord-Amerikaanse bossen; wolken en rook "
                             "in een van beide perioden vertekenen ze"),
        "threshold": "het masker hangt af van de gekozen drempel ({value})",
        "towns_points": "plaatsen zijn GeoNames-punten met een straal naar hun inwonertal, geen gebouwcontouren",
    },
    table_head="Tabel: {geometries}{dates}, {rows} rijen; kolommen {columns}",
    geometry_one="{n} geometrie",
    geometry_many="{n} geometrieën",
    table_dates=" x {n} datums ({first} tot {last})",
    table_more="... nog {n} rijen{file}",
    table_in=" in {file}",
    column_stats="{band}: min {min}, max {max}, gemiddelde {mean} over alle rijen",
    band_stats="{band}: min {min}, max {max}, gemiddelde {mean}{unit}, geldig {valid}%",
    more_bands="... en nog {n} banden: {bands}",
    time_steps="{n} tijdstappen van {first} tot {last}",
    mean_per_step="gemiddelde van {band} per tijdstap: {steps}",
    class_shares="Klassen van {band} (aandeel van de geldige pixels): {shown}{more}",
    more_classes=" en nog {n} klassen",
    class_names={"tree cover": "boombedekking", "shrubland": "struikgewas", "grassland": "grasland", "cropland": "akkerland",
                 "built-up": "bebouwd", "bare / sparse vegetation": "kaal / schaarse vegetatie",
                 "snow and ice": "sneeuw en ijs", "permanent water bodies": "permanent water",
                 "herbaceous wetland": "kruidachtig moeras", "mangroves": "mangroven", "moss and lichen": "mos en korstmos"},
    note_small_area=("Geen geldige waarden: het gebied is ongeveer {w} x {h} km, kleiner dan één pixel van {collection} "
                     "({res} m). Kies een gebied van meerdere pixels breed."),
    note_all_nodata=("Geen geldige waarden: elke pixel is nodata (wolken gemaskeerd, geen opname of buiten de "
                     "gegevens). Probeer andere datums of een groter gebied."),
    note_time_steps=("Tijdstappen: {source} noemt {days}{more} opnamedagen van {collection} boven het gebied van "
                     "{start} tot {end} (einddatum niet inbegrepen){scenes}; {what}, minder waar gemaskeerd of nodata."),
    the_backend="de backend",
    or_more=" of meer",
    note_scenes=" ({items}{more} scènes of granules)",
    note_count="het aantal van een pixel is hooguit het aantal tijdstappen dat de backend ervan maakt",
    note_share="het aandeel is van deze tijdstappen",
)
NL = _table(_NL)

_ES: dict[str, Any] = dict(
    lang="es",
    thousands=_NBSP,
    decimal_point=",",
    semicolon="; ",
    capabilities=(
        "Puedo calcular, para un lugar (por nombre o coordenadas) y un periodo:\n"
        "- índices espectrales de Sentinel-2 o Landsat 8 (NDVI, EVI, SAVI, NDWI, MNDWI, NDMI, NBR/dNBR, NDSI, NDBI), "
        "como compuestos sin nubes, series temporales o cambio entre dos periodos;\n"
        "- compuestos en color verdadero y en falso color (Sentinel-2, Sentinel-3 OLCI);\n"
        "- retrodispersión radar de Sentinel-1, cociente VH/VV y mapas de inundación (antes/después);\n"
        "- elevación, pendiente y sombreado del DEM de Copernicus, reproyectados si lo desea;\n"
        "- temperatura de la superficie terrestre (Sentinel-3 SLSTR), NO2/CO/O3/SO2/CH4 (Sentinel-5P) y clases de "
        "ESA WorldCover.\n"
        "Por ejemplo: \"NDVI de los campos alrededor de Lovaina en junio de 2023\" o "
        "\"mapa de inundación cerca de Porto Alegre, abril de 2024 frente a 1-15 de mayo de 2024\"."
    ),
    outside_record='{collection} solo tiene datos del {first} al {last}; el periodo del {start} al {end} queda fuera, así que el resultado estará vacío. Elija fechas dentro de ese periodo u otra colección.',
    record_swapped='{named} solo tiene datos desde el {first}, y el periodo del {start} al {end} es anterior; por eso he usado Landsat 8-9 ({used}, desde el {used_first}, 30 m) en su lugar.',
    record_ask_offer='{named} solo tiene datos desde el {first}; el periodo del {start} al {end} es anterior y ninguna otra colección de radar aquí llega tan atrás. Landsat 8-9 ({used}, desde el {used_first}) puede mostrar el agua y la vegetación (NDWI, NDVI) de ese periodo en su lugar: ¿lo uso, o indica fechas posteriores al {first}?',
    record_ask_later='{named} solo tiene datos desde el {first}, y el periodo del {start} al {end} es anterior; ninguna colección aquí tiene datos para él. Indique fechas posteriores al {first}.',
    outside_record_since='{collection} solo tiene datos desde el {first}; el periodo del {start} al {end} es anterior, así que el resultado estará vacío. Elija fechas posteriores u otra colección.',
    worldcereal='máscara de cultivos ESA WorldCereal 2021',
    missing_product='{named} no está disponible en este backend; en su lugar he usado la colección más cercana que ofrece: {nearest} ({title}).',
    missing_product_offer='{named} no está disponible en este backend; la colección más cercana que ofrece es {nearest} ({title}). Dígame si debo usarla.',
    not_understood=("No he podido deducir qué producto quiere a partir de \"{text}\"; en lugar de adivinar, no he "
                    "ejecutado nada.\n\n{capabilities}"),
    no_place=("He entendido qué calcular, pero no dónde. Indique un lugar (una ciudad, región o país) o dé "
              "coordenadas, p. ej. \"alrededor de 52.37 N, 4.90 E\" o una bbox \"bbox=[4.8, 52.3, 5.0, 52.4]\"."),
    place_not_found=("No he encontrado {tried} en el nomenclátor. Pruebe con una ciudad cercana o el nombre de la "
                     "región, o dé coordenadas (\"alrededor de 0.33 S, 36.10 E\") o una bbox "
                     "(\"bbox=[oeste, sur, este, norte]\")."),
    the_place="el lugar",
    failed=("No he podido completar la solicitud: falló el paso de {stage}.\n\n{msg}\n\n"
            "El código preparado está en la pestaña de código; puede editarlo y ejecutarlo de nuevo, o reformular "
            "la solicitud."),
    stage_validation="validación",
    stage_execution="ejecución",
    computed="Calculado: {what} para {place} (bbox {bbox}; unos {area} km²).",
    area_you_gave="la zona indicada",
    data="Datos: {collection}{bands}.",
    data_bands=", bandas {bands}",
    data_sources="Datos: {sources}.",
    source_window="{collection} ({bands}) del {start} al {end}",
    fusion_sources="{optical} ({optical_bands}) y {radar} ({polarisations}), del {start} al {end}",
    dates="Periodo: del {start} al {end} (fecha final excluida).",
    event_left_out=("El periodo del incendio en sí (del {start} al {end}) queda fuera, para que la ventana de después no "
                    "contenga días anteriores al fuego; indique las fechas del incendio si las conoce."),
    dates_change=("Periodos: antes, del {b_start} al {b_end}, y después, del {a_start} al {a_end} "
                  "(fechas finales excluidas)."),
    season_default=("La estación se lee con sus meses habituales {hemisphere} (las fechas de arriba); indique los "
                    "meses si se refiere a otros."),
    south_of_equator="al sur del ecuador",
    north_of_equator="al norte del ecuador",
    limits="Limitaciones: {limits}.",
    limit_cloud_mask="nubes, sombras y cirros enmascarados con la banda SCL; la nubosidad persistente deja huecos",
    limit_no_cloud_mask=("no se aplicó máscara de nubes (datos de techo de la atmósfera o Landsat); la mediana "
                         "suprime la mayoría de las nubes"),
    limit_range_change=("este backend no puede combinar dos compuestos (no hay merge_cubes), así que el cambio es el "
                        "rango del índice por píxel en ambos periodos: su magnitud, no su signo; en CDSE reste en su "
                        "lugar los compuestos de los dos periodos"),
    limit_flood_drop=("este backend no puede combinar dos compuestos (no hay merge_cubes), así que la caída por "
                      "inundación es el mínimo temporal frente a la mediana temporal de todo el periodo"),
    limit_old_landsat=("este backend no ofrece Landsat 4/5 TM ni 7 ETM+ (CDSE tampoco), así que la serie empieza con "
                       "Landsat 8 el {l8_start} (Sentinel-2 desde el {s2_start}); faltan los años anteriores"),
    limit_flood=("la retrodispersión también cae sobre suelo húmedo o tras la cosecha; el agua permanente está "
                 "incluida"),
    limit_terrain="derivadas del terreno calculadas con núcleos de Sobel 3x3 sobre una malla UTM de 30 m",
    limit_resolution="la resolución nativa es de {res}",
    res_s5p="unos 5.5 x 3.5 km",
    limit_simulated=("el backend integrado respondió con datos SIMULADOS: los valores ilustran el método, no las "
                     "condiciones reales; ejecute el mismo código en CDSE para obtener datos reales"),
    repaired="El primer borrador fue rechazado ({reason}); lo he corregido una vez.",
    adjusted_coarser=("El backend consideró la solicitud demasiado grande a {native} m, así que he leído los datos "
                      "a {res} m."),
    adjusted_widened=("No hubo ninguna adquisición {dates}, así que he ampliado la ventana {revisit} días (el "
                      "periodo de revisita) por cada lado para tomar los pasos más cercanos."),
    on_day="el {day}",
    day_range="del {start} al {end}",
    result_values=("Resultado — {label}: valores de {min} a {max}, media {mean}{unit}; "
                   "el {valid} % de los valores son válidos."),
    result_head="Resultado — {label}:",
    the_result="el resultado",
    by_date="Valores por fecha: {shown}{more}.",
    by_date_more=" ... ({n} fechas)",
    result_raw="Resultado: {stats}",
    map_shown=("El mapa se muestra junto al chat; el código se ejecuta sin cambios en el Copernicus Data Space "
               "Ecosystem."),
    q_lst="temperatura de la superficie terrestre",
    q_backscatter="retrodispersión de Sentinel-1",
    q_column="densidad de columna de {product}",
    count_days="número de días con {q} {cond}",
    count_days_any="número de días en que se cumplió la condición sobre {q}",
    statistics="{stats} por píxel de {q} a lo largo del tiempo, una banda cada una",
    wf_rvi="índice de vegetación radar (RVI = 4·VH / (VV + VH)) de Sentinel-1",
    wf_oil_slick=("manchas oscuras en la retrodispersión VV de Sentinel-1 por debajo de su media local "
                  "(posibles manchas de petróleo)"),
    wf_soil_moisture_percent=("cambio porcentual de la retrodispersión VV media de Sentinel-1 entre los dos "
                              "periodos (un indicador de la humedad del suelo)"),
    wf_soil_moisture=("cambio de la retrodispersión de Sentinel-1 entre los dos periodos (un indicador de la "
                      "humedad del suelo)"),
    wf_best_pixel="compuesto de mejor píxel (la observación menos nubosa por píxel)",
    wf_fusion="fusión de datos radar de Sentinel-1 y ópticos de Sentinel-2",
    wf_zonal_landcover="proporción de cada clase de cobertura del suelo",
    wf_multisensor="serie multisensor de {q}",
    wf_moving_window="media móvil de {q}",
    timeseries="serie temporal de {what}, promediada sobre la zona",
    dnbr="dNBR (severidad del incendio)",
    index_named="{index} ({title})",
    change_in="cambio de {what}",
    percent_change_in="cambio porcentual de {what}",
    ratio_in="la razón de {what} entre los dos periodos (el primero citado dividido por el segundo)",
    rgb_true="compuesto en color verdadero",
    rgb_false="compuesto en falso color",
    rgb_swir="compuesto SWIR (B12, B8A, B04)",
    composite="compuesto multibanda",
    flood="máscara de inundación a partir de la caída de la retrodispersión {pol} de Sentinel-1",
    backscatter="retrodispersión de Sentinel-1 en dB",
    ratio="cociente VH/VV de Sentinel-1 en dB",
    dem="elevación de Copernicus GLO-30",
    slope_mask="máscara de pendientes {op} {value}° (1 donde lo son)",
    slope="pendiente en grados",
    aspect="orientación en grados",
    hillshade="sombreado (acimut solar {azimuth}°, altura {altitude}°)",
    lst="temperatura de la superficie terrestre (kelvin)",
    lst_celsius="temperatura de la superficie terrestre (°C)",
    landcover="máscara de cobertura del suelo de ESA WorldCover",
    fusion="pila de Sentinel-2 y Sentinel-1 en un cubo (mediana óptica, media radar en dB)",
    flood_product="la extensión de inundación observada del producto Global Flood Monitoring (GFM)",
    multisensor_period=("serie de {index} {per} de Sentinel-2 y Landsat 8-9, promediada sobre la zona, "
                        "una columna por sensor"),
    multisensor="serie de {index} de Sentinel-2 y Landsat 8-9, promediada sobre la zona, una columna por sensor",
    percent_change_periods=("cambio porcentual de {what} entre los dos periodos (el posterior menos el anterior, en "
                            "porcentaje del anterior)"),
    change_periods=("cambio de {what} entre los dos periodos (la media por píxel del posterior menos la del "
                    "anterior)"),
    every_date="{what} para cada adquisición (cada fecha por separado)",
    per_period="{reducer} {per} de {what}",
    per_pixel="{reducer} por píxel de {what}",
    reducers={"median": "mediana", "mean": "media", "max": "máximo", "min": "mínimo"},
    periods={"day": "por día", "week": "por semana", "dekad": "por década", "month": "por mes", "year": "por año"},
    index_titles={
        "NDVI": "índice de vegetación de diferencia normalizada", "EVI": "índice de vegetación mejorado",
        "SAVI": "índice de vegetación ajustado al suelo", "NDWI": "índice de agua de diferencia normalizada (McFeeters)",
        "MNDWI": "índice de agua de diferencia normalizada modificado",
        "NDMI": "índice de humedad de diferencia normalizada", "NBR": "índice normalizado de área quemada",
        "NDSI": "índice de nieve de diferencia normalizada", "NDBI": "índice de edificación de diferencia normalizada",
        "GNDVI": "índice de vegetación verde de diferencia normalizada",
        "NDRE": "índice red edge de diferencia normalizada",
        "NDCI": "índice de clorofila de diferencia normalizada", "BSI": "índice de suelo desnudo",
    },
    and_=" y ",
    span="la zona de {a} a {b}",
    coords_you_gave="{kind} que indicó",
    coord_kinds={"point": "el punto", "bbox": "la bbox", "polygon": "el polígono"},
    zoom_part=" (la parte {direction})",
    directions={"north": "norte", "south": "sur", "east": "este", "west": "oeste"},
    which_namesake=("¿A qué {name} se refiere: {options}? Responda con el país (por ejemplo \"{example}\") y lo "
                    "calcularé allí."),
    or_=" o ",
    regions_too_large=("{place} juntos son demasiado grandes para un solo grafo de {collection} con una resolución "
                       "útil{read}. ¿Cartografío uno de ellos, por ejemplo {example}?"),
    span_too_large=("{place} es demasiado grande para un solo grafo de {collection} con una resolución útil{read}. "
                    "¿Cartografío una parte, por ejemplo alrededor de {a} o alrededor de {b}?"),
    read_at=" (se leería a {res} m)",
    compared_too_far=("{place} están a {km} km entre sí: un solo grafo de {collection} sobre todos se leería {read}, "
                      "demasiado grueso para comparar. ¿Los calculo de uno en uno (responda con el primero, p. ej. "
                      "\"{first}\") o los comparo con un producto más grueso como Sentinel-3 o Sentinel-5P?"),
    read_at_short="a {res} m",
    read_too_large="sobre una zona demasiado grande",
    region_missing="{names} no se encontró como {unit} y queda fuera.",
    span_abroad=("{b} solo se encontró como {b_found}, a {km} km de {a_found}, así que la zona es solo alrededor de "
                 "{a}; dé las coordenadas de {b} (lon, lat) para abarcar ambos."),
    compare_missing=("{missing} no se encontró, así que no hay nada con qué comparar {other}; dé sus coordenadas "
                     "(lon, lat)."),
    compare_missing_some="{missing} no se encontró y falta en la comparación.",
    far_namesake=("{name} solo se encontró como {found}, lejos de {place}, así que no está en esta zona; dé sus "
                  "coordenadas (lon, lat), pídalo por separado o pida una comparación para un valor por lugar."),
    not_in_gazetteer=("{names} no se encontró en el nomenclátor sin conexión, así que la zona es {place}; dé "
                      "coordenadas (lon, lat) o una bbox para una zona más ajustada."),
    compared_rows="Una fila por lugar comparado: {places} (cada uno con su bbox del nomenclátor).",
    clamped_centre=("{place} (unos {area} km²) supera una sola carga de {collection} aquí, así que esto son los {loaded} km² "
                    "alrededor de su centro; indique una bbox o un lugar dentro para otra parte."),
    unknown_in_large_country=("No encontré {names} en el nomenclátor sin conexión, y {country} entero ({area} km²) es mucho "
                              "mayor que una sola carga aquí. Indique sus coordenadas (lon, lat), una bbox o una localidad cercana."),
    scene_clearest="Una sola adquisición, la menos nubosa de {count} entre el {start} y el {end}: {day} ({cloud} % de nubes).",
    scene_latest="Una sola adquisición, la más reciente de {count} entre el {start} y el {end}: {day}.",
    scene_no_cloud="El catálogo no da la nubosidad de las {count} adquisiciones entre el {start} y el {end}, así que esta es la más reciente: {day}.",
    scene_none="{collection} no tiene ninguna adquisición entre el {start} y el {end}, así que esto es el compuesto de ese periodo.",
    unit_rows_listed="Una fila por {unit}: {parts}, cada uno con su contorno del nomenclátor{missing}.",
    unit_rows_missing="; {missing} no se encontró y falta",
    unit_rows_official="Una fila por {unit}: {rows} partes de {region}, cada una con su nombre, con los contornos de Natural Earth (simplificados).",
    unit_rows=("Una fila por {unit}: {rows} partes de {region}, cada una con su nombre; sus contornos son "
               "aproximados (derivados de sus localidades, no límites oficiales)."),
    unit_too_many=("{where} tiene {count} partes en los datos sin conexión, demasiadas para una fila cada una, así "
                   "que esto es {where} en conjunto; pida una región más pequeña para obtener una fila por {unit}."),
    unit_none=("Los datos sin conexión no tienen contornos por {unit} para {where}, así que esto es {where} en "
               "conjunto, no una fila por {unit}."),
    pct="{v} %",
    label_index="{index} ({words})",
    index_words={"NDVI": "vegetación", "EVI": "vegetación", "NBR": "índice de quemado", "NDWI": "agua", "MNDWI": "agua",
                 "NDMI": "humedad", "NDBI": "edificación"},
    label_count="Número de pasos de tiempo: {q}",
    label_share="Proporción de pasos de tiempo: {q}",
    label_share_of="Proporción {words}",
    label_classes="Clases de {bands}",
    land_cover="Cobertura del suelo",
    label_temperature="Temperatura ({unit})",
    label_elevation="Altitud (m)",
    label_slope="Pendiente (grados)",
    label_aspect="Orientación (grados)",
    label_hillshade="Sombreado (relieve sombreado)",
    label_rgb="Composición RGB (estiramiento 2–98 %)",
    label_reflectance="Reflectancia ({bands})",
    label_radar="Retrodispersión ({unit})",
    label_table="{q} por geometría",
    label_timeseries="Serie temporal de {q}",
    q_change="cambio de {q}",
    q_backscatter_change="cambio de la retrodispersión {bands} (dB)",
    q_backscatter_db="retrodispersión {bands} (dB)",
    q_ratio="cociente VH/VV",
    q_nbr_change="cambio del NBR (después - antes; negativo donde ardió)",
    q_values="valores",
    mask_words={"flooded": "inundado", "water": "agua", "burnt": "quemado", "hot": "caliente", "vegetation": "vegetación",
                "moist": "húmedo", "built-up": "edificado", "dark spots": "manchas oscuras", "bright spots": "manchas claras",
                "mask": "máscara", "masked": "enmascarado", "class mask": "máscara de clase",
                "below the elevation threshold": "bajo el umbral de altitud",
                "above the elevation threshold": "sobre el umbral de altitud"},
    loss_of="pérdida de {index}",
    gain_of="ganancia de {index}",
    mask_joins={"in": "{a} ({b})", "and": "{a} y {b}", "or": "{a} o {b}", "new": "recién {b}", "no longer": "anteriormente {b}"},
    units={"mask (0/1)": "máscara (0/1)", "index": "índice", "index (-1..1)": "índice (-1..1)", "count": "número",
           "degrees": "grados", "share": "proporción", "share of time steps": "proporción de pasos de tiempo",
           "class": "clase", "shade (0..1)": "sombra (0..1)", "reflectance": "reflectancia", "linear": "lineal"},
    dec_area="Superficie ({what}): {area} km², {share} % de los {mapped} km² cartografiados (de áreas iguales).",
    dec_towns="Ciudades y pueblos en la zona «{words}» o que la tocan, del más cercano al más lejano: {towns}{more}.",
    dec_town="{name} ({population} habitantes, a {km} km del centro, {share} en la zona «{words}»)",
    dec_in_mask="máscara",
    dec_more=" y {n} más",
    dec_no_town="Ninguna ciudad ni pueblo (GeoNames, 500 habitantes o más) está en la zona «{words}» ni la toca.",
    dec_severity="Severidad del incendio (clases dNBR del USGS): {classes}.",
    severity_classes={"regrowth_high": "rebrote intenso (alto)", "regrowth_low": "rebrote intenso (bajo)",
                      "unburned": "no quemado", "low": "severidad baja", "moderate_low": "severidad moderada-baja",
                      "moderate_high": "severidad moderada-alta", "high": "severidad alta"},
    dec_crossed="Cambio más allá de los umbrales: {items}.",
    thresholds={"below": "por debajo de", "above": "por encima de"},
    dec_limits="Límites de estas cifras: {limits}.",
    decision_limits={
        "simulated": "datos SIMULADOS, no una observación del evento",
        "pixels": "los píxeles de {value} m no captan elementos más estrechos",
        "radar_water": ("el radar no ve el agua bajo los árboles ni entre edificios y puede tomar suelo húmedo o speckle "
                        "por agua; se incluyen las aguas permanentes"),
        "dnbr_calibration": ("los umbrales dNBR del USGS se calibraron en bosques norteamericanos; las nubes y el humo "
                             "en cualquiera de los periodos los sesgan"),
        "threshold": "la máscara depende del umbral elegido ({value})",
        "towns_points": ("las localidades son puntos de GeoNames con un radio según su población, no huellas de "
                         "edificios"),
    },
    table_head="Tabla: {geometries}{dates}, {rows} filas; columnas {columns}",
    geometry_one="{n} geometría",
    geometry_many="{n} geometrías",
    table_dates=" x {n} fechas (del {first} al {last})",
    table_more="... {n} filas más{file}",
    table_in=" en {file}",
    column_stats="{band}: mín. {min}, máx. {max}, media {mean} en todas las filas",
    band_stats="{band}: mín. {min}, máx. {max}, media {mean}{unit}, válidos {valid} %",
    more_bands="... y {n} bandas más: {bands}",
    time_steps="{n} pasos de tiempo del {first} al {last}",
    mean_per_step="media de {band} por paso de tiempo: {steps}",
    class_shares="Clases de {band} (proporción de píxeles válidos): {shown}{more}",
    more_classes=" y {n} clases más",
    class_names={"tree cover": "cubierta arbórea", "shrubland": "matorral", "grassland": "pastizal", "cropland": "cultivos",
                 "built-up": "edificado", "bare / sparse vegetation": "suelo desnudo / vegetación escasa",
                 "snow and ice": "nieve y hielo", "permanent water bodies": "aguas permanentes",
                 "herbaceous wetland": "humedal herbáceo", "mangroves": "manglares", "moss and lichen": "musgo y líquenes"},
    note_small_area=("Ningún valor válido: la zona mide unos {w} x {h} km, menos que un píxel de {collection} ({res} m). "
                     "Use una zona de varios píxeles de ancho."),
    note_all_nodata=("Ningún valor válido: todos los píxeles son nodata (nubes enmascaradas, sin adquisición o fuera de "
                     "los datos). Pruebe otras fechas o una zona más grande."),
    note_time_steps=("Pasos de tiempo: {source} registra {days}{more} días de adquisición de {collection} sobre la zona "
                     "del {start} al {end} (fecha final excluida){scenes}; {what}, menos donde está enmascarado o sin datos."),
    the_backend="el backend",
    or_more=" o más",
    note_scenes=" ({items}{more} escenas o gránulos)",
    note_count="el número de un píxel es como mucho el de pasos de tiempo que el backend hace de ellos",
    note_share="la proporción se refiere a estos pasos de tiempo",
)
ES = _table(_ES)

_IT: dict[str, Any] = dict(
    lang="it",
    thousands=_NBSP,
    decimal_point=",",
    semicolon="; ",
    capabilities=(
        "Posso calcolare, per un luogo (per nome o coordinate) e un periodo:\n"
        "- indici spettrali da Sentinel-2 o Landsat 8 (NDVI, EVI, SAVI, NDWI, MNDWI, NDMI, NBR/dNBR, NDSI, NDBI), "
        "come compositi senza nuvole, serie temporali o variazione tra due periodi;\n"
        "- compositi a colori reali e a falsi colori (Sentinel-2, Sentinel-3 OLCI);\n"
        "- retrodiffusione radar di Sentinel-1, rapporto VH/VV e mappe delle inondazioni (prima/dopo);\n"
        "- quota, pendenza e ombreggiatura dal DEM Copernicus, riproiettati se lo desidera;\n"
        "- temperatura della superficie terrestre (Sentinel-3 SLSTR), NO2/CO/O3/SO2/CH4 (Sentinel-5P) e classi "
        "ESA WorldCover.\n"
        "Per esempio: \"NDVI dei campi intorno a Lovanio a giugno 2023\" oppure "
        "\"mappa delle inondazioni vicino a Porto Alegre, aprile 2024 rispetto a 1-15 maggio 2024\"."
    ),
    outside_record="{collection} ha dati solo dal {first} al {last}; il periodo dal {start} al {end} è fuori, quindi il risultato sarà vuoto. Scelga date in quel periodo o un'altra collezione.",
    record_swapped='{named} ha dati solo dal {first}, e il periodo dal {start} al {end} è precedente; per questo ho usato invece Landsat 8-9 ({used}, dal {used_first}, 30 m).',
    record_ask_offer="{named} ha dati solo dal {first}; il periodo dal {start} al {end} è precedente e nessun'altra collezione radar qui risale così indietro. Landsat 8-9 ({used}, dal {used_first}) può mostrare invece acqua e vegetazione (NDWI, NDVI) per quel periodo: lo uso, o indica date successive al {first}?",
    record_ask_later='{named} ha dati solo dal {first}, e il periodo dal {start} al {end} è precedente; nessuna collezione qui ha dati per esso. Indichi date successive al {first}.',
    outside_record_since="{collection} ha dati solo dal {first}; il periodo dal {start} al {end} è precedente, quindi il risultato sarà vuoto. Scelga date successive o un'altra collezione.",
    worldcereal='maschera delle colture ESA WorldCereal 2021',
    missing_product='{named} non è disponibile su questo backend; al suo posto ho usato la collezione più vicina che offre: {nearest} ({title}).',
    missing_product_offer='{named} non è disponibile su questo backend; la collezione più vicina che offre è {nearest} ({title}). Mi dica se devo usarla.',
    not_understood=("Non sono riuscito a capire quale prodotto desidera da \"{text}\"; invece di tirare a indovinare "
                    "non ho eseguito nulla.\n\n{capabilities}"),
    no_place=("Ho capito cosa calcolare, ma non dove. Indichi un luogo (una città, una regione o un paese) o delle "
              "coordinate, per es. \"intorno a 52.37 N, 4.90 E\" o una bbox \"bbox=[4.8, 52.3, 5.0, 52.4]\"."),
    place_not_found=("Non ho trovato {tried} nel dizionario geografico. Provi con una città vicina o con il nome "
                     "della regione, oppure indichi delle coordinate (\"intorno a 0.33 S, 36.10 E\") o una bbox "
                     "(\"bbox=[ovest, sud, est, nord]\")."),
    the_place="il luogo",
    failed=("Non sono riuscito a completare la richiesta: il passaggio di {stage} non è riuscito.\n\n{msg}\n\n"
            "Il codice preparato è nella scheda del codice; può modificarlo ed eseguirlo di nuovo, oppure "
            "riformulare la richiesta."),
    stage_validation="validazione",
    stage_execution="esecuzione",
    computed="Calcolato: {what} per {place} (bbox {bbox}; circa {area} km²).",
    area_you_gave="l'area indicata",
    data="Dati: {collection}{bands}.",
    data_bands=", bande {bands}",
    data_sources="Dati: {sources}.",
    source_window="{collection} ({bands}) dal {start} al {end}",
    fusion_sources="{optical} ({optical_bands}) e {radar} ({polarisations}), dal {start} al {end}",
    dates="Periodo: dal {start} al {end} (data finale esclusa).",
    event_left_out=("Il periodo dell'incendio stesso (dal {start} al {end}) resta escluso, così la finestra del dopo non "
                    "contiene giorni precedenti al fuoco; indichi le date dell'incendio se le conosce."),
    dates_change=("Periodi: prima, dal {b_start} al {b_end}, e dopo, dal {a_start} al {a_end} "
                  "(date finali escluse)."),
    season_default=("La stagione è letta con i suoi mesi abituali {hemisphere} (le date sopra); indichi i mesi se "
                    "ne intende altri."),
    south_of_equator="a sud dell'equatore",
    north_of_equator="a nord dell'equatore",
    limits="Limiti: {limits}.",
    limit_cloud_mask=("nuvole, ombre e cirri mascherati con la banda SCL; una nuvolosità persistente lascia "
                      "lacune"),
    limit_no_cloud_mask=("nessuna maschera delle nuvole applicata (dati al top dell'atmosfera o Landsat); la mediana "
                         "sopprime la maggior parte delle nuvole"),
    limit_range_change=("questo backend non può combinare due compositi (niente merge_cubes), quindi la variazione è "
                        "l'escursione dell'indice per pixel su entrambi i periodi: la sua entità, non il suo segno; "
                        "su CDSE sottragga invece i compositi dei due periodi"),
    limit_flood_drop=("questo backend non può combinare due compositi (niente merge_cubes), quindi il calo dovuto "
                      "all'inondazione è il minimo temporale rispetto alla mediana temporale dell'intero periodo"),
    limit_old_landsat=("Landsat 4/5 TM e 7 ETM+ non sono offerti da questo backend (né da CDSE), quindi la serie "
                       "inizia con Landsat 8 il {l8_start} (Sentinel-2 dal {s2_start}); mancano gli anni precedenti"),
    limit_flood=("un calo della retrodiffusione si verifica anche su suolo bagnato o dopo il raccolto; le acque "
                 "permanenti sono incluse"),
    limit_terrain="derivate del terreno calcolate con kernel di Sobel 3x3 su una griglia UTM di 30 m",
    limit_resolution="la risoluzione nativa è di {res}",
    res_s5p="circa 5.5 x 3.5 km",
    limit_simulated=("il backend integrato ha risposto con dati SIMULATI: i valori illustrano il metodo, non le "
                     "condizioni reali; esegua lo stesso codice su CDSE per dati reali"),
    repaired="La prima bozza è stata respinta ({reason}); l'ho corretta una volta.",
    adjusted_coarser=("Il backend ha ritenuto la richiesta troppo grande a {native} m, quindi ho letto i dati a "
                      "{res} m."),
    adjusted_widened=("Non c'era nessuna acquisizione {dates}, quindi ho allargato la finestra di {revisit} giorni "
                      "(il periodo di rivisitazione) su entrambi i lati per prendere i passaggi più vicini."),
    on_day="il {day}",
    day_range="dal {start} al {end}",
    result_values=("Risultato — {label}: valori da {min} a {max}, media {mean}{unit}; "
                   "il {valid}% dei valori è valido."),
    result_head="Risultato — {label}:",
    the_result="il risultato",
    by_date="Valori per data: {shown}{more}.",
    by_date_more=" ... ({n} date)",
    result_raw="Risultato: {stats}",
    map_shown=("La mappa è mostrata accanto alla chat; il codice gira senza modifiche sul Copernicus Data Space "
               "Ecosystem."),
    q_lst="temperatura della superficie terrestre",
    q_backscatter="retrodiffusione di Sentinel-1",
    q_column="densità di colonna di {product}",
    count_days="numero di giorni con {q} {cond}",
    count_days_any="numero di giorni in cui la condizione su {q} era soddisfatta",
    statistics="{stats} per pixel di {q} nel tempo, una banda ciascuna",
    wf_rvi="indice di vegetazione radar (RVI = 4·VH / (VV + VH)) da Sentinel-1",
    wf_oil_slick=("macchie scure nella retrodiffusione VV di Sentinel-1 sotto la loro media locale "
                  "(possibili chiazze di petrolio)"),
    wf_soil_moisture_percent=("variazione percentuale della retrodiffusione VV media di Sentinel-1 tra i due periodi "
                              "(un indicatore dell'umidità del suolo)"),
    wf_soil_moisture=("variazione della retrodiffusione di Sentinel-1 tra i due periodi (un indicatore dell'umidità "
                      "del suolo)"),
    wf_best_pixel="composito del pixel migliore (l'osservazione meno nuvolosa per pixel)",
    wf_fusion="fusione di dati radar Sentinel-1 e ottici Sentinel-2",
    wf_zonal_landcover="quota di ciascuna classe di copertura del suolo",
    wf_multisensor="serie multisensore di {q}",
    wf_moving_window="media mobile di {q}",
    timeseries="serie temporale di {what}, mediata sull'area",
    dnbr="dNBR (gravità dell'incendio)",
    index_named="{index} ({title})",
    change_in="variazione di {what}",
    percent_change_in="variazione percentuale di {what}",
    ratio_in="il rapporto di {what} tra i due periodi (il primo citato diviso per il secondo)",
    rgb_true="composito a colori reali",
    rgb_false="composito a falsi colori",
    rgb_swir="composito SWIR (B12, B8A, B04)",
    composite="composito multibanda",
    flood="maschera delle inondazioni dal calo della retrodiffusione {pol} di Sentinel-1",
    backscatter="retrodiffusione di Sentinel-1 in dB",
    ratio="rapporto VH/VV di Sentinel-1 in dB",
    dem="quota da Copernicus GLO-30",
    slope_mask="maschera delle pendenze {op} {value}° (1 dove lo sono)",
    slope="pendenza in gradi",
    aspect="esposizione in gradi",
    hillshade="ombreggiatura (azimut solare {azimuth}°, altezza {altitude}°)",
    lst="temperatura della superficie terrestre (kelvin)",
    lst_celsius="temperatura della superficie terrestre (°C)",
    landcover="maschera di copertura del suolo ESA WorldCover",
    fusion="pila di Sentinel-2 e Sentinel-1 in un unico cubo (mediana ottica, media radar in dB)",
    flood_product="l'estensione dell'alluvione osservata dal prodotto Global Flood Monitoring (GFM)",
    multisensor_period=("serie di {index} {per} da Sentinel-2 e Landsat 8-9, mediata sull'area, "
                        "una colonna per sensore"),
    multisensor="serie di {index} da Sentinel-2 e Landsat 8-9, mediata sull'area, una colonna per sensore",
    percent_change_periods=("variazione percentuale di {what} tra i due periodi (il successivo meno il precedente, "
                            "in percentuale del precedente)"),
    change_periods=("variazione di {what} tra i due periodi (la media per pixel del successivo meno quella del "
                    "precedente)"),
    every_date="{what} per ogni acquisizione (ogni data separata)",
    per_period="{reducer} {per} di {what}",
    per_pixel="{reducer} per pixel di {what}",
    reducers={"median": "mediana", "mean": "media", "max": "massimo", "min": "minimo"},
    periods={"day": "al giorno", "week": "a settimana", "dekad": "per decade", "month": "al mese", "year": "all'anno"},
    index_titles={
        "NDVI": "indice di vegetazione a differenza normalizzata", "EVI": "indice di vegetazione migliorato",
        "SAVI": "indice di vegetazione corretto per il suolo",
        "NDWI": "indice dell'acqua a differenza normalizzata (McFeeters)",
        "MNDWI": "indice dell'acqua a differenza normalizzata modificato",
        "NDMI": "indice di umidità a differenza normalizzata", "NBR": "rapporto normalizzato di bruciatura",
        "NDSI": "indice della neve a differenza normalizzata", "NDBI": "indice dell'edificato a differenza normalizzata",
        "GNDVI": "indice di vegetazione verde a differenza normalizzata",
        "NDRE": "indice red edge a differenza normalizzata",
        "NDCI": "indice di clorofilla a differenza normalizzata", "BSI": "indice di suolo nudo",
    },
    and_=" e ",
    span="l'area da {a} a {b}",
    coords_you_gave="{kind} indicato",
    coord_kinds={"point": "il punto", "bbox": "il riquadro (bbox)", "polygon": "il poligono"},
    zoom_part=" (la parte {direction})",
    directions={"north": "settentrionale", "south": "meridionale", "east": "orientale", "west": "occidentale"},
    which_namesake=("Quale {name} intende: {options}? Risponda con il paese (per esempio \"{example}\") e lo "
                    "calcolerò lì."),
    or_=" oppure ",
    regions_too_large=("{place} insieme sono troppo grandi per un solo grafo {collection} a una risoluzione utile"
                       "{read}. Ne mappo uno, per esempio {example}?"),
    span_too_large=("{place} è troppo grande per un solo grafo {collection} a una risoluzione utile{read}. "
                    "Ne mappo una parte, per esempio intorno a {a} o intorno a {b}?"),
    read_at=" (verrebbe letto a {res} m)",
    compared_too_far=("{place} distano {km} km: un solo grafo {collection} su tutti verrebbe letto {read}, troppo "
                      "grossolano per un confronto. Li calcolo uno alla volta (risponda con il primo, per es. "
                      "\"{first}\") o li confronto con un prodotto più grossolano come Sentinel-3 o Sentinel-5P?"),
    read_at_short="a {res} m",
    read_too_large="su un'area troppo grande",
    region_missing="{names} non è stato trovato come {unit} ed è escluso.",
    span_abroad=("{b} è stato trovato solo come {b_found}, a {km} km da {a_found}, quindi l'area è solo intorno a "
                 "{a}; indichi le coordinate di {b} (lon, lat) per comprenderli entrambi."),
    compare_missing=("{missing} non è stato trovato, quindi non c'è niente con cui confrontare {other}; ne indichi "
                     "le coordinate (lon, lat)."),
    compare_missing_some="{missing} non è stato trovato e manca nel confronto.",
    far_namesake=("{name} è stato trovato solo come {found}, lontano da {place}, quindi non è in quest'area; ne "
                  "indichi le coordinate (lon, lat), lo chieda a parte, o chieda un confronto per un valore per "
                  "luogo."),
    not_in_gazetteer=("{names} non è stato trovato nel dizionario geografico offline, quindi l'area è {place}; "
                      "indichi coordinate (lon, lat) o una bbox per un'area più precisa."),
    compared_rows="Una riga per luogo confrontato: {places} (ciascuno con la sua bbox dal dizionario geografico).",
    clamped_centre=("{place} (circa {area} km²) supera un solo caricamento {collection} qui, quindi questi sono i {loaded} km² "
                    "attorno al suo centro; indichi una bbox o un luogo al suo interno per un'altra parte."),
    unknown_in_large_country=("Non ho trovato {names} nel dizionario geografico offline, e {country} intero ({area} km²) è "
                              "molto più grande di un solo caricamento qui. Indichi le coordinate (lon, lat), una bbox o una località vicina."),
    scene_clearest="Una sola acquisizione, la meno nuvolosa di {count} tra il {start} e il {end}: {day} ({cloud}% di nuvole).",
    scene_latest="Una sola acquisizione, la più recente di {count} tra il {start} e il {end}: {day}.",
    scene_no_cloud="Il catalogo non indica la nuvolosità delle {count} acquisizioni tra il {start} e il {end}, quindi questa è la più recente: {day}.",
    scene_none="{collection} non ha acquisizioni tra il {start} e il {end}, quindi questo è il composito di quel periodo.",
    unit_rows_listed="Una riga per {unit}: {parts}, ciascuno con il suo contorno dal dizionario geografico{missing}.",
    unit_rows_missing="; {missing} non è stato trovato e manca",
    unit_rows_official="Una riga per {unit}: {rows} parti di {region}, ciascuna con il suo nome, con i contorni di Natural Earth (semplificati).",
    unit_rows=("Una riga per {unit}: {rows} parti di {region}, ciascuna con il suo nome; i contorni sono "
               "approssimativi (ricavati dalle loro località, non confini ufficiali)."),
    unit_too_many=("{where} ha {count} parti nei dati offline, troppe per una riga ciascuna, quindi questo è "
                   "{where} nel suo insieme; chieda una regione più piccola per avere una riga per {unit}."),
    unit_none=("I dati offline non hanno contorni per {unit} per {where}, quindi questo è {where} nel suo insieme, "
               "non una riga per {unit}."),
    pct="{v}%",
    label_index="{index} ({words})",
    index_words={"NDVI": "vegetazione", "EVI": "vegetazione", "NBR": "indice di bruciato", "NDWI": "acqua",
                 "MNDWI": "acqua", "NDMI": "umidità", "NDBI": "edificato"},
    label_count="Numero di passi temporali: {q}",
    label_share="Quota di passi temporali: {q}",
    label_share_of="Quota {words}",
    label_classes="Classi di {bands}",
    land_cover="Copertura del suolo",
    label_temperature="Temperatura ({unit})",
    label_elevation="Quota (m)",
    label_slope="Pendenza (gradi)",
    label_aspect="Esposizione (gradi)",
    label_hillshade="Ombreggiatura (rilievo ombreggiato)",
    label_rgb="Composito RGB (stiramento 2–98%)",
    label_reflectance="Riflettanza ({bands})",
    label_radar="Retrodiffusione ({unit})",
    label_table="{q} per geometria",
    label_timeseries="Serie temporale di {q}",
    q_change="variazione di {q}",
    q_backscatter_change="variazione della retrodiffusione {bands} (dB)",
    q_backscatter_db="retrodiffusione {bands} (dB)",
    q_ratio="rapporto VH/VV",
    q_nbr_change="variazione dell'NBR (dopo - prima; negativa dove è bruciato)",
    q_values="valori",
    mask_words={"flooded": "allagato", "water": "acqua", "burnt": "bruciato", "hot": "caldo", "vegetation": "vegetazione",
                "moist": "umido", "built-up": "edificato", "dark spots": "macchie scure", "bright spots": "macchie chiare",
                "mask": "maschera", "masked": "mascherato", "class mask": "maschera di classe",
                "below the elevation threshold": "sotto la soglia di quota",
                "above the elevation threshold": "sopra la soglia di quota"},
    loss_of="perdita di {index}",
    gain_of="aumento di {index}",
    mask_joins={"in": "{a} ({b})", "and": "{a} e {b}", "or": "{a} o {b}", "new": "di recente {b}", "no longer": "in precedenza {b}"},
    units={"mask (0/1)": "maschera (0/1)", "index": "indice", "index (-1..1)": "indice (-1..1)", "count": "numero",
           "degrees": "gradi", "share": "quota", "share of time steps": "quota di passi temporali", "class": "classe",
           "shade (0..1)": "ombra (0..1)", "reflectance": "riflettanza", "linear": "lineare"},
    dec_area="Superficie ({what}): {area} km², {share}% dei {mapped} km² mappati (equivalente).",
    dec_towns="Città e paesi nella zona «{words}» o che la toccano, dal più vicino: {towns}{more}.",
    dec_town="{name} ({population} abitanti, a {km} km dal centro, {share} nella zona «{words}»)",
    dec_in_mask="maschera",
    dec_more=" e altri {n}",
    dec_no_town="Nessuna città o paese (GeoNames, 500+ abitanti) si trova nella zona «{words}» o la tocca.",
    dec_severity="Gravità dell'incendio (classi dNBR dell'USGS): {classes}.",
    severity_classes={"regrowth_high": "ricrescita accentuata (alta)", "regrowth_low": "ricrescita accentuata (bassa)",
                      "unburned": "non bruciato", "low": "gravità bassa", "moderate_low": "gravità moderata-bassa",
                      "moderate_high": "gravità moderata-alta", "high": "gravità alta"},
    dec_crossed="Variazione oltre le soglie: {items}.",
    thresholds={"below": "sotto", "above": "sopra"},
    dec_limits="Limiti di questi numeri: {limits}.",
    decision_limits={
        "simulated": "dati SIMULATI, non un'osservazione dell'evento",
        "pixels": "i pixel di {value} m non colgono elementi più stretti",
        "radar_water": ("il radar non vede l'acqua sotto gli alberi e tra gli edifici e può scambiare suolo umido o "
                        "speckle per acqua; le acque permanenti sono incluse"),
        "dnbr_calibration": ("le soglie dNBR dell'USGS sono state calibrate su foreste nordamericane; nuvole e fumo in "
                             "uno dei due periodi le distorcono"),
        "threshold": "la maschera dipende dalla soglia scelta ({value})",
        "towns_points": ("le località sono punti GeoNames con un raggio secondo la popolazione, non impronte di "
                         "edifici"),
    },
    table_head="Tabella: {geometries}{dates}, {rows} righe; colonne {columns}",
    geometry_one="{n} geometria",
    geometry_many="{n} geometrie",
    table_dates=" x {n} date (dal {first} al {last})",
    table_more="... altre {n} righe{file}",
    table_in=" in {file}",
    column_stats="{band}: min {min}, max {max}, media {mean} su tutte le righe",
    band_stats="{band}: min {min}, max {max}, media {mean}{unit}, validi {valid}%",
    more_bands="... e altre {n} bande: {bands}",
    time_steps="{n} passi temporali dal {first} al {last}",
    mean_per_step="media di {band} per passo temporale: {steps}",
    class_shares="Classi di {band} (quota dei pixel validi): {shown}{more}",
    more_classes=" e altre {n} classi",
    class_names={"tree cover": "copertura arborea", "shrubland": "arbusteti", "grassland": "praterie", "cropland": "coltivi",
                 "built-up": "edificato", "bare / sparse vegetation": "suolo nudo / vegetazione rada",
                 "snow and ice": "neve e ghiaccio", "permanent water bodies": "acque permanenti",
                 "herbaceous wetland": "zona umida erbacea", "mangroves": "mangrovie", "moss and lichen": "muschi e licheni"},
    note_small_area=("Nessun valore valido: l'area misura circa {w} x {h} km, meno di un pixel di {collection} ({res} m). "
                     "Usa un'area larga diversi pixel."),
    note_all_nodata=("Nessun valore valido: ogni pixel è nodata (nuvole mascherate, nessuna acquisizione o fuori dai "
                     "dati). Prova altre date o un'area più grande."),
    note_time_steps=("Passi temporali: {source} elenca {days}{more} giorni di acquisizione di {collection} sull'area "
                     "dal {start} al {end} (data finale esclusa){scenes}; {what}, meno dove mascherato o nodata."),
    the_backend="il backend",
    or_more=" o più",
    note_scenes=" ({items}{more} scene o granuli)",
    note_count="il conteggio di un pixel è al massimo il numero di passi temporali che il backend ne ricava",
    note_share="la quota si riferisce a questi passi temporali",
)
IT = _table(_IT)

TABLES: dict[str, Phrases] = {p.lang: p for p in (EN, DE, FR, NL, ES, IT)}
FIELDS: dict[str, dict[str, Any]] = {"de": _DE, "fr": _FR, "nl": _NL, "es": _ES, "it": _IT}  # what each language sets


def phrases(lang: str | None) -> Phrases:
    """The table of a language; English for any language without one."""
    return TABLES.get(lang or "en", EN)
