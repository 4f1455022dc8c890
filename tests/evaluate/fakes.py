"""Hand-written example gold rows (invented for these tests, not taken from any dataset) and a fake
pipeline that returns hand-made events, so the scoring can be tested without spaCy."""
from __future__ import annotations

import csv
from pathlib import Path

from wirewatch.model import Article, Mention

ACLED_HEADER = ["event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
                "actor1", "actor2", "interaction", "country", "admin1", "location", "latitude", "longitude",
                "notes", "fatalities"]

# Example rows: invented places-and-people-free notes over real towns, for testing only.
ACLED_ROWS = [
    ["EX1", "2021-03-04", "2021", "1", "Battles", "Armed clash", "Military Forces of Nigeria (2015-)",
     "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "12", "Nigeria", "Borno", "Maiduguri",
     "11.8464", "13.1603", "Example: On 4 March 2021, soldiers clashed with militants near Maiduguri. 7 killed.", "7"],
    ["EX2", "2021-03-05", "2021", "1", "Protests", "Peaceful protest", "Protesters (Kenya)", "", "60",
     "Kenya", "Nairobi", "Nairobi", "-1.2833", "36.8167",
     "Example: On 5 March 2021, traders protested in Nairobi over taxes. [size=around 50]", "0"],
    ["EX3", "2021-03-06", "2021", "1", "Explosions/Remote violence", "Air/drone strike",
     "Military Forces of Turkey (2016-)", "Civilians (Iraq)", "37", "Iraq", "Duhok", "Zakho",
     "37.1436", "42.6819", "Example: On 6 March 2021, a drone strike hit a car near Zakho. 2 killed.", "2"],
    ["EX4", "2021-03-07", "2021", "2", "Violence against civilians", "Attack", "Unidentified Armed Group (Mexico)",
     "Civilians (Mexico)", "37", "Mexico", "Guerrero", "Acapulco", "16.8634", "-99.8901",
     "Example: Around 7 March 2021, gunmen shot a shopkeeper in Acapulco.", "1"],
    ["EX5", "2021-03-08", "2021", "1", "Remote violence", "", "Unidentified Armed Group (Somalia)", "",
     "30", "Somalia", "Banadir", "Mogadishu", "2.0371", "45.3438",
     "Example: On 8 March 2021, a roadside bomb went off in Mogadishu. No casualties were reported.", "0"],
]


def write_acled(path: Path, rows: list[list[str]] = ACLED_ROWS) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(ACLED_HEADER)
        w.writerows(rows)
    return path


GTD_HEADER = ["eventid", "iyear", "imonth", "iday", "country_txt", "provstate", "city", "summary",
              "attacktype1_txt", "targtype1_txt", "weaptype1_txt", "nkill"]
GTD_ROWS = [
    ["1", "2017", "6", "2", "Somalia", "Banadir", "Mogadishu",
     "06/02/2017: Example: an explosive device detonated near a police station in Mogadishu. 3 killed.",
     "Bombing/Explosion", "Police", "Explosives", "3"],
    ["2", "2017", "6", "3", "Nigeria", "Borno", "Maiduguri",
     "06/03/2017: Example: assailants attacked an army post in Maiduguri. Casualties unknown.",
     "Armed Assault", "Military", "Firearms", ""],
    ["3", "2017", "6", "4", "Nigeria", "Borno", "Nowhereville",
     "06/04/2017: Example: assailants abducted two teachers in Nowhereville.",
     "Hostage Taking (Kidnapping)", "Educational Institution", "Firearms", "0"],
    ["4", "2017", "6", "5", "Nigeria", "Borno", "Maiduguri",
     "06/05/2017: Example: an attack of unknown kind in Maiduguri. 1 killed.", "Unknown", "Unknown", "Unknown", "1"],
]
GTD_POINTS = {"Mogadishu": (2.0371, 45.3438), "Maiduguri": (11.8464, 13.1603)}


def write_gtd(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(GTD_HEADER)
        w.writerows(GTD_ROWS)
    return path


def fake_geocoder(city: str, provstate: str | None, iso3: str | None) -> tuple[float, float] | None:
    return GTD_POINTS.get(city)


class FakePipeline:
    """Stands in for wirewatch.pipeline.Pipeline: returns the events listed for an article id
    (matched by suffix, so 'acled:EX1' finds 'EX1')."""

    def __init__(self, events: dict[str, list[Mention]]):
        self.events = events
        self.calls = 0

    def process(self, articles: list[Article]) -> list[Article]:
        self.calls += 1
        for a in articles:
            key = a.article_id.split(":", 1)[-1]
            a.events = list(self.events.get(key, []))
            a.relevant = bool(a.events)
        return articles


def acled_events() -> dict[str, list[Mention]]:
    """EX1 right on everything; EX2 right but fatalities null; EX3 wrong sub-type and toll, plus a
    background item first; EX4 no event at all; EX5 right type, date off by one."""
    return {
        "EX1": [Mention("e1", event_date="2021-03-04", time_precision=1, event_type="Battles",
                        sub_event_type="Armed clash", actor1_country="NGA", actor2_country=None, interaction=12,
                        country="Nigeria", iso3="NGA", admin1="Borno State", latitude=11.85, longitude=13.16,
                        fatalities=7)],
        "EX2": [Mention("e2", event_date="2021-03-05", time_precision=1, event_type="Protests",
                        sub_event_type="Peaceful protest", actor1_country="KEN", interaction=60,
                        country="Kenya", iso3="KEN", admin1="Nairobi Area", latitude=-1.28, longitude=36.82,
                        fatalities=None)],
        "EX3": [Mention("bg", event_date="2015-01-01", event_type="Battles", mention="background"),
                Mention("e3", event_date="2021-03-06", time_precision=1, event_type="Explosions/Remote violence",
                        sub_event_type="Shelling/artillery/missile attack", actor1_country="TUR",
                        actor2_country="IRQ", interaction=37, country="Iraq", iso3="IRQ", admin1="Duhok",
                        latitude=37.14, longitude=42.68, fatalities=3)],
        "EX5": [Mention("e5", event_date="2021-03-09", time_precision=1, event_type="Explosions/Remote violence",
                        sub_event_type="Remote explosive/landmine/IED", actor1_country="SOM", country="Somalia",
                        iso3="SOM", admin1="Banaadir", latitude=2.04, longitude=45.34, fatalities=None)],
    }
