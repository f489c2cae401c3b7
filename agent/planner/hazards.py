"""What the words of an event or a surface ask for when the request names no product, in six languages.

`find_hazard(text)` reads normalised text (`i18n.normalize`: "eau", "agua", "acqua" are "water") and returns a
`HazardMethod`, or None:

- landslides ("landslide scars", "Erdrutsche", "glissements de terrain", "aardverschuivingen", "deslizamientos",
  "frane"): the vegetation a slide stripped, an NDVI change across the event (never a DEM: "terrain" in
  "glissement de terrain" names no elevation);
- lava ("lava flows", "Lavaströme", "coulées de lave", "lavastromen", "coladas de lava", "colate laviche"): a SWIR
  composite (B12, B8A, B04: hot and fresh lava is bright in SWIR), or the NBR's change when two periods are
  compared (lava burns and buries vegetation as a fire does);
- a water surface ("open water", "Wasserfläche", "surface en eau", "Waterkaart", "lámina de agua", "specchio
  d'acqua"): an NDWI water mask (NDWI > 0);
- a volcanic eruption with no product named ("Vulkanausbruch", "éruption", "erupción"): its lava, as above.

Fires are the one place their words are kept too: `FIRE_TRANSLATIONS` (foreign fire words to English, used by
`i18n.normalize`), `FIRE_EVENT` (a fire as the event of a date: "vor dem Brand", "après l'incendie", read by
`dates.date_text`), `BURNT` (what a fire left, after normalisation) and `FIRE_RISK` (fire words that ask about the
future). Volcanic ash (`ASH`) is a Sentinel-5P aerosol index, read where the gases are (`intents.parse_intent`). Risk words
("landslide susceptibility", "Rutschungsgefahr") ask for terrain, not for what happened: no method then.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel

LANDSLIDE = re.compile(
    r"(?<![a-z])(?:land[- ]?slides?|land[- ]?slips?|mud[- ]?slides?|debris[- ]flows?|rock[- ]?slides?|slope failures?|"
    r"erdrutsch\w*|hangrutsch\w*|bergrutsch\w*|rutschung\w*|murg[äa]ng\w*|bergsturz\w*|bergstürze\w*|"
    r"glissements? de terrains?|[ée]boulements?|coul[ée]es? de (?:boue|d[ée]bris)|"
    r"aardverschuiving\w*|landverschuiving\w*|grondverschuiving\w*|modderstro\w*|"
    r"deslizamientos?|deslaves?|corrimientos? de tierras?|aludes? de (?:lodo|barro)|"
    r"fran[ae]|smottament\w*|colat[ae] (?:di fango|detritic\w*))(?![a-z])"
)
LAVA = re.compile(
    r"(?<![a-z])(?:lava(?:s|str[oö]m\w*|feld\w*|fl[üu]ss\w*|flows?|fields?|stro\w*|veld\w*|tong\w*)?|laves?|"
    r"lavic[aho]\w*|colad[ao]s? volc[áa]nic\w*)(?![a-z])"
)
# a volcanic eruption named with no product, in six languages ("Vulkanausbruch", "éruption", "uitbarsting",
# "erupción", "eruzione"): its lava is mapped as lava is (a gas or the ash named instead is Sentinel-5P's)
ERUPTION = re.compile(
    r"(?<![a-z])(?:eruptions?|\w*ausbr[üu]ch\w*|[ée]ruptions?|\w*uitbarsting\w*|erupci[óo]n\w*|eruzion[ei])(?![a-z])"
)
# volcanic ash in six languages: "volcanic ash", "Vulkanasche", "Aschewolke", "cendres volcaniques", "vulkanische as",
# "aswolk", "ceniza volcánica", "cenere vulcanica", "nube di cenere"
ASH = re.compile(
    r"(?<![a-z])(?:volcanic ash\w*|ash (?:cloud|plume|column)s?|vulkanasche\w*|asche(?:wolke|fahne|säule)\w*|"
    r"cendres? volcaniques?|nuages? de cendres?|panaches? de cendres?|vulkanische as|aswolk\w*|aspluim\w*|"
    r"cenizas? volc[áa]nicas?|nubes? de cenizas?|columnas? de cenizas?|cener[ei] vulcanic[ah]e?|nub[ei] di cener[ei])(?![a-z])"
)
# a water surface in six languages, once "eau", "agua", "acqua" read "water": "surface water", "open water",
# "Wasserflächen", "Wasserausdehnung", "surface en eau", "étendue d'eau", "zones en eau", "wateroppervlak",
# "Waterkaart", "lámina de agua", "espejo de agua", "superficie d'acqua", "specchio d'acqua", "estensione delle acque"
WATER_SURFACE = re.compile(
    r"(?<![a-z])(?:surface water|water surface|open water|water (?:extent|area|areas|mask|map|cover)|"
    r"wasserfl[äa]che\w*|wasserausdehnung\w*|wasserbedeckung\w*|"
    r"(?:surfaces?|superficies?|[ée]tendues?|zones?|nappes?|plans?) (?:en |d'|de l')\s?water|"
    r"wateroppervla\w*|waterkaart\w*|waterbedekking\w*|"
    r"(?:l[áa]minas?|superficies?|espejos?|extensi[óo]n) (?:de |del )?water|"
    r"(?:specchi[oa]?|superficie|estensione) (?:d'|dell'|delle |degli )?\s?(?:water|acque))(?![a-z])"
)
RISK = re.compile(
    r"(?<![a-z])(?:risk|danger|hazard|susceptib\w*|suscettib\w*|susceptibilidad|\w*gefahr\w*|\w*gef[äa]hrdung\w*|anf[äa]llig\w*|"
    r"risque|al[ée]a|riesgo|peligro|rischio|pericolo\w*|gevaar\w*|gevoelig\w*)(?![a-z])"
)


# --- fires ---------------------------------------------------------------------------------------------------
# foreign fire words -> English, for `i18n.normalize` (compounds only where the bare word is also a name: "Brand")
FIRE_TRANSLATIONS: dict[str, str] = {
    "incendie de forêt": "wildfire", "incendies de forêt": "wildfires", "feu de forêt": "wildfire",
    "feux de forêt": "wildfires", "incendie": "fire", "incendies": "fires", "feux": "fires", "feu": "fire",
    "incendio forestal": "wildfire", "incendios forestales": "wildfires", "incendio boschivo": "wildfire",
    "incendi boschivi": "wildfires", "incendios": "fires", "incendio": "fire", "incendi": "fires", "fuego": "fire",
    "waldbrand": "wildfire", "waldbrände": "wildfires", "waldbrandes": "wildfire", "waldbränden": "wildfires",
    "flächenbrand": "wildfire", "vegetationsbrand": "wildfire", "feuer": "fire", "bosbrand": "wildfire",
    "bosbranden": "wildfires", "natuurbrand": "wildfire", "natuurbranden": "wildfires", "heidebrand": "wildfire",
    "duinbrand": "wildfire", "brandfläche": "burnt area", "brandflächen": "burnt areas",
    "zones brûlées": "burnt areas", "zone brûlée": "burnt area", "surfaces brûlées": "burnt areas",
    "surface brûlée": "burnt area", "superficie brûlée": "burnt area", "brûlées": "burnt", "brûlée": "burnt",
    "brûlés": "burnt", "brûlé": "burnt", "zona quemada": "burnt area", "zonas quemadas": "burnt areas",
    "superficie quemada": "burnt area", "área quemada": "burnt area", "quemada": "burnt", "quemadas": "burnt",
    "quemado": "burnt", "quemados": "burnt", "aree bruciate": "burnt areas", "area bruciata": "burnt area",
    "superficie bruciata": "burnt area", "bruciata": "burnt", "bruciate": "burnt", "bruciato": "burnt",
    "bruciati": "burnt", "verbrannte fläche": "burnt area", "verbrannten flächen": "burnt areas",
    "verbrannten fläche": "burnt area", "verbrannte": "burnt", "verbrannten": "burnt", "verbrannt": "burnt",
    "verbrande gebied": "burnt area", "verbrande": "burnt", "verbrand": "burnt",
    "brandschwere": "burn severity", "severidad del incendio": "burn severity", "sévérité": "burn severity",
    "gravità dell'incendio": "burn severity", "severità dell'incendio": "burn severity",
}
# a fire as the event a date is relative to ("vor dem Brand", "après l'incendie", "antes del incendio"), for
# `dates.date_text`: "fire"
FIRE_EVENT = r"\b(?:brand|brandes|waldbrand\w*|feu|incendie|incendio|bosbrand|heidebrand)\b"
# what a fire left, one detector: the English words (FIRE_TRANSLATIONS make the common foreign ones English,
# "incendie", "Waldbrand", "zones brûlées") and the foreign forms no translation lists (compounds and inflections:
# "Waldbrandflächen", "Brandnarben", "verbranntes"); whole words ("Brandenburg" is no fire)
BURNT = re.compile(r"(?<![a-z])(?:burnt|burned|burn scars?|fire scars?|fire damage|wildfires?|fires?|"
                   r"verbrannt\w*|brandfl[äa]che\w*|waldbr[äa]nd\w*|fl[äa]chenbr[äa]nd\w*|brandnarbe\w*|"
                   r"br[ûu]l[ée]\w*|incendies?|feux? de for[êe]t|verbrand\w*|bosbr[ao]nd\w*|heidebr[ao]nd\w*|"
                   r"natuurbr[ao]nd\w*|quemad[oa]s?|incendios?|bruciat[aoei]|incendi)(?![a-z])")
# fire words that ask about the future
FIRE_RISK = re.compile(r"(?<![a-z])(risk|danger|hazard|susceptib\w*|gefahr\w*|risque|riesgo|rischio|gevaar|"
                       r"brandgefahr|waldbrandgefahr)(?![a-z])")


class HazardMethod(BaseModel):
    """The product an event word asks for (see the module's docstring)."""

    kind: Literal["landslide", "lava", "water"]
    task: Literal["index", "rgb"]
    index: str | None = None
    change: bool = False
    palette: Literal["swir"] | None = None


def find_hazard(text: str, compared: bool = False) -> HazardMethod | None:
    """The method an event or surface word of normalised `text` asks for, or None; `compared`: the request
    compares two periods (lava's change is then the NBR's)."""
    if LANDSLIDE.search(text) and not RISK.search(text):
        return HazardMethod(kind="landslide", task="index", index="NDVI", change=True)
    if LAVA.search(text) and not RISK.search(text):
        if compared:
            return HazardMethod(kind="lava", task="index", index="NBR", change=True)
        return HazardMethod(kind="lava", task="rgb", palette="swir")
    if WATER_SURFACE.search(text):
        return HazardMethod(kind="water", task="index", index="NDWI")  # thresholded at 0 (intents)
    if ERUPTION.search(text) and not RISK.search(text):
        if compared:
            return HazardMethod(kind="lava", task="index", index="NBR", change=True)
        return HazardMethod(kind="lava", task="rgb", palette="swir")
    return None


def is_event_word(word: str) -> bool:
    """A word (or a part of a hyphenated one) that names a landslide, lava, volcanic ash, a water surface or what a
    fire left: "Lavastromen", "Erdrutsche", "Vulkanasche-Wolke", "Wasserflächen", "Burnt" are no place names."""
    parts = [p for p in re.split(r"[-/]", word.strip(" ,.;:()'\"").lower()) if p]
    return any(rx.fullmatch(p) for p in parts for rx in (LANDSLIDE, LAVA, ERUPTION, ASH, WATER_SURFACE, BURNT))
