"""Which namesake a request means: the country its places agree on.

find_place answers a bare name with its most prominent namesake and lists the others ("Also called
Córdoba: Córdoba, Spain (pop. 325k)"). A request gives the country away by its other places
("Córdoba and Sevilla", "Limburg, with Maastricht and Venlo", "Georgia and Florida"), and, more
weakly, by its language. `namesake_queries` reads the hits of a turn and returns the qualified
look-ups ("Córdoba, Spain") for the places found outside the country most of the request's places
lie in, or can lie in: the country that explains the most places by their own or an alternative's
country wins; on a tie, the one the request's language points to.
"""

from __future__ import annotations

from collections import Counter

from agent.planner.places import PlaceHit


def _name(country: str) -> str:
    """One spelling per country: geonames labels say "The Netherlands", Natural Earth's "Netherlands"."""
    return country[4:] if country.lower().startswith("the ") else country


def country_of(hit: PlaceHit) -> str | None:
    """The country of a hit from its label ("Córdoba, Andalusia, Spain" -> "Spain"); a country is its own."""
    if hit.kind.split(",")[0].strip() == "country":
        return _name(hit.name.split(",")[0].strip())
    parts = [p.strip() for p in hit.name.split(",") if p.strip()]
    return _name(parts[-1]) if len(parts) > 1 else None


def alternative_country(alternative: str) -> str | None:
    """'Córdoba, Spain (pop. 325k)' -> 'Spain'; 'Limburg, Netherlands (region)' -> 'Netherlands'."""
    label = alternative.split(" (")[0]
    parts = [p.strip() for p in label.split(",") if p.strip()]
    return _name(parts[-1]) if len(parts) > 1 else None


def _options(hit: PlaceHit) -> list[str]:
    own = country_of(hit)
    alts = [c for c in (alternative_country(a) for a in hit.alternatives) if c]
    return list(dict.fromkeys(([own] if own else []) + alts))


def agreed_country(hits: list[PlaceHit], preferred: tuple[str, ...] = ()) -> str | None:
    """The country that most hits lie in or have a namesake in (at least two hits, or one with the
    language's country); None when the places agree on nothing."""
    if not hits:
        return None
    counts: Counter[str] = Counter(c for h in hits for c in _options(h))
    own: Counter[str] = Counter(c for c in (country_of(h) for h in hits) if c)
    if not counts:
        return None

    def key(c: str) -> tuple[int, int, int]:
        return counts[c], int(c in preferred), own[c]

    best = max(counts, key=key)
    if counts[best] < 2 and best not in preferred:
        return None
    return best


def namesake_queries(hits: list[PlaceHit], asked_for: dict[str, str], preferred: tuple[str, ...] = ()) -> list[str]:
    """'Name, Country' look-ups for the hits found outside the agreed country while a namesake of
    theirs lies in it. `asked_for` maps a hit's name to the phrase it was looked up by."""
    country = agreed_country(hits, preferred)
    if country is None:
        return []
    out = []
    for h in hits:
        if country_of(h) == country:
            continue
        if h.kind.split(",")[0].strip() == "country" and not any(country_of(o) == country for o in hits if o is not h):
            continue  # a country named is that country unless the other places lie elsewhere ("au Luxembourg" is not
            # the Belgian province for the language alone; Georgia beside Florida is the US state)
        if any(alternative_country(a) == country for a in h.alternatives):
            base = asked_for.get(h.name) or h.name.split(",")[0].strip()
            out.append(f"{base}, {country}")
    return out
