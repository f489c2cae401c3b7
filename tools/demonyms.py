"""Country (and a few state) adjectives of places outside Europe in six languages, with their inflections.

"Filadelfia, Chaco paraguayo", "el estado brasileño de Pará", "die kenianische Provinz", "la province marocaine
d'Al Haouz", "de Braziliaanse staat Pará": the adjective names the country a place lies in. No package here
ships demonyms, so the commonest are listed by their base forms; `inflected` adds the feminine and plural forms
each language writes (Spanish and Italian -o/-a, French -ien/-ienne, German -isch/-ische, Dutch -se/-s).
A generated form that is a place's own name (Italian "indiana" is the US state) is left out.
"""

from __future__ import annotations

# country: (English, Spanish, French, German, Italian, Dutch) base forms, space-separated
BASE = {
    "Argentina": "argentinian argentino argentin argentinisch argentino argentijnse",
    "Bolivia": "bolivian boliviano bolivien bolivianisch boliviano boliviaanse",
    "Brazil": "brazilian brasileno bresilien brasilianisch brasiliano braziliaanse",
    "Chile": "chilean chileno chilien chilenisch cileno chileense",
    "Colombia": "colombian colombiano colombien kolumbianisch colombiano colombiaanse",
    "Ecuador": "ecuadorian ecuatoriano equatorien ecuadorianisch ecuadoriano ecuadoraanse",
    "Paraguay": "paraguayan paraguayo paraguayen paraguayisch paraguaiano paraguayaanse",
    "Peru": "peruvian peruano peruvien peruanisch peruviano peruaanse",
    "Uruguay": "uruguayan uruguayo uruguayen uruguayisch uruguaiano uruguayaanse",
    "Venezuela": "venezuelan venezolano venezuelien venezolanisch venezuelano venezolaanse",
    "Mexico": "mexican mexicano mexicain mexikanisch messicano mexicaanse",
    "Cuba": "cuban cubano cubain kubanisch cubano cubaanse",
    "Guatemala": "guatemalan guatemalteco guatemalteque guatemaltekisch guatemalteco guatemalteekse",
    "Honduras": "honduran hondureno hondurien honduranisch honduregno hondurese",
    "Canada": "canadian canadiense canadien kanadisch canadese canadese",
    "United States": "american estadounidense americain amerikanisch americano amerikaanse",
    "Morocco": "moroccan marroqui marocain marokkanisch marocchino marokkaanse",
    "Algeria": "algerian argelino algerien algerisch algerino algerijnse",
    "Tunisia": "tunisian tunecino tunisien tunesisch tunisino tunesische",
    "Egypt": "egyptian egipcio egyptien agyptisch egiziano egyptische",
    "Senegal": "senegalese senegales senegalais senegalesisch senegalese senegalese",
    "Mali": "malian maliense malien malisch maliano malinese",
    "Niger": "nigerien nigerino nigerien nigrisch nigerino nigerese",
    "Nigeria": "nigerian nigeriano nigerian nigerianisch nigeriano nigeriaanse",
    "Ghana": "ghanaian ghanes ghaneen ghanaisch ghanese ghanese",
    "Ivory Coast": "ivorian marfileno ivoirien ivorisch ivoriano ivoriaanse",
    "Cameroon": "cameroonian camerunes camerounais kamerunisch camerunense kameroense",
    "Democratic Republic of the Congo": "congolese congoleno congolais kongolesisch congolese congolese",
    "Ethiopia": "ethiopian etiope ethiopien athiopisch etiope ethiopische",
    "Kenya": "kenyan keniano kenyan kenianisch keniota keniaanse",
    "Tanzania": "tanzanian tanzano tanzanien tansanisch tanzaniano tanzaniaanse",
    "Uganda": "ugandan ugandes ougandais ugandisch ugandese ugandese",
    "Somalia": "somali somali somalien somalisch somalo somalische",
    "Sudan": "sudanese sudanes soudanais sudanesisch sudanese soedanese",
    "Mozambique": "mozambican mozambiqueno mozambicain mosambikanisch mozambicano mozambikaanse",
    "Madagascar": "malagasy malgache malgache madagassisch malgascio malagassische",
    "South Africa": "south-african sudafricano sud-africain sudafrikanisch sudafricano zuid-afrikaanse",
    "Namibia": "namibian namibio namibien namibisch namibiano namibische",
    "Botswana": "botswanan botsuano botswanais botswanisch botswano botswaanse",
    "Zimbabwe": "zimbabwean zimbabuense zimbabween simbabwisch zimbabwese zimbabwaanse",
    "Zambia": "zambian zambiano zambien sambisch zambiano zambiaanse",
    "Angola": "angolan angoleno angolais angolanisch angolano angolese",
    "India": "indian indio indien indisch indiano indiase",
    "Pakistan": "pakistani pakistani pakistanais pakistanisch pakistano pakistaanse",
    "Bangladesh": "bangladeshi bangladesi bangladais bangladeschisch bengalese bengaalse",
    "China": "chinese chino chinois chinesisch cinese chinese",
    "Japan": "japanese japones japonais japanisch giapponese japanse",
    "Indonesia": "indonesian indonesio indonesien indonesisch indonesiano indonesische",
    "Philippines": "filipino filipino philippin philippinisch filippino filipijnse",
    "Vietnam": "vietnamese vietnamita vietnamien vietnamesisch vietnamita vietnamese",
    "Thailand": "thai tailandes thailandais thailandisch thailandese thaise",
    "Iran": "iranian irani iranien iranisch iraniano iraanse",
    "Iraq": "iraqi iraqui irakien irakisch iracheno irakese",
    "Australia": "australian australiano australien australisch australiano australische",
    "New Zealand": "new-zealand neozelandes neo-zelandais neuseelandisch neozelandese nieuw-zeelandse",
}
# a few more in English only (the other languages' forms are rarely written)
ENGLISH_ONLY = {
    "Haiti": "haitian",
    "Jamaica": "jamaican",
    "Nicaragua": "nicaraguan",
    "Panama": "panamanian",
    "Costa Rica": "costa-rican",
    "El Salvador": "salvadoran",
    "Dominican Republic": "dominican",
    "Chad": "chadian",
    "Burkina Faso": "burkinabe",
    "Guinea": "guinean",
    "Liberia": "liberian",
    "Sierra Leone": "sierra-leonean",
    "Mauritania": "mauritanian",
    "Libya": "libyan",
    "Eritrea": "eritrean",
    "Rwanda": "rwandan",
    "Burundi": "burundian",
    "Malawi": "malawian",
    "Mauritius": "mauritian",
    "South Sudan": "south-sudanese",
    "Yemen": "yemeni",
    "Oman": "omani",
    "United Arab Emirates": "emirati",
    "Qatar": "qatari",
    "Kuwait": "kuwaiti",
    "Uzbekistan": "uzbek",
    "Kazakhstan": "kazakh",
    "Kyrgyzstan": "kyrgyz",
    "Tajikistan": "tajik",
    "Turkmenistan": "turkmen",
    "Laos": "laotian",
    "Bhutan": "bhutanese",
    "Taiwan": "taiwanese",
    "Papua New Guinea": "papuan",
    "Fiji": "fijian",
    "Hawaii": "hawaiian",
}
# generated forms that are places' own names, not adjectives
NOT_ADJECTIVES = {"indiana", "georgia", "chad", "niger", "panama", "guinea", "somali", "chino", "indio", "new zealand"}

_ROMANCE_O = ("o", "a", "os", "as")  # Spanish; Italian adds -i, -e
_ITALIAN_O = ("o", "a", "i", "e")


def inflected(word: str, lang: int) -> set[str]:
    """The forms of a base adjective in the language at `lang` (the column of BASE)."""
    out = {word}
    if lang == 1 and word.endswith("o"):
        out |= {word[:-1] + s for s in _ROMANCE_O}
    elif lang == 1 and word.endswith(("es", "en")):  # senegalés, senegalesa, senegaleses
        out |= {word + "a", word + "es", word + "as"}
    elif lang == 1 and word.endswith("e"):
        out |= {word + "s"}
    elif lang == 2 and word.endswith("ien"):
        out |= {word + "ne", word + "s", word + "nes"}
    elif lang == 2 and word.endswith(("ain", "ais", "ois", "an", "in")):
        out |= {word + "e", word + "es"} | ({word + "s"} if not word.endswith("s") else set())
    elif lang == 2 and word.endswith("e"):
        out |= {word + "s"}
    elif lang == 3 and word.endswith("isch"):
        out |= {word + s for s in ("e", "en", "er", "es", "em")}
    elif lang == 4 and word.endswith("o"):
        out |= {word[:-1] + s for s in _ITALIAN_O}
    elif lang == 4 and word.endswith("e"):
        out |= {word[:-1] + "i"}
    elif lang == 5 and word.endswith("se"):
        out |= {word[:-1]}  # Braziliaanse, Braziliaans
    elif lang == 5 and word.endswith("sche"):
        out |= {word[:-1]}
    return out


def forms() -> dict[str, str]:
    """{folded adjective: country} for every listed form ("-" in a base form is a space: "south african")."""
    out: dict[str, str] = {}
    for country, words in BASE.items():
        for lang, w in enumerate(words.split()):
            for f in inflected(w, lang):
                out.setdefault(f.replace("-", " "), country)
    for country, w in ENGLISH_ONLY.items():
        out.setdefault(w.replace("-", " "), country)
    return {k: v for k, v in out.items() if k not in NOT_ADJECTIVES}
