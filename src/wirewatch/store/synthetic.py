"""Made-up articles with made-up events, for tests and benchmarks of the store (no real article,
place or outlet: pseudo-words on random coordinates).

Each story is one event reported by an original article, 0-2 wire copies of it (other outlets,
boilerplate added) and sometimes a follow-up by another outlet with a revised toll, published a
day later, whose text shares nothing with the original but repeats its claim.
"""
from __future__ import annotations

import random
from typing import Iterator

from ..model import Article, Claim, Mention

_SYLLABLES = ["ka", "ro", "mi", "ten", "sa", "vul", "dor", "e", "an", "is", "qu", "ba", "lo", "nu", "tar", "zi"]
EVENT_TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
               ("Explosions/Remote violence", "Air/drone strike"), ("Protests", "Peaceful protest")]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 4)))


def _text(rng: random.Random, words: int) -> str:
    return " ".join(_word(rng) for _ in range(words)) + "."


def synthetic_articles(n: int, seed: int = 0) -> list[Article]:
    """`n` articles (stories until n is reached), deterministic for a seed."""
    return list(iter_synthetic_articles(n, seed))


def iter_synthetic_articles(n: int, seed: int = 0) -> Iterator[Article]:
    rng = random.Random(seed)
    count = 0
    story = 0
    while count < n:
        story += 1
        event_type, sub = rng.choice(EVENT_TYPES)
        day = f"2021-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        lat, lon = rng.uniform(-40, 60), rng.uniform(-100, 140)
        dead = rng.randint(0, 30)
        base = Mention(event_id="e1", event_date=day, time_precision=1, event_type=event_type,
                       sub_event_type=sub, actor1=f"Group {story}", actor1_country="XXA",
                       actor2="Civilians (Testland)", actor2_country="XXB", country="Testland",
                       iso3="XXB", location=f"Place{story}", latitude=round(lat, 4),
                       longitude=round(lon, 4), geo_precision=1, fatalities=dead, injuries=2 * dead,
                       status="reported",
                       claims=[Claim(stance="asserts", claimant_country="XXB", speaker=f"Official {story}")])
        body = _text(rng, rng.randint(60, 140))
        copies = rng.choice([0, 0, 1, 2])
        follow_up = rng.random() < 0.3
        versions: list[tuple[str, str, Mention]] = [("orig", body, base)]
        for c in range(copies):
            versions.append((f"copy{c}", f"{_text(rng, 8)} {body} {_text(rng, 6)}", _clone(base)))
        if follow_up:
            later = _clone(base)
            later.fatalities = dead + rng.randint(1, 5)
            # the follow-up repeats the accusation and adds the denial: what ties it to the story
            later.claims.append(Claim(stance="denies", claimant_country="XXA", speaker=f"Spokesman {story}"))
            versions.append(("followup", _text(rng, rng.randint(60, 120)), later))
        for i, (kind, text, mention) in enumerate(versions):
            if count >= n:
                return
            count += 1
            hour = 8 + i
            published = f"{day}T{hour:02d}:00:00+00:00" if kind != "followup" else f"{day}T23:30:00+00:00"
            yield Article(
                article_id=f"s{story:06d}-{kind}", text=text, url=f"https://example.org/{story}/{kind}",
                canonical_url=f"https://example.org/{story}/{kind}", title=f"Story {story} ({kind})",
                published=published, publisher=f"Outlet {i}", wire_agency="TESTWIRE" if kind == "orig" else None,
                relevant=True, events=[mention])


def _clone(m: Mention) -> Mention:
    from copy import deepcopy
    return deepcopy(m)
