"""What a request asks for: the product, the data collection, bands, reducer, output shape.

`parse_intent(text)` reads normalised text (`i18n.normalize`) and returns an `Intent`; place
and dates are read by their own modules. The grammar is keyword based and ordered from the
most specific signal (an index name, a product word) to the most generic ("an image of").
"""

from __future__ import annotations

import math
import re
from typing import Literal

from pydantic import BaseModel, Field

from agent.planner.coords import find_coordinates
from agent.planner.dates import FLOOD_SEASON, date_text, previous_years
from agent.planner.hazards import ASH, BURNT, FIRE_RISK, HazardMethod, find_hazard  # noqa: F401 (BURNT re-exported)
from agent.planner.products import GFM, PROBAV, PROBAV_WORDS, MissingProduct, missing_product, worldcereal_collection
from agent.planner.vocabulary import is_field_scale
from agent.planner.methods import gap_fill
from agent.planner.methods import EVERY_ACQUISITION, PERCENT_CHANGE, SHARE_WORDS, Formula, Statistic, Threshold, Workflow, find_formula, find_reducer, \
    every_date, find_reducer, find_statistics, find_threshold, find_workflow, kernel_size, landsat_missions, \
    window_length, window_days, ranks_by_cloud, MOVING_WORDS, FOCAL_WORDS, REDUCED_OVER_TIME, ZONAL_WORDS, find_spatial_reducer

Task = Literal[
    "index", "rgb", "composite", "flood", "backscatter", "ratio", "dem", "slope", "aspect",
    "hillshade", "lst", "atmosphere", "landcover", "unknown",
    # community workflows (agent/planner/workflows.py)
    "rvi", "oil_slick", "soil_moisture", "best_pixel", "fusion", "zonal_landcover", "multisensor", "moving_window",
    "flood_product",
]

S2_L2A, S2_L1C, L8 = "SENTINEL2_L2A", "SENTINEL2_L1C", "LANDSAT8_L2"
S1, DEM, LST, OLCI, S5P = "SENTINEL1_GRD", "COPERNICUS_30", "SENTINEL3_SLSTR_L2_LST", "SENTINEL3_OLCI_L1B", "SENTINEL_5P_L2"
WORLDCOVER = "ESA_WORLDCOVER_10M_2021_V2"

# the colour composites by name and their bands (red, green, blue channels)
Palette = Literal["true", "false", "swir"]
PALETTE_BANDS: dict[str, list[str]] = {"true": ["B04", "B03", "B02"], "false": ["B08", "B04", "B03"],
                                       "swir": ["B12", "B8A", "B04"]}


class IndexDef(BaseModel):
    name: str
    title: str
    kind: Literal["nd", "evi", "savi", "bsi"] = "nd"
    a: str = ""  # normalised difference (a - b) / (a + b), Sentinel-2 band names
    b: str = ""


INDICES: dict[str, IndexDef] = {i.name: i for i in [
    IndexDef(name="NDVI", title="Normalized Difference Vegetation Index", a="B08", b="B04"),
    IndexDef(name="EVI", title="Enhanced Vegetation Index", kind="evi"),
    IndexDef(name="SAVI", title="Soil-Adjusted Vegetation Index", kind="savi"),
    IndexDef(name="NDWI", title="Normalized Difference Water Index (McFeeters)", a="B03", b="B08"),
    IndexDef(name="MNDWI", title="Modified Normalized Difference Water Index", a="B03", b="B11"),
    IndexDef(name="NDMI", title="Normalized Difference Moisture Index", a="B08", b="B11"),
    IndexDef(name="NBR", title="Normalized Burn Ratio", a="B08", b="B12"),
    IndexDef(name="NDSI", title="Normalized Difference Snow Index", a="B03", b="B11"),
    IndexDef(name="NDBI", title="Normalized Difference Built-up Index", a="B11", b="B08"),
    IndexDef(name="GNDVI", title="Green Normalized Difference Vegetation Index", a="B08", b="B03"),
    IndexDef(name="NDRE", title="Normalized Difference Red Edge index", a="B08", b="B05"),
    IndexDef(name="NDCI", title="Normalized Difference Chlorophyll Index", a="B05", b="B04"),
    # ((SWIR + red) - (NIR + blue)) / ((SWIR + red) + (NIR + blue)): bare soil bright in SWIR and red
    IndexDef(name="BSI", title="Bare Soil Index", kind="bsi"),
]}

# what each Sentinel-2 band measures: a band the user names takes the place of the index's band of the same
# kind ("NBR (B8A/B12)": the narrow NIR B8A instead of B08; "NDMI with B12": the second SWIR band)
BAND_ROLES = {"B01": "aerosol", "B02": "blue", "B03": "green", "B04": "red", "B05": "red edge", "B06": "red edge",
              "B07": "red edge", "B08": "nir", "B8A": "nir", "B09": "water vapour", "B11": "swir", "B12": "swir"}


def with_named_bands(d: IndexDef, named: list[str]) -> IndexDef:
    """The index computed from the bands the request names, where they differ from its usual ones."""
    opt = [b for b in named if b in BAND_ROLES]
    if not opt or len(opt) > 3 or d.kind != "nd" or {d.a, d.b} <= set(opt):
        return d
    free = [b for b in opt if b not in (d.a, d.b)]

    def pick(slot: str, other: str) -> str:
        if slot in opt:
            return slot
        same = [b for b in free if BAND_ROLES[b] == BAND_ROLES[slot]]
        if same:
            free.remove(same[0])
            return same[0]
        if other in opt and len(free) == 1 and len(opt) == 2 and BAND_ROLES[free[0]] != BAND_ROLES[other]:
            # "NDWI (B03, B11)": the other band as written
            return free.pop()
        return slot

    a, b = pick(d.a, d.b), pick(d.b, d.a)
    if len(opt) == 2 and opt[0] != opt[1] and any(BAND_ROLES[x] not in (BAND_ROLES[d.a], BAND_ROLES[d.b]) for x in opt):
        # "NDWI (B8A/B11)", "NDWI (B08, B11)" (Gao's NDWI, not McFeeters'), "NDWI (B03, B11)": two bands written,
        # one of a kind the index's usual bands are not, are the index's bands in the order written
        a, b = opt
    return d if (a, b) == (d.a, d.b) or a == b else d.model_copy(update={"a": a, "b": b})


def index_def(intent: "Intent") -> IndexDef:
    """The definition of the intent's index with the bands the user named."""
    return with_named_bands(INDICES[intent.index or "NDVI"], intent.bands)


# Sentinel-2 band -> Landsat 8 Collection 2 Level-2 band
S2_TO_L8 = {"B02": "B02", "B03": "B03", "B04": "B04", "B08": "B05", "B8A": "B05", "B11": "B06", "B12": "B07", "B05": "B05"}

S5P_PRODUCTS = {
    "no2": "NO2", "nitrogen dioxide": "NO2", "co": "CO", "carbon monoxide": "CO", "o3": "O3",
    "ozone": "O3", "so2": "SO2", "sulphur dioxide": "SO2", "sulfur dioxide": "SO2", "ch4": "CH4",
    "methane": "CH4", "hcho": "HCHO", "formaldehyde": "HCHO", "aerosol": "AER_AI_354_388",
    # the gases' names in the five languages (normalised text keeps them as written)
    "stickstoffdioxid": "NO2", "dioxyde d'azote": "NO2", "dióxido de nitrógeno": "NO2", "biossido di azoto": "NO2",
    "diossido di azoto": "NO2", "stikstofdioxide": "NO2", "kohlenmonoxid": "CO", "monoxyde de carbone": "CO",
    "monóxido de carbono": "CO", "monossido di carbonio": "CO", "koolmonoxide": "CO", "ozon": "O3", "ozono": "O3",
    "schwefeldioxid": "SO2", "dioxyde de soufre": "SO2", "dióxido de azufre": "SO2", "anhídrido sulfuroso": "SO2",
    "biossido di zolfo": "SO2", "diossido di zolfo": "SO2", "anidride solforosa": "SO2", "zwaveldioxide": "SO2",
    "methan": "CH4", "méthane": "CH4", "metano": "CH4", "methaan": "CH4", "formaldehyd": "HCHO",
    "formaldéhyde": "HCHO", "formaldehído": "HCHO", "formaldeide": "HCHO", "aerosole": "AER_AI_354_388",
    "aérosols": "AER_AI_354_388", "aérosol": "AER_AI_354_388", "aerosoles": "AER_AI_354_388",
    "aerosoli": "AER_AI_354_388", "aerosolen": "AER_AI_354_388", "aerosolindex": "AER_AI_354_388",
}

# a gas's name at the start of a German or Dutch compound: "Schwefeldioxidfahne", "Stickstoffdioxidbelastung",
# "zwaveldioxidewolk", "stikstofdioxideconcentratie"
GAS_COMPOUND = re.compile(r"(?<![a-z])(stickstoffdioxid|schwefeldioxid|kohlenmonoxid|formaldehyd|stikstofdioxide|"
                          r"zwaveldioxide|koolmonoxide)[a-zäöüß]+")

# the Sentinel-5P L2 bands as backend/catalog/collections.yaml names them, longest first
S5P_BANDS = ["AER_AI_340_380", "AER_AI_354_388", "CLOUD_BASE_PRESSURE", "CLOUD_TOP_PRESSURE", "CLOUD_BASE_HEIGHT",
             "CLOUD_TOP_HEIGHT", "CLOUD_OPTICAL_THICKNESS", "CLOUD_FRACTION"]

# WorldCover classes and the words that name them, by stem, in six languages (after `i18n.normalize`)
LANDCOVER_CLASSES = {
    10: ("tree cover", ("tree", "forest", "woodland", "wald", "wälder", "bos", "bosque", "bosco", "foresta", "boschi")),
    20: ("shrubland", ("shrub", "gebüsch", "strauch", "sträucher", "arbust", "struik", "matorral", "macchia")),
    30: ("grassland", ("grassland", "grass", "grasland", "grünland", "wiese", "prairie", "pasture", "weide",
                       "pastizal", "pradera", "prateri", "pascol")),
    40: ("cropland", ("cropland", "crop", "farmland", "agricultur", "acker", "äcker", "landwirtschaft", "terres cultiv",
                      "akkerbouw", "landbouw", "cultivo", "seminativ", "coltiv", "cultures", "cultivé")),
    50: ("built-up", ("built-up", "built up", "urban", "buildings", "settlement", "bebau", "siedlung", "urbain", "bâti",
                      "bebouw", "stedelijk", "urbano", "edificad", "edificat", "artificialis")),
    60: ("bare / sparse vegetation", ("bare", "sparse", "kahl", "sol nu", "sols nus", "kale grond", "suelo desnudo",
                                      "suolo nudo")),
    70: ("snow and ice", ("snow", "ice", "glacier", "gletscher", "gletsjer", "glaciar", "ghiacci")),
    80: ("permanent water bodies", ("water", "lake", "river", "gewässer", "plan d'eau", "plans d'eau", "cuerpos de agua")),
    90: ("herbaceous wetland", ("wetland", "marsh", "feuchtgebiet", "moor", "zone humide", "zones humides", "moeras",
                                "humedal", "zona umida", "zone umide")),
    95: ("mangroves", ("mangrov", "manglar")),
    100: ("moss and lichen", ("moss", "lichen", "flechte", "mousse", "korstmos", "musgo", "muschi", "licheni")),
}


def landcover_classes_named(text: str) -> list[int]:
    """The WorldCover classes a request names, in class order; a word matches at a word start, and a short one
    (up to 4 letters: "ice", "bos", "crop") as the whole word or its plural ("Venice" and "Boston" name none)."""
    def named(w: str) -> bool:
        tail = r"(?:s|es)?(?![a-z])" if len(w) <= 4 else ""
        return bool(re.search(r"(?<![a-z])" + re.escape(w) + tail, text))

    return [v for v, (_, words) in LANDCOVER_CLASSES.items() if any(named(w) for w in words)]


WORLDCOVER_NAMES = {10: "tree_cover", 20: "shrubland", 30: "grassland", 40: "cropland", 50: "built_up", 60: "bare",
                    70: "snow_ice", 80: "water", 90: "wetland", 95: "mangroves", 100: "moss_lichen"}


class Intent(BaseModel):
    task: Task = "unknown"
    index: str | None = None
    change: bool = False  # difference between two periods
    percent_change: bool = False  # the change relative to the earlier period, in percent
    period_ratio: bool = False  # the first period's value divided by the second's ("ratio of mean NDVI in X to Y")
    every_date: bool = False  # each acquisition kept (a stack over time), not reduced to one composite
    collection: str = S2_L2A
    bands: list[str] = Field(default_factory=list)  # explicitly named by the user, normalised
    reducer: Literal["median", "mean", "max", "min", "count"] = "median"  # count: the valid observations per pixel
    reducer_explicit: bool = False
    timeseries: bool = False
    period: Literal["day", "week", "dekad", "month", "year"] | None = None  # aggregate_temporal_period
    threshold: Threshold | None = None
    threshold_on_index: bool = False  # a change's threshold is on the index in each period, not on the difference
    cloud_mask: bool = True
    epsg: int | None = None
    resolution: float | None = None
    landcover_class: int | None = None
    azimuth: float = 315.0
    altitude: float = 45.0
    product: str | None = None  # Sentinel-5P variable
    palette: Palette = "true"  # the colour composite of an rgb task
    output_format: Literal["GTiff", "netCDF", "JSON", "CSV"] = "GTiff"
    workflow: Workflow | None = None  # a community workflow (methods.find_workflow)
    formula: Formula | None = None  # band arithmetic written out in the request
    stats: list[Statistic] = Field(default_factory=list)
    kernel_size: int | None = None
    landcover_classes: list[int] = Field(default_factory=list)
    landcover_mask: list[int] = Field(default_factory=list)  # WorldCover classes masked out of an index
    landsat_missions: list[int] = Field(default_factory=list)  # "Landsat 5/7/8": [5, 7, 8]
    rank_by_cloud: bool = False  # a best-pixel composite keeps the least cloudy observation (CLD), not the greenest
    smooth: bool = False  # a moving mean over time on top of a workflow's series (RVI, a written formula)
    gap_fill: bool = False  # "gap-filled 10-daily composites": empty periods interpolated linearly along time
    celsius: bool = False  # a temperature asked for in degrees Celsius ("mean LST in °C"), not in kelvin
    window_days: int | None = None  # a moving window over time by its length in days ("7-day moving average")
    focal: bool = False  # a moving window over space: the composite's focal mean over kernel_size x kernel_size pixels
    spatial_reducer: Literal["median", "mean", "max", "min"] | None = None  # a time series' statistic over the area
    missing: MissingProduct | None = None  # a product named that the backend lacks (the nearest is used or offered)
    scene: Literal["", "latest", "clearest"] = ""  # one acquisition asked for: the latest, or the least cloudy
    hazard: Literal["landslide", "lava", "water"] | None = None  # the event or surface word that chose the method


_BAND_WORD = (r"(?:near[- ]infrared|short[- ]wave infrared|infrared|nir|red[- ]edge|red|green|blue|swir\s*-?\s*[12]?|"
              r"b\d{1,2}a?|vv|vh|hh|hv)")
_BAND_PAIR = re.compile(_BAND_WORD + r"\s*(?:vs\.?|versus|against|compared to|gegen|contre|tegen|frente a)\s*" + _BAND_WORD)


def _without_band_pairs(text: str) -> str:
    """'ndwi (green vs near-infrared)': the bands of an index, not two periods compared."""
    return _BAND_PAIR.sub(" ", text)


# flooding in six languages, by word stem: "flooded", "inundated", "inondées", "überflutete", "overstroomde",
# "inundadas", "allagate", "esondazione"
FLOOD_WORDS = re.compile(r"(?<![a-z])(?:flood(?!plain|-?plain)\w*|inundat\w*|inundac\w*|inundad\w*|inond\w*|überflut\w*|"
                         r"überschwemm\w*|hochwasser\w*|overstro\w*|wateroverlast|allag\w*|alluvion\w*|esondazion\w*|"
                         r"esondat\w*|crues?|crecidas?|riadas?|desbordamiento\w*)(?![a-z])")


# a radar quantity named, in six languages: the backscatter or one of its polarisations
RADAR_QUANTITY = re.compile(r"(?<![a-z])(?:backscatter\w*|r[üu]ckstreu\w*|r[ée]trodiffusion\w*|terugverstrooi\w*|"
                            r"retrodispersi[óo]n\w*|retrodiffusion[ei]|sigma0|vv|vh)(?![a-z])")


# a flood product asked for by name (after `i18n.normalize`): map, mask, extent, mapping, detection
FLOOD_PRODUCT = re.compile(r"(?<![a-z])(?:flood(?:ed|ing)?[- ](?:map\w*|mask\w*|extent|detection|area map)|"
                           r"(?:map\w*|mask|extent|detect\w*) (?:of )?(?:the )?flood\w*|water mask)(?![a-z])")
# the flooded areas asked for, in six languages ("aree allagate", "zones inondées", "überflutete Flächen", "overstroomde
# gebieden", "zonas inundadas"): with a radar mean named ("VV, la media di agosto contro ...") still a flood map
FLOODED_AREAS = re.compile(
    r"(?<![a-z])(?:flooded (?:areas?|zones?)|(?:aree|zone|superfici) allagate|(?:zones?|surfaces?) inond[ée]es|"
    r"[üu]berflutete[nr]? (?:fl[äa]chen|gebiete)|[üu]berschwemmte[nr]? (?:fl[äa]chen|gebiete)|"
    r"overstroomde (?:gebieden|delen)|(?:zonas|[áa]reas|superficies) inundadas)(?![a-z])")


# a ratio asked for by name, in six languages: then "B08/B04" is a division
RATIO_WORDS = re.compile(r"(?<![a-z])(?:ratios?|verh[äa]ltnis\w*|quotient\w*|rapports?|verhouding\w*|cocientes?|"
                         r"raz[óo]n|rapporto|divided|geteilt|divis[ée]|gedeeld|dividido|diviso|÷|=)")


# a ratio of two periods' values, by name in six languages (no "=" or "divided": those write a band formula)
PERIOD_RATIO = re.compile(r"(?<![a-z])(?:ratios?|verh[äa]ltnis\w*|quotient\w*|rapports?|verhouding\w*|cocientes?|"
                          r"raz[óo]n|rapporto)(?![a-z])")


# terrain steepness said without the word "slope", in six languages (normalised text): a comparison of steepness
# ("terrain steeper than 30 degrees", "steiler als 25°", "plus raide que 35°", "steiler dan", "más empinado que",
# "più ripido di", "flatter than 5°") or steep terrain named ("steep terrain", "Steilhänge", "terrain escarpé",
# "terreno escarpado", "terreno ripido")
STEEPNESS = re.compile(
    r"(?<![a-z])(?:steeper|less steep|gentler|flatter|steiler|flacher|plus raides?|plus pentu\w*|moins raides?|vlakker|"
    r"m[áa]s empinad[oa]s?|menos empinad[oa]s?|pi[ùu] ripid[aeio]|meno ripid[aeio])\s+(?:than|als|que|dan|di)(?![a-z])|"
    r"(?<![a-z])(?:steep (?:terrain|ground|land|hillsides?|mountainsides?|areas?)|steilh[äa]ng\w*|steile[sn]? (?:gel[äa]nde|h[äa]nge?)|"
    r"steil(?:e)? (?:terrein|gebied)|terrains? (?:escarp|raide|abrupt)\w*|terrenos? (?:escarpad|empinad|abrupt)\w*|"
    r"terren[oi] (?:ripid|scoscei?s)\w*)(?![a-z])")


# one period's statistic minus another's, in six languages (normalised text): a subtraction word followed, within a
# few words, by a statistic, a period or a year ("the 2020 mean minus the mean of the same period in 2019", "moins
# la moyenne de 2019", "abzüglich des Mittels von 2019", "min het gemiddelde van 2019", "menos la media de 2019",
# "meno la media del 2019", "subtract the 2019 median"); "moins de 20 %" ("less than") and band arithmetic ("B08
# minus B04", "NIR minus red") are none
_STAT_OR_PERIOD = (r"(?:mean|average|median|mittel\w*|durchschnitt\w*|gemiddeld\w*|promedio|maximum|minimum|composite|same|period\w*|p[ée]riode|zeitraum\w*|zeitraums|"
                   r"periodo|year|jahr\w*|ann[ée]e|jaar|a[ñn]o|anno|baseline|reference|(?:19|20)\d\d)")
SUBTRACTED_PERIOD = re.compile(
    r"(?<![a-z])(?:(?:minus|subtract(?:ed|ing)?(?: from)?|abz[üu]glich|abgezogen|abziehen|aftrekken|afgetrokken|soustra\w*|"
    r"restad[oa]s?|restar|sottratt[oa]|sottrarre)\s+(?!-?\d{1,3}(?!\d))|moins\s+(?:la|le|les|celle|celui|ceux|celles)\s+|"
    r"moins\s+l'|menos\s+(?:la|el|los|las|lo|aquel\w*)\s+|meno\s+(?:la|il|lo|i|gli|le|quell\w*)\s+|meno\s+l'|"
    r"min\s+(?:het|de)\s+)(?:[\w'-]+\s+){0,3}?" + _STAT_OR_PERIOD + r"(?![a-z])")


# words that ask for values per date (a series), not only a table file: with "per district" and "as CSV" alone,
# one value per part of the period is asked ("NDVI moyen par district en juillet 2023, en CSV")
SERIES_WORDS = ("time series", "timeseries", "time-series", "over time", "evolution", "trend", "chart", "per day",
                "profile", "keep every date", "each date", "every date", "per date", "by date", "daily", "per acquisition")


# a radar band's own series: "VH time series", "time series of VV backscatter", "VV and VH series"
RADAR_BAND_SERIES = re.compile(
    r"(?<![a-z])(?:v[vh](?:\s*(?:and|&|/|\+)\s*v[vh])?(?:\s+(?:backscatter|sigma0|gamma0|intensity|in db))?[\s-]+"
    r"(?:time[\s-]*series|series|profile)|time[\s-]*series\s+(?:of\s+)?(?:the\s+)?(?:sentinel-1\s+|s1\s+)?v[vh])(?![a-z])")


def radar_bands(it: Intent) -> list[str]:
    """The polarisations a backscatter product loads: those the user named, else VV."""
    return [b for b in it.bands if b in ("VV", "VH")] or ["VV"]


# one acquisition instead of a composite, in six languages: "the latest Sentinel-2 image", "die neueste Aufnahme",
# "la dernière image", "het meest recente beeld", "la última imagen", "l'ultima immagine"; "the clearest day", "die
# wolkenfreieste Aufnahme", "l'image la moins nuageuse", "de minst bewolkte opname", "la imagen menos nubosa", "l'immagine
# meno nuvolosa"
_IMAGE = (r"(?:images?|scenes?|acquisitions?|pictures?|photos?|views?|shots?|pass|overpass|aufnahmen?|bild|szenen?|"
          r"überflug|beeld(?:en)?|opnamen?|imagen(?:es)?|escenas?|adquisici[oó]n|immagin[ei]|scen[ae]|acquisizion[ei])")
_IMAGE_OR_DAY = r"(?:" + _IMAGE[3:-1] + r"|days?|giorno|journée|jour|dag|día|tag)"
_SENSOR = r"(?:(?:sentinel-?[12][a-z]?|s[12]|radar|sar|optical|satellite|available|optische|satelliten|satellite)[\s-]+)*"
LATEST_SCENE = re.compile(
    r"(?<![a-z])(?:(?:the\s+)?(?:latest|most recent|newest|last available|last)\s+" + _SENSOR + _IMAGE +
    r"|(?:neueste|neuesten|aktuellste|aktuellsten|letzte|letzten|jüngste)\s+" + _SENSOR + _IMAGE +
    r"|(?:dernière|dernier)s?\s+" + _IMAGE + r"|" + _IMAGE + r"\s+(?:" + _SENSOR + r")?la plus récente"
    r"|(?:laatste|meest recente|nieuwste|recentste)\s+" + _SENSOR + _IMAGE +
    r"|(?:última|último|ultima|ultimo)\s+" + _IMAGE + r"|" + _IMAGE + r"\s+(?:" + _SENSOR + r")?(?:más reciente|più recente)"
    r")(?![a-z])")
CLEAREST_SCENE = re.compile(
    r"(?<![a-z])(?:(?:clearest|least cloudy|least clouded|most cloud-free|cloud-?freest|sunniest)\s+" + _SENSOR + _IMAGE_OR_DAY +
    r"|" + _IMAGE_OR_DAY + r"\s+with\s+the\s+(?:fewest|least|lowest)\s+(?:clouds|cloud cover|cloudiness)"
    r"|(?:wolkenfreieste|wolkenfreiesten|wolkenärmste|wolkenärmsten|klarste|klarsten)[nrs]?\s+" + _SENSOR + _IMAGE_OR_DAY +
    r"|" + _IMAGE_OR_DAY + r"\s+(?:la\s+|le\s+)?(?:moins nuageuse|moins nuageux|plus dégagée|plus dégagé|plus claire)"
    r"|(?:minst bewolkte|helderste|wolkenvrijste)\s+" + _SENSOR + _IMAGE_OR_DAY +
    r"|" + _IMAGE_OR_DAY + r"\s+(?:menos nubosa|menos nublada|más despejada|más despejado|meno nuvolosa|più limpida|più "
    r"sereno|più serena)"
    r")(?![a-z])")


def scene_asked(text: str, optical: bool = True) -> Literal["", "latest", "clearest"]:
    """Whether the request asks for one acquisition: the least cloudy one (optical), or the latest one."""
    if optical and CLEAREST_SCENE.search(text):
        return "clearest"
    return "latest" if LATEST_SCENE.search(text) else ""


# where the light comes from, in six languages: "from the north-west", "aus Nordwesten", "du nord-ouest", "uit het
# noordwesten", "del noroeste", "da nord-ovest" (the azimuth of a hillshade's sun, clockwise from north); the
# translation may have made "nord" "north" already ("da north-ovest")
_NS = {"north": 0, "norden": 0, "nord": 0, "noorden": 0, "noord": 0, "norte": 0, "nor": 0,
       "south": 180, "süden": 180, "süd": 180, "sud": 180, "zuiden": 180, "zuid": 180, "sur": 180}
_EW = {"east": 90, "osten": 90, "ost": 90, "est": 90, "oosten": 90, "oost": 90, "este": 90, "oeste": 270,
       "west": 270, "westen": 270, "ouest": 270, "ovest": 270}
SUN_FROM = re.compile(
    r"(?<![a-z])(?:from|aus|du|de|uit|del|da|dal)\s+(?:the\s+|dem\s+|l'|het\s+|el\s+)?"
    r"(?:(" + "|".join(sorted(_NS, key=len, reverse=True)) + r")[\s-]?)?(" + "|".join(sorted(_EW, key=len, reverse=True))
    + r")?(?![a-zäöü])")


_LIGHT_BEFORE = re.compile(r"(?<![a-z])(?:sun|sonne|soleil|zon|sol|sole|light|licht|lumière|luz|luce|lumi|beleuchtung|"
                           r"éclairage|illuminazione|iluminación|belichting)(?![a-z])")


def sun_azimuth(text: str) -> float | None:
    """The azimuth a "from the <direction>" phrase names (north-west: 315), or None."""
    for m in SUN_FROM.finditer(text):
        ns, ew = m.group(1), m.group(2)
        if not m.group(0).startswith("from") and not _LIGHT_BEFORE.search(text[max(0, m.start() - 40):m.start()]):
            continue  # "de Sud-Tirol" is a place: the other languages' "from" only after the sun or the light
        if ew and ns:
            a, b = _NS[ns], _EW[ew]
            return float((a + b) / 2 if not (a == 0 and b == 270) else 315)
        if ns or ew:
            return float(_NS[ns] if ns else _EW[ew])
    return None


# the sun's height without its word: "sun from the north-west at 35 degrees", "35° above the horizon"
SUN_HIGH = re.compile(
    r"(?:(?:sun|sonne|soleil|zon|sol|sole|light|licht|lumière|luz|luce)[^.;]{0,40}?(?<![a-z])(?:at|à|op|a|bei|auf|mit|with)"
    r"\s+(\d+(?:\.\d+)?)\s*(?:°|degrees?|grad|degrés?|graden|grados|gradi)"
    r"|(\d+(?:\.\d+)?)\s*(?:°|degrees?|grad|degrés?|graden|grados|gradi)\s+(?:above the horizon|über dem horizont|"
    r"au-dessus de l'horizon|boven de horizon|sobre el horizonte|sopra l'orizzonte|high|hoch|de haut|hoog|de altura|di altezza))")


def flood_polarisation(it: Intent) -> str:
    """The band a flood map compares: the polarisation the user named (VH is more sensitive to flooded
    vegetation), else VV. One rule for the code and the answer that describes it."""
    return "VH" if "VH" in it.bands and "VV" not in it.bands else "VV"


def series_asked(text: str, it: Intent) -> bool:
    """The (normalised) request asks for values per date or per period, not one value per place."""
    return it.period is not None or it.every_date or it.smooth or _has(REDUCED_OVER_TIME.sub(" ", text), *SERIES_WORDS)

# a raster asked for by name, in six languages: composites, maps, GeoTIFF, netCDF ("each image" counts dates)
RASTER_WORDS = re.compile(r"(?<![a-z])(?:composites?|komposit\w*|composiet\w*|compuestos?|composit[oi]|maps?|karten?|"
                          r"cartes?|kaart(?:en)?|mapas?|mapp[ae]|geotiff|gtiff|netcdf|raster)(?![a-z])")

# a table, in six languages: "as a table", "als Tabelle", "en tableau", "als tabel", "en una tabla", "in una tabella"
TABLE_WORDS = re.compile(r"(?<![a-z])(?:table|tabelle|tableau|tabel|tabla|tabella)(?![a-z])")

# green space, in six languages: trees, shrubs and grass (WorldCover 10, 20, 30): "green space", "greenery",
# "Grünflächen", "Stadtgrün", "espaces verts", "groen", "groenvoorziening", "zonas verdes", "áreas verdes", "verde urbano"
GREEN_SPACE = re.compile(r"(?<![a-z])(?:green\s*(?:space|area|cover)s?|greenery|gr[üu]n(?:fl[äa]che|anteil|raum|r[äa]ume)\w*|"
                         r"stadtgr[üu]n|gr[üu]n|espaces? verts?|verdure|groen\w*|zonas? verdes?|[áa]reas? verdes?|"
                         r"espacios? verdes?|verde(?: urbano| pubblico)?|aree verdi|spazi verdi)(?![a-z])")

# pictures, in six languages: "images", "Bilder", "Satellitenbild", "beelden", "imágenes", "immagini", "foto's"
IMAGE_WORDS = re.compile(r"(?<![a-z])(?:images|pictures|photos|bilder|bild|satellitenbild\w*|luftbild\w*|beelden|beeld|"
                         r"satellietbeeld\w*|foto'?s|im[áa]genes|imagen|immagini|immagine|fotografie)(?![a-z])|"
                         r"-(?:bilder|beelden)(?![a-z])")

# before and after, in six languages: "before/after", "before-and-after images", "vorher/nachher", "Vorher-Nachher-Bilder",
# "avant et après", "voor- en na-beelden", "antes y después", "prima e dopo"
BEFORE_AFTER = re.compile(r"(?<![a-z])(?:before[- /]+(?:and[- ]+)?after|vorher[- /]+(?:und[- ]+)?nachher|"
                          r"avant[- /]+(?:et[- ]+)?apr[èe]s|voor-?[ /]+(?:en[- ]+)?na(?:-|\b)|antes[- /]+(?:y[- ]+)?despu[ée]s|"
                          r"prima[- /]+(?:e[- ]+)?dopo)")

# one period set against another, in six languages, a date within a few words after the word ("August 2017 contro
# August 2023", "juli 2022 gegen juli 2021", "mars 2017 contre mars 2024", "maart 2017 tegenover maart 2023",
# "marzo 2019 frente a marzo 2023"): the two periods compared (dates as `date_text` writes them, "frente in march")
_MONTH_NAMES = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
AGAINST_A_PERIOD = re.compile(r"(?<![a-z])(?:against|gegen(?:über)?|contre|tegen(?:over)?|frente (?:a|in)|contro|rispetto a|"
                              r"im vergleich zu|par rapport à|vergeleken met|en comparación con)\s+(?:(?:the|den|dem|le|la|"
                              r"het|de|el|il|l'|in)\s+)?(?:(?:summer|winter|spring|autumn|\d{1,2})\s+)?(?:" + _MONTH_NAMES
                              + r"\s+)?(?:of\s+)?(?:19|20)\d\d(?!\d)")


def _one_point(text: str) -> bool:
    """The request's place is one point given by its coordinates (no box, polygon or radius); normalised text has
    its hemisphere letters in lower case ("37.40 n, 5.90 w")."""
    c = find_coordinates(text) or find_coordinates(text.upper())
    return c is not None and c.kind == "point" and c.radius_m is None


def _has(text: str, *words: str) -> bool:
    # whole words by Unicode letters: "co" (carbon monoxide) is not in "rd-coördinaten", nor "lst" in "lstà"
    return any(re.search(r"(?<![^\W_])" + re.escape(w) + r"(?![^\W_])", text) for w in words)


def named_bands(text: str) -> list[str]:
    """Band names written in the request, normalised ("B8" -> "B08", "vv" -> "VV")."""
    out: list[str] = []
    for m in re.finditer(r"(?<![a-z0-9])b(\d{1,2})(a?)(?![0-9])", text):
        name = f"B{int(m.group(1))}A" if m.group(2) else f"B{int(m.group(1)):02d}"
        if name not in out:
            out.append(name)
    # cross- and co-polarised backscatter in six languages: VH and VV ("kreuzpolarisiert", "polarisation croisée")
    for pol, words in (("VH", r"cross[- ]?pol\w*|kreuz[- ]?pol\w*|polari[sz]ation crois[ée]e|polarizaci[óo]n cruzada|"
                              r"polarizzazione incrociata|kruis[- ]?pol\w*"),
                       ("VV", r"co[- ]?pol(?:ari[sz]\w*|ar\w*)?(?![a-z])|kopolari\w*|copolari\w*")):
        if re.search(r"(?<![a-z])(?:" + words + r")", text) and pol not in out:
            out.append(pol)
    for pol in ("vv", "vh", "hh", "hv"):
        if _has(text, pol) or re.search(rf"(?<![a-z]){pol}/|/{pol}(?![a-z])", text):
            if pol.upper() not in out:
                out.append(pol.upper())
    return out


# the Sentinel-2 band a band word names (normalised text: "Nahinfrarot", "proche infrarouge", "infrarrojo cercano" are
# "near-infrared"), read only next to a band noun ("the red and near-infrared bands", "SWIR band")
_BAND_WORDS = [(r"near[- ]?infra-?red|(?<![a-z])nir", "B08"), (r"short[- ]?wave[- ]infra-?red\s*-?\s*2|swir\s*-?\s*2", "B12"),
               (r"short[- ]?wave[- ]infra-?red|(?<![a-z])swir(?:\s*-?\s*1)?", "B11"), (r"red[- ]?edge", "B05"),
               (r"(?<![a-z])red(?![- ]?edge)", "B04"), (r"(?<![a-z])green", "B03"), (r"(?<![a-z])blue", "B02")]
BAND_NOUN = re.compile(r"(?<![a-z])(?:bands?|bande|banda|band-)(?![a-z])")


def band_words(text: str) -> list[str]:
    """The Sentinel-2 bands that band words name in a request about bands, in text order ([] without a band noun)."""
    if not BAND_NOUN.search(text):
        return []
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern, band in _BAND_WORDS:
        for m in re.finditer(pattern + r"(?![a-z])", text):
            if all(m.end() <= a or m.start() >= b for a, b in taken):
                taken.append((m.start(), m.end()))
                found.append((m.start(), band))
    out: list[str] = []
    for _, band in sorted(found):
        if band not in out:
            out.append(band)
    return out


def _named_index(text: str) -> str | None:
    """An index the request names: its acronym or its full name ("NDVI", "enhanced vegetation index")."""
    if re.search(r"(?<![a-z])(dnbr|delta nbr|burn severity)(?![a-z])", text):
        return "dNBR"
    for name in sorted(INDICES, key=len, reverse=True):
        if _has(text, name.lower()):
            return name
    if re.search(r"(?<![a-z])(?:bare[- ]soil index|bodenindex f[üu]r (?:offenen|nackten) boden|kale[- ]?bodemindex|"
                 r"indice (?:de )?sols? nus?|[íi]ndice de suelo desnudo|indice di suolo nudo)", text):
        return "BSI"
    for w, name in [("enhanced vegetation index", "EVI"), ("soil-adjusted", "SAVI"), ("soil adjusted", "SAVI"),
                    ("modified normalized difference water", "MNDWI"), ("water index", "NDWI")]:
        if w in text:
            return name
    return None


# what a fire left (BURNT) and fire words that ask about the future (FIRE_RISK): agent/planner/hazards.py

# words for the thing looked at that suggest an index when no product is named: "the lake" (NDWI), "the fire"
# (NBR), "vegetation" (NDVI). They are weak: a product the request names ("a true colour image of Lake Garda",
# "backscatter over the lake") wins over them, and they may be part of a place's name ("Lake Constance")
_FEATURE_INDEX = [
    ("moisture", "NDMI"), ("drought", "NDMI"),
    ("burn", "NBR"), (BURNT, "NBR"), ("snow", "NDSI"),
    ("built-up", "NDBI"), ("built up", "NDBI"), ("urban growth", "NDBI"), ("urban expansion", "NDBI"),
    ("surface water", "NDWI"), ("water extent", "NDWI"),
    ("vegetation", "NDVI"), ("greenness", "NDVI"), ("crop health", "NDVI"), ("deforestation", "NDVI"),
    ("plant health", "NDVI"), ("how green", "NDVI"), ("greener", "NDVI"), ("green cover", "NDVI"),
    # forest cleared, in five more languages: "Abholzung", "Entwaldung", "déforestation", "ontbossing",
    # "deforestación", "deforestazione", "disboscamento"
    ("abholzung", "NDVI"), ("entwaldung", "NDVI"), ("déforestation", "NDVI"), ("deforestation", "NDVI"),
    ("ontbossing", "NDVI"), ("deforestación", "NDVI"), ("deforestacion", "NDVI"), ("deforestazione", "NDVI"),
    ("disboscamento", "NDVI"),
    ("chlorophyll", "NDCI"),
    ("lake", "NDWI"),  # last: most often a part of the place's name ("vegetation around Lake Naivasha")
]


def _feature_index(text: str) -> str | None:
    return next((name for w, name in _FEATURE_INDEX if (w.search(text) if isinstance(w, re.Pattern) else w in text)), None)


# colour composites by name, in six languages (after `i18n.normalize`, which turns many into "true colour"):
# "Echtfarbenbild", "in natürlichen Farben", "couleurs naturelles", "ware kleuren", "color natural",
# "colori naturali"; "Falschfarben", "fausses couleurs", "valse kleuren", "falso color", "falsi colori";
# a SWIR composite shows SWIR 2, narrow NIR and red (B12, B8A, B04)
_FALSE_COLOUR = re.compile(
    r"(?<![a-z])(?:false[- ]?colou?r\w*|colou?r[- ]infra-?red|cir|infra-?red composite|falschfarb\w*|"
    r"fausses? couleurs?|valse?[- ]?kleur\w*|falsos? colou?r(?:es)?|falsi colori|falso colore)(?![a-z])")
_TRUE_COLOUR = re.compile(
    r"(?<![a-z])(?:true[- ]?colou?r\w*|natural[- ]?colou?r\w*|rgb|echtfarb\w*|naturfarb\w*|nat[üu]rliche[nm]? farben|"
    r"vraies couleurs|couleurs? (?:naturelles?|r[ée]elles?|vraies)|ware kleuren|echte kleuren|natuurlijke kleuren|"
    r"colou?r(?:es)? (?:verdaderos?|naturales?|reales?|real)|colori (?:naturali|reali|veri)|veri colori)(?![a-z])")
_SWIR = re.compile(r"(?<![a-z])(?:swir|short[- ]?wave[- ]infra-?red|kurzwellen[- ]?infrarot\w*|"
                   r"infrarouge (?:à ondes )?courtes?|infrarrojo de onda corta|infrarosso a onde corte)")
_COMPOSITE_WORD = re.compile(r"(?<![a-z])(?:composite|komposit\w*|composiet|compositie|compuesto|composici[óo]n|"
                             r"composito|composizione|combinaison|rgb|image|bild|beeld|imagen|immagine|false colou?r)")


def colour_product(text: str) -> Palette | None:
    """The colour composite a request names: true colour, false colour (colour infrared) or SWIR."""
    if _SWIR.search(text) and _COMPOSITE_WORD.search(text):
        return "swir"
    if _FALSE_COLOUR.search(text):
        return "false"
    if _TRUE_COLOUR.search(text):
        return "true"
    return None


def _reducer(text: str) -> tuple[str | None, bool]:
    name = find_reducer(FOCAL_WORDS.sub(" ", text))  # "a 3x3 focal mean", "filtre moyen": the window's, not time's
    return name, name is not None


# German prepositions (and "bei"/"zu") that take the dative article "dem": "seit dem 1. März", "mit dem Fahrrad",
# "nach dem Brand" name no elevation model
_DATIVE_BEFORE_DEM = ("seit", "nach", "vor", "mit", "aus", "bei", "von", "zu", "in", "an", "auf", "unter", "über",
                      "hinter", "neben", "zwischen", "gegenüber", "entlang", "gemäß", "laut", "ab", "außer", "samt",
                      "nebst", "zufolge", "wegen", "trotz", "während", "infolge", "und", "oder")


def _dem_word(text: str) -> bool:
    """'DEM' the product (a digital elevation model), not the German article: lower-cased text has both."""
    for m in re.finditer(r"(?<![a-z0-9])dem(?![a-z0-9])", text):
        before = re.findall(r"[a-zäöüß]+", text[max(0, m.start() - 20):m.start()])
        if not (before and before[-1] in _DATIVE_BEFORE_DEM):
            return True
    return False


def _threshold(text: str, default: Threshold | None, kelvin: bool = False) -> Threshold | None:
    return find_threshold(text, kelvin=kelvin) or default


# a statistic of each date over the area, in six languages (normalised: "moyenne", "Mittelwert", "media" are "mean"):
# "mean per acquisition over the city", "Mittelwert je Aufnahme über die Stadt", "mean par date sur la commune"
PER_DATE_OVER_AREA = re.compile(
    r"(?<![a-z])(?:mean|average|median|maximum|minimum)\s+(?:per|for each|each|je|pro|für jede|par|por|por cada|per ogni|"
    r"voor elke|elke)\s+(?:acquisition|date|scene|overpass|pass|aufnahme|datum|szene|überflug|scène|passage|opname|"
    r"adquisici[óo]n|fecha|escena|pasada|acquisizione|data|scena|passaggio)\s+(?:over|across|of|in|für|über|im|in der|"
    r"sur|de|dans|sobre|en|su|sul|sulla|nel|nella|over|van|binnen)\s")


# "co-" before these words is a prefix ("co-polarised", "co-op", "co-registered"), never carbon monoxide (which
# German compounds write "CO-Konzentration")
_CO_PREFIX = re.compile(r"(?<![a-z0-9])co-(?=pol|op(?![a-z])|oper|regist|locat|author|exist|ordin|varian|effic|host|own|"
                        r"work|sign|product|incid|occur)")


def _apply_hazard(it: Intent, hz: HazardMethod, optical: str) -> None:
    it.task, it.collection, it.hazard, it.index = hz.task, optical, hz.kind, hz.index
    it.change = it.change or hz.change
    if hz.palette:
        it.palette = hz.palette


def parse_intent(text: str) -> Intent:
    """The product asked for by normalised request text."""
    it = Intent()
    bands = named_bands(text)
    it.bands = bands
    reducer, explicit = _reducer(text)
    it.reducer_explicit = explicit

    # collection hints
    optical = S2_L2A
    if _has(text, "top-of-atmosphere", "top of atmosphere", "toa", "level-1c", "level 1c", "l1c", "sentinel2_l1c"):
        optical = S2_L1C
    if _has(text, "landsat", "landsat-8", "landsat 8", "landsat8"):
        optical = L8
    if PROBAV_WORDS.search(text):  # "PROBA-V NDVI": its 5-daily 100 m synthesis (the NDVI is one of its bands)
        optical = PROBAV
    radar = _has(text, "radar", "sar", "sentinel-1", "sentinel 1", "sentinel1", "s1", "backscatter") or (
        any(b in bands for b in ("VV", "VH")))

    # time series, temporal aggregation, output
    # "median over time", "maximum NDVI over time for the Landes forest" reduce time; "mean NDVI over time for my
    # vineyard" is one field's mean per date, a series
    one_field_mean = is_field_scale(text) and re.search(r"(?<![a-z])mean\s+(?!of\b)(?:[\w-]+\s+){1,3}?over time", text)
    it.timeseries = _has(text if one_field_mean else REDUCED_OVER_TIME.sub(" ", text), "time series", "timeseries", "time-series", "over time", "evolution",
                         "trend", "chart", "csv", "json", "per day", "profile", "per field", "per parcel", "keep every date",
                         "each date", "every date", "pro feld", "par parcelle", "per perceel", "por parcela") or bool(
        ZONAL_WORDS.search(text)) or bool(  # "zonal statistics", "per-polygon maximum": a table of values per polygon
        PER_DATE_OVER_AREA.search(text))  # "mean per acquisition over the city": one value per date
    # a dekad of a month ("2. Dekade im Mai") is a window, and "the 10 days before" a reference: neither asks
    # for values per dekad
    steps = re.sub(r"\bdekad [1-3](?:-[1-3])? of\b", " ", date_text(text))
    # the openEO process by name: "aggregate_temporal_period month", 'aggregate_temporal_period(period="week", ...)'
    code_period = re.search(r"aggregate_temporal_period\W{0,3}(?:period\s*=\s*)?[\"']?(day|week|dekad|month|year)s?\b", text)
    if code_period:
        it.period = code_period.group(1)  # type: ignore[assignment]
    elif re.search(r"(?<![a-z])(dekad\w*|d[ée]cadaires?|decadal[ei]|decadales|decadaal|decadale|"
                 r"d[ée]cades?(?= \(?10| par| per|\)| de 10)|10-day|10 day(?!s)|(?:10|ten)[- ]daily|10-dagen|10-daags\w*|"
                 r"(?:every|per|each|in|om de|elke|alle|tous les|cada|ogni)\s+10[- ](?:days|dagen|tage|jours|d[íi]as|giorni)|"
                 r"periodes? de 10 jours|p[ée]riodes de 10 jours|10[- ]t[äa]gig\w*)", steps) or re.search(
            r"per decade|par d[ée]cade", steps):
        it.period = "dekad"
    elif _has(text, "monthly", "per month", "each month", "month by month", "per maand", "par mois", "pro monat",
              "por mes", "maandgemiddelden", "maandgemiddelde", "monatsmittel", "monatsmittelwerte", "monatsmitteln",
              "monatliche", "je monat", "per mese", "al mese", "mes a mes", "month-by-month", "monthly-mean") or re.search(
            # compounds of a statistic per month: "Monatsmediane", "Monatsmaxima", "Monatswerte", "maandmaxima"
            r"(?<![a-z])(?:monats|maand)(?:mittel|median|mean|maxim|minim|wert|summe|komposit|gemiddeld|waarde)\w*", text) or re.search(
            # "chaque mois", "jeden Monat", "elke maand", "cada mes", "ogni mese", "tous les mois"
            r"(?<![a-z])(?:chaque mois|tous les mois|jeden monat|jede[nm]? monat|alle monate|elke maand|iedere maand|"
            r"cada mes|todos los meses|ogni mese|tutti i mesi)(?![a-z])", text):
        it.period = "month"
    elif _has(text, "weekly", "per week", "each week", "week by week") or re.search(
            r"(?<![a-z])(?:w[öo]chentlich\w*|wochenmittel\w*|pro woche|je woche|hebdomadaires?|par semaine|wekelijks\w*|"
            r"weekgemiddelde\w*|per week|semanal(?:es)?|por semana|settimanal[ei]|per settimana|alla settimana|"
            r"chaque semaine|toutes les semaines|jede[nr]? woche|alle wochen|elke week|iedere week|cada semana|"
            r"todas las semanas|ogni settimana|tutte le settimane)(?![a-z])", text):
        it.period = "week"
    elif _has(text, "yearly", "annual", "per year", "each year", "year by year") or re.search(
            r"(?<![a-z])(?:j[äa]hrlich\w*|jahresmittel\w*|jahreswert\w*|pro jahr|je jahr|annuel(?:le)?s?|par an|par année|"
            r"jaarlijks\w*|jaargemiddelde\w*|per jaar|anual(?:es)?|por año|annual[ei]|per anno|all'anno)(?![a-z])", text):
        it.period = "year"  # one value per year; a window within one year is reduced once (codegen)
    if not it.timeseries and (every_date(text) or it.period or TABLE_WORDS.search(text)) and (
            is_field_scale(text) or _one_point(text)) and not RASTER_WORDS.search(text):
        # "NDVI of my field ... one value per date", "mittleres NDVI je Aufnahme" for a parcel, "elke opname" at a
        # point, "NDVI moyen de ma parcelle chaque semaine", "pro Monat für mein Feld ... als Tabelle": one place's
        # value at each acquisition or period is a series (a raster stack of one field says nothing more)
        it.timeseries = True
    if it.timeseries:
        it.output_format = "CSV" if _has(text, "csv") else "JSON"
    elif _has(text, "netcdf", "nc file", ".nc"):
        it.output_format = "netCDF"
    if it.timeseries:
        it.spatial_reducer = find_spatial_reducer(text, per_period=it.period is not None)
    it.change = bool(re.search(r"(?<![a-z])(change|changes|difference|differences|versus|vs\.?|compared?|comparison|"
                               r"grown|growth|loss|gain|deforestation|before and after|verschil\w*|diff[ée]rences?|differenz\w*|"
                               r"diferencias?|differenz[ae]|avant/apr[èe]s|vor/nach|"
                               # the change in words of five languages, compounds too ("Verschilkaart", "Veränderungskarte")
                               r"ver[äa]nderung\w*|[äa]nderung\w*|unterschied\w*|verander\w*|changements?|cambios?|"
                               r"cambiament[oi]|variaci[óo]n\w*|variazion[ei]|confronto|comparaison|comparaci[óo]n|"
                               r"vergelijking|"
                               # an anomaly is a difference from a reference; the reference named in five languages
                               r"anomal\w*|gegen[üu]ber|im vergleich|vergleich\w*|par rapport [àa]|rispetto a\w*|"
                               r"respecto a\w*|en comparaci[óo]n con|ten opzichte van)(?![a-z])|"
                               r"\bthan\s+(?:a|one|\d+\s+\w+\s+ago|in|last|before|the)\b", _without_band_pairs(text))) or bool(
        SUBTRACTED_PERIOD.search(text) or BEFORE_AFTER.search(text) or AGAINST_A_PERIOD.search(date_text(text))
        # "August 2024 against the August mean of the three previous years": a window set against a reference
        or (previous_years(date_text(text)) and re.search(r"(?<![a-z])(?:against|versus|vs\.?|compared)(?![a-z])", text)))

    it.percent_change = bool(PERCENT_CHANGE.search(text))
    it.change = it.change or it.percent_change
    m = re.search(r"epsg[:\s]*(\d{4,5})", text)
    if m:
        it.epsg = int(m.group(1))
    m = re.search(r"utm(?:\s+zone)?\s*(\d{1,2})\s*([ns])?(?![a-z])", text)
    if m and not it.epsg:
        it.epsg = (32700 if m.group(2) == "s" else 32600) + int(m.group(1))
    m = re.search(r"(?:at|to|with)\s+(\d+(?:\.\d+)?)\s*(?:m|metre|meter)s?\b(?:\s+resolution)?", text)
    if m:
        it.resolution = float(m.group(1))

    named, feature = _named_index(text), _feature_index(text)
    index = named or feature
    palette = colour_product(text)
    gases = _CO_PREFIX.sub(" ", text)
    atmosphere = _has(gases, "sentinel-5p", "sentinel 5p", "s5p", "tropomi", "air pollution", "air quality",
                      *S5P_PRODUCTS.keys(), *(b.lower() for b in S5P_BANDS)) or bool(ASH.search(text) or GAS_COMPOUND.search(text))
    hazard = None if named or palette or radar or optical == PROBAV or atmosphere or re.search(
        r"worldcover|land[- ]?cover|land use", text) else find_hazard(text, compared=it.change)
    if hazard is not None:
        # "landslide scars after the earthquake", "coulées de lave", "Wasserflächen des Edersees": the event's or
        # surface's method (agent/planner/hazards.py) when no index, colour product or radar is named
        _apply_hazard(it, hazard, optical)
    elif _has(text, "hillshade", "hill shade", "hill-shade", "shaded relief", "relief shading") or re.search(
            r"(?<![a-z])(?:reli[eë]fschaduw\w*|schaduwreli[eë]f\w*|schummerung\w*|reliefschattierung\w*|hangschattierung\w*|"
            r"ombrage\w*|estompage|relief ombr[ée]|sombread[oa]|relieve sombreado|ombreggiatur\w*|rilievo ombreggiato)", text):
        it.task, it.collection = "hillshade", DEM
        m = re.search(r"azimut[h]?\D{0,12}?(\d+(?:\.\d+)?)", text)  # "azimuth", "Sonnenazimut", "azimut du soleil"
        compass = sun_azimuth(text)
        if m:
            it.azimuth = float(m.group(1))
        elif compass is not None:  # "sun from the north-west", "Sonne aus Nordwesten", "luce da nord-ovest"
            it.azimuth = compass
        elif _has(text, "due west", "western sun"):
            it.azimuth = 270.0
        m = re.search(r"(?:altitude|elevation angle|sun elevation|sun angle|sonnenh[öo]he|sonnenstand|h[öo]henwinkel|"
                      r"hauteur (?:du soleil|solaire)|[ée]l[ée]vation (?:du soleil|solaire)|zonnehoogte|zonshoogte|"
                      r"altura (?:del sol|solar)|elevaci[óo]n solar|altezza (?:del sole|solare)|elevazione solare)"
                      r"\D{0,12}?(\d+(?:\.\d+)?)", text)
        high = SUN_HIGH.search(text) if not m else None
        if m:
            it.altitude = float(m.group(1))
        elif high and float(high.group(1) or high.group(2)) <= 90:  # "sun ... at 35 degrees", "35° above the horizon"
            it.altitude = float(high.group(1) or high.group(2))
    elif _has(text, "aspect") and (_dem_word(text) or _has(text, "terrain", "slope", "slopes", "elevation", "relief",
                                                           "map", "degrees", "facing", "gelände", "geländes", "terrein", "terreno", "rilievo",
                                                           "copernicus", "glo-30", "mountain", "hillside")):
        it.task, it.collection = "aspect", DEM  # the compass direction the slopes face
    elif _has(text, "slope", "slopes", "steepness", "gradient map", "incline") or STEEPNESS.search(text):
        it.task, it.collection = "slope", DEM
        t = find_threshold(text)  # "a mask of everything steeper than 30°": an angle, whatever the unit word
        it.threshold = t.model_copy(update={"unit": "°"}) if t and t.unit in ("°C", "") and 0 < t.value < 90 else None
    elif _has(text, "land surface temperature", "lst", "surface temperature", "heat wave", "heatwave",
              "urban heat", "slstr", "thermal") or SURFACE_TEMPERATURE.search(text):
        # Landsat's thermal band when Landsat (or its B10) is named: never silently the 1 km SLSTR instead
        landsat = bool(re.search(r"(?<![a-z])(?:landsat|b10)(?![a-z0-9])", text)) and not _has(text, "slstr", "sentinel-3")
        it.task, it.collection = "lst", L8 if landsat else LST
        it.reducer = reducer or "mean"
    elif atmosphere:
        it.task, it.collection = "atmosphere", S5P
        # a band named as the catalogue spells it ("AER_AI_340_380", "CLOUD_FRACTION") wins over the gas's words; a
        # volcanic ash cloud with no gas named is the UV aerosol index
        it.product = next((b for b in S5P_BANDS if _has(gases, b.lower())), None) or next(
            (v for k, v in S5P_PRODUCTS.items() if _has(gases, k)), None) or next(
            (S5P_PRODUCTS[m.group(1)] for m in [GAS_COMPOUND.search(gases)] if m), None) or (
            "AER_AI_354_388" if ASH.search(text) else "NO2")
        it.reducer = reducer or "mean"
    elif cereal := worldcereal_collection(text):  # "WorldCereal maize map", "WorldCereal Wintergetreide-Karte"
        it.task, it.collection = "landcover", cereal
    elif named and (classes := masked_landcover(text)):
        # "NDVI median ... with water pixels (WorldCover class 80) masked out": the index, its composite masked where
        # the land cover is one of those classes (not a land-cover map)
        it.task, it.collection, it.index = "index", optical, named
        it.landcover_mask = classes
    elif _has(text, "worldcover", "land cover", "landcover", "land-cover", "land use", "tree-cover",
              "tree cover", "cropland mask", "forest mask", "water mask from worldcover"):
        it.task, it.collection = "landcover", WORLDCOVER
        if _has(text, "2020") and not _has(text, "2021"):
            it.collection = "ESA_WORLDCOVER_10M_2020_V1"
        m = re.search(r"class\s*(\d{2,3})", text)
        if m:
            it.landcover_class = int(m.group(1))
        else:
            it.landcover_class = next(iter(landcover_classes_named(text)), None)
    elif radar and FLOOD_WORDS.search(text) and RADAR_BAND_SERIES.search(text):
        # "flooding of rice paddies: S1 VH time series, weekly means": the band's series is the product asked
        # for, the flood its subject (not a series of a flood mask from another polarisation)
        it.task, it.collection = "backscatter", S1
        it.reducer = reducer or "mean"
    elif FLOOD_WORDS.search(re.sub(FLOOD_SEASON, " ", text)) and not (palette and not FLOOD_PRODUCT.search(text)) and not (
            RADAR_QUANTITY.search(text) and explicit and not FLOOD_PRODUCT.search(text) and not FLOODED_AREAS.search(text)):
        # "VV backscatter mean over Faenza ... (floods)", "VH gemiddelde tijdens de overstroming": a radar quantity
        # and its statistic asked for, the flood its context, is that quantity (below), not a flood map
        # "a true colour image of the flooded fields" is an image; "a flood map ... in false colour" a flood map
        it.task, it.collection = "flood", S1
        if optical != S2_L2A or (named in ("NDWI", "MNDWI") and not radar) or (
                _has(text, "sentinel-2", "sentinel 2", "optical") and not radar):
            it.task, it.collection, it.index, it.change = "index", optical, named or "MNDWI", True
    elif radar and (re.search(r"vh\s*/\s*vv|vv\s*/\s*vh|ratio|cross-ratio|cross ratio", text)):
        it.task, it.collection = "ratio", S1
        it.reducer = reducer or "mean"
    elif radar and not named:
        it.task, it.collection = "backscatter", S1
        it.reducer = reducer or "mean"
    elif _dem_word(text) or _has(text, "elevation", "height", "terrain", "topography", "topographic", "copernicus_30",
              "glo-30", "glo30", "altitude map", "elevation model", "digital elevation") and not (palette and not named):
        it.task, it.collection = "dem", DEM
    elif _has(text, "olci", "sentinel-3", "sentinel 3") and not named:
        it.task, it.collection = "rgb", OLCI
    elif index and not (palette and not named):  # a named index, else a feature word unless a product is named
        it.task, it.index, it.collection = "index", index, optical
        if index == "dNBR" or (index == "NBR" and not named and BURNT.search(text) and not FIRE_RISK.search(text)):
            # "burnt area after the fire of 10 August", "verbrannte Fläche nach dem Waldbrand": what burned is the
            # drop of NBR across the fire (dNBR), not one NBR composite
            it.index, it.change = "NBR", True
    elif palette:
        it.task, it.collection, it.palette = "rgb", optical, palette
    elif _has(text, "visible", "photo", "picture", "image", "imagery", "satellite view", "what does",
              "look like", "looks like", "looked like", "see", "overview", "snapshot", "show me") or IMAGE_WORDS.search(text):
        it.task, it.collection = "rgb", optical
    elif _has(text, "composite", "mosaic", "cloud-free", "cloudless", "bands", "surface reflectance", "reflectance",
              "toa reflectance") or any(b.startswith("B") for b in bands):
        it.task, it.collection = "composite", optical
    elif words := band_words(text):  # "Rot- und Nahinfrarot-Band von Sentinel-2", "SWIR band": those bands
        it.task, it.collection = "composite", optical
    if it.task == "composite" and not any(b.startswith("B") for b in it.bands):
        it.bands = [*it.bands, *band_words(text)]

    if it.task == "unknown" and scene_asked(text):  # "the clearest day in July over Reykjavik": an image of it
        it.task, it.collection = "rgb", optical
    if it.task in ("index", "rgb", "composite"):
        it.reducer = reducer or "median"
        if COUNT_OBSERVATIONS.search(text):  # "the number of valid observations per pixel": a count, not a composite
            it.reducer, it.reducer_explicit = "count", True
        if it.collection == S2_L1C or it.collection == L8 or it.collection == OLCI:
            it.cloud_mask = False
    if it.task == "index" and it.index:
        default = {"NDSI": Threshold(op="gt", value=0.4) if _has(text, "classify", "classified", "snow cover",
                                                                 "snow mask", "mask") else None,
                   "NDWI": Threshold(op="gt", value=0.0) if _has(text, "water mask", "classify") or it.hazard == "water"
                   else None}
        it.threshold = _threshold(text, default.get(it.index))
        # "water where NDWI > 0 after but not before": in a change, a threshold written on the index itself (not on
        # its difference) marks where the condition became true; dNBR is itself the difference
        it.threshold_on_index = bool(it.change and it.threshold and it.index != "NBR" and re.search(
            rf"(?<![a-z]){it.index.lower()}\s*(?:>=|<=|>|<|≥|≤|above|over|below|under|greater than|less than|exceeds?|"
            r"größer als|kleiner als|über|unter|supérieur à|inférieur à|groter dan|kleiner dan|boven|onder|mayor que|"
            r"menor que|superior a|inferior a|maggiore di|minore di|superiore a|inferiore a)\s*-?\d", text))
    if it.task == "flood":
        it.threshold = _threshold(text, None) if re.search(r"-\d", text) else None
    if it.task in PRODUCT_UNITS:
        it.threshold = product_threshold(it.task, text)
    it = _compose(it, text)
    if it.task in ("rgb", "index", "composite", "backscatter") and not it.change and not it.timeseries:
        it.scene = scene_asked(text, optical=it.collection != S1)
    if it.task != "multisensor":  # a multi-sensor series says itself which Landsat missions it lacks
        it.missing = missing_product(text, it.task)
    return it


# the units a threshold on each product may be written in ("" a bare number): "slope steeper than 30°",
# "VV under -18 dB", "LST above 35 °C", "elevation above 1500 m", "NO2 above 0.0001"
PRODUCT_UNITS = {"slope": ("°", "", "%"), "dem": ("m", ""), "backscatter": ("dB",), "ratio": ("dB",),
                 "lst": ("K",), "atmosphere": ("",)}


def product_threshold(task: str, text: str) -> Threshold | None:
    """A comparison on the product itself, in a unit the product has; a slope in percent becomes degrees."""
    t = find_threshold(text, kelvin=task == "lst")
    if t is None or t.unit not in PRODUCT_UNITS[task] or (task == "lst" and t.value < 150):
        return None
    if task == "slope" and t.unit == "%":
        return Threshold(op=t.op, value=round(math.degrees(math.atan(t.value / 100)), 2), unit="°")
    return t


MOVING_WORDS_RE = re.compile(MOVING_WORDS)

# the number of (valid, cloud-free) observations per pixel, in six languages: "count the valid observations", "Anzahl der
# gültigen Beobachtungen", "nombre d'observations valides", "aantal geldige waarnemingen", "número de observaciones
# válidas", "numero di osservazioni valide"
_OBSERVATIONS = (r"(?:observations?|acquisitions?|scenes?|images?|beobachtungen|aufnahmen|szenen|waarnemingen|opnamen|"
                 r"observaties|observaciones|adquisiciones|escenas|osservazioni|acquisizioni|scene)")
COUNT_OBSERVATIONS = re.compile(
    r"(?<![a-z])(?:number of|count(?:ing)?(?: of)?|how many|anzahl (?:der|an)?|zahl der|nombre d'|nombre de|combien d'|"
    r"aantal|hoeveel|n[úu]mero de|cu[áa]ntas|numero di|quante)\s*(?:the\s+)?(?:[\w-]+\s+){0,3}?" + _OBSERVATIONS
    + r"(?![a-z])")

# a surface temperature with a statistic between its words (normalised: "temperatura media de superficie" is
# "temperatura mean de superficie"): "température moyenne de surface", "temperatura massima della superficie"
SURFACE_TEMPERATURE = re.compile(r"(?<![a-z])temp[ée]ratur[ae]?\s+(?:[\w-]+\s+){1,2}?(?:de (?:la )?superficie|superficial\w*|"
                                 r"della superficie|de (?:la )?surface|du sol|des bodens|van het oppervlak)(?![a-z])")

# a temperature asked for in degrees Celsius, in six languages: "in °C", "in degrees Celsius", "in Grad Celsius",
# "en degrés Celsius", "in graden Celsius", "en grados Celsius", "in gradi Celsius" (a comparison "above 30 °C" is none)
IN_CELSIUS = re.compile(r"(?<![a-z])(?:in|en|als|to|into|naar|a)\s+(?:°\s*c|ºc|degrees?\s+c(?:elsius)?|grad\s+c(?:elsius)?|"
                        r"graden\s+c(?:elsius)?|grados\s+c(?:elsius)?|gradi\s+c(?:elsius)?|degr[ée]s\s+c(?:elsius)?|"
                        r"celsius)(?![a-z])")


def _index_threshold(text: str) -> Threshold | None:
    """A comparison on an index written out as a formula, in index units: a flood map ("Overstromingskaart") whose
    NDWI is written as (B03 - B08)/(B03 + B08) becomes an index change, and its "verschil groter is dan 0,3" is
    the threshold of that change (a flood's own thresholds are in dB)."""
    t = find_threshold(text)
    return t if t is not None and t.unit == "" else None


def _compose(it: Intent, text: str) -> Intent:
    """Method parts on top of the product: written formulas, workflows, statistics, windows."""
    it.formula = find_formula(text)
    if it.formula is not None and it.index and it.formula.normalized_difference() is None and \
            len(re.findall(r"[-+*/]", it.formula.expression)) < 2:
        it.formula = None  # "ndmi (B8/B11)": the index's bands, not a ratio to compute
    listed = it.formula.expression.strip("() ") if it.formula is not None else ""
    if re.fullmatch(r"\w+(?: / \w+)+", listed) and all(t.upper() in it.bands for t in listed.split(" / ")) and \
            not RATIO_WORDS.search(text):
        # "colour-infrared (B08/B04/B03)", "Sentinel-2 B04/B08 (median)": bands listed with slashes, not a ratio
        it.formula = None
    it.kernel_size = kernel_size(text)
    it.gap_fill = bool(it.period) and gap_fill(text)  # interpolation along a regular time axis only
    it.stats = find_statistics(FOCAL_WORDS.sub(" ", text))
    wf = find_workflow(text)
    if wf is None and it.task in ("unknown", "landcover") and re.search(SHARE_WORDS, text) and \
            landcover_classes_named(text):
        # "Anteil Ackerland je Gemeinde", "part de forêt par commune", "aandeel bos per gemeente" (the planner reads the
        # unit apart): a land-cover class's share, from WorldCover, whether or not the request names it; never when
        # another product is asked for ("the share of cropland flooded" is a flood map's)
        wf = "zonal_landcover"
    if wf == "fusion" and it.task == "flood":
        wf = None  # a flood map from radar and optical data is the flood workflow's, with its before/after windows
    f = it.formula
    if f is not None and not wf:
        radar_formula = all(b in ("VV", "VH", "HH", "HV") for b in f.bands)
        nd = f.normalized_difference()
        known = next((n for n, d in INDICES.items() if d.kind == "nd" and nd == (d.a, d.b)), None) if nd else None
        if radar_formula and re.search(r"4\s*\*?\s*vh", f.expression):
            wf = "rvi"
        elif radar_formula:
            if it.task not in ("ratio", "flood", "backscatter"):
                it.task, it.collection, it.cloud_mask = "ratio", S1, False
            it.formula = None
        elif known:
            if it.task != "index":  # the product is the formula's index: reduced as its reducer says, else the median
                it.reducer = find_reducer(text) or "median"
            it.task, it.index, it.formula = "index", known, None
            it.collection = it.collection if it.collection in (S2_L2A, S2_L1C, L8) else S2_L2A
            it.threshold = it.threshold or _index_threshold(text)
        else:
            if it.task != "index":
                it.reducer = find_reducer(text) or "median"
            it.task, it.index = "index", it.index or "NDVI"
            it.collection = it.collection if it.collection in (S2_L2A, S2_L1C, L8) else S2_L2A
            it.threshold = it.threshold or _index_threshold(text)
    if wf == "soil_moisture" and it.period and not it.change:
        # "a soil moisture proxy from Sentinel-1 VV, weekly mean over the past two months": no two periods compared,
        # the backscatter itself per week (or month) is the proxy's series
        wf, it.task, it.collection, it.cloud_mask, it.index = None, "backscatter", S1, False, None
        it.reducer = it.reducer if it.reducer_explicit else "mean"
    if wf == "flood_product":  # the GFM product's observed flood extent over the window asked for
        it.task, it.collection, it.cloud_mask, it.index, it.change = "flood_product", GFM, False, None, False
        it.reducer = it.reducer if it.reducer_explicit else "max"  # flooded at least once in the window
    if wf in ("rvi", "oil_slick", "soil_moisture"):
        it.task, it.collection, it.cloud_mask, it.index = wf, S1, False, None
        it.reducer = it.reducer if it.reducer_explicit else "mean"
        it.change = wf == "soil_moisture"
        if wf == "oil_slick":
            it.threshold = find_threshold(text) or Threshold(op="lt", value=-3.0, unit="dB", relative_to_local_mean=True)
    elif wf == "count_days":
        if it.task not in ("lst", "index", "backscatter"):
            it.task, it.collection = "lst", LST
        it.threshold = find_threshold(text, kelvin=it.collection == LST) or it.threshold
        it.change = False
    elif wf == "statistics":
        optical_named = [b for b in it.bands if b in BAND_ROLES]
        if it.task in ("unknown", "rgb", "composite") and optical_named and not it.index and it.formula is None:
            # "25th percentile composite of B02, B03 and B04": the statistic of the bands themselves
            it.task = "composite"
        elif it.task in ("unknown", "rgb", "composite"):
            it.task, it.index = "index", it.index or "NDVI"
        if it.task in ("ratio", "flood"):
            it.task = "backscatter"
        it.change = False
    if wf == "best_pixel" and it.period and not re.search(r"best[- ]pixel|meilleur|beste[rns]?[- ]pixel|mejor|miglior|rank", text):
        # "dekadal maximum-NDVI composites, one layer per dekad": the index's maximum per period, not one best pixel
        wf, it.task, it.index, it.reducer, it.reducer_explicit = None, "index", it.index or "NDVI", "max", True
        it.collection = it.collection if it.collection in (S2_L2A, S2_L1C, L8) else S2_L2A
    if wf == "best_pixel":
        it.task, it.collection = "best_pixel", it.collection if it.collection in (S2_L2A, S2_L1C) else S2_L2A
        it.rank_by_cloud = ranks_by_cloud(text)
        if it.rank_by_cloud:
            it.collection = S2_L2A  # the CLD cloud probability is an L2A band
    elif wf == "fusion":
        # the optical part: the index the request names, else its Sentinel-2 bands, else NDVI
        it.task, it.collection, it.change, it.cloud_mask = "fusion", S2_L2A, False, True
        named = _named_index(text)
        it.index = "NBR" if named == "dNBR" else named
    elif wf == "zonal_landcover":
        it.task = "zonal_landcover"
        it.collection = it.collection if "WORLDCOVER" in it.collection else WORLDCOVER
        # "each class", "jede Klasse", "toutes les classes", or the classes in the plural ("Landbedeckungsklassen")
        every = re.search(r"(?<![a-z])(?:each|every|all|per|jede[rns]?|alle[rn]?|chaque|toutes les|tous les|elke|alle|"
                          r"cada|todas las|ogni|tutte le)\s+(?:(?:land[- ]?cover|worldcover)\s+)?(?:class|klasse|classe|clase|categor)"
                          r"|(?:classes|klassen|clases|classi|categories|kategorien|catégories|categorieën|categorías|categorie)(?![a-z])",
                          text)
        named = landcover_classes_named(text) or ([10, 20, 30] if GREEN_SPACE.search(text) else [])
        it.landcover_classes = list(LANDCOVER_CLASSES) if every and not named else (named or [10, 30, 40, 50])
        it.timeseries = False
    elif wf == "multisensor":
        it.task, it.collection, it.timeseries = "multisensor", S2_L2A, True
        named = _named_index(text)
        it.index = "NBR" if named == "dNBR" else (named or "NDVI")
        it.landsat_missions = landsat_missions(text)
        # monthly means of each sensor unless every acquisition is asked for
        it.period = it.period or (None if EVERY_ACQUISITION.search(text) else "month")
    elif wf == "moving_window":
        it.task, it.index = "moving_window", it.index or "NDVI"
        # the window's length in observations ("over 5 acquisitions"), else in days ("7-day moving average")
        it.kernel_size = window_length(text) or it.kernel_size
        it.window_days = None if window_length(text) else window_days(text)
        it.collection = it.collection if it.collection in (S2_L2A, S2_L1C, L8, S1, LST, S5P) else S2_L2A
        # the smoothed cube keeps every date of every pixel: a raster stack (netCDF holds the dates),
        # not a table, whatever "time series" the request says it smooths — unless a table is asked for, or the
        # values averaged over the area ("gemiddeld over het veld", "averaged over the field": one value per date)
        over_area = find_spatial_reducer(text)
        if over_area is not None:
            it.timeseries, it.spatial_reducer = True, over_area
            it.output_format = "CSV" if re.search(r"(?<![a-z])csv(?![a-z])", text) else "JSON"
        elif not re.search(r"(?<![a-z])(csv|json|table|tabel|tabelle|tableau|tabla|tabella)(?![a-z])", text):
            it.timeseries = False
            it.output_format = "GTiff" if re.search(r"(?<![a-z])(geotiff|gtiff|\.tif)(?![a-z])", text) else "netCDF"
    if wf in ("rvi", "count_days", "statistics", "multisensor") and MOVING_WORDS_RE.search(text) and \
            not FOCAL_WORDS.search(text):
        # "RVI time series smoothed with a moving mean of 3 dates", "days where the 7-day mean LST exceeds 30 °C",
        # "mean and std of the smoothed NDVI": the workflow's series smoothed over time first, then its product
        it.smooth, it.kernel_size = True, window_length(text) or 3
        it.window_days = None if window_length(text) else window_days(text)
    if FOCAL_WORDS.search(text) and wf in (None, "statistics"):
        it.focal, it.kernel_size = True, it.kernel_size or 3  # "3x3 focal mean of VV": a spatial window
    it.workflow = wf
    it.celsius = it.collection in (LST, L8) and bool(IN_CELSIUS.search(text))
    if it.task == "lst" and it.threshold is not None and it.threshold.unit == "°C":
        it.threshold = Threshold(op=it.threshold.op, value=round(it.threshold.value + 273.15, 2), unit="K")
    netcdf = bool(re.search(r"(?<![a-z])(netcdf|\.nc|nc file)(?![a-z])", text))
    if netcdf and every_date(text) and it.task in ("index", "backscatter", "ratio", "lst", "atmosphere", "rvi") and \
            not re.search(r"(?<![a-z])(csv|json|table|tabel|tabelle|tableau|tabla|tabella|time series|chart)(?![a-z])", text):
        # "a water mask for each acquisition, keep all dates, netCDF": a raster stack, every date thresholded
        it.every_date, it.timeseries = True, False
    if netcdf and not it.timeseries:
        it.output_format = "netCDF"
    elif re.search(r"(?<![a-z])(geotiff|gtiff|\.tif)(?![a-z])", text):
        it.output_format = "GTiff"
    if it.timeseries and re.search(r"(?<![a-z])json(?![a-z])", text):
        it.output_format = "JSON"
    if (it.task in ("index", "lst", "atmosphere", "backscatter") and not it.workflow and not it.percent_change
            and PERIOD_RATIO.search(text) and len(re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", text)) >= 2):
        # "ratio of mean NDVI in July 2023 to July 2022", "Verhältnis ... zwischen Juli 2023 und Juli 2022": two
        # periods compared as the difference is, divided instead of subtracted (no band ratio: no formula written)
        it.change = it.period_ratio = True
    return it

# native resolution (m) of the collections the planner reads coarser when an area is too large
NATIVE_M = {"SENTINEL2_L2A": 10.0, "SENTINEL2_L1C": 10.0, "SENTINEL1_GRD": 10.0, "LANDSAT8_L2": 30.0}


# "with water (WorldCover class 80) masked out", "ohne Wasserflächen (WorldCover-Klasse 80)", "en masquant l'eau
# (classe 80 de WorldCover)": land-cover classes to leave out of another product
_MASK_OUT = re.compile(r"(?<![a-z])(?:mask(?:ed|ing)?\s+out|masked|mask|exclud\w*|remov\w*|without|ausmaskiert|maskiert|"
                       r"ausgeschlossen|ohne|masqu\w*|exclu\w*|sans|gemaskeerd|zonder|uitgesloten|enmascarad\w*|"
                       r"excluid\w*|sin|mascherat\w*|esclus\w*|senza)(?![a-z])")


def masked_landcover(text: str) -> list[int]:
    """The WorldCover classes a request masks out of another product (an index): [] unless WorldCover (or land
    cover) is named with a class and a word of masking or leaving out."""
    if not re.search(r"worldcover|land[- ]?cover", text) or not _MASK_OUT.search(text):
        return []
    # the numbers written after a class word ("class 80", "Klasse 80", "les classes 80 et 90", "clases 80 y 90")
    after = " ".join(re.findall(r"(?:class|klasse|clase|classi)\w*\s*((?:\d{2,3}|[\s,/&+]|and|und|et|en|y|e|o|or|oder)+)",
                                text))
    codes = [int(c) for c in re.findall(r"(?<![\d.])(10|20|30|40|50|60|70|80|90|95|100)(?![\d.])", after)]
    return sorted(set(codes)) or sorted(set(landcover_classes_named(text)))
