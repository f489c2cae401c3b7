"""Dates in a request: days, ranges, months, seasons, years and relative phrases.

`find_periods(text, today, south=False)` reads normalised text (see `i18n.normalize`) and
returns every time period it mentions, in text order, as `Period` records with an exclusive
end (openEO `temporal_extent` semantics). Phrases without a year take the nearest year written
in the request, else the most recent such period before `today`. Seasons are meteorological
and follow the hemisphere (`south=True` swaps summer and winter). A role ("before"/"after")
is attached when the phrase is introduced by words like "pre-fire", "reference", "after".
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Any, Literal

from pydantic import BaseModel

from agent.planner.hazards import FIRE_EVENT

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}

M = (
    r"(january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?(?![a-z])"
)
Y = r"((?:19[5-9]|20\d)\d)"
D = r"([0-3]?\d)(?:st|nd|rd|th)?"
YEAR_RE = re.compile(r"(?<![\d.:])" + Y + r"(?![\d])")

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "a": 1,
    "few": 3,
    "couple of": 2,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "twee": 2,
    "drie": 3,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "due": 2,
    "quattro": 4,
    "fünf": 5,
    "cinq": 5,
    "vijf": 5,
    "cinco": 5,
    "cinque": 5,
    "zehn": 10,
    "dix": 10,
    "tien": 10,
    "diez": 10,
    "dieci": 10,
    "sieben": 7,
    "sept": 7,
    "zeven": 7,
    "siete": 7,
    "sette": 7,
    "vierzehn": 14,
    "quinze": 15,
    "veertien": 14,
    "catorce": 14,
    "quattordici": 14,
    "tre": 3,
    "sechs": 6,
    "sei": 6,
    "seis": 6,
    "zes": 6,
    "acht": 8,
    "huit": 8,
    "ocho": 8,
    "otto": 8,
    "neun": 9,
    "neuf": 9,
    "negen": 9,
    "nueve": 9,
    "nove": 9,
    "zwölf": 12,
    "douze": 12,
    "twaalf": 12,
    "doce": 12,
    "dodici": 12,
}
# what an event is called, once date_text has made it English: "the two weeks before the storm"
EVENT_NOUNS = (
    r"(?:storm|flood|flooding|floods|fire|wildfire|fires|event|earthquake|quake|eruption|landslide|rains?|"
    r"heavy rain|downpour|hurricane|cyclone|typhoon|disaster|dam break|breach|burn|it|that|this)"
)

BEFORE_WORDS = ("pre-", "pre ", "before", "reference", "baseline", "prior", "vor ", "vorher", "zuvor", "avant", "antes")
AFTER_WORDS = (
    "post-",
    "post ",
    "after",
    "flood period",
    "during",
    "event",
    "nach ",
    "nachher",
    "danach",
    "après",
    "después",
)


class Period(BaseModel):
    start: date
    end: date  # exclusive
    text: str = ""
    pos: int = 0
    kind: Literal["day", "days", "month", "months", "season", "year", "years", "relative", "event"] = "days"
    role: Literal["any", "before", "after"] = "any"
    each_year: int = 0  # a reference of the window's dates in each of this many years ("the three previous years")

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def extent(self) -> list[str]:
        return [self.start.isoformat(), self.end.isoformat()]


def month_end(y: int, m: int) -> date:
    """First day of the month after (y, m): the exclusive end of that month."""
    return date(y + (m == 12), m % 12 + 1, 1)


def _years_later(d: date, k: int) -> date:
    return _day(d.year + k, d.month, d.day)


def _month(name: str) -> int:
    return MONTHS[name.rstrip(".")]


def _day(y: int, m: int, d: int) -> date:
    return date(y, m, min(max(d, 1), calendar.monthrange(y, m)[1]))


# the parts of a month that can open or close a span: "from mid-may to late june" (31: the month's last day)
_QUAL_DAYS = {
    "early": (1, 10),
    "beginning of": (1, 10),
    "start of": (1, 10),
    "mid": (11, 20),
    "middle of": (11, 20),
    "late": (21, 31),
    "end of": (21, 31),
}
_QUAL = r"(early|beginning of|start of|mid|middle of|late|end of)"


def _valid(y: str, m: str, d: str) -> bool:
    try:
        date(int(y), int(m), int(d))
    except ValueError:
        return False
    return True


def _shift_months(d: date, k: int) -> date:
    """The same day k calendar months later (earlier for k < 0), clamped to the month's length."""
    y, m = divmod(d.month - 1 + k, 12)
    return _day(d.year + y, m + 1, d.day)


_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
_SOUTH = {(3, 5): (9, 11), (6, 8): (12, 2), (9, 11): (3, 5), (12, 2): (6, 8)}


class _Scanner:
    def __init__(self, text: str, today: date, south: bool) -> None:
        self.text = text
        self.today = today
        self.south = south
        self.taken: list[tuple[int, int]] = []
        self.used_years: set[int] = set()  # positions of year tokens consumed as context
        self.out: list[Period] = []
        self.anchors: list[Period] = []  # events implied by "the N days before <date>"
        self.season_groups: list[tuple[int, int, list[Period]]] = []  # "the summers of 2018 and 2023"
        self.event_days: list[Period] = []  # the event of "the N days after <date>": not loaded, counted from
        self.years = [(m.start(), int(m.group(1))) for m in YEAR_RE.finditer(text)]
        self._years_ago_as_year()

    def _years_ago_as_year(self) -> None:
        """'NDVI 3 years ago in June', 'the dry season five years ago': beside a month or a season, 'N years ago'
        names that year (June 2021), not the month around the day N years back."""
        near = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|summer|"
                r"winter|spring|autumn|fall|season|monsoon)")
        n_ago = r"(a|one|\d{1,2}|" + "|".join(w for w in NUMBER_WORDS if w not in ("a", "few")) + r")\s+years?\s+ago\b"
        for m in re.finditer(n_ago, self.text):
            # the month or season right beside it: "3 years ago in June", "the dry season 5 years ago"
            after_ = re.match(r"\s*,?\s*(?:in|during|of|for)?\s*(?:the\s+)?(?:early\s+|late\s+)?" + near, self.text[m.end():])
            before_ = re.search(near + r"\s*,?\s*(?:of\s+)?$", self.text[:m.start()])
            if not (after_ or before_):
                continue
            n = int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS.get(m.group(1), 1)
            self.years.append((m.start(), self.today.year - n))
            self.taken.append((m.start(), m.end()))

    # -- helpers -------------------------------------------------------------------------------
    def free(self, a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in self.taken)

    def add(self, a: int, b: int, start: date, end: date, kind: str) -> None:
        self.taken.append((a, b))
        for pos, _ in self.years:
            if a <= pos < b:
                self.used_years.add(pos)
        self.out.append(Period(start=start, end=end, text=self.text[a:b], pos=a, kind=kind))

    def infer_year(self, pos: int, month: int, day: int = 1) -> int:
        if self.years:
            p, y = min(self.years, key=lambda t: abs(t[0] - pos))
            self.used_years.add(p)
            return y
        y = self.today.year
        return y if date(y, month, min(day, 28)) <= self.today else y - 1

    def scan(self, pattern: str, handler) -> None:
        for m in re.finditer(pattern, self.text):
            if self.free(m.start(), m.end()):
                try:
                    res = handler(m)
                except ValueError:  # an impossible date ("2022-02-30", "32.10.2022"): no period
                    res = None
                if res:
                    start, end, kind = res
                    if end > start:
                        self.add(m.start(), m.end(), start, end, kind)

    # -- patterns, most specific first -----------------------------------------------------------
    def run(self) -> list[Period]:
        t = self.today
        iso = r"(\d{4})-(\d{2})-(\d{2})"
        self._anchored()
        # dekads and halves of a month, canonical from date_text: "dekad 2-3 of december 2018", "half 1 of june"
        self.scan(
            r"\b(dekad|half) ([1-3])(?:-([1-3]))? of\s+" + M + r"(?:,?\s+(?:of\s+)?" + Y + r")?", self._month_part
        )
        # the first or last days or weeks of a month, canonical from date_text: "last 10 days of june 2022"
        self.scan(
            r"\b(first|last) (\d{1,2}) (days|weeks) of\s+" + M + r"(?:,?\s+(?:of\s+)?" + Y + r")?", self._month_edge
        )
        self.scan(
            iso + r"\s*(?:to|until|through|-|/|and|–|\.\.)\s*" + iso,
            lambda m: (
                date(*map(int, m.group(1, 2, 3))),
                date(*map(int, m.group(4, 5, 6))) + timedelta(days=1),
                "days",
            ),
        )
        self.scan(
            r"(?<![\d-])" + iso + r"(?![\d-])",
            lambda m: (date(*map(int, m.group(1, 2, 3))), date(*map(int, m.group(1, 2, 3))) + timedelta(days=1), "day"),
        )
        # ISO weeks: "week 23 of 2022", "KW 23/2022", "semaine 23", "weeks 23-25", "2022-W23"
        self.scan(r"\b" + Y + r"-?w(\d{2})\b", lambda m: self._iso_week(m, m.group(2), None, m.group(1)))
        # ("semaines ISO 10 à 12", "settimane ISO 5-9 del 2024": ISO after the word)
        self.scan(
            r"\b(?:iso[- ]?)?(?:calendar\s+)?weeks?\s*(?:iso\s*)?(?:no\.?\s*|nr\.?\s*|number\s+)?(\d{1,2})(?:\s*(?:-|to|and)\s*"
            r"(\d{1,2}))?(?![\d:]|[.,]\d)(?:\s*(?:,|/|of|in|de|del|van|von)?\s*" + Y + r")?",
            lambda m: self._iso_week(m, m.group(1), m.group(2), m.group(3)),
        )
        # 28 june - 3 july 2019
        self.scan(
            r"\b(?:between\s+|from\s+)?" + D + r"\s+(?:de\s+)?" + M + r"(?:\s+(?:de\s+)?" + Y + r")?"
            r"\s*(?:-|to|until|till|through|thru|and)\s*"
            + D
            + r"\s+(?:de\s+)?"
            + M
            + r"(?:,?\s+(?:de\s+)?"
            + Y
            + r")?",
            self._day_month_range,
        )
        # 5-29 february 2024, from 1 to 15 may 2024
        self.scan(
            r"\b(?:from\s+)?"
            + D
            + r"\s*(?:-|to|until|till|through|thru|and)\s*"
            + D
            + r"\s+(?:of\s+|de\s+)?"
            + M
            + r"(?:,?\s+(?:de\s+)?"
            + Y
            + r")?",
            self._day_range,
        )
        # february 5-29, 2024
        self.scan(
            r"\b" + M + r"\s+" + D + r"\s*(?:-|to|until|through)\s*" + D + r"\b(?:,?\s+" + Y + r")?",
            lambda m: self._day_range_parts(m, m.group(1), m.group(2), m.group(3), m.group(4)),
        )
        # a day to (a part of) a month: "from 19 september 2021 to the end of october 2021", "vom 3. Mai bis Ende Juni",
        # "du 10 juin à fin août"; and a part of a month to a day: "from mid-september to 15 october 2021"
        self.scan(
            r"\b" + D + r"\s+(?:of\s+|de\s+)?" + M + r"(?:,?\s+(?:de\s+)?" + Y + r")?\s*(?:-|to|until|till|through)\s*"
            r"(?:(?:the|la|le|el|il)\s+)?(?:" + _QUAL + r"[\s-]+(?:of\s+)?)?" + M + r"(?:,?\s+" + Y + r")?(?![\s,]*\d)",
            self._day_to_month,
        )
        self.scan(
            r"\b"
            + _QUAL
            + r"[\s-]+(?:of\s+)?"
            + M
            + r"(?:,?\s+"
            + Y
            + r")?\s*(?:-|to|until|till|through)\s*"
            + D
            + r"\s+(?:of\s+|de\s+)?"
            + M
            + r"(?:,?\s+(?:de\s+)?"
            + Y
            + r")?",
            self._month_to_day,
        )
        # a whole month to a day, after "from"/"between": "from january 2024 until 15 may 2024" (from its first day)
        self.scan(
            r"\b(?:from|between)\s+()"
            + M
            + r"(?:,?\s+"
            + Y
            + r")?\s*(?:-|to|until|till|through|and)\s*"
            + D
            + r"\s+(?:of\s+|de\s+)?"
            + M
            + r"(?:,?\s+(?:de\s+)?"
            + Y
            + r")?",
            self._month_to_day,
        )
        # an end with no start: "as of 15 may 2024", "until 15 may 2024", "bis zum 15. Mai 2024": the default window
        # (the 30 days up to a day, as with no date at all) ending on that day; ranges with a start were read above
        self.scan(
            r"\b(?:as of|until|till|up to|through|to)\s+(?:the\s+)?(?:(\d{4})-(\d{2})-(\d{2})|"
            + D
            + r"\s+(?:of\s+|de\s+)?"
            + M
            + r"(?:,?\s+(?:de\s+|del\s+)?"
            + Y
            + r")?)(?![\s,]*(?:-|to|until|and)\s*\d)",
            self._up_to_day,
        )
        # single days: 5 february 2024, february 5, 2024
        self.scan(r"\b" + D + r"\s+(?:of\s+|de\s+)?" + M + r"(?:,?\s+(?:de\s+|del\s+)?" + Y + r")?", self._one_day_dm)
        self.scan(r"\b" + M + r"\s+" + D + r"\b(?!\s*(?:-|to)\s*\d)(?:,?\s+" + Y + r")?", self._one_day_md)
        # "from mid-may to late june 2023", "anfang april bis ende mai": one span from the first part to the last
        self.scan(
            r"\b(?:from\s+|between\s+)?(?:" + _QUAL + r"[\s-]+(?:of\s+)?)?" + M + r"(?:,?\s+" + Y + r")?"
            r"\s*(-|to|until|through|till|and)\s*(?:(?:the|la|le|el|il)\s+)?(?:"
            + _QUAL
            + r"[\s-]+(?:of\s+)?)?"
            + M
            + r"(?:,?\s+"
            + Y
            + r")?",
            self._qualified_range,
        )
        # early/mid/late march 2025, first week of july 2018
        self.scan(
            r"\b(early|beginning of|start of|mid|middle of|late|end of|first half of|"
            r"second half of|first week of|second week of|third week of|fourth week of|last week of|first two weeks of|"
            r"first dekad of|second dekad of|"
            r"third dekad of)[\s-]+(?:in\s+|of\s+)?(?:the\s+)?" + M + r"(?:,?\s+(?:of\s+)?" + Y + r")?",
            self._qualified_month,
        )
        # halves of a year: first half of 2021; "first half of year" (date_text's form with no year written): the
        # nearest year written, else the latest such half begun by today (as quarters without a year)
        self.scan(
            r"\b(first|second) half of\s+(?:" + Y + r"|year\b)",
            lambda m: (
                date(
                    self._year(m.group(2), m.start(), 1 if m.group(1) == "first" else 7),
                    1 if m.group(1) == "first" else 7,
                    1,
                ),
                month_end(
                    self._year(m.group(2), m.start(), 1 if m.group(1) == "first" else 7),
                    6 if m.group(1) == "first" else 12,
                ),
                "months",
            ),
        )
        # month lists: june, july and august 2022 (consecutive months: one window)
        self.scan(
            r"\b" + M + r"(?:\s*,\s*" + M + r")+\s*,?\s*(?:and|&)\s*" + M + r"(?:,?\s+" + Y + r")?", self._month_list
        )
        # month ranges: february-march 2019, from june to august 2019, november 2018 to february 2019
        self.scan(
            r"\b(?:from\s+|between\s+)?"
            + M
            + r"(?:\s+"
            + Y
            + r")?\s*(?:-|to|until|through|till|and)\s*"
            + M
            + r"(?:,?\s+"
            + Y
            + r")?",
            self._month_range,
        )
        # "july 2018 and 2023", "juli 2017 und 2021": that month in each year
        self.scan(r"\b" + M + r",?\s+" + Y + r"((?:\s*(?:,|and|&)\s*" + Y + r"(?![\d-]))+)", self._month_of_years)
        # month year, month of year
        self.scan(r"\b" + M + r",?\s+(?:of\s+|de\s+|del\s+)?" + Y, lambda m: self._month_of(m, m.group(1), m.group(2)))
        # relative
        self._relative()
        # the summers of 2018 and 2023: one season in each year
        self.scan(
            r"\b(summers?|winters?|springs?|autumns?|falls)\s+(?:of\s+|van\s+|von\s+|de\s+|des\s+|del\s+)?"
            + Y
            + r"((?:\s*(?:,|and|&)\s*"
            + Y
            + r")+)\b",
            self._seasons_of_years,
        )
        # wet, rainy and dry seasons, monsoon: "the 2023 wet season", "rainy season 2021", "last dry season"
        self.scan(
            r"\b(?:(last|this|past|previous)\s+)?(?:" + Y + r"\s+)?" + _TROPICAL + r"(?:\s+(?:of\s+)?" + Y + r")?",
            self._tropical_season,
        )
        # seasons
        self.scan(
            r"\b(?:(last|this|past|previous)\s+)?(?:" + Y + r"\s+)?(early\s+|late\s+)?"
            r"(summer|winter|spring|autumn|fall|growing season)(?:\s+(?:of\s+)?" + Y + r")?",
            self._season,
        )
        # bare months: "in july", "same for july", and a window's label before one ("vorher Mai", "before: May",
        # "avant : mai", "voor: mei")
        # (never a piece of a hyphenated name: "saint-mars-la-jaille", "august-bebel-strasse", "mars-la-tour")
        self.scan(
            r"\b(?:(?:in|for|of|during|since|until)\s+|(?:before|after|vorher|nachher|zuvor|danach|pre|post)\s*:?\s*)"
            + M + r"\b(?!-[a-z])",
            lambda m: self._month_of(m, m.group(1), None),
        )
        self.scan(
            r"(?<![a-z]-)\b(january|february|march|april|june|july|august|september|october|november|december)\b"
            r"(?!-[a-z])",
            lambda m: self._month_of(m, m.group(1), None),
        )
        self._same_period()
        # years that were not context of another phrase
        for pos, y in self.years:
            if pos not in self.used_years and self.free(pos, pos + 4):
                self.add(pos, pos + 4, date(y, 1, 1), date(y + 1, 1, 1), "year")
        self._drop_shadowed_seasons()
        self._months_in_each_year()
        self._roles()
        for p in self.out:
            if any(p.pos == e.pos for e in self.event_days):  # "the 10 days after 12 march": the after window
                p.role = "after"
        self._event_relative()
        for p in self.out:
            if p.kind == "relative" and p.text.split()[:3] and "before" in p.text:
                p.role = "before"
        self.out += self.anchors
        out = sorted(self.out, key=lambda p: p.pos)
        return out

    def _same_period(self) -> None:
        """'17 march - 30 april 2020 and the same period in 2019': the period written last before it (else the first
        one after it), moved to that year ('a year earlier': the year before its own)."""
        for m in re.finditer(r"\bsame period (?:in " + Y + r"|a year earlier)", self.text):
            dated = [p for p in self.out if p.kind not in ("year", "years") and p.days <= 366]
            prev = [p for p in dated if p.pos < m.start()]
            # written before its window ("compared with the same period in 2019, NDVI in June 2023"): the one after
            nxt = [p for p in dated if p.pos >= m.end()]
            if not (prev or nxt) or not self.free(m.start(), m.end()):
                continue
            src = max(prev, key=lambda p: p.pos) if prev else min(nxt, key=lambda p: p.pos)
            k = int(m.group(1)) - src.start.year if m.group(1) else -1
            if k:
                self.add(m.start(), m.end(), _years_later(src.start, k), _years_later(src.end, k), src.kind)

    def _anchored(self) -> None:
        """Phrases tied to another date: 'the 20 days before 14 september 2024', 'since 1 march', 'to today',
        quarters and year ranges."""
        t = self.today
        one = r"(?:(\d{4})-(\d{2})-(\d{2})|" + D + r"\s+(?:de\s+|of\s+)?" + M + r"(?:,?\s+(?:de\s+)?" + Y + r")?)"

        def when(m, k: int) -> date | None:
            g = m.groups()[k : k + 6]
            if g[0]:
                return date(int(g[0]), int(g[1]), int(g[2]))
            if g[3]:
                mo = _month(g[4])
                return _day(self._year(g[5], m.start(), mo, int(g[3])), mo, int(g[3]))
            return None

        units = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30}

        count = r"(\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
        # "the 20 days before 14 september", "the week before 14 may" (one unit when no number is written)
        self.scan(
            r"\b(?:the\s+|die\s+|les\s+|de\s+|los\s+|la\s+|el\s+)?(?:"
            + count
            + r"\s+(days?|weeks?|months?)|(?<![a-z])(week|month))"
            r"\s+before\s+(?:the\s+|le\s+|el\s+|dem\s+|de\s+)?" + one,
            lambda m: self._before(m, when, units),
        )
        # "the 10 days after the 12 march 2025 rain": from the event's day on, N long (the event day is the first
        # day of "after", as model.after and the flood examples count); it is also what a later "the 10 days
        # before it" counts back from
        self.scan(
            r"\b(?:the\s+|die\s+|les\s+|de\s+|los\s+|la\s+|el\s+)?(?:"
            + count
            + r"\s+(days?|weeks?|months?)|(?<![a-z])(week|month))"
            r"\s+(?:after|following)\s+"
            r"(?:the\s+|le\s+|el\s+|dem\s+|de\s+)?" + one + r"(?:\s+" + EVENT_NOUNS + r"\b)?",
            lambda m: self._after(m, when, units),
        )
        self.scan(
            r"\bsince\s+(?:the\s+)?(?:beginning\s+of\s+|start\s+of\s+)?(?:this|the)\s+year\b",
            lambda m: (date(t.year, 1, 1), t + timedelta(days=1), "relative"),
        )
        self.scan(
            r"\bsince\s+" + one, lambda m: (when(m, 0), t + timedelta(days=1), "relative") if when(m, 0) else None
        )
        self.scan(
            r"\b(?:from\s+)?" + one + r"\s*(?:to|until|-)\s*today\b",
            lambda m: (when(m, 0), t + timedelta(days=1), "relative") if when(m, 0) else None,
        )

        def month_on(m):
            mo = _month(m.group(1))
            return date(self._year(m.group(2), m.start(), mo), mo, 1), t + timedelta(days=1), "relative"

        self.scan(r"\b(?:from\s+|since\s+)?" + M + r"\s+" + Y + r"\s*(?:to|until|till|through|-)\s*today\b", month_on)
        # "since 2022", "seit 2022", "from 2021 to today": from the first of January of that year to today (an end
        # written after the year makes it a range of years, read below)
        self.scan(
            r"\b(?:from\s+|since\s+)" + Y + r"\s*(?:to|until|till|through|-)\s*today\b",
            lambda m: (date(int(m.group(1)), 1, 1), t + timedelta(days=1), "relative"),
        )
        self.scan(
            r"\bsince\s+(?:the\s+)?(?:year\s+)?" + Y + r"\b(?!\s*(?:[-/–]|(?:to|until|till|through|and)\b))",
            lambda m: (date(int(m.group(1)), 1, 1), t + timedelta(days=1), "relative"),
        )

        def season_on(m):  # "since last summer", "since winter 2022": from the first day of that season
            rel, name, ystr = m.groups()
            a, b = _SEASON_MONTHS[name]
            if self.south:
                a, b = _SOUTH[(a, b)]
            if ystr:
                y = int(ystr)
                start = date(y - 1 if a > b else y, a, 1)
            else:
                start = self._season_rel(rel or "this", a, b, None)[0]
            return start, t + timedelta(days=1), "relative"

        self.scan(
            r"\bsince\s+(?:the\s+)?(?:(last|this|past|previous)\s+)?(summer|winter|spring|autumn|fall)"
            r"(?:\s+(?:of\s+)?" + Y + r")?\b",
            season_on,
        )

        def part_on(m):  # "since mid-march 2024", "seit Anfang Mai": from the start of that part of the month
            mo = _month(m.group(2))
            return (
                _day(self._year(m.group(3), m.start(), mo), mo, _QUAL_DAYS[m.group(1)][0]),
                t + timedelta(days=1),
                "relative",
            )

        self.scan(
            r"\bsince\s+(?:the\s+)?" + _QUAL + r"[\s-]+(?:of\s+)?" + M + r"(?:\s+" + Y + r")?\b"
            r"(?!\s*(?:\d{4}\s*)?(?:to|until|till|through|-))",
            part_on,
        )
        self.scan(
            r"\bsince\s+(?:the\s+)?(?:beginning\s+of\s+|start\s+of\s+)?" + M + r"(?:\s+" + Y + r")?\b"
            r"(?!\s*(?:\d{4}\s*)?(?:to|until|till|through|-))",
            month_on,
        )

        def quarter(m):  # without a year: the nearest year written, else the latest such quarter begun by today
            q = int(m.group(1))
            y = self._year(m.group(2), m.start(), 3 * q - 2)
            return date(y, 3 * q - 2, 1), month_end(y, 3 * q), "months"

        self.scan(r"\bq([1-4])\s*(?:of\s+)?" + Y + r"?", quarter)

        def years(m):
            a, b = int(m.group(1)), int(m.group(2))
            if re.search(r"\band\b", m.group(0)) and not m.group(0).startswith("between") and b - a > 1:
                return None  # "the years 2018 and 2022": two years ("between 2018 and 2022" is the span)
            # a record may span decades: Landsat since 1984, "1990-2023"
            return (date(a, 1, 1), date(b + 1, 1, 1), "years") if a < b <= a + 60 else None

        self.scan(
            r"\b" + Y + r"\s*[-/]\s*(?:" + Y + r"|\d\d)\s+(winter)\b",
            lambda m: (date(int(m.group(1)), 12, 1), month_end(int(m.group(1)) + 1, 2), "season"),
        )
        # "the 2022/23 wet season", "rainy season 2021-22": the season that runs across the new year from the first
        self.scan(
            r"\b" + Y + r"\s*[-/]\s*(?:" + Y + r"|\d\d)\s+" + _TROPICAL + r"\b",
            lambda m: self._tropical(m.group(3), int(m.group(1)), across=True),
        )
        self.scan(
            r"\b" + _TROPICAL + r"\s+(?:of\s+)?" + Y + r"\s*[-/]\s*(?:" + Y + r"|\d\d)\b",
            lambda m: self._tropical(m.group(1), int(m.group(2)), across=True),
        )
        self.scan(
            r"\b(?:from\s+|between\s+)?"
            + Y
            + r"\s*(?:-|to|and|until|till|through|thru)\s*"
            + Y
            + r"\b(?!-\d)(?!\s*(?:n|s)\b)",
            lambda m: (
                years(m)
                if not re.search(
                    r"(winters?|summers?|seasons?|springs?|autumns?|monsoon)\s*(?:of\s+|van\s+)?$",
                    self.text[: m.start()],
                )
                else None
            ),
        )

        def season_span(m):
            a = int(m.group(2))
            return date(a, 12, 1), month_end(a + 1, 2), "season"

        self.scan(r"\b(winter)\s+" + Y + r"\s*[-/]\s*(?:" + Y + r"|\d\d)\b", season_span)

    @staticmethod
    def _count(word: str) -> int:
        return int(word) if word.isdigit() else NUMBER_WORDS.get(word, 1)

    def _after(self, m, when, units):
        d = when(m, 3)
        if d is None:
            return None
        n = self._count(m.group(1)) * units[m.group(2)] if m.group(1) else units[m.group(3)]
        self.event_days.append(
            Period(start=d, end=d + timedelta(days=1), text=self.text[m.start() : m.end()], pos=m.start(), kind="event")
        )
        if (m.group(2) or m.group(3)).startswith("month"):  # calendar months: "the 2 months after 14 july"
            return d, _shift_months(d, n // 30), "relative"
        return d, d + timedelta(days=n), "relative"

    def _before(self, m, when, units):
        d = when(m, 3)
        if d is None:
            return None
        n = self._count(m.group(1)) * units[m.group(2)] if m.group(1) else units[m.group(3)]
        start, end = d - timedelta(days=n), d
        if (m.group(2) or m.group(3)).startswith("month"):  # calendar months: "the month before 1 june" is may
            start = _shift_months(d, -(n // 30))
        self.anchors.append(
            Period(
                start=end,
                end=end + timedelta(days=1),
                text=self.text[m.start() : m.end()],
                pos=m.end(),
                kind="event",
                role="after",
            )
        )
        return start, end, "relative"

    def _iso_week(self, m, w1: str, w2: str | None, ystr: str | None):
        a, b = int(w1), int(w2 or w1)
        if not 1 <= a <= b <= 53:
            return None
        if ystr:
            y = int(ystr)
        elif self.years:
            p, y = min(self.years, key=lambda t: abs(t[0] - m.start()))
            self.used_years.add(p)
        else:
            y = self.today.year
            if date.fromisocalendar(y, a, 1) > self.today:
                y -= 1
        try:
            return date.fromisocalendar(y, a, 1), date.fromisocalendar(y, b, 7) + timedelta(days=1), "days"
        except ValueError:  # week 53 of a year that has 52
            return None

    def _year(self, ystr: str | None, pos: int, month: int, day: int = 1) -> int:
        return int(ystr) if ystr else self.infer_year(pos, month, day)

    def _day_month_range(self, m):
        m1, m2 = _month(m.group(2)), _month(m.group(5))
        y2 = self._year(m.group(6) or m.group(3), m.start(), m2, int(m.group(4)))
        y1 = int(m.group(3)) if m.group(3) else (y2 - 1 if m1 > m2 else y2)
        return _day(y1, m1, int(m.group(1))), _day(y2, m2, int(m.group(4))) + timedelta(days=1), "days"

    def _day_range(self, m):
        return self._day_range_parts(m, m.group(3), m.group(1), m.group(2), m.group(4))

    def _day_range_parts(self, m, mon, d1, d2, ystr):
        mo = _month(mon)
        y = self._year(ystr, m.start(), mo, int(d1))
        a, b = _day(y, mo, int(d1)), _day(y, mo, int(d2))
        return (a, b + timedelta(days=1), "days") if b >= a else None

    def _day_to_month(self, m):
        d1, mon1, ys1, q2, mon2, ys2 = m.groups()
        m1, m2 = _month(mon1), _month(mon2)
        y2 = self._year(ys2 or ys1, m.start(), m2)
        y1 = int(ys1) if ys1 else (y2 - 1 if m1 > m2 else y2)
        if ys1 and not ys2:
            y2 = y1 + 1 if m1 > m2 else y1
        end = _day(y2, m2, _QUAL_DAYS[q2][1] if q2 else 31)
        return _day(y1, m1, int(d1)), end + timedelta(days=1), "days"

    def _month_to_day(self, m):
        q1, mon1, ys1, d2, mon2, ys2 = m.groups()
        m1, m2 = _month(mon1), _month(mon2)
        y2 = self._year(ys2 or ys1, m.start(), m2, int(d2))
        y1 = int(ys1) if ys1 else (y2 - 1 if m1 > m2 else y2)
        first = _QUAL_DAYS[q1][0] if q1 else 1  # a whole month: from its first day
        return _day(y1, m1, first), _day(y2, m2, int(d2)) + timedelta(days=1), "days"

    def _up_to_day(self, m):
        clause = re.split(r"[.;:]", self.text[max(0, m.start() - 40) : m.start()])[-1]
        if re.search(r"\d|" + _MW + r"|\b(?:after|before|since|from)\b", clause):
            return (
                None  # "after 14 may until 25 may": the end of a span whose start is written (the planner joins them)
            )
        if m.group(1):
            d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        else:
            mo = _month(m.group(5))
            d = _day(self._year(m.group(6), m.start(), mo, int(m.group(4))), mo, int(m.group(4)))
        return d - timedelta(days=30), d + timedelta(days=1), "relative"

    def _one_day_dm(self, m):
        mo = _month(m.group(2))
        if int(m.group(1)) == 0 or int(m.group(1)) > 31:
            return None
        y = self._year(m.group(3), m.start(), mo, int(m.group(1)))
        d = _day(y, mo, int(m.group(1)))
        return d, d + timedelta(days=1), "day"

    def _one_day_md(self, m):
        mo = _month(m.group(1))
        if not m.group(3) and not 1 <= int(m.group(2)) <= 31:
            return None
        y = self._year(m.group(3), m.start(), mo, int(m.group(2)))
        d = _day(y, mo, int(m.group(2)))
        return d, d + timedelta(days=1), "day"

    def _month_part(self, m):
        part, a, b, mo = m.group(1), int(m.group(2)), int(m.group(3) or m.group(2)), _month(m.group(4))
        y = self._year(m.group(5), m.start(), mo)
        last = calendar.monthrange(y, mo)[1]
        size = 10 if part == "dekad" else 15
        start = date(y, mo, 1 + size * (a - 1))
        end = date(y, mo, last) if b == (3 if part == "dekad" else 2) else date(y, mo, size * b)
        return start, end + timedelta(days=1), "days"

    def _qualified_range(self, m):
        q1, mon1, ys1, sep, q2, mon2, ys2 = m.groups()
        if not (q1 or q2) or (sep == "and" and not m.group(0).startswith("between")):
            return None  # plain month ranges are read below; "early june and late august": two windows
        m1, m2 = _month(mon1), _month(mon2)
        y2 = self._year(ys2 or ys1, m.start(), m2)
        y1 = int(ys1) if ys1 else (y2 - 1 if m1 > m2 else y2)
        if ys1 and not ys2:
            y2 = y1 + 1 if m1 > m2 else y1
        a = _QUAL_DAYS[q1][0] if q1 else 1
        b = _QUAL_DAYS[q2][1] if q2 else 31
        return _day(y1, m1, a), _day(y2, m2, b) + timedelta(days=1), "days"

    def _month_edge(self, m):
        """The first or last N days (or weeks) of a month: "the last ten days of june" is 21-30 june."""
        n = int(m.group(2)) * (7 if m.group(3) == "weeks" else 1)
        mo = _month(m.group(4))
        y = self._year(m.group(5), m.start(), mo)
        last = calendar.monthrange(y, mo)[1]
        if not 1 <= n < last:
            return None
        a, b = (1, n) if m.group(1) == "first" else (last - n + 1, last)
        return date(y, mo, a), date(y, mo, b) + timedelta(days=1), "days"

    def _qualified_month(self, m):
        q, mo = m.group(1), _month(m.group(2))
        y = self._year(m.group(3), m.start(), mo)
        last = calendar.monthrange(y, mo)[1]
        a, b = {
            "early": (1, 10),
            "beginning of": (1, 10),
            "start of": (1, 10),
            "mid": (11, 20),
            "middle of": (11, 20),
            "late": (21, last),
            "end of": (21, last),
            "first half of": (1, 15),
            "second half of": (16, last),
            "first week of": (1, 7),
            "second week of": (8, 14),
            "third week of": (15, 21),
            "fourth week of": (22, 28),
            "last week of": (last - 6, last),
            "first two weeks of": (1, 14),
            "first dekad of": (1, 10),
            "second dekad of": (11, 20),
            "third dekad of": (21, last),
        }[q]
        return date(y, mo, a), date(y, mo, b) + timedelta(days=1), "days"

    def _month_range(self, m):
        m1, m2 = _month(m.group(1)), _month(m.group(3))
        sep = self.text[m.start() : m.end()]
        if " and " in sep and (
            m.group(2) and m.group(4) or not sep.startswith("between") and (m.group(2) or not m.group(4))
        ):
            return None  # "january 2017 and january 2025", "between july 2022 and september 2022": two periods
        if " and " in sep and not sep.startswith("between") and (m2 - m1) % 12 != 1:
            return None  # "june and august 2023": two months (consecutive "june and july 2023" stay one window)
        if m.group(1) == "may" and not (m.group(2) or m.group(4)) and " may " in f" {sep} " and m1 == m2:
            return None
        if m.group(2) and m.group(4):
            y1, y2 = int(m.group(2)), int(m.group(4))
        else:
            y2 = self._year(m.group(4) or m.group(2), m.start(), m2)
            y1 = y2 - 1 if m1 > m2 else y2
            if m.group(2) and not m.group(4):
                y1 = int(m.group(2))
                y2 = y1 + 1 if m1 > m2 else y1
        return date(y1, m1, 1), month_end(y2, m2), "months"

    def _month_list(self, m):
        found = list(re.finditer(r"\b" + M, self.text[m.start() : m.end()]))
        months = [_month(x.group(1)) for x in found]
        ystr = m.group(m.lastindex) if m.group(m.lastindex) and m.group(m.lastindex).isdigit() else None
        y2 = self._year(ystr, m.start(), months[-1])
        if any((b - a) % 12 != 1 for a, b in zip(months, months[1:])):
            # "january, april and july 2020": separate months of that year
            for x, mo in zip(found, months):
                self.add(m.start() + x.start(), m.start() + x.end(), date(y2, mo, 1), month_end(y2, mo), "month")
            self.taken.append((m.start(), m.end()))
            return None
        y1 = y2 - 1 if months[0] > months[-1] else y2
        return date(y1, months[0], 1), month_end(y2, months[-1]), "months"

    def _month_of(self, m, mon, ystr):
        mo = _month(mon)
        y = self._year(ystr, m.start(), mo)
        return date(y, mo, 1), month_end(y, mo), "month"

    def _season(self, m):
        rel, y1, qual, name, y2 = m.groups()
        if name == "fall" and not (rel or y1 or y2):
            return None
        south = self.south
        months = {
            "spring": (3, 5),
            "summer": (6, 8),
            "autumn": (9, 11),
            "fall": (9, 11),
            "winter": (12, 2),
            "growing season": (5, 9),
        }[name]
        if south:
            months = {(3, 5): (9, 11), (6, 8): (12, 2), (9, 11): (3, 5), (12, 2): (6, 8), (5, 9): (11, 3)}[months]
        a, b = months
        if rel:
            return self._season_rel(rel, a, b, qual)
        else:
            y = int(y1 or y2) if (y1 or y2) else None
            if y is None and not self.years:
                if name == "fall" or not re.search(
                    r"\b(in|during|for|over|this|the)\s+(early\s+|late\s+)?$",
                    self.text[max(0, m.start() - 12) : m.start()] + " ",
                ):
                    return None
                return self._season_rel("last", a, b, qual)
            if y is None:
                y = self.infer_year(m.start(), b)
            start, end = date(y - 1 if a > b else y, a, 1), month_end(y, b)
        return self._qualify(start, end, qual)

    def _seasons_of_years(self, m):
        """'the summers of 2018 and 2023': that season in each year; the group is remembered so that months
        written with it ('jeweils Juli bis August') replace each season by those months of its year."""
        name = {"fall": "autumn", "falls": "autumn"}.get(m.group(1), m.group(1).rstrip("s"))
        a, b = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (12, 2)}[name]
        if self.south:
            a, b = {(3, 5): (9, 11), (6, 8): (12, 2), (9, 11): (3, 5), (12, 2): (6, 8)}[(a, b)]
        group = []
        for y in YEAR_RE.finditer(self.text, m.start(), m.end()):
            yr = int(y.group(1))
            self.add(y.start(), y.end(), date(yr - 1 if a > b else yr, a, 1), month_end(yr, b), "season")
            group.append(self.out[-1])
        self.season_groups.append((m.start(), m.end(), group))
        self.taken.append((m.start(), m.end()))
        return None

    def _month_of_years(self, m):
        mo = _month(m.group(1))
        for y in YEAR_RE.finditer(self.text, m.start(), m.end()):
            yr = int(y.group(1))
            self.add(y.start(), y.end(), date(yr, mo, 1), month_end(yr, mo), "month")
        self.taken.append((m.start(), m.end()))
        return None

    def _months_in_each_year(self) -> None:
        """'zwischen 2018 und 2023, jeweils Juli bis August', 'in 2019 and 2022, each in June': months without a
        year, said to hold for each of two years, are those months in each (in place of the years)."""
        if not re.search(_EACH, self.text):
            return
        months = [q for q in self.out if q.kind in ("month", "months") and not YEAR_RE.search(q.text)]
        spans = [p for p in self.out if p.kind == "years" and p.text.startswith("between")]
        years = [p for p in self.out if p.kind == "year"]
        if len(months) != 1 or spans and years or not (spans or years):
            return
        q = months[0]
        yq = q.end.year if q.end.month > 1 else q.end.year - 1  # the year the months end in (written or inferred)
        if len(years) == 1 and yq != years[0].start.year and yq in (y for _, y in self.years):
            # "2018 vs 2023, july-august of each year": the months took 2023 as theirs
            years.append(Period(start=date(yq, 1, 1), end=date(yq + 1, 1, 1), pos=q.pos, kind="year"))
        if not spans and len(years) < 2:
            return
        if spans:
            span = spans[0]
            found = [(span.pos + y.start(), int(y.group(1))) for y in YEAR_RE.finditer(span.text)]
        else:
            found = [(p.pos, p.start.year) for p in years]
        self.out = [p for p in self.out if p is not q and p not in spans and p not in years]
        for pos, y in found:
            self.out.append(
                Period(
                    start=_years_later(q.start, y - yq),
                    end=_years_later(q.end, y - yq),
                    text=q.text,
                    pos=pos,
                    kind=q.kind,
                )
            )

    def _tropical(self, name: str, year: int, across: bool = False):
        """A wet/rainy/dry season or the monsoon of a year (see `tropical_months`). A season across the new year
        ends in `year`, or starts in it when written '2022/23' (`across`)."""
        a, b = tropical_months(name, self.south)
        if a > b:
            y_end = year + 1 if across else year
            return date(y_end - 1, a, 1), month_end(y_end, b), "season"
        return date(year, a, 1), month_end(year, b), "season"

    def _tropical_season(self, m):
        rel, y1, name, y2 = m.groups()
        a, b = tropical_months(name, self.south)
        if y1 or y2:
            return self._tropical(name, int(y1 or y2))
        if rel:
            return self._season_rel(rel, a, b, None)
        if self.years:
            return self._tropical(name, self.infer_year(m.start(), b))
        return self._season_rel("last", a, b, None)

    def _season_rel(self, rel: str, a: int, b: int, qual: str | None):
        """The most recent such season that has ended ('last'), or the current one ('this')."""
        y = self.today.year + 1
        while True:
            start = date(y - 1 if a > b else y, a, 1)
            end = month_end(y, b)
            if (rel == "this" and start <= self.today) or (rel != "this" and end <= self.today):
                break
            y -= 1
        # the current season so far: no acquisition exists after today
        return self._qualify(start, min(end, self.today + timedelta(days=1)), qual)

    @staticmethod
    def _qualify(start: date, end: date, qual: str | None):
        if qual and qual.strip() == "early":
            end = month_end(start.year, start.month)
        elif qual and qual.strip() == "late":
            start = date(end.year if end.month > 1 else end.year - 1, (end.month - 2) % 12 + 1, 1)
        return start, end, "season"

    def _relative(self) -> None:
        t = self.today
        tomorrow = t + timedelta(days=1)
        units = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30, "year": 365, "years": 365}

        def last_n(m):
            n = int(m.group(2)) if m.group(2).isdigit() else NUMBER_WORDS.get(m.group(2), 3)
            if m.group(3).startswith(("month", "year")):  # calendar months and years, not 30 or 365 days
                return _shift_months(t, -n * (12 if m.group(3).startswith("year") else 1)), tomorrow, "relative"
            return t - timedelta(days=n * units[m.group(3)]), tomorrow, "relative"

        self.scan(
            r"\b(last|past|previous|recent)\s+(\d+|few|couple of|"
            + "|".join(NUMBER_WORDS)
            + r")\s+(days?|weeks?|months?|years?)\b",
            last_n,
        )
        # "the last 48 hours": the days they reach back into
        self.scan(
            r"\b(?:last|past|previous)\s+(\d+)\s+hours?\b",
            lambda m: (t - timedelta(days=-(-int(m.group(1)) // 24)), tomorrow, "relative"),
        )
        self.scan(r"\b(?:last|past|previous)\s+decade\b", lambda m: (_shift_months(t, -120), tomorrow, "relative"))

        def last_seasons(m):  # "the last two summers", "die letzten drei Winter": each season, the latest ended last
            n = int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS.get(m.group(1), 2)
            name = {"falls": "autumn"}.get(m.group(2), m.group(2).rstrip("s"))
            a, b = _SEASON_MONTHS[name]
            if self.south:
                a, b = _SOUTH[(a, b)]
            start, end, _ = self._season_rel("last", a, b, None)
            for _k in range(min(n, 30)):
                self.add(m.start(), m.end(), start, end, "season")
                start, end = _years_later(start, -1), _years_later(end, -1)
            self.out.sort(key=lambda p: (p.pos, p.start))
            return None

        self.scan(
            r"\b(?:last|past|previous)\s+(\d+|" + _NUMBER_WORDS_RX + r")\s+(summers|winters|springs|autumns|falls)\b",
            last_seasons,
        )

        def quarter_back(m):  # "last quarter": the latest quarter that has ended; "this quarter": today's, so far
            q0 = date(t.year, 3 * ((t.month - 1) // 3) + 1, 1)
            if m.group(1) == "this":
                return q0, tomorrow, "relative"
            prev = _shift_months(q0, -3)
            return prev, q0, "months"

        self.scan(r"\b(last|previous|past|this)\s+quarter\b(?!\s+of\b)", quarter_back)

        def ago(m):
            n = int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS.get(m.group(1), 1)
            d = t - timedelta(days=n * units[m.group(2)])
            return d, d + timedelta(days=1), "day"

        self.scan(r"\b(\d+|one|" + _NUMBER_WORDS_RX + r")\s+(days?|weeks?)\s+ago\b", ago)

        def long_ago(m):
            n = int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS.get(m.group(1), 1)
            centre = t - timedelta(days=n * units[m.group(2)])
            return centre - timedelta(days=15), centre + timedelta(days=15), "relative"

        self.scan(r"\b(a|one|\d+|" + _NUMBER_WORDS_RX + r")\s+(months?|years?)\s+ago\b", long_ago)

        def last_named_month(m):
            mo = _month(m.group(2))
            y = t.year if (mo < t.month or (m.group(1) == "this" and mo <= t.month)) else t.year - 1
            return date(y, mo, 1), month_end(y, mo), "month"

        self.scan(r"\b(last|this|past)\s+" + M + r"(?!\s+\d)", last_named_month)

        def last_month(m):
            first = date(t.year, t.month, 1)
            prev = first - timedelta(days=1)
            return date(prev.year, prev.month, 1), first, "month"

        self.scan(r"\b(last|previous|past)\s+month\b", last_month)
        self.scan(r"\bthis\s+month\b", lambda m: (date(t.year, t.month, 1), tomorrow, "relative"))
        self.scan(r"\b(last|previous|past)\s+week\b", lambda m: (t - timedelta(days=7), tomorrow, "relative"))
        self.scan(r"\bthis\s+week\b", lambda m: (t - timedelta(days=t.weekday()), tomorrow, "relative"))
        self.scan(r"\b(last|previous)\s+year\b", lambda m: (date(t.year - 1, 1, 1), date(t.year, 1, 1), "year"))
        self.scan(r"\bpast\s+year\b", lambda m: (t - timedelta(days=365), tomorrow, "relative"))
        self.scan(r"\bthis\s+year\b", lambda m: (date(t.year, 1, 1), tomorrow, "relative"))
        self.scan(r"\byesterday\b", lambda m: (t - timedelta(days=1), t, "event"))

        def weekday(m):
            wd = WEEKDAYS[m.group(1)]
            back = (t.weekday() - wd) % 7 or 7
            d = t - timedelta(days=back)
            return d, d + timedelta(days=1), "event"

        def since_weekday(m):
            wd = WEEKDAYS[m.group(1)]
            back = (t.weekday() - wd) % 7
            return t - timedelta(days=back), tomorrow, "relative"

        self.scan(
            r"\bsince\s+(?:last\s+|the\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", since_weekday
        )

        def weekend(m):
            saturday = t - timedelta(days=(t.weekday() - 5) % 7)  # the latest Saturday, today included
            if m.group(1) in ("last", "past", "previous"):
                if saturday + timedelta(days=2) > t:  # still this weekend: the one before
                    saturday -= timedelta(days=7)
                return saturday, saturday + timedelta(days=2), "event"
            return saturday, min(saturday + timedelta(days=2), tomorrow), "event"

        self.scan(r"\b(last|past|previous|this)\s+weekend\b", weekend)
        self.scan(r"\b(?:last|past|previous)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", weekday)
        self.scan(r"\bon\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", weekday)

    def _event_relative(self) -> None:
        """'the two weeks before the storm', 'the week after the flood', 'die 10 Tage vor dem Brand': a window
        next to the event the request dates elsewhere ("last weekend's storm", "the fire of 14 August")."""
        units = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30}
        numbers = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
        head = (
            r"\b(?:the\s+|in\s+the\s+)?(?:(\d+|" + numbers + r")\s+)?(days?|weeks?|months?)\s+(before|after|prior to|"
            r"following)"
        )
        rx = head + r"\s+(?:the\s+|its\s+|this\s+|that\s+)?(?:\w+\s+)?" + EVENT_NOUNS + r"\b"
        found = [m for m in re.finditer(rx, self.text) if self.free(m.start(), m.end())]
        if self.event_days or found:
            # with no noun at the end of a clause, once an event was dated or named: "... compared with the 10 days
            # before", "three weeks before the storm of 29 october against the week after"
            found += [
                m
                for m in re.finditer(head + r"(?=\s*(?:[.,;:)]|$))", self.text)
                if self.free(m.start(), m.end()) and not any(f.start() <= m.start() < f.end() for f in found)
            ]
        # "i 12 giorni precedenti", "les 10 jours précédents", "die 10 Tage davor": the N days before the event the
        # request dates elsewhere, with no date or event word after them
        bare = (
            r"\b(?:(\d+|"
            + numbers
            + r")\s+)(days?|weeks?|months?)\s+(before|after|prior)(?!\s+(?:to\s+)?(?:the\s+)?(?:\d|"
            + _MW
            + r"|"
            + EVENT_NOUNS
            + r"\b|today))"
        )
        found += [
            m
            for m in re.finditer(bare, self.text)
            if self.free(m.start(), m.end()) and not any(f.start() <= m.start() < f.end() for f in found)
        ]
        if not found:
            return
        # the event: a day dated with "the N days after <date>", else the day "the N days before <date>" counts back
        # from ("the 7 days before 16 may and the 7 days after"), else the first short period written
        events = self.event_days or self.anchors or [p for p in sorted(self.out, key=lambda p: p.pos) if p.days <= 31]
        if not events:
            return
        event = events[0]
        if event.role == "before":  # "the 10 days before the storm of 14 May": the storm's day is no reference
            event.role = "any"
        for m in found:
            word = m.group(1)
            n = (int(word) if word and word.isdigit() else NUMBER_WORDS.get(word, 1) if word else 1) * units[m.group(2)]
            if m.group(3) in ("before", "prior to", "prior"):
                start, end, role = event.start - timedelta(days=n), event.start, "before"
            else:
                # from the event's day on, as "the 10 days after 14 july" (the before window ends the day before)
                start, end, role = event.start, event.start + timedelta(days=n), "after"
            self.taken.append((m.start(), m.end()))
            self.out.append(
                Period(
                    start=start, end=end, text=self.text[m.start() : m.end()], pos=m.start(), kind="relative", role=role
                )
            )
            if role == "after" and event.days == 1:
                # "the 3 weeks after the fire of 23 august", "the 3 weeks before 2 november and the 3 weeks after":
                # the after window starts on the event's day, which is no window of its own (else it would be the
                # narrower period that hides the window)
                for pool in (self.out, self.anchors):
                    if event in pool:
                        pool.remove(event)

    def _drop_shadowed_seasons(self) -> None:
        """'the 2019 growing season (may-september)': the explicit months win over the season."""
        for a, b, group in self.season_groups:
            # "zwischen den Sommern 2018 und 2023, jeweils Juli bis August": those months in each year of the group
            near = [
                q
                for q in self.out
                if q.kind in ("months", "month")
                and not YEAR_RE.search(q.text)
                and (0 <= q.pos - b < 40 or 0 <= a - (q.pos + len(q.text)) < 40)
            ]
            if near and group:
                q = near[0]
                yq = q.end.year if q.end.month > 1 else q.end.year - 1  # the year the months end in
                for p in group:
                    k = (p.end.year if p.end.month > 1 else p.end.year - 1) - yq
                    p.start, p.end, p.kind = _years_later(q.start, k), _years_later(q.end, k), q.kind
                self.out = [x for x in self.out if x is not q]
        keep = []
        for p in self.out:
            if p.kind == "season":
                near = [
                    q
                    for q in self.out
                    if q is not p and q.kind in ("months", "month", "days") and abs(q.pos - (p.pos + len(p.text))) < 25
                ]
                if near:
                    for q in near:  # "winter 2021/22 (december-february)": the months of that winter
                        if not YEAR_RE.search(q.text) and YEAR_RE.search(p.text):
                            k = round((p.start - q.start).days / 365.25)
                            written = YEAR_RE.search(p.text)
                            if written and re.search(_TROPICAL, p.text):  # "the 2018 dry season (june-august)"
                                k = int(written.group(1)) - q.start.year
                            if k:
                                q.start, q.end = _years_later(q.start, k), _years_later(q.end, k)
                    continue
            keep.append(p)
        self.out = keep

    def _roles(self) -> None:
        for p in self.out:
            # the words since the period before it: "before 16 may and from 17 to 24 may" gives the second no role
            prev_end = max(
                (q.pos + len(q.text) for q in self.out if q is not p and q.pos + len(q.text) <= p.pos), default=0
            )
            # "avant : 1-20 juillet", "pre-fire: June": a label with a colon introduces its own dates
            # a label the period's own match begins with ("vorher may", "before: may") counts as the words before it
            label = re.match(r"(?:before|after|vorher|nachher|zuvor|danach|pre|post)\s*:?\s*", p.text)
            before = re.sub(
                r"\s*:\s*$", " ", self.text[max(0, prev_end, p.pos - 30) : p.pos] + (label.group(0) if label else "")
            )
            clause = re.split(
                r"[,;:.(]|\bversus\b|\bvs\.?|\b(?:and|y|et|und|en|e|ed)\b|\bwith\b|"
                r"\b(?:against|gegen(?:über)?|contre|tegen|contro|frente a)\b",
                before,
            )[-1]
            ib = max((clause.rfind(w) for w in BEFORE_WORDS), default=-1)
            ia = max((clause.rfind(w) for w in AFTER_WORDS), default=-1)
            if ib > ia:
                p.role = "before"
            elif ia > ib:
                p.role = "after"


_NUMBER_WORDS_RX = "|".join(sorted((w for w in NUMBER_WORDS if w not in ("a", "few")), key=len, reverse=True))
_MW = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"

# "each", in six languages: months said to hold for each of the years written
_EACH = (
    r"\b(?:each|both|respectively|jeweils|beide[ns]?|chaque\s+(?:année|fois)|respectivement|telkens|"
    r"cada\s+(?:año|vez)|respectivamente|ogni\s+(?:anno|volta)|rispettivamente)\b"
)
# a river's flood season in six languages, on normalised text ("inondations", "crue", "Hochwasser" may read "flood")
FLOOD_SEASON = (
    r"\b(?:flood(?:ing)?[- ]season|season of (?:the )?floods?|hochwassersaison|hochwasserzeit|flutsaison|"
    r"saison des (?:crues|flood|inondations)|p[ée]riode des (?:crues|flood)|overstromingsseizoen|hoogwaterseizoen|"
    r"temporada de (?:inundaciones|crecidas|flood)|[ée]poca de (?:crecidas|inundaciones|flood)|"
    r"stagione (?:delle piene|delle inondazioni|delle alluvioni|dei flood|delle flood))(?![a-z])"
)
# the seasons of the tropics, once date_text has made them English
_TROPICAL = r"(wet season|rainy season|dry season|monsoon(?: season)?)"
TROPICAL_SEASON = _TROPICAL


def tropical_months(name: str, south: bool) -> tuple[int, int]:
    """(first, last) month of a wet/rainy/dry season or the monsoon, by hemisphere: south of the equator the rains
    fall November to March (southern Africa, northern Australia, the Brazilian savanna) and the dry season is May
    to September; north of it the rains and the monsoon (India, the Sahel, South-East Asia) are June to September
    and the dry season November to March. The plan states these months (`TROPICAL_NOTE`)."""
    dry = name.startswith("dry")
    if south:
        return (5, 9) if dry else (11, 3)
    return (11, 3) if dry else (6, 9)


# Parts of a month, composed from an ordinal and a part word in either order and the six languages:
# "2. Dekade im Mai", "primera decena de junio", "dekad 3 of March", "la seconde moitié de mai",
# "erste Junihälfte", "the last dekad of July"; each becomes the scanner's "first dekad of june".
_ORDINAL_WORDS = {
    "first": r"first|1st|erste[nrs]?|premi[eè]re?|primer[oa]?|prim[oa]|eerste",
    "second": r"second[aeo]?|2nd|zweite[nrs]?|deuxi[eè]me|segund[oa]|tweede",
    "third": r"third|3rd|dritte[nrs]?|troisi[eè]me|tercer[oa]?|derde|terz[oa]",
    "last": r"last|letzte[nrs]?|derni[eè]re?|[uú]ltim[oa]|laatste",
}
_ORDINAL_DIGITS = {"first": "1", "second": "2", "third": "3"}
_DIGIT_SUFFIX = r"(?:st|nd|rd|th|\.|er|re|ère|e|ème|eme|º|ª|°|a|o)?"
_PART_WORDS = {
    "dekad": r"dekad(?:e|en|s)?|d[ée]cades?|decenas?|d[ée]cadas?|decadi",
    "half": r"half|halves|h[äa]lften?|moiti[ée]s?|helft(?:en)?|mitad(?:es)?|met[àa]|quinzaines?|quincenas?|quindicin[ae]",
}
_OF = (
    r"(?:\s*,\s*|\s+(?:of\s+(?:the\s+)?(?:month\s+(?:of\s+)?)?|des\s+(?:monats\s+)?|der\s+|de\s+la\s+|de\s+|du\s+|d'|"
    r"van\s+|von\s+|di\s+|del\s+|della\s+|dello\s+|im\s+|in\s+|en\s+|a\s+)|\s+)"
)
_GERMAN_MONTHS = {
    "januar": "january",
    "jänner": "january",
    "februar": "february",
    "märz": "march",
    "april": "april",
    "mai": "may",
    "juni": "june",
    "juli": "july",
    "august": "august",
    "september": "september",
    "oktober": "october",
    "november": "november",
    "dezember": "december",
}


def _ordinal_rx(name: str) -> str:
    digit = _ORDINAL_DIGITS.get(name)
    return _ORDINAL_WORDS[name] + (f"|{digit}{_DIGIT_SUFFIX}" if digit else "")


_ORD_ANY = "|".join(_ordinal_rx(n) for n in _ORDINAL_WORDS)
_PART_ANY = "|".join(_PART_WORDS.values())
_ORD_LIST = r"\s*(?:,|and|und|et|y|e|en|&|-|to|bis|à|a|al|tot)\s*"


def _part_number(word: str, part: str) -> int:
    """1, 2 or 3 for an ordinal word ("zweite", "2.", "dernière" -> 3 for a dekad, 2 for a half)."""
    name = next(n for n in _ORDINAL_WORDS if re.fullmatch(_ordinal_rx(n), word))
    return {"first": 1, "second": 2, "third": 3}.get(name, 3 if part == "dekad" else 2)


def _part_kind(word: str) -> str:
    return next(k for k, w in _PART_WORDS.items() if re.fullmatch(w, word))


def _month_part(m: re.Match, month: str = "") -> str:
    """ "2. und 3. dekade " -> "dekad 2-3 of ", "erste junihälfte" -> "half 1 of june"."""
    part = _part_kind(m.group("part"))
    a = _part_number(m.group("a"), part)
    b = _part_number(m.group("b"), part) if m.group("b") else a
    limit = 3 if part == "dekad" else 2
    if not (1 <= a <= b <= limit):
        return m.group(0)
    return f"{part} {a}{f'-{b}' if b != a else ''} of " + month


def _month_part_rules() -> list[tuple[str, object]]:
    ords = r"(?P<a>" + _ORD_ANY + r")(?:" + _ORD_LIST + r"(?P<b>" + _ORD_ANY + r"))?"
    rules: list[tuple[str, object]] = [
        # "2. dekade im mai", "die 2. und 3. dekade dezember", "la primera decena de junio", "the last dekad of july"
        (r"(?<![\w.])" + ords + r"\s*(?P<part>" + _PART_ANY + r")" + _OF + r"(?=" + _MW + r")", _month_part),
        # "dekad 3 of march", "dekade 2 im mai", "décade 1 de juin"
        (
            r"(?<![\w.])(?P<part>"
            + _PART_ANY
            + r")\s*(?P<a>[1-3])(?:"
            + _ORD_LIST
            + r"(?P<b>[1-3]))?(?![\d]|[.,]\d)"
            + _OF
            + r"(?="
            + _MW
            + r")",
            _month_part,
        ),
    ]
    for de, en in _GERMAN_MONTHS.items():  # "erste junihälfte", "zweite maidekade"
        rules.append(
            (
                r"(?<![\w.])" + ords + r"\s+" + de + r"(?P<part>" + _PART_ANY + r")\b",
                lambda m, en=en: _month_part(m, en),
            )
        )
    return rules


# the first or last N days or weeks of a month in six languages, once date_text's units are English ("jours",
# "Tage", "dagen", "días", "giorni" are "days"): "les dix premiers jours d'août", "die letzten 10 Tage im Juni",
# "de eerste tien dagen van juni", "los primeros diez días de agosto", "gli ultimi dieci giorni di giugno", "the
# first two weeks of july"; each becomes the scanner's "first 10 days of august"
_EDGE_FIRST = r"first|erste[nrs]?|premi(?:ers|[eè]res)|primer(?:os|as)|prim[ie]|eerste"
_EDGE_LAST = r"last|letzte[nrs]?|derni(?:ers|[eè]res)|[uú]ltim(?:os|as|i|e)|laatste"
_EDGE_NUMBER = r"\d{1,2}|" + "|".join(sorted((w for w in NUMBER_WORDS if w not in ("a", "few", "couple of")), key=len, reverse=True))


def _edge_count(word: str) -> str:
    return word if word.isdigit() else str(NUMBER_WORDS[word])


def _month_edge(m: re.Match) -> str:
    which = "first" if re.fullmatch(_EDGE_FIRST, m.group("o1") or m.group("o2")) else "last"
    return f"{which} {_edge_count(m.group('n1') or m.group('n2'))} {m.group('unit')} of "


_WEEK_ORDINAL_WORDS = {
    "first": r"first|premi[eè]re|primera|prima|eerste|erste[nrs]?",
    "second": r"second|deuxi[eè]me|seconde|segunda|seconda|tweede|zweite[nrs]?",
    "third": r"third|troisi[eè]me|tercera|terza|derde|dritte[nrs]?",
    "fourth": r"fourth|quatri[eè]me|cuarta|quarta|vierde|vierte[nrs]?",
    "last": r"last|derni[eè]re|[uú]ltima|laatste|letzte[nrs]?",
}
_WEEK_ORDINALS = "|".join(_WEEK_ORDINAL_WORDS.values())


def _week_ordinal(word: str) -> str:
    return next(k for k, w in _WEEK_ORDINAL_WORDS.items() if re.fullmatch(w, word))


_MONTH_EDGE_WORDS: list[tuple[str, object]] = [
    (
        r"(?<![\w.])(?:(?P<o1>" + _EDGE_FIRST + "|" + _EDGE_LAST + r")\s+(?P<n1>" + _EDGE_NUMBER + r")|(?P<n2>"
        + _EDGE_NUMBER + r")\s+(?P<o2>" + _EDGE_FIRST + "|" + _EDGE_LAST + r"))\s+(?P<unit>days|weeks)" + _OF
        + r"(?=" + _MW + r")",
        _month_edge,
    ),
    # a month's first, second, third, fourth or last week: "la première semaine de juillet", "de tweede week van
    # juni", "la tercera semana de mayo", "l'ultima settimana di giugno", "die zweite Juliwoche"
    (
        r"(?<![\w.])(?P<o>" + _WEEK_ORDINALS + r")\s+week" + _OF + r"(?=" + _MW + r")",
        lambda m: _week_ordinal(m.group("o")) + " week of ",
    ),
    *[
        (
            r"(?<![\w.])(?P<o>" + _WEEK_ORDINALS + r")\s+" + de + r"woche\b",
            lambda m, en=en: _week_ordinal(m.group("o")) + f" week of {en}",
        )
        for de, en in _GERMAN_MONTHS.items()
    ],
]
_MONTH_PART_WORDS = _month_part_rules()
_YY = r"((?:19|20)\d\d)"
_RANGE_END = r"(?:-|to|until|hasta|al|a|bis|fino|jusqu|au|tot|t/m|y|und|and|et|e)(?![a-z])"
_SAME = (
    r"\b(?:the\s+|la\s+|le\s+|les\s+|el\s+|los\s+|lo\s+|gli\s+|il\s+|den\s+|die\s+|der\s+|das\s+|de\s+|het\s+)?"
    r"(?:same|dieselben?|denselben|derselben|dasselbe|gleiche[nmrs]?|selbe[nmrs]?|stess[oaie]|mism[oa]s?|dezelfde|"
    r"hetzelfde|m[êe]mes?)\s+(?:period[eo]?|p[ée]riodes?|periodi|zeitr[äa]ume?s?|zeit|time|months?|mois|mesi|meses|"
    r"monate?n?|maanden|weeks?|wochen|semaines|settimane|semanas|weken|dates|dagen|days|tage?n?|jours|giorni|d[íi]as|"
    r"windows?|fen[êe]tres?|zeitfenster|season|saison|stagione|estaci[óo]n|seizoen|jahreszeit)"
)
# an ordinal half of a year, in six languages (group 1 set: the first half)
_FIRST = (
    r"erste[snmr]?\s+(?:jahres)?(?:hälfte|halbjahr(?:es)?)|jahreshälfte\s+1|premier\s+semestre|première\s+moitié|"
    r"1er\s+semestre|primer\s+semestre|primera\s+mitad|1(?:º|°|o)\s+semestre|eerste\s+(?:helft|halfjaar|jaarhelft)|"
    r"1e\s+(?:helft|halfjaar)|primo\s+semestre|prima\s+metà|first\s+half|1st\s+half|h1|1\.\s*(?:halbjahr|jahreshälfte)"
)
_SECOND = (
    r"zweite[snmr]?\s+(?:jahres)?(?:hälfte|halbjahr(?:es)?)|jahreshälfte\s+2|(?:second|seconde|deuxième|2e|2ème)\s+"
    r"(?:semestre|moitié)|segundo\s+semestre|segunda\s+mitad|2(?:º|°|o)\s+semestre|tweede\s+(?:helft|halfjaar|jaarhelft)|"
    r"2e\s+(?:helft|halfjaar)|secondo\s+semestre|seconda\s+metà|second\s+half|2nd\s+half|h2|"
    r"2\.\s*(?:halbjahr|jahreshälfte)"
)
_HALF_YEAR = r"\b(?:({first})|(?:{second}))"

# a part of a month before its name, in the five languages: "bis Ende Mai", "à la fin mai", "tot half juni"
_PART_OF_MONTH = (
    r"(?:anfang|ende|mitte|début|fin|mi-|begin|eind|einde|half|principios|finales|mediados|medio|inizio|fine|"
    r"metà|early|mid|late|end of|beginning of)\s*(?:(?:des|de|d'|del|di|van|von|of)\s+)?"
)
_PICTURE_BEFORE = re.compile(
    r"\b(?:image|scene|picture|photo|acquisition|overpass|snapshot|capture|pass|taken|acquired)s?\s*$"
)
# the units of "N ... ago" in five languages, in English
_UNIT_EN = {u: "years" for u in ("jahren", "jahr", "ans", "années", "annees", "an", "année", "años", "año", "jaar", "jaren", "anni",
                                 "anno")}
_UNIT_EN.update({u: "months" for u in ("monaten", "monat", "mois", "meses", "mes", "maanden", "maand", "mesi", "mese")})
_UNIT_EN.update({u: "weeks" for u in ("wochen", "woche", "semaine", "semaines", "semana", "semanas", "weken", "week", "settimane",
                                      "settimana")})
_UNIT_EN.update({u: "days" for u in ("tagen", "tag", "jour", "jours", "día", "días", "dia", "dias", "dagen", "dag", "giorni",
                                     "giorno")})


# "of the month (of)" between a part of a month and its name: "la fin du mois de juin", "finales del mes de agosto",
# "a metà del mese di settembre", "Mitte des Monats Mai", "eind van de maand juni" (the month word already English)
_OF_THE_MONTH = (
    r"(?:(?:du|del|des|dello|van de|van|of the|of)\s+(?:month|monats|mois|mese|mes|maand)\s*(?:de\s+|di\s+|d'|of\s+|van\s+)?)"
)


def _one(n: str) -> str:
    """A count as the English scanner reads it: the article of one unit ("einem", "un", "een") is "one"."""
    return "one" if n in ("einem", "einer", "un", "une", "una", "een") else n


_DATE_WORDS = [
    # the first day of a month in words: "dal primo aprile", "le premier avril", "el primero de abril", "the first of
    # april", "eerste april", "ersten April"
    (r"\b(?:primo|premier|primero|first|eerste|erste[nmr]?)\s+(?:(?:de|of)\s+)?(?=" + _MW + r")", "1 "),
    # an English "from <day>" with no end after it is an open start ("NDVI from 1st April 2024", "from April 1,
    # 2024"): "since", up to today; never a picture's day ("the image from 3 May 2024") or a range's start. Read
    # before the other languages' connectors become "from" ("du 3 mai", "del 3 maggio" are a day's "of")
    (
        r"\bfrom\s+(?:the\s+)?(?=(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?"
        + _MW
        + r"(?:,?\s+(?:19|20)\d\d)?|"
        + _MW
        + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d)\b(?![\s,]*(?:\d|-|–|/|(?:to|until|till|through|thru|up|and|or|vs|versus|bis|jusqu|hasta|fino|tot|au|al|"
        r"compared)\b)))",
        lambda m: m.group(0) if _PICTURE_BEFORE.search(m.string[max(0, m.start() - 30) : m.start()]) else "since ",
    ),
    # "starting 1 april 2024", "beginning on 1 april": an open start, as "since"
    (
        r"\b(?:starting|beginning|commencing)(?:\s+(?:on|from))?\s+(?:the\s+)?(?=\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?"
        + _MW
        + r")",
        "since ",
    ),
    # yesterday in five more languages ("seit gestern", "depuis hier", "sinds gisteren", "desde ayer", "da ieri"); the
    # French "hier" only where it cannot be the Dutch "hier" (here): after "depuis"/"d'", before a part of the day
    (r"\b(?:gestern|gisteren|ayer|ieri)\b", "yesterday"),
    (r"\b(?:depuis|since)\s+hier\b", "since yesterday"),
    (r"\bd'hier\b|\bhier(?=\s+(?:matin|midi|soir|après-midi|apres-midi)\b)", "yesterday"),
    # the seasons of the tropics in six languages: "Regenzeit", "saison des pluies", "época de lluvias", "Monsun"
    (
        r"\b(?:regenzeit|regensaison|saison des pluies|saison humide|saison pluvieuse|regenseizoen|natte seizoen|nat seizoen|"
        r"temporada de lluvias|temporada lluviosa|época de lluvias|epoca de lluvias|estación lluviosa|estación de lluvias|"
        r"stagione delle piogge|stagione piovosa|stagione umida)(?![a-z])",
        "rainy season",
    ),
    (
        r"\b(?:trockenzeit|trockensaison|saison sèche|saison seche|droge seizoen|droog seizoen|temporada seca|época seca|"
        r"epoca seca|estación seca|stagione secca)(?![a-z])",
        "dry season",
    ),
    # a river's flood season is its rains' ("the 2020 flood season", "Hochwassersaison", "la saison des crues",
    # "het overstromingsseizoen", "la temporada de inundaciones", "la stagione delle piene"): read as the rainy season
    (FLOOD_SEASON, "rainy season"),
    # the monsoon as a season word, its compounds and plurals: "Monsunzeit", "Monsunsaison", "la stagione dei monsoni",
    # "la saison de la mousson", "moessonseizoen", "la temporada del monzón"
    (
        r"\b(?:(?:la\s+)?(?:stagione|saison|temporada|época|epoca)\s+(?:dei|des|de\s+la|del|de)\s+"
        r"(?:monsoni|moussons?|monzones|monzón|monzon)|monsun(?:zeit|saison|periode)|moessonseizoen|moessontijd)(?![a-z])",
        "monsoon season",
    ),
    (r"\b(?:monsun|mousson|moesson|monzón|monzon|monsone|monsoni|monsune)(?![a-z])", "monsoon"),
    # plural seasons ("zwischen den Sommern 2018 und 2023", "entre les étés 2018 et 2022", "tussen de zomers van ...")
    (r"\b(?:sommern|étés|etes|zomers|veranos|estati)(?![a-z])", "summers"),
    (r"\b(?:wintern|hivers|inviernos|inverni)(?![a-z])", "winters"),
    (r"\b(?:frühlingen|lentes|primaveras|primavere)(?![a-z])", "springs"),
    (r"\b(?:herbsten|automnes|herfsten|otoños|autunni)(?![a-z])", "autumns"),
    # "the same period in 2019", "la même période de 2019", "den gleichen Zeitraum 2019", "lo stesso periodo
    # dell'anno 2019", "el mismo periodo de 2019": the period written before, in that year
    (_SAME + r"\s*(?:[a-zäöüéèàíó]{1,7}'?\s*){0,3}?(?=(?:19|20)\d\d\b)", "same period in "),
    # "the same period last year", "dieselbe Zeit im Vorjahr", "la même période de l'année précédente"
    (
        _SAME + r"\s*(?:[a-zäöüéèàíó]{1,7}'?\s*){0,2}?(?:(?:last|previous|prior)\s+year|year\s+before|vorjahr(?:es)?|"
        r"ann[ée]e\s+(?:pr[ée]c[ée]dente|derni[èe]re)|anno\s+(?:precedente|scorso|prima)|a[ñn]o\s+(?:anterior|pasado)|"
        r"vorig\s+jaar|jaar\s+ervoor|vorigen\s+jahres|letzten\s+jahres)(?![a-z])",
        "same period a year earlier",
    ),
    # numeric day ranges: "3.-17.6.2022", "3-17/06/2022", "03.06.-17.06.2022", "1/6 - 15/6/2022"
    (
        r"\b(\d{1,2})[./](\d{1,2})\.?\s*(?:-|bis|to|au|al|tot|a)\s*(\d{1,2})[./](\d{1,2})[./]" + _YY + r"\b",
        lambda m: (
            f"{m.group(5)}-{int(m.group(2)):02d}-{int(m.group(1)):02d} to {m.group(5)}-{int(m.group(4)):02d}-"
            f"{int(m.group(3)):02d}"
        ),
    ),
    (
        r"\b(\d{1,2})\.?\s*-\s*(\d{1,2})[./](\d{1,2})[./]" + _YY + r"\b",
        lambda m: (
            f"{m.group(4)}-{int(m.group(3)):02d}-{int(m.group(1)):02d} to {m.group(4)}-{int(m.group(3)):02d}-"
            f"{int(m.group(2)):02d}"
        ),
    ),
    # "from the 3rd to the 17th of june": the articles before ordinal days
    (r"\bthe\s+(?=\d{1,2}(?:st|nd|rd|th)\b)", ""),
    # an open start is "since" in Spanish, Italian, German and Dutch ("desde el 3 de mayo", "dal 3 maggio",
    # "ab dem 3. Mai", "vanaf 3 mei"), unless an end follows ("desde el 1 hasta el 15 de mayo")
    (
        r"\b(?:a partir de|a partire dal|à partir de|dal|ab|vanaf)\s+(?=(?:19|20)\d\d\b(?![\s,]*(?:"
        + _RANGE_END
        + r"|[/–]))"
        r"(?![\s,]*(?:" + _MW + r"|\d)))",
        "since ",
    ),
    (r"\b(?:a partir de|a partire dal|à partir de|dal|ab|vanaf)\s+(?=(?:19|20)\d\d\b)", "from "),  # "dal 2016 al 2018"
    (
        r"\b(?:desde(?:\s+el)?(?:\s+d[íi]a)?|a partir del?|a partire dal?|a partire dall'|à partir du|à partir de|à compter du|"
        r"à compter de|dès le|a contar del?|dal|dall'|da|ab dem|ab|vanaf(?:\s+de)?)\s*"
        r"(?=(?:\d{1,2}(?:°|º|\.º|er|e|ro|ra|o|a)?\.?\s+(?:de\s+|of\s+)?)?"
        + _MW
        + r"(?![\s,]*(?:(?:de|del)\s+)?(?:(?:19|20)\d\d)?[\s,]*"
        + _RANGE_END
        + r"))",
        "since ",
    ),
    # "la quincena anterior al 15 de junio", "la quinzaine précédant le 14 juillet", "the fortnight before": a span
    # of days (a half of a month, "la primera quincena de junio", was read above)
    (r"\b(?:quincena|quinzaine|quindicina)(?!\s+(?:de\s+|di\s+|del\s+|d')?" + _MW + r")", "15 days"),
    (r"\bfortnight(?!\s+of\s+" + _MW + r")", "14 days"),
    (
        r"\b(?:anterior(?:es)?|previos?|previas?|precedent[ei]|pr[ée]c[ée]dant|voorafgaand aan)\s+(?:al|a la|a|del|alla|al|"
        r"allo|le|la|il|à)\s+(?=\d)",
        "before ",
    ),
    # "the preceding 12 days": the 12 days before
    (r"\bpreceding\s+(\d+|two|three|four|five|six|seven|ten)\s+(days|weeks|months)\b", r"\1 \2 before"),
    # "im Mai", "nel maggio", "nell'agosto": in the month
    (r"\b(?:im|nel|nell')\s*(?=" + _MW + r")", "in "),
    # numeric dates: 14.09.2024, 14/09/2024 (day first, as in Europe), 2024/09/14
    (
        r"\b(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d\d)\b",
        lambda m: f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}",
    ),
    # 14-09-2024 (Dutch, also written elsewhere): day first, one separator; never part of an ISO date or a longer number
    (
        r"(?<![\d-])(\d{1,2})-(\d{1,2})-((?:19|20)\d\d)(?![\d-])",
        lambda m: (
            f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
            if _valid(m.group(3), m.group(2), m.group(1))
            else m.group(0)
        ),
    ),
    (r"\b((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})\b", lambda m: f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"),
    # "1.-31. januar", "vom 1. bis 15. mai", "am 3. 6."; never a decimal number ("19.55°S", "12.5 km")
    (r"\b(\d{1,2})\.(?=\s*(?:-|bis|to|und|" + _MW + r")|\s+\d)", r"\1"),
    (r"\b(\d{1,2})(?:er|ème|e|\.?º|\.?ª|ro|ra)\b", r"\1"),  # 1er, 2ème, 1º, 1.º, 1ro
    # "dal 1° al 14 maggio", "1° maggio", "1°-15 mai": a degree sign as the ordinal of a day (never "35 °C", "45°N")
    (r"\b(\d{1,2})°(?=\s*(?:-|–|al|a|au|à|to|bis|y|e|et|und|de|di|del|of|" + _MW + r")(?![a-z]))", r"\1"),
    (
        r"\b(?:l'|d')?estate\s+(?:del\s+|di\s+)?(?=(?:19|20)\d\d)",
        "summer ",
    ),  # Italian summer (English "estate" is land)
    # halves and quarters in words: before the connectors, which would read "a"/"de" as "to"
    # halves of a year: "erste Jahreshälfte 2024", "im zweiten Halbjahr 2022", "premier semestre 2024", "eerste helft
    # van 2024", "primer semestre de 2024", "prima metà del 2024", "H1 2024"; "1. Halbjahr 2023", "2e semestre 2023"
    (
        _HALF_YEAR.format(first=_FIRST, second=_SECOND) + r"\s+(?:(?:of|de|del|van|von|des|dell'|di)\s*)?"
        r"(?:(?:the\s+year|het\s+jaar|l'année|el\s+año|des\s+jahres|jahres|dell'anno|anno)\s+)?(?=(?:19|20)\d\d\b)",
        lambda m: ("first" if m.group(1) else "second") + " half of ",
    ),
    # without a year (the year written elsewhere, else the latest half begun by today, as quarters): "im ersten
    # Halbjahr", "au premier semestre", "the first half of the year", "la segunda mitad del año"
    (
        _HALF_YEAR.format(first=_FIRST, second=_SECOND) + r"\s*(?:of\s+the\s+year|van\s+het\s+jaar|de\s+l'année|"
        r"d'année|del\s+año|dell'anno|des\s+jahres|dieses\s+jahres|of\s+this\s+year|de\s+cette\s+année|"
        r"van\s+dit\s+jaar|de\s+este\s+año|di\s+quest'anno|dell'anno\s+in\s+corso)(?![a-z])",
        lambda m: ("first" if m.group(1) else "second") + " half of year",
    ),
    # halves of a year by number: "1. Halbjahr 2023", "2e semestre 2023", "1st half of 2023", "2º semestre de 2023"
    (
        r"\b([12])(?:st|nd|e|ème|eme|er|re|\.|º|°|o)?\s*(?:half|halbjahr|hälfte|semestre|halfjaar|semester)\s+"
        r"(?:of\s+|de\s+|del\s+|van\s+|von\s+|des\s+)?(?=(?:19|20)\d\d\b)",
        lambda m: "first half of " if m.group(1) == "1" else "second half of ",
    ),
    (
        r"\b(?:(?P<a>erste[snmr]?|1\.?)|zweite[snmr]?|2\.?)\s*(?:jahreshälfte|halbjahr(?:es)?)(?![a-z])|"
        r"\b(?:(?P<b>premier|1er|primer|1º|primo|1°|eerste|1e|1)|second|deuxième|2e|segundo|2º|secondo|2°|tweede|2)\s+"
        r"(?:semestre|halfjaar|jaarhelft)(?![a-z])(?!\s*(?:de\s+|del\s+|van\s+)?(?:19|20)\d\d)",
        lambda m: ("first" if m.group("a") or m.group("b") else "second") + " half of year",
    ),
    # quarters by number: "3e trimestre 2023", "3. Quartal 2023", "3rd quarter", "T3 2023", "Q3/2023", "3º trimestre"
    (
        r"\b([1-4])(?:st|nd|rd|th|e|ème|eme|er|re|\.|º|°|o)?\s*(?:quarter|quartal|trimestre|kwartaal)\s*(?:of\s+|de\s+|del\s+|van\s+|des\s+)?",
        r"q\1 ",
    ),
    (r"\b[qt]([1-4])\s*[/-]\s*(?=(?:19|20)\d\d\b)", r"q\1 "),
    # "the last quarter of 2021", "im letzten Quartal 2022", "au dernier trimestre 2021": the fourth (with a year;
    # "last quarter" alone is the one before today's)
    (
        r"\b(?:last|final|letzte[nms]?|dernier|ultimo|último|laatste)\s+(?:quarter|quartal|trimestre|kwartaal)\s*"
        r"(?:of\s+|de\s+|del\s+|van\s+|des\s+|von\s+)?(?=(?:19|20)\d\d\b)",
        "q4 ",
    ),
    (r"\bt([1-4])\s+(?=(?:19|20)\d\d\b)", r"q\1 "),
    (
        r"\b(?:(?:1st|first|erste[sn]?|premier|primer|eerste|primo)\s+(?:quarter|quartal|trimestre|kwartaal))\s*(?:of\s+|de\s+|del\s+|van\s+)?",
        "q1 ",
    ),
    (
        r"\b(?:(?:2nd|second|zweite[sn]?|deuxième|second|segundo|tweede|secondo)\s+(?:quarter|quartal|trimestre|kwartaal))\s*(?:of\s+|de\s+|del\s+|van\s+)?",
        "q2 ",
    ),
    (
        r"\b(?:(?:3rd|third|dritte[sn]?|troisième|tercer|derde|terzo)\s+(?:quarter|quartal|trimestre|kwartaal))\s*(?:of\s+|de\s+|del\s+|van\s+)?",
        "q3 ",
    ),
    (
        r"\b(?:(?:4th|fourth|vierte[sn]?|quatrième|cuarto|vierde|quarto)\s+(?:quarter|quartal|trimestre|kwartaal))\s*(?:of\s+|de\s+|del\s+|van\s+)?",
        "q4 ",
    ),
    (
        r"\b(?:entre|zwischen|tussen|tra|fra)\s+(?=(?:le\s+|el\s+|il\s+|l'|dem\s+|den\s+)?(?:\d|" + _MW + r"))",
        "between ",
    ),
    # "en mai", "en mayo de 2022", "a maggio", "ad agosto": the month, as "in" (French/Spanish "en", Italian "a"); after
    # a day, month or year they join or end a range instead ("juni en augustus", "1 en 15 maart", "da aprile a giugno")
    (
        r"(\S+)\s+(?:en|a|ad)\s+(?=" + _MW + r"\b)",
        lambda m: (
            m.group(0)
            if re.fullmatch(r"[(\[«\"']?(?:\d+\.?|" + _MW + r"|(?:19|20)\d\d)", m.group(1))
            else m.group(1) + " in "
        ),
    ),
    (r"(?<=[\da-z])\s+(?:y|et|und|en|e|ed)\s+(?=" + _MW + r")", " and "),
    # a day range between two day numbers with their articles: "between le 1 et le 31 may", "between il 1 e il 31 may",
    # "between el 1 y el 31 de may", "between dem 1 und 31 may", "between 1 en 31 may"
    (
        r"\bbetween\s+(?:the\s+|le\s+|el\s+|il\s+|l'|dem\s+|den\s+|de\s+)?(\d{1,2})\s+(?:et|y|und|en|e|ed|and)\s+"
        r"(?:le\s+|el\s+|il\s+|l'|dem\s+|den\s+|de\s+)?(?=\d{1,2}\.?\s+(?:de\s+)?" + _MW + r")",
        r"between \1 and ",
    ),
    (r"\b(?:dal|dall'|dalla|da)\s*(?=\d{1,2}\s|" + _MW + r")", "from "),
    (r"(?<=[\d a-z])\s+(?:fino al|fino a|al|all'|ad|a)\s*(?=" + _MW + r"|\d{1,2}\s+" + _MW + r")", " to "),
    # "before/after the <date>" with the article that the connectors below would read as "from"
    (
        r"\b(?:prima del|prima della|prima dello|prima dell'|prima di|antes del|antes de la|vor dem|avant le|voor de)\s*"
        r"(?=\d{1,2}\s|\d{1,2}\.)",
        "before ",
    ),
    (r"\b(?:dopo il|dopo la|dopo l'|después del|tras el|nach dem|après le|na de)\s*(?=\d{1,2}\s|\d{1,2}\.)", "after "),
    # connectors between dates
    (r"\b(?:vom|von|du|del|van|desde el|desde|entre el|entre le)\s+(?=\d{1,2}\s)", "from "),
    # "und" joins two days of a range ("zwischen dem 1. und 15. Mai"), never a window to the dates after it ("die
    # 10 Tage davor und 15.-25.07.")
    (r"(?<![\d])(\d{1,2})\s+und\s+(?:den\s+|dem\s+)?(?=\d)", r"\1 to "),
    # two years joined by a conjunction: "2017 und 2022", "2018 et 2021" (the span only after "between")
    (r"(?<=(?:19|20)\d\d)\s+(?:und|et|y|e|ed|en)\s+(?=(?:19|20)\d\d\b)", " and "),
    (
        r"(?<=[\d a-z])\s+(?:bis zum|bis|jusqu'au|jusqu'à|au|al|à|a|tot en met|t/m|tot|hasta el|hasta|y el|"
        r"up to and including|up to|up until|to and including|"
        r"fino al|fino ad|fino a|ad)\s+"
        r"(?=(?:el\s+|le\s+|la\s+|den\s+|dem\s+)?(?:"
        + _PART_OF_MONTH
        + r")?(?:\d|"
        + _MW
        + r"|today|heute|aujourd'hui|hoy|"
        r"vandaag|oggi|now\b))",
        " to ",
    ),
    (r"\b(?:heute|aujourd'hui|hoy|vandaag|now|jetzt|maintenant|ahora|nu|oggi|adesso)\b", "today"),
    # the present moment: "right now", "currently", "derzeit", "en ce moment", "op dit moment", "en este momento",
    # "in questo momento", "al momento"
    (r"\b(?:right today|currently|at the moment|at present|derzeit|momentan|aktuell|en ce moment|actuellement|"
     r"op dit moment|momenteel|op het moment|en este momento|actualmente|ahora mismo|in questo momento|al momento|"
     r"attualmente)(?![a-z])", "today"),
    # "tot nu", "bis jetzt", "to date", "tot op heden", "à ce jour", "hasta la fecha": an end at today
    (r"\b(?:tot|bis|jusqu'à|jusqu'a|hasta|fino ad?|until|till)\s+today\b", "to today"),
    (r"(?<!up )(?<!year )(?<!year-)(?<!month )\b(?:to date|tot op heden|bis dato|à ce jour|hasta la fecha|fino ad oggi)(?![a-z-])", "to today"),
    (r"\b(?:montag|lundi|maandag|lunes|lunedì|lunedi)\b", "monday"),
    (r"\b(?:dienstag|mardi|dinsdag|martes|martedì|martedi)\b", "tuesday"),
    (r"\b(?:mittwoch|mercredi|woensdag|miércoles|miercoles|mercoledì|mercoledi)\b", "wednesday"),
    (r"\b(?:donnerstag|jeudi|donderdag|jueves|giovedì|giovedi)\b", "thursday"),
    (r"\b(?:freitag|vendredi|vrijdag|viernes|venerdì|venerdi)\b", "friday"),
    (r"\b(?:samstag|sonnabend|samedi|zaterdag|sábado|sabado|sabato)\b", "saturday"),
    (r"\b(?:sonntag|dimanche|zondag|domingo|domenica)\b", "sunday"),
    (
        r"\b(?:sturms?|sturm\w*|unwetter\w*|tempête|orage|tormenta|borrasca|tempesta|(?:(?<=il )|(?<=un )|(?<=al )|(?<=del )|(?<=dal )|(?<=nel ))temporale|noodweer|onweer|"
        r"stormen)\b",
        "storm",
    ),
    (FIRE_EVENT, "fire"),
    (r"\b(?:erdbeben|séisme|tremblement de terre|aardbeving|terremoto|sismo)\b", "earthquake"),
    (r"\b(?:dem|der|la|le|el|het|de|il|lo|l')\s+(?=(?:storm|fire|flood|event|earthquake)\b)", "the "),
    (r"\b(?:da|dal|dalla|desde el|desde)\s+(?=(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday)\b)",
     "since "),
    (r"\b(summer|winter|spring|autumn|fall|season|monsoon|" + _MW + r")\s+(?:de|del|van|von|des|of)\s+((?:19|20)\d\d)", r"\1 \2"),
    (r"\b(?:seit (?:anfang des jahres|jahresbeginn|jahresanfang|beginn des jahres|anfang dieses jahres)|"
     r"depuis (?:le )?début (?:de l'année|d'année|de cette année)|"
     r"desde (?:el )?(?:principios?|inicios?|comienzos?) (?:del|de este|de) año|en lo que va (?:del|de) año|"
     r"dall'inizio dell'anno|da inizio anno|finora quest'anno|"
     r"sinds (?:het )?begin van (?:dit|het) jaar|dit jaar tot nu toe|tot nu toe dit jaar|"
     r"bisher (?:in )?diese[ms]? jahr|so far this year|this year so far|year to date|year-to-date|ytd)(?![a-z])",
     "since the start of this year"),
    # relative words
    (r"\b(?:seit dem|seit|depuis le|depuis|sinds|desde el|desde|since the)\b", "since"),
    # "vor drei Jahren", "il y a deux ans", "drie jaar geleden", "hace cinco años", "due anni fa": N units ago
    (r"\bvor\s+(\d+|einem|einer|" + _NUMBER_WORDS_RX + r")\s+(jahren|jahr|monaten|monat|wochen|woche|tagen|tag)\b",
     lambda m: f"{_one(m.group(1))} {_UNIT_EN[m.group(2)]} ago"),
    (r"\bil y a\s+(\d+|un|une|" + _NUMBER_WORDS_RX + r")\s+(ans|années|annees|an|année|mois|semaines?|jours?)\b",
     lambda m: f"{_one(m.group(1))} {_UNIT_EN[m.group(2)]} ago"),
    (r"\bhace\s+(\d+|un|una|" + _NUMBER_WORDS_RX + r")\s+(años|año|meses|mes|semanas?|días?|dias?)\b",
     lambda m: f"{_one(m.group(1))} {_UNIT_EN[m.group(2)]} ago"),
    (r"\b(\d+|een|" + _NUMBER_WORDS_RX + r")\s+(jaar|jaren|maanden|maand|weken|week|dagen|dag)\s+geleden\b",
     lambda m: f"{_one(m.group(1))} {_UNIT_EN[m.group(2)]} ago"),
    (r"\b(\d+|un|una|" + _NUMBER_WORDS_RX + r")\s+(anni|anno|mesi|mese|settimane|settimana|giorni|giorno)\s+fa\b",
     lambda m: f"{_one(m.group(1))} {_UNIT_EN[m.group(2)]} ago"),
    # the current (growing) season, as a farmer says it: "diese Saison", "cette saison", "dit seizoen", "esta
    # temporada", "questa stagione", "la campagne en cours"; and the one before ("letzte Saison", "la saison dernière")
    (r"\b(?:diese[rsm]?|laufende[rn]?|cette|la|ce|dit|deze|het|esta|questa|this|the)\s+(?:saison|vegetationsperiode|"
     r"wachstumsperiode|anbausaison|seizoen|groeiseizoen|teeltseizoen|temporada|campaña|stagione|season)\s+"
     r"(?:en cours|actuelle|in corso|actual|huidige|aktuelle|so far)(?![a-z])|"
     r"\b(?:diese[rsm]?\s+(?:saison|vegetationsperiode|wachstumsperiode|anbausaison)|cette saison|dit seizoen|"
     r"dit groeiseizoen|dit teeltseizoen|deze teelt|esta temporada|esta campaña|questa stagione|quest'annata|"
     r"la saison en cours|la campagne en cours|la temporada actual|la stagione in corso|the current season|"
     r"this season)(?![a-z])", "this growing season"),
    (r"\b(?:letzte[nrs]?\s+(?:saison|vegetationsperiode|wachstumsperiode)|(?:la )?saison dernière|vorig seizoen|"
     r"het vorige seizoen|afgelopen seizoen|(?:la )?temporada pasada|(?:la )?stagione scorsa|(?:la )?scorsa stagione|"
     r"last season)(?![a-z])", "last growing season"),
    (
        r"\b(?:dieses jahr(?:es)?|diesem jahr|des laufenden jahres|cette année|de l'année en cours|dit jaar|este año|este ano|"
        r"del año en curso|quest'anno|questo anno|dell'anno in corso)(?![a-z])",
        "this year",
    ),
    (
        r"\b(?:letzten|letzte|vergangenen|derniers|dernières|laatste|afgelopen|últimos|ultimos|últimas|ultimi|ultime|"
        r"scorsi|scorse|passati|passate)\s+(\d+|" + _NUMBER_WORDS_RX + r")\b",
        r"last \1",
    ),
    # "les 3 dernières semaines", "des deux derniers étés", "los dos últimos veranos", "le due ultime settimane"
    (
        r"\b(?:(?:les|des|aux|ces|the|los|las|le|gli|i)\s+)?(\d+|" + _NUMBER_WORDS_RX + r")\s+"
        r"(?:derniers|dernières|últimos|ultimos|últimas|ultimas|ultimi|ultime)\s+",
        r"last \1 ",
    ),
    # "la dernière quinzaine", "la última quincena", "l'ultima quindicina" (once made "15 days"): the last 15 days
    (r"\b(?:la\s+|l')?(?:dernière|última|ultima|scorsa|letzten|laatste|afgelopen)\s+(?=15 days)", "last "),
    # "im letzten Quartal", "le trimestre dernier", "el último trimestre", "het vorige kwartaal": the quarter before
    # today's (with a year it is the fourth, above)
    (
        r"\b(?:letzten|letztes|vergangenen|vorigen|dernier|ultimo|último|pasado|laatste|vorige|afgelopen|scorso)\s+"
        r"(?:quartal|trimestre|kwartaal)\b|\b(?:le|el|il|au|al|nel)\s+trimestre\s+(?:dernier|pasado|scorso)\b",
        "last quarter",
    ),
    # "des letzten Jahrzehnts", "la dernière décennie", "het afgelopen decennium", "la última década", "l'ultimo decennio"
    (
        r"\b(?:letzten|vergangenen|dernière|última|ultima|ultimo|laatste|afgelopen|vorige|scorso)\s+"
        r"(?:jahrzehnts?|jahrzehnten|décennie|decennium|década|decennio)\b",
        "last decade",
    ),
    (r"(?<=\d )(?:stunden|heures|uur|horas|ore)\b", "hours"),
    (r"\b(?:tage|tagen|jours|dagen|días|dias|giorni)\b", "days"),
    (r"\b(?:wochen|semaines|weken|semanas|settimane)\b", "weeks"),
    (r"\b(?:woche|semaine|week|semana|settimana)\b", "week"),
    (r"\b(?:kw|kalenderwoche)\s*(?=\d)", "week "),
    (r"\b(?:monat|maand|mes|mese)\b|(?<=\b(?:le|du|ce) )mois\b", "month"),
    (r"\b(?:monate|monaten|mois|maanden|meses|mesi)\b", "months"),
    (r"(?<=\d )(?:jahre|jahren|jaar|jaren|ans|années|annees|años|anni)\b", "years"),
    # Dutch "voor" is "before" only before a date, a count, an event or "en na" ("30 dagen voor 14 juli", "voor de
    # brand", "voor en na", "30 dagen voor en 30 dagen na"); else it is "for" ("NDVI voor Utrecht in juni 2023", "bodemvocht voor de 20 dagen voor ...")
    (
        r"\bvoor\b(?!\s+(?:de\s+|het\s+|the\s+)?(?:\d|"
        + _MW
        + r"\b|en\s+(?:de\s+)?(?:\w+\s+){0,2}na\b|(?:bos|heide)?brand|overstroming|storm|aardbeving|"
        r"gebeurtenis|ramp|dijkdoorbraak|hoogwater|noodweer|onweer|event|fire|flood|earthquake))",
        "for",
    ),
    (
        r"\b(?:vor dem|vor|avant le|avant|vóór|voor|antes del|antes de|antes|prima del|prima della|prima dello|prima dell'|"
        r"prima di|prima)(?:\b|(?<='))",
        lambda m: "before " if m.group(0).endswith("'") else "before",
    ),
    (
        r"\b(?:précédents|précédentes|précédant|davor|zuvor|ervoor|daarvoor|voorafgaand|anteriores|previos|previas|"
        r"precedenti|prima)\b",
        "before",
    ),
    # "die 10 Tage danach", "de 10 dagen daarna", "les 10 jours suivants", "los 10 días siguientes", "i 10 giorni
    # successivi": the window after the event dated elsewhere (only after a time unit: "siguientes" is "next" too)
    (
        r"\b(days?|weeks?|months?)\s+(?:danach|nachher|darauf|daarna|daaropvolgend\w*|suivants|suivantes|qui suivent|"
        r"siguientes|posteriores|successivi|seguenti)\b",
        r"\1 after",
    ),
    # "los 20 días posteriores al 10 de agosto", "i 10 giorni successivi al 3 maggio": the "al" read as "to" above
    (r"\b(after|before)\s+to\s+(?=\d)", r"\1 "),
    (
        r"\b(?:nach dem|nach|après le|après|na de|na|tras la|tras el|tras|después de|después|dopo il|dopo la|dopo l'|"
        r"dopo)(?:\b|(?<='))",
        lambda m: "after " if m.group(0).endswith("'") else "after",
    ),
    (
        r"\b(?:anfang|début|begin|principios|comienzos|inicios|inicio|primeros|inizio|inizi|all'inizio|primi)\s*"
        r"(?:" + _OF_THE_MONTH + r"|(?:des|de|d'|del|di|van|von)\s*)?(?=" + _MW + ")",
        "early ",
    ),
    # ("medio" only after "a"/"en": "a medio de marzo"; "el NDVI medio de julio" is the mean NDVI of July)
    (
        r"\b(?:mitte|mi-|mediados de|a mediados de|mediados|midden|half|halverwege|(?:(?<=\ba )|(?<=\ben )|(?<=\bto ))medio|"
        r"a metà|metà|meta)\s*(?:" + _OF_THE_MONTH + r"|(?:de|di|van)\s+)?(?=" + _MW + ")",
        "mid ",
    ),
    (r"\bmi-\s*", "mid "),
    (
        r"\b(?:ende|fin|eind|einde|finales|fines|fine|alla fine)\s*(?:" + _OF_THE_MONTH + r"|(?:des|de|d'|del|di|van|von)\s*)?"
        r"(?=" + _MW + ")",
        "end of ",
    ),
    (r"\b(?:premier|erstes|eerste|primer)\s+(?:trimestre|quartal|kwartaal)\s*(?:de\s+|van\s+)?", "q1 "),
    (r"\b(?:first quarter|1st quarter)\s*(?:of\s+)?", "q1 "),
]
# a weekday named with its date says nothing the date does not: "from Monday 3 June to Friday 7 June", "von Montag,
# 3. Juni bis Freitag, 7. Juni", "du lundi 3 juin au vendredi 7 juin", "del lunes 3 de junio al viernes 7", "Monday,
# June 3"; dropped first, so that the connectors and day ranges read the dates alone ("since Monday" stays)
_WEEKDAY_NAMES = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|"
    r"samstag|sonnabend|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|maandag|dinsdag|woensdag|"
    r"donderdag|vrijdag|zaterdag|zondag|lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo|"
    r"lunedì|lunedi|martedì|martedi|mercoledì|mercoledi|giovedì|giovedi|venerdì|venerdi|sabato|domenica"
)
_WEEKDAY_BEFORE_DATE = [
    (
        r"\b(?:" + _WEEKDAY_NAMES + r")\b,?\s+(?:(?:the|den|dem|der|le|la|el|il|de)\s+)?"
        r"(?=\d{1,2}(?:st|nd|rd|th|er|\.|º|°)?\s*(?:(?:de|of)\s+)?"
        + _MW
        + r"|\d{1,2}[./-]\d{1,2}\b|"
        + _MW
        + r"\s+\d{1,2}\b)",
        "",
    ),
]
# "zwischen dem 3. Juni und dem 7. Juni 2024", "entre le 3 juin et le 7 juin": two days joined after "between" (once
# the words above are English) are the span between them
_BETWEEN_DAYS = [
    (
        r"(\bbetween\s+)(?:(?:dem|den|le|la|el|il|de|the)\s+)?(\d{1,2}\s+(?:de\s+)?"
        + _MW
        + r")\s+(?:und|et|en|y|e|and)\s+"
        r"(?:(?:dem|den|le|la|el|il|de|the)\s+)?(?=\d{1,2}\s+(?:de\s+)?" + _MW + r")",
        r"\1\2 and ",
    ),
]
# "as of" a day, before "du"/"del" become "from": "Stand 1. Juni 2024", "à la date du 1er juin", "per 1 juni",
# "a fecha de 1 de junio", "alla data del 1° giugno"
_AS_OF = [
    (
        r"\b(?:stand(?:\s+(?:vom|am))?:?|à la date du|en date du|per|a fecha de|a día de|alla data del|aggiornato al|as at)\s+"
        r"(?=\d{1,2}(?:er|\.|°|º)?\s+(?:de\s+)?" + _MW + r")",
        "as of ",
    ),
]
_MONTH_NAME = {n: name for name, n in MONTHS.items() if len(name) > 4 or name in ("may", "june", "july")}
# the forms openEO code writes dates in: a temporal_extent list ('["2021-02-01", "2021-04-30"]') is a range, a
# year-month ("2023-07", "07/2023") a month; "2022-W23" and full ISO dates are read as before
_CODE_DATES = [
    (r"[\[(]\s*[\"']?((?:19|20)\d\d-\d\d-\d\d)[\"']?\s*,\s*[\"']?((?:19|20)\d\d-\d\d-\d\d)[\"']?\s*[\])]", r"\1 to \2"),
    (r"(?<![\w/.-])((?:19|20)\d\d)-(0[1-9]|1[0-2])(?![\d-])", lambda m: f"{_MONTH_NAME[int(m.group(2))]} {m.group(1)}"),
    (r"(?<![\w/.-])(0?[1-9]|1[0-2])/((?:19|20)\d\d)(?![\d/])", lambda m: f"{_MONTH_NAME[int(m.group(1))]} {m.group(2)}"),
]
_DATE_RE: list[tuple[re.Pattern[str], Any]] = [
    (re.compile(p), r) for p, r in _CODE_DATES + _AS_OF + _WEEKDAY_BEFORE_DATE + _MONTH_PART_WORDS + _DATE_WORDS + _MONTH_EDGE_WORDS
    + _BETWEEN_DAYS
]


def date_text(text: str) -> str:
    """Normalised text with dates in five languages rewritten to the English forms the scanner reads."""
    for pattern, repl in _DATE_RE:
        text = pattern.sub(repl, text)
    return text


def find_periods(text: str, today: date, south: bool = False) -> list[Period]:
    """Every period the (normalised) text mentions, in text order; ends are exclusive."""
    # "the whole summer", "the entire year 2023", "the full month of May": the span itself
    text = re.sub(r"\b(?:whole|entire|full|complete)\s+(?=(?:summer|winter|spring|autumn|fall|year|month|season|week)\b)",
                  "", text)
    return _Scanner(date_text(text), today, south).run()


# a reference of the same dates in the years before, in six languages (normalised text, numbers as words or digits):
# "the three previous years", "der drei Vorjahre", "des trois années précédentes", "de los tres años anteriores",
# "dei tre anni precedenti", "van de drie voorgaande jaren"
_N = r"(\d{1,2}|[a-zäöüéè]+)"
PREVIOUS_YEARS = re.compile(
    r"(?<![a-z])(?:" + _N + r"\s+(?:previous|preceding|prior|earlier)\s+years|(?:previous|preceding|prior|past)\s+" + _N
    + r"\s+years|" + _N + r"\s+vorjahre\w*|" + _N + r"\s+(?:vorangegangenen|vorherigen|vergangenen)\s+jahre\w*|"
    + _N + r"\s+(?:ann[ée]es|ans)\s+pr[ée]c[ée]dent\w*|" + _N + r"\s+años\s+anteriores|" + _N + r"\s+anni\s+precedenti|"
    + _N + r"\s+(?:voorgaande|vorige|eerdere)\s+jaren|"
    # date_text has made the word for "previous" English: "trois années before", "5 years before", "tre anni before"
    # after an article: "los 5 years before" is a span of years, "5 years before" alone a single year back
    + r"(?:the|los|las|les|aux|des|ai|agli|dei|degli|der|den|de)\s+" + _N
    + r"\s+(?:years|ann[ée]es|ans|anni|años|jahre|jaren)\s+(?:before|earlier))(?![a-z])")


def previous_years(text: str) -> int | None:
    """How many years before the window a reference spans ("the three previous years": 3), or None."""
    m = PREVIOUS_YEARS.search(text)
    if not m:
        return None
    word = next(g for g in m.groups() if g)
    n = int(word) if word.isdigit() else {**NUMBER_WORDS, "tre": 3}.get(word)
    return n if isinstance(n, int) and 1 <= n <= 30 else None


def last_days(today: date, n: int) -> Period:
    return Period(
        start=today - timedelta(days=n), end=today + timedelta(days=1), text=f"last {n} days", kind="relative"
    )


def shift_before(p: Period, days: int) -> Period:
    """The `days` before a period or event: the reference window of a change detection."""
    return Period(
        start=p.start - timedelta(days=days), end=p.start, text=f"{days} days before", kind="relative", role="before"
    )


def after(p: Period, days: int, today: date) -> Period:
    """From the event on, `days` long, not past today."""
    end = min(p.start + timedelta(days=days), today + timedelta(days=1))
    return Period(
        start=p.start,
        end=max(end, p.start + timedelta(days=1)),
        text=f"{days} days after",
        kind="relative",
        role="after",
    )


def straddle(p: Period, today: date) -> tuple[Period, Period]:
    """The windows either side of an event that lasted `p` (a fire's days or month), the event left out: a month's
    neighbouring months ("the fires of August 2021": July against September), else spans as long as the event
    itself, at least four weeks before and two after; the after window never runs past today."""
    if p.kind == "month":
        first = _shift_months(p.start, -1)
        before = Period(start=first, end=p.start, text=f"{first:%B %Y}", kind="month", role="before")
        end = month_end(p.end.year, p.end.month)
    else:
        # a few days' fire: four weeks before it and two after (one pass can be clouded or smoky)
        before = shift_before(p, max(p.days, 28))
        end = p.end + timedelta(days=max(p.days, 14))
    end = min(end, today + timedelta(days=1))
    return before, Period(start=p.end, end=max(end, p.end + timedelta(days=1)), text=f"after {p.text}".strip(),
                          kind="relative", role="after")
