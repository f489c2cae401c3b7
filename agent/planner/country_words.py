"""Place labels in the answer's language: the gazetteer labels a place with its country in English ("Köln,
Germany"); an answer in another language names the country in that language ("Köln, Allemagne"). Every name here
is one find_place knows too, so that a reply naming it ("Cáceres, Brésil") is found (tests/planner). A town the
request named by its own or its language's name ("Milano", "Den Haag", "Lione") keeps that name in the answer, not
the gazetteer's English one ("Milan", "The Hague", "Lyon")."""

from __future__ import annotations

import re
import unicodedata

from agent.planner.languages import is_language_word
from agent.planner.places import PlaceHit

# English (the gazetteer's) -> German, French, Dutch, Spanish, Italian
_ROWS = """
Germany|Deutschland|Allemagne|Duitsland|Alemania|Germania
France|Frankreich|France|Frankrijk|Francia|Francia
The Netherlands|Niederlande|Pays-Bas|Nederland|Países Bajos|Paesi Bassi
Netherlands|Niederlande|Pays-Bas|Nederland|Países Bajos|Paesi Bassi
Belgium|Belgien|Belgique|België|Bélgica|Belgio
Luxembourg|Luxemburg|Luxembourg|Luxemburg|Luxemburgo|Lussemburgo
Switzerland|Schweiz|Suisse|Zwitserland|Suiza|Svizzera
Austria|Österreich|Autriche|Oostenrijk|Austria|Austria
Italy|Italien|Italie|Italië|Italia|Italia
Spain|Spanien|Espagne|Spanje|España|Spagna
Portugal|Portugal|Portugal|Portugal|Portugal|Portogallo
United Kingdom|Vereinigtes Königreich|Royaume-Uni|Verenigd Koninkrijk|Reino Unido|Regno Unito
Ireland|Irland|Irlande|Ierland|Irlanda|Irlanda
Denmark|Dänemark|Danemark|Denemarken|Dinamarca|Danimarca
Sweden|Schweden|Suède|Zweden|Suecia|Svezia
Norway|Norwegen|Norvège|Noorwegen|Noruega|Norvegia
Finland|Finnland|Finlande|Finland|Finlandia|Finlandia
Iceland|Island|Islande|IJsland|Islandia|Islanda
Poland|Polen|Pologne|Polen|Polonia|Polonia
Czechia|Tschechien|Tchéquie|Tsjechië|Chequia|Repubblica Ceca
Hungary|Ungarn|Hongrie|Hongarije|Hungría|Ungheria
Croatia|Kroatien|Croatie|Kroatië|Croacia|Croazia
Greece|Griechenland|Grèce|Griekenland|Grecia|Grecia
Romania|Rumänien|Roumanie|Roemenië|Rumania|Romania
Ukraine|Ukraine|Ukraine|Oekraïne|Ucrania|Ucraina
Russia|Russland|Russie|Rusland|Rusia|Russia
Turkey|Türkei|Turquie|Turkije|Turquía|Turchia
Cyprus|Zypern|Chypre|Cyprus|Chipre|Cipro
United States|Vereinigte Staaten|États-Unis|Verenigde Staten|Estados Unidos|Stati Uniti
Canada|Kanada|Canada|Canada|Canadá|Canada
Mexico|Mexiko|Mexique|Mexico|México|Messico
Brazil|Brasilien|Brésil|Brazilië|Brasil|Brasile
Argentina|Argentinien|Argentine|Argentinië|Argentina|Argentina
Chile|Chile|Chili|Chili|Chile|Cile
Peru|Peru|Pérou|Peru|Perú|Perù
Colombia|Kolumbien|Colombie|Colombia|Colombia|Colombia
Bolivia|Bolivien|Bolivie|Bolivia|Bolivia|Bolivia
Ecuador|Ecuador|Équateur|Ecuador|Ecuador|Ecuador
Cuba|Kuba|Cuba|Cuba|Cuba|Cuba
Morocco|Marokko|Maroc|Marokko|Marruecos|Marocco
Algeria|Algerien|Algérie|Algerije|Argelia|Algeria
Tunisia|Tunesien|Tunisie|Tunesië|Túnez|Tunisia
Libya|Libyen|Libye|Libië|Libia|Libia
Egypt|Ägypten|Égypte|Egypte|Egipto|Egitto
South Africa|Südafrika|Afrique du Sud|Zuid-Afrika|Sudáfrica|Sudafrica
Kenya|Kenia|Kenya|Kenia|Kenia|Kenya
Tanzania|Tansania|Tanzanie|Tanzania|Tanzania|Tanzania
Ethiopia|Äthiopien|Éthiopie|Ethiopië|Etiopía|Etiopia
India|Indien|Inde|India|India|India
China|China|Chine|China|China|Cina
Japan|Japan|Japon|Japan|Japón|Giappone
South Korea|Südkorea|Corée du Sud|Zuid-Korea|Corea del Sur|Corea del Sud
Indonesia|Indonesien|Indonésie|Indonesië|Indonesia|Indonesia
Philippines|Philippinen|Philippines|Filipijnen|Filipinas|Filippine
Thailand|Thailand|Thaïlande|Thailand|Tailandia|Thailandia
Australia|Australien|Australie|Australië|Australia|Australia
New Zealand|Neuseeland|Nouvelle-Zélande|Nieuw-Zeeland|Nueva Zelanda|Nuova Zelanda
Saudi Arabia|Saudi-Arabien|Arabie saoudite|Saoedi-Arabië|Arabia Saudita|Arabia Saudita
Lebanon|Libanon|Liban|Libanon|Líbano|Libano
Jordan|Jordanien|Jordanie|Jordanië|Jordania|Giordania
Syria|Syrien|Syrie|Syrië|Siria|Siria
Iraq|Irak|Irak|Irak|Irak|Iraq
Greenland|Grönland|Groenland|Groenland|Groenlandia|Groenlandia
"""
_LANGS = ("de", "fr", "nl", "es", "it")
COUNTRY_NAMES: dict[str, dict[str, str]] = {
    row.split("|")[0]: dict(zip(_LANGS, row.split("|")[1:], strict=True)) for row in _ROWS.strip().splitlines()
}


def country_in(country: str, lang: str) -> str:
    """`country` (the gazetteer's English name) in `lang`; itself when the table lacks it or `lang` is English."""
    return COUNTRY_NAMES.get(country, {}).get(lang, country)


def label_in(label: str, lang: str) -> str:
    """A place's label with its country in `lang`: 'Köln, Germany' -> 'Köln, Allemagne'; 'Spain' -> 'España';
    the rest of the label (the place's own name, a kind in brackets) is kept."""
    name, bracket, rest = label.partition(" (")
    head, comma, last = name.rpartition(", ")
    return head + comma + country_in(last, lang) + bracket + rest


_ARTICLES = {"den", "de", "het", "le", "la", "les", "l", "el", "los", "las", "il", "lo"}


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")


def own_name(hit: PlaceHit, asked: str, candidates: list[str], lang: str) -> str:
    """The label of `hit` for an answer in `lang`: its own ("Milan, Italy"), or, for a town the request named
    otherwise ("Milano", one of its `candidates` as typed, looked up as `asked`), that name with the rest of the
    label ("Milano, Italy"). Not in English (the gazetteer's names are English), not for a feature found under a
    name of its part ("Zugspitze" -> Wetterstein), not for a spelling of the same name ("Cordoba" -> Córdoba), and
    not when the request's phrase holds more than a name ("Hitzeinsel Paris")."""
    label = hit.name.split(" (")[0]
    first, comma, rest = label.partition(", ")
    if lang == "en" or hit.kind.split(",")[0].strip() != "city" or asked not in candidates:
        return label
    asked = re.sub(r"^[dl]['’]", "", asked)  # "d'Anvers": the elided article is the sentence's
    words = asked.split()
    if not 0 < len(words) <= 3:
        return label
    if _fold(asked) == _fold(first) or _fold(first) in _fold(asked).split():
        return label
    names = words[1:] if words[0].lower() in _ARTICLES and len(words) > 1 else words
    if not all(w[:1].isupper() for w in words) or any(is_language_word(w) for w in names):
        return label
    return asked + comma + rest
