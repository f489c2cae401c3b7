"""Phrasings for the leftover date/method classes of issue 16 (written before reading dates.py).

Each row: (request text, expected start, expected end). TODAY is the reference date;
"HALF_OPEN" rows are filled with the convention the planner uses for quarters without a year.
"""

TODAY = "2024-09-15"

# class 1: since / up to now / year to date
SINCE = [
    ("mean NDVI in Berlin since 2022", "2022-01-01", TODAY),
    ("mittlerer NDVI in Berlin seit 2022", "2022-01-01", TODAY),
    ("NDVI moyen à Lyon depuis 2022", "2022-01-01", TODAY),
    ("gemiddelde NDVI in Utrecht sinds 2022", "2022-01-01", TODAY),
    ("NDVI medio en Sevilla desde 2022", "2022-01-01", TODAY),
    ("NDVI medio a Bologna dal 2022", "2022-01-01", TODAY),
    ("NDVI time series for Munich since March 2023", "2023-03-01", TODAY),
    ("NDVI-Zeitreihe für Hamburg seit März 2023", "2023-03-01", TODAY),
    ("série temporelle NDVI à Nantes depuis mars 2023", "2023-03-01", TODAY),
    ("NDVI tijdreeks voor Gent sinds maart 2023", "2023-03-01", TODAY),
    ("serie temporal de NDVI en Valencia desde marzo de 2023", "2023-03-01", TODAY),
    ("serie temporale NDVI a Torino da marzo 2023", "2023-03-01", TODAY),
    ("NDVI in Vienna since the beginning of the year", "2024-01-01", TODAY),
    ("NDVI in Wien seit Jahresbeginn", "2024-01-01", TODAY),
    ("NDVI à Bordeaux depuis le début de l'année", "2024-01-01", TODAY),
    ("NDVI in Leiden sinds het begin van het jaar", "2024-01-01", TODAY),
    ("NDVI en Bilbao desde principios de año", "2024-01-01", TODAY),
    ("NDVI a Firenze dall'inizio dell'anno", "2024-01-01", TODAY),
    # (corrected after reading dates.py: "last summer" is the latest summer that has ended, 2024 on 15 September)
    ("NDVI in Prague since last summer", "2024-06-01", TODAY),
    ("NDVI in Dresden seit letztem Sommer", "2024-06-01", TODAY),
    ("NDVI in Oslo so far this year", "2024-01-01", TODAY),
    ("NDVI in Zurich year to date", "2024-01-01", TODAY),
    ("NDVI in Graz from January 2023 bis heute", "2023-01-01", TODAY),
    ("NDVI in Leipzig von Mai 2023 bis heute", "2023-05-01", TODAY),
    ("NDVI in Cork from May 2023 up to now", "2023-05-01", TODAY),
    ("NDVI à Lille de mai 2023 à aujourd'hui", "2023-05-01", TODAY),
    ("NDVI in Madrid desde 2021 hasta hoy", "2021-01-01", TODAY),
    ("NDVI a Milano dal 2021 ad oggi", "2021-01-01", TODAY),
]

# class 2: halves of a year
HALVES = [
    ("mean NDVI in Berlin in the first half of 2024", "2024-01-01", "2024-06-30"),
    ("mean NDVI in Berlin in H1 2024", "2024-01-01", "2024-06-30"),
    ("mean NDVI in Berlin in H2 2023", "2023-07-01", "2023-12-31"),
    ("mean NDVI in Berlin in the second half of 2023", "2023-07-01", "2023-12-31"),
    ("mittlerer NDVI in Köln in der ersten Jahreshälfte 2024", "2024-01-01", "2024-06-30"),
    ("mittlerer NDVI in Köln im zweiten Halbjahr 2022", "2022-07-01", "2022-12-31"),
    ("mittlerer NDVI in Köln in der zweiten Jahreshälfte 2022", "2022-07-01", "2022-12-31"),
    ("NDVI moyen à Lyon au premier semestre 2024", "2024-01-01", "2024-06-30"),
    ("NDVI moyen à Lyon au second semestre 2023", "2023-07-01", "2023-12-31"),
    ("NDVI moyen à Lyon au deuxième semestre 2023", "2023-07-01", "2023-12-31"),
    ("gemiddelde NDVI in Utrecht in de eerste helft van 2024", "2024-01-01", "2024-06-30"),
    ("gemiddelde NDVI in Utrecht in de tweede helft van 2023", "2023-07-01", "2023-12-31"),
    ("NDVI medio en Sevilla en el primer semestre de 2024", "2024-01-01", "2024-06-30"),
    ("NDVI medio en Sevilla en el segundo semestre de 2023", "2023-07-01", "2023-12-31"),
    ("NDVI medio a Bologna nel primo semestre 2024", "2024-01-01", "2024-06-30"),
    ("NDVI medio a Bologna nel secondo semestre 2023", "2023-07-01", "2023-12-31"),
    ("NDVI medio a Bologna nella prima metà del 2024", "2024-01-01", "2024-06-30"),
    # without a year: filled by the quarter convention (see test)
    ("mittlerer NDVI in Köln im ersten Halbjahr", "HALF1", "HALF1"),
    ("mean NDVI in Berlin in the first half of the year", "HALF1", "HALF1"),
    ("NDVI moyen à Lyon au premier semestre", "HALF1", "HALF1"),
]

# class 4: N days after an event (the event day is the first day of "after")
AFTER = [
    ("flood extent in Valencia 10 days after 29 October 2024", "2024-10-29", "2024-11-07"),
    ("NDWI in Valencia in the week after 29 October 2024", "2024-10-29", "2024-11-04"),
    ("NDWI in Valencia in the two weeks following 29 October 2024", "2024-10-29", "2024-11-11"),
    ("NDWI in Ahrweiler 5 Tage nach dem 14. Juli 2021", "2021-07-14", "2021-07-18"),
    ("NDWI à Nîmes 7 jours après le 3 octobre 1988", "1988-10-03", "1988-10-09"),
    ("NDWI in Valkenburg 10 dagen na 14 juli 2021", "2021-07-14", "2021-07-23"),
    ("NDWI en Valencia 10 días después del 29 de octubre de 2024", "2024-10-29", "2024-11-07"),
    ("NDWI a Faenza 10 giorni dopo il 16 maggio 2023", "2023-05-16", "2023-05-25"),
]

# class 5: until / as of / weekday names
ENDS = [
    ("NDVI in Berlin from 1 March 2024 until 15 May 2024", "2024-03-01", "2024-05-15"),
    ("NDVI in Berlin from March 2024 through May 2024", "2024-03-01", "2024-05-31"),
    ("NDVI in Berlin from 1 March 2024 up to 15 May 2024", "2024-03-01", "2024-05-15"),
    ("NDVI in Berlin vom 1. März 2024 bis zum 15. Mai 2024", "2024-03-01", "2024-05-15"),
    ("NDVI in Berlin from Monday 3 June to Friday 7 June 2024", "2024-06-03", "2024-06-07"),
    ("NDVI in Berlin von Montag, 3. Juni bis Freitag, 7. Juni 2024", "2024-06-03", "2024-06-07"),
    ("NDVI à Lyon du lundi 3 juin au vendredi 7 juin 2024", "2024-06-03", "2024-06-07"),
    ("NDVI in Gent van maandag 3 juni tot vrijdag 7 juni 2024", "2024-06-03", "2024-06-07"),
    ("NDVI en Sevilla del lunes 3 de junio al viernes 7 de junio de 2024", "2024-06-03", "2024-06-07"),
    ("NDVI a Torino da lunedì 3 giugno a venerdì 7 giugno 2024", "2024-06-03", "2024-06-07"),
]

# class 6: other relative spans
RELATIVE = [
    ("NDVI in Berlin over the past 3 weeks", "2024-08-25", TODAY),
    ("NDVI in Berlin over the last fortnight", "2024-09-01", TODAY),
    ("NDVI in Berlin over the last 10 days", "2024-09-05", TODAY),
    ("NDVI in Berlin in den letzten 10 Tagen", "2024-09-05", TODAY),
    ("NDVI à Lyon au cours des 10 derniers jours", "2024-09-05", TODAY),
    ("NDVI in Gent in de afgelopen 10 dagen", "2024-09-05", TODAY),
    ("NDVI en Sevilla en los últimos 10 días", "2024-09-05", TODAY),
    ("NDVI a Torino negli ultimi 10 giorni", "2024-09-05", TODAY),
]

# class 3: ratio / percent change of two periods' means (checked on generated code)
RATIO = [
    "ratio of mean NDVI in July 2023 to July 2022 for Berlin",
    "Verhältnis des mittleren NDVI zwischen Juli 2023 und Juli 2022 in Köln",
    "rapport entre le NDVI moyen de juillet 2023 et de juillet 2022 à Lyon",
    "verhouding van de gemiddelde NDVI in juli 2023 ten opzichte van juli 2022 in Utrecht",
    "razón entre el NDVI medio de julio de 2023 y julio de 2022 en Sevilla",
    "rapporto tra l'NDVI medio di luglio 2023 e luglio 2022 a Bologna",
]
PCT = [
    "percent change of mean NDVI between July 2022 and July 2023 in Berlin",
    "prozentuale Veränderung des mittleren NDVI zwischen Juli 2022 und Juli 2023 in Köln",
    "variation en pourcentage du NDVI moyen entre juillet 2022 et juillet 2023 à Lyon",
    "procentuele verandering van de gemiddelde NDVI tussen juli 2022 en juli 2023 in Utrecht",
    "cambio porcentual del NDVI medio entre julio de 2022 y julio de 2023 en Sevilla",
    "variazione percentuale dell'NDVI medio tra luglio 2022 e luglio 2023 a Bologna",
]
