"""Eurostat NUTS-2 codes (2021 classification) as the names find_place knows their regions by.

A request may name a region by its statistical code ("NUTS-2 region BE10", "FR10", "ITC4"); the gazetteer has
the regions under their names, so each code maps to a look-up that finds the one region: its name with a feature
word or country where a city or a namesake abroad would win otherwise ("province of Utrecht", "Limburg,
Netherlands"). Codes whose region is no first-level region or Regierungsbezirk the index holds are left out
(a look-up of such a code stays not found, rather than a guess).
"""

from __future__ import annotations

import re

NUTS2 = {
    # Belgium: the Brussels-Capital Region and the ten provinces
    "BE10": "Brussels-Capital Region",
    "BE21": "province of Antwerp",
    "BE22": "Limburg, Belgium",
    "BE23": "province of East Flanders",
    "BE24": "province of Flemish Brabant",
    "BE25": "province of West Flanders",
    "BE31": "province of Walloon Brabant",
    "BE32": "province of Hainaut",
    "BE33": "province of Liège",
    "BE34": "Luxembourg, Belgium",
    "BE35": "province of Namur",
    # the Netherlands: the twelve provinces
    "NL11": "province of Groningen",
    "NL12": "Friesland",
    "NL13": "Drenthe",
    "NL21": "Overijssel",
    "NL22": "Gelderland",
    "NL23": "Flevoland",
    "NL31": "province of Utrecht",
    "NL32": "Noord-Holland",
    "NL33": "Zuid-Holland",
    "NL34": "Zeeland",
    "NL41": "Noord-Brabant",
    "NL42": "Limburg, Netherlands",
    # Germany: the Länder that are one NUTS-2 region, and Regierungsbezirke
    "DE30": "Berlin (state)",
    "DE40": "Brandenburg",
    "DE50": "Bremen (state)",
    "DE60": "Hamburg (state)",
    "DE80": "Mecklenburg-Vorpommern",
    "DEC0": "Saarland",
    "DEE0": "Sachsen-Anhalt",
    "DEF0": "Schleswig-Holstein",
    "DEG0": "Thüringen",
    "DE21": "Oberbayern",
    "DE22": "Niederbayern",
    "DE23": "Oberpfalz",
    "DE24": "Oberfranken",
    "DE25": "Mittelfranken",
    "DE26": "Unterfranken",
    "DE27": "Schwaben, Bayern",
    # France: the régions of 2015 are NUTS-1; their NUTS-2 regions are the former régions
    "FR10": "Île-de-France",
    "FRB0": "Centre-Val de Loire",
    "FRG0": "Pays de la Loire",
    "FRH0": "Bretagne",
    "FRL0": "Provence-Alpes-Côte d'Azur",
    "FRM0": "Corse",
    # Italy: the regions and the two autonomous provinces
    "ITC1": "Piemonte",
    "ITC2": "Valle d'Aosta",
    "ITC3": "Liguria",
    "ITC4": "Lombardia",
    "ITH1": "Bolzano (province)",
    "ITH2": "Trento (province)",
    "ITH3": "Veneto",
    "ITH4": "Friuli-Venezia Giulia",
    "ITH5": "Emilia-Romagna",
    "ITI1": "Toscana",
    "ITI2": "Umbria",
    "ITI3": "Marche",
    "ITI4": "Lazio",
    "ITF1": "Abruzzo",
    "ITF2": "Molise",
    "ITF3": "Campania",
    "ITF4": "Puglia",
    "ITF5": "Basilicata",
    "ITF6": "Calabria",
    "ITG1": "Sicilia, Italy",
    "ITG2": "Sardegna, Italy",
    # Spain: the autonomous communities and cities
    "ES11": "Galicia, Spain",
    "ES12": "Asturias",
    "ES13": "Cantabria",
    "ES21": "País Vasco",
    "ES22": "Navarra",
    "ES23": "La Rioja, Spain",
    "ES24": "Aragón",
    "ES30": "Comunidad de Madrid",
    "ES41": "Castilla y León",
    "ES42": "Castilla-La Mancha",
    "ES43": "Extremadura",
    "ES51": "Cataluña",
    "ES52": "Comunidad Valenciana",
    "ES53": "Islas Baleares",
    "ES61": "Andalucía",
    "ES62": "Región de Murcia",
    "ES70": "Canarias",
    # Austria: the Länder
    "AT11": "Burgenland",
    "AT12": "Niederösterreich",
    "AT13": "Wien (state)",
    "AT21": "Kärnten",
    "AT22": "Steiermark",
    "AT31": "Oberösterreich",
    "AT32": "Land Salzburg",
    "AT33": "Tirol, Austria",
    "AT34": "Vorarlberg",
    # Portugal's autonomous regions, and the countries that are one NUTS-2 region
    "PT20": "Azores",
    "PT30": "Madeira",
    "LU00": "Luxembourg",
    "MT00": "Malta",
    "CY00": "Cyprus",
    "EE00": "Estonia",
    "LV00": "Latvia",
}

# a NUTS code as a request writes it: two capitals of the country and two more characters, one of them a digit
NUTS_CODE = re.compile(r"(?:NUTS[- ]?2\s+)?(?P<code>[A-Z]{2}(?=[0-9A-Z]{2}\b)[0-9A-Z]*[0-9][0-9A-Z]*)")


def nuts_query(name: str) -> str | None:
    """The look-up for a NUTS-2 code ("BE10" -> "Brussels-Capital Region"); None for any other name."""
    m = NUTS_CODE.fullmatch(name.strip())
    return NUTS2.get(m.group("code")) if m else None
