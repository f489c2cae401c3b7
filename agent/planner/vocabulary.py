"""Everyday words of requests in English, German, French, Spanish, Dutch and Italian.

A capitalised word is a place candidate only when it is not one of these: the verbs and pronouns
that start a request ("Erstelle", "Necesitamos", "Je"), and the nouns of Earth-observation work that
German capitalises and any language may start a sentence with ("Maske", "Concentration", "Drought").
Words that are also well-known places or parts of their names (Nice, Bath, Split, Mobile, Reading,
Silver Spring, Campi Flegrei, ...) are left out on purpose: a place name wins over the vocabulary. `is_vocabulary(word)` compares case- and
accent-insensitively.
"""

from __future__ import annotations

import re

from agent.planner.i18n import strip_accents

_WORDS = """
i we you he she they me us our my your it its this that these those here there who what which when where why how
need needs want wants would could should can may might must please help kindly hey hi hello dear thanks thank
make create compute calculate produce generate give show map plot draw derive estimate detect find get build
run export download deliver prepare provide send tell let try use using look check monitor assess measure
journalist researcher farmer student analyst team client colleague manager
drought storm fire fires wildfire wildfires flood floods flooding heatwave heat rains rainfall snow ice
concentration concentrations mean average median maximum minimum sum total count share trend change difference
area areas zone field fields parcel parcels plot plots farm farms crop crops orchard orchards vineyard
vineyards
image images picture photo map maps composite mosaic mask masks layer layers band bands index indices
quick urgent simple just only also again now today yesterday tomorrow before after during between since until
pre post event reference baseline target period season window date dates month months year years week weeks day days
ich wir du sie er es mir uns euch ihr mein meine unser unsere bitte danke hallo moin servus guten tag
brauche brauchen benötige benötigen möchte möchten hätte hätten würde würden kannst könntest können könnten
erstelle erstellen erzeuge erzeugen berechne berechnen zeige zeig zeigen mach mache machen gib gebt geben liefere
liefern exportiere exportieren lade laden bestimme bestimmen ermittle ermitteln vergleiche vergleichen
karte karten maske masken fläche flächen gebiet gebiete bereich bereiche umgebung zeitraum zeitreihe
raum großraum ballungsraum umland stadtgebiet
mittel mittelwert mittelwerte monatsmittel jahresmittel summe anzahl tage anteil änderung differenz vergleich
bild bilder aufnahme aufnahmen komposit mosaik auswertung analyse übersicht ergebnis daten satellit satelliten
einsatz einsatzstab einsatzleitung lagebild feuerwehr katastrophenschutz behörde
hochwasser überflutung überflutungskarte überschwemmung waldbrand brand brände dürre trockenheit hitze hitzewelle
referenz ereignis vorher nachher wolken wolkenmaske bebauung vegetation landwirtschaft acker äcker felder feld
feldes ackers schlages weinbergs flurstücks
je nous vous il elle ils elles mon ma mes notre nos votre vos bonjour salut merci svp stp voici voilà
pouvez pourriez peux pourrais voudrais voudrions aimerais aimerions souhaite souhaitons faut fais faites
calcule calculez calculer donne donnez donner montre montrez montrer produis produisez produire génère générez
crée créez créer prépare préparez exporte exportez compare comparez
concentration carte cartes masque image images moyenne médiane somme nombre part variation différence évolution
zone zones secteur agglomération parcelle parcelles champs vignoble verger incendie
inondation inondations crue crues sécheresse canicule avant après référence événement nuages surface surfaces
yo nosotros nosotras usted ustedes mi mis nuestro nuestra hola gracias por favor
necesito necesitamos necesitan quiero queremos quisiera quisiéramos puedes puede podrías podría podrían
calcula calcule calcular haz hazme hacer dame danos muestra muéstrame mostrar genera generar crea crear prepara
mapa mapas máscara imagen imágenes media mediana suma número cambio diferencia evolución serie
zona zonas parcela parcelas viñedo huerto incendio inundación sequía
ola calor antes después referencia evento nubes superficie
ik wij jij u hij zij mijn onze jullie hallo hoi bedankt dank graag alsjeblieft alstublieft
kun kunt kan kunnen zou zouden wil willen wens maak maken bereken berekenen geef geven toon tonen laat laten
kaart kaarten masker beeld beelden gemiddelde mediaan som aantal verandering verschil tijdreeks
gebied gebieden perceel percelen akker akkers velden boomgaard overstroming droogte
hittegolf voor na referentie gebeurtenis wolken oppervlak
io noi voi lui lei loro mio mia nostro nostra ciao grazie perfavore
vorrei vorremmo puoi potresti può potrebbe serve servono calcola calcolare fammi fai fare dammi dai mostra mostrami
mappa mappe maschera immagine immagini media mediana somma numero cambiamento differenza
zona vigneto frutteto incendio alluvione siccità prima dopo riferimento evento
nuvole superficie
bänder bandes banden bandas bande standardabweichung écart-type desviación deviazione
corners corner ecken coins esquinas hoeken angoli
anfang ende mitte beginn début fin mi principios finales mediados begin eind midden inizio metà fine
halbjahr halbjahre halbjahres quartal quartale quartals semester trimester dekade dekaden jahrzehnt monat monate monats
woche wochen jahr jahre jahres jahreszeit vegetationsperiode wachstumsperiode saison
semestre semestres trimestre trimestres quinzaine décade décades année années mois semaine semaines jour jours
cuatrimestre quincena decena década año años mes meses semana semanas día días temporada
halfjaar halfjaren kwartaal kwartalen decade maand maanden jaar jaren dag dagen seizoen
quadrimestre decade decadi mese mesi anno anni settimana settimane giorno giorni stagione
semester fortnight decade dekad dekads halbmonat quincenas quinzaines quindicina
hangneigung hangneigungen hangneigungskarte helling hellingen hellingkaart hellingskaart pente pentes pendiente pendientes pendenza pendenze
januar februar märz juni juli oktober dezember janvier février avril juin juillet août septembre octobre novembre
décembre enero febrero marzo abril junio julio agosto septiembre octubre noviembre diciembre januari februari maart
mei augustus gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre
km kilometer kilometre kilometres kilometers kilomètre kilomètres kilómetro kilómetros chilometri meter metre metres
meters mètre mètres metros hektar hectare hectares hectárea hectáreas ettari pixel pixels píxeles prozent percent
pourcent porcentaje procent percentuale grad degree degrees degré degrés grados graden gradi celsius kelvin fahrenheit
millimeter millimetre mm db dezibel décibel decibel decibelios
statistik statistiken statistics statistique statistiques estadística estadísticas statistiek statistieken statistica
statistiche mittelwert durchschnitt perzentil perzentile quantil quantile standardabweichung varianz minimum maximum
häufigkeit anomalie anomalien tendenz percentile percentiles centile quantiles écart variance anomaly anomalies
anomalía anomalías tendencia varianza percentil percentiles cuantil desviación mediaan percentiel kwantiel
standaardafwijking variantie anomalieën deviazione tendenza anomalia anomalie
comparer comparons compare comparing comparison vergleich vergleiche vergleichen vergelijk vergelijken vergelijking
comparar compara comparen comparación confronta confrontare confronto
tabelle tableau tabla tabel tabella zeitreihe zeitreihen série séries serie series tijdreeksen
combine combina combinar combineer combinez combiner kombiniere kombinieren kombiniert fuse fusionne fusionner
fusiona fusionar fusie unisci unire fondi fondere stack stapel empile composición composizione composiet komposit
summer winter autumn sommer frühling frühjahr herbst été hiver printemps automne verano invierno
primavera otoño zomer lente herfst estate inverno autunno
summers winters sommern étés hivers zomers veranos inviernos estati inverni regenzeit trockenzeit monsun mousson
moesson monzón monsone
mittlere mittlerer mittleren mittleres mittlerem durchschnittliche durchschnittlicher durchschnittlichen
moyen moyens moyenne moyennes medio media medios medias medio gemiddeld gemiddelde
rot nahinfrarot infrarot rouge infrarouge rojo infrarrojo rosso infrarosso rood rode nabij-infrarood nabij-infrarode
swir nir vnir red green blue grün blau bleu azul blu blauw groen
exposition hangrichtung hangexposition expositie esposizione orientación orientation aspect
höhe höhenmodell geländemodell hoogte hoogtekaart hoogtemodel altitude altitud altitudine quota elevación élévation
wintergetreide sommergetreide wintergranen zomergranen maïskaart maiskarte maïs maíz regadío bewässerung
polarisation polarisierung polarisatie polarización polarizzazione rückstreuung retrodiffusion retrodispersión
modis corine era5 era-5 srtm aster gdem viirs planetscope pléiades pleiades worldview palsar glo-90 glo-30 glo90 glo30
proba-v probav worldcereal worldcover tropomi slstr olci etm etm+ copernicus_30 copernicus_90
ackerland ackerfläche ackerflächen grünland waldfläche waldflächen siedlungsfläche siedlungsflächen
cultures cultivos seminativi akkerland
pir nir kurzwelliges kurzwellige kurzwelliger cercano vicino rededge
gemeinde gemeinden commune communes municipio municipios comune comuni gemeente gemeenten
stickstoffdioxid schwefeldioxid kohlenmonoxid feinstaub ozon methan formaldehyd stickoxide stickoxid aerosole
dioxyde monoxyde soufre azote ozone méthane formaldéhyde aérosols dióxido monóxido nitrógeno azufre ozono metano
formaldehído aerosoles biossido diossido monossido azoto zolfo formaldeide particolato aerosoli stikstofdioxide
zwaveldioxide koolmonoxide methaan fijnstof aerosolen waldanteil
kanal kanäle kanals kanälen vorjahr vorjahre vorjahres vorjahren vorjahresmittel load loads loaded
"""


def fold(word: str) -> str:
    """Lower case without accents: 'Überflutungskarte' -> 'uberflutungskarte'."""
    return strip_accents(word.lower())


VOCABULARY = frozenset(fold(w) for w in _WORDS.split())

# German compounds end in a common noun; these endings name the thing, not a place
NOUN_ENDINGS = ("karte", "karten", "maske", "masken", "stab", "leitung", "fläche", "flächen", "reihe", "mittel",
                "mittelwert", "mittelwerte", "bild", "bilder", "analyse", "auswertung", "daten", "änderung",
                "differenz", "temperatur", "feuchte", "bedeckung", "schwere", "index",
                # time words of compounds: "Sommerhalbjahr", "Winterquartal", "Vegetationsperiode", "Jahresmittel"
                "halbjahr", "halbjahres", "quartal", "quartals", "periode", "zeitraum", "zeitraums", "monat", "monats",
                "statistik", "abweichung", "anomalie", "summe", "anzahl", "wert", "werte", "tabelle",
                # a gas's or the ash's cloud: "Schwefeldioxidfahne", "Aschewolke", "Stickstoffdioxidbelastung"
                "fahne", "wolke", "belastung", "konzentration")


# index and band tokens that head German and Dutch compounds ("NDVI-Zeitreihe", "SWIR-Band", "LST-Karte")
_NOUN_ENDINGS_FOLDED = frozenset(fold(e) for e in NOUN_ENDINGS)
_DATA_TOKENS = frozenset("ndvi evi savi ndwi mndwi ndmi nbr dnbr ndsi ndbi rvi lst swir nir vv vh hh hv dem rgb no2 so2 co "
                         "o3 ch4 hcho sar s1 s2 s3 s5p".split())


def is_vocabulary(word: str) -> bool:
    """A request word that is no place name: in the vocabulary, or a German compound of a data noun."""
    f = fold(word.strip(" ,.;:!?()'\""))
    if f in VOCABULARY or "_" in f:  # "SENTINEL2_L2A", "filter_bbox", "mask_scl_dilation": code, never a place name
        return True
    if "-" in f and all(parts := f.split("-")):
        # "SWIR-Komposit", "NIR-Band", "NDVI-Zeitreihe", "SO2-Fahne": every part a request word (never "Baden-Baden")
        return all(part in VOCABULARY or part in _DATA_TOKENS or part in _NOUN_ENDINGS_FOLDED for part in parts)
    return f in VOCABULARY or bool(MONTH_PART_COMPOUND.fullmatch(f)) or (
        len(f) > 8 and f.endswith(tuple(_NOUN_ENDINGS_FOLDED)))


# a German month compounded with a part of it: "Januarhälfte", "Maidekade", "Juliwoche", "Augustmitte"
MONTH_PART_COMPOUND = re.compile(r"(?:januar|janner|februar|marz|april|mai|juni|juli|august|september|oktober|november|"
                                 r"dezember)(?:halfte|halften|dekade|dekaden|woche|wochen|mitte|anfang|ende)")


# one field or parcel (singular) in six languages: a farm-scale box, not the town's
FIELD_WORDS = re.compile(
    r"\b(?:field|parcel|plot|paddock|orchard|vineyard|feld|acker|schlag|flurstück|parzelle|weinberg|"
    r"(?:feld|schlag)es\b|(?:acker|weinberg|flurstück)s\b|parcelle|champ|"  # German genitives: "meines Feldes"
    r"verger|vignoble|perceel|akker|boomgaard|wijngaard|parcela|finca|huerto|viñedo|campo|appezzamento|"
    r"frutteto|vigneto|meadow|pasture|wiese|weide|weiland|hooiland|pradera|p[âa]ture|p[âa]turage|pascolo)\b(?!s\b)", re.I)


def is_field_scale(text: str) -> bool:
    """'my parcel near Emmeloord', 'mein Feld bei Ulm': one field, not the fields of a region."""
    low = text.lower()
    return bool(FIELD_WORDS.search(low)) and not re.search(
        r"\b(?:fields|parcels|plots|orchards|vineyards|felder|äcker|parzellen|parcelles|champs|vergers|percelen|"
        r"akkers|parcelas|campos|fincas|huertos|viñedos|campi|vigneti|frutteti|meadows|pastures|hooilanden|wiesen|weiden|weilanden|praderas|"
        r"p[âa]tures|p[âa]turages|pascoli)\b", low)
