"""Place phrases of the classes the places3 sweep measures, with other places than its rows."""

from __future__ import annotations

from agent.planner.places import place_candidates


def test_dutch_town_adjective_takes_its_area_noun() -> None:
    assert "Haarlemse binnenstad" in place_candidates("Hittekaart van de Haarlemse binnenstad, juli 2023.")
    assert "Dordtse haven" in place_candidates("Scheepvaart in de Dordtse haven in 2023")


def test_romance_area_with_town_adjective_in_lower_case() -> None:
    assert "agglomération nantaise" in place_candidates("NDVI de l'agglomération nantaise en mai 2023")
    assert "porto livornese" in place_candidates("Traffico navale nel porto livornese, 2023")
    assert "área metropolitana sevillana" in place_candidates("Zonas verdes del área metropolitana sevillana en 2023")


def test_unit_word_kept_with_country_adjective() -> None:
    assert "province Tiznit" in place_candidates("NDVI de la province marocaine de Tiznit, printemps 2023")
    assert "contea Kisumu" in place_candidates("NDVI della contea keniota di Kisumu, 2023")
    assert "provincia Jujuy" in place_candidates("NDVI de la provincia argentina de Jujuy en 2023")


def test_city_with_country_adjective_stays_a_city() -> None:
    assert "Cordoue" in place_candidates("NDVI de la ville espagnole de Cordoue en 2023")


def test_name_ending_like_an_adjective_is_a_place() -> None:
    assert "Varese" in " ".join(place_candidates("NDVI del distretto di Varese, 2023"))
    assert not any("Chinese" in c for c in place_candidates("NDVI of Chinese farmland near Harbin"))


def test_elided_de_before_a_town() -> None:
    assert "Arles" in place_candidates("NDVI d'Arles en juin 2023")


def test_a_range_named_first_with_a_town_near_it_is_the_range() -> None:
    from agent.planner.aoi import choose_hits
    from agent.planner.places import PlaceHit

    cazorla = PlaceHit(name="Sierra de Cazorla, Spain", bbox=(-3.1, 37.6, -2.6, 38.2), kind="mountain range")
    town = PlaceHit(name="Cazorla, Spain", bbox=(-3.05, 37.88, -2.95, 37.94), kind="city, pop. 7k")
    text = "Snow cover in the Sierra de Cazorla near Cazorla, February 2023"
    assert choose_hits([cazorla, town], text) == [cazorla]
    # found by another of its names, asked for first: still the range
    other = cazorla.model_copy(update={"name": "Cazorla Mountains, Spain"})
    assert choose_hits([other, town], "Nieve en la Sierra de Cazorla cerca de Cazorla") == [other]
    # a town named first keeps the town
    assert choose_hits([town, cazorla], "NDVI of Cazorla near the Sierra de Cazorla")[0] == town


def test_month_names_tell_the_language_of_a_short_request() -> None:
    from agent.planner.i18n import request_language

    assert request_language("NDVI de Cordoue en juillet 2023") == "fr"  # "de" and "en" are Spanish words too
    assert request_language("NDVI de Burdeos en julio de 2023") == "es"
    assert request_language("NDVI di Lione a luglio 2023") == "it"


def test_a_town_adjective_names_a_town_of_its_language() -> None:
    from tools.places import gazetteer

    assert gazetteer().town_of_adjective("Gelderse heide") is None  # not Geldern in Germany


def test_a_reservoir_word_stays_with_its_name() -> None:
    assert "Kariba stuwmeer" in place_candidates("VH-verandering rond het Kariba stuwmeer in 2022")
    assert "Talsperre Eibenstock" in place_candidates("Wasserfläche der Talsperre Eibenstock, 2022")


def test_a_romance_town_area_keeps_its_generic_noun() -> None:
    assert "area portuale livornese" in place_candidates("NDVI dell'area portuale livornese, 2023")
    assert place_candidates("NDVI of the area of Utrecht") == ["Utrecht"]


def test_a_valley_word_before_the_name_stays_with_it() -> None:
    assert "valle del Jerte" in place_candidates("NDVI del valle del Jerte 2023")


def test_a_german_town_area_noun_stays_after_the_adjective() -> None:
    assert "Dortmunder Hafen" in place_candidates("NDVI im Dortmunder Hafen, Juni 2023")
    assert "Kölner Umland" in place_candidates("Versiegelung im Kölner Umland 2018 bis 2023")


def test_a_country_adjective_and_a_unit_word_are_no_place() -> None:
    cands = place_candidates("NDVI of the Ghanaian district of Obuasi, 2023")
    assert not any(c.lower().startswith("ghanaian") for c in cands) and any("Obuasi" in c for c in cands)


def test_parco_nazionale_leads_the_name() -> None:
    assert "parco nazionale del Gargano" in place_candidates("NDVI del parco nazionale del Gargano, 2023")


def test_plural_island_and_ria_words_lead_the_name() -> None:
    assert "îles Lavezzi" in place_candidates("NDVI des îles Lavezzi, 2023")
    assert "ría de Vigo" in place_candidates("NDWI de la ría de Vigo, 2023")


def test_more_unit_words_with_a_country_adjective() -> None:
    assert "wilaya Adrar" in place_candidates("NDVI de la wilaya algérienne d'Adrar, 2023")
    assert "district Mbale" in place_candidates("NDVI du district ougandais de Mbale, 2023")
    assert "provincia Sichuan" in place_candidates("NDVI della provincia cinese dello Sichuan, 2023")


def test_around_a_name_whose_region_was_found_asks_for_the_town() -> None:
    from agent.planner.model import around_town_queries
    from agent.planner.places import PlaceHit

    region = PlaceHit(name="Matam, Senegal", bbox=(-14.86, 14.39, -12.57, 16.16), kind="region, region")
    assert around_town_queries("NDVI autour de Matam en 2023", [(region, "Matam")]) == ["Matam town"]
    assert around_town_queries("NDVI de la région de Matam en 2023", [(region, "région de Matam")]) == []
    assert around_town_queries("NDVI of Matam in 2023", [(region, "Matam")]) == []
