#!/usr/bin/env python3
"""Reads a running server's feeds with independent parsers from PyPI.

    check_exports.py [--require-tzid] BASE_URL SLUG EVENT_ID [EVENT_ID ...]

Fetches the campaign's events.ics, each given event's .ics and JSON,
events.geojson and events.atom, and parses them with `icalendar`, `geojson`
and `feedparser`. Each given event must be published. Checks:

- iCalendar: every VEVENT has a UID, SUMMARY and DTSTART; the DTSTART of
  each given event is its instant (`starts_at_utc`), and when it names a
  zone (TZID) that is the event's IANA zone and a VTIMEZONE of that TZID is
  in the calendar (with DTSTART in UTC, the zone must be named in the
  DESCRIPTION, as the server writes it for the second of two folded times;
  `--require-tzid` refuses a UTC DTSTART);
- GeoJSON: a valid FeatureCollection (RFC 7946), every coordinate in range,
  each given event a feature;
- Atom: parsed without error, each given event an entry linking to its page.

Exits 0 when everything holds; else 1, printing every problem.
"""

import datetime as dt
import json
import sys
import urllib.request

try:
    import feedparser
    import geojson
    import icalendar
except ImportError as e:  # pragma: no cover
    sys.exit(f"check_exports.py: a package is missing ({e}); "
             "pip install icalendar geojson feedparser")

problems = []


def problem(message):
    problems.append(message)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            if response.status != 200:
                problem(f"{url}: HTTP {response.status}")
            return response.read(), response.headers.get("Content-Type", "")
    except Exception as e:  # noqa: BLE001 - reported, not raised
        problem(f"{url}: cannot fetch ({e})")
        return b"", ""


def utc_instant(value):
    """An icalendar DTSTART value as an aware UTC datetime."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return None
        return value.astimezone(dt.timezone.utc)
    return None


def check_calendar(name, data, events):
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except Exception as e:  # noqa: BLE001
        problem(f"{name}: icalendar cannot parse it ({e})")
        return
    zones = {str(tz.get("TZID")) for tz in calendar.walk("VTIMEZONE")}
    vevents = calendar.walk("VEVENT")
    if not vevents:
        problem(f"{name}: no VEVENT")
    by_uid = {}
    for vevent in vevents:
        for prop in ("UID", "SUMMARY", "DTSTART"):
            if vevent.get(prop) is None:
                problem(f"{name}: a VEVENT without {prop}")
        by_uid[str(vevent.get("UID"))] = vevent
    for event in events:
        uid = next((u for u in by_uid if u.startswith(f"event-{event['id']}@")), None)
        if uid is None:
            problem(f"{name}: no VEVENT for event {event['id']}")
            continue
        vevent = by_uid[uid]
        dtstart = vevent.get("DTSTART")
        if dtstart is None:
            continue
        zone = event["timezone"]
        tzid = dtstart.params.get("TZID")
        if tzid is not None:
            if tzid != zone:
                problem(f"{name}: event {event['id']}: DTSTART TZID {tzid}, expected {zone}")
            if tzid not in zones:
                problem(f"{name}: event {event['id']}: no VTIMEZONE for TZID {tzid}")
        elif "--require-tzid" in sys.argv:
            problem(f"{name}: event {event['id']}: DTSTART names no zone (TZID)")
        else:
            description = str(vevent.get("DESCRIPTION", ""))
            if zone not in description:
                problem(f"{name}: event {event['id']}: DTSTART in UTC and the zone {zone} "
                        "is not named in the DESCRIPTION")
        start = utc_instant(dtstart.dt)
        expected = dt.datetime.fromisoformat(event["starts_at_utc"].replace("Z", "+00:00"))
        if start is None:
            problem(f"{name}: event {event['id']}: DTSTART {dtstart.to_ical()!r} is a floating time")
        elif start != expected:
            problem(f"{name}: event {event['id']}: DTSTART is {start.isoformat()}, "
                    f"expected {expected.isoformat()}")


def check_geojson(data, events):
    try:
        collection = geojson.loads(data.decode("utf-8"))
    except Exception as e:  # noqa: BLE001
        problem(f"events.geojson: geojson cannot parse it ({e})")
        return
    if getattr(collection, "type", None) != "FeatureCollection":
        problem(f"events.geojson: a {getattr(collection, 'type', '?')}, not a FeatureCollection")
        return
    if not collection.is_valid:
        problem(f"events.geojson: not valid: {collection.errors()}")
    ids = set()
    for feature in collection["features"]:
        geometry = feature.get("geometry") or {}
        if geometry.get("type") != "Point":
            problem(f"events.geojson: feature {feature.get('id')}: not a Point")
            continue
        lon, lat = geometry["coordinates"][:2]
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            problem(f"events.geojson: feature {feature.get('id')}: coordinates {lon},{lat} out of range")
        properties = feature.get("properties") or {}
        ids.add(str(feature.get("id", properties.get("id"))))
    for event in events:
        if str(event["id"]) not in ids:
            problem(f"events.geojson: no feature for event {event['id']}")


def check_atom(data, content_type, events):
    if not content_type.startswith("application/atom+xml"):
        problem(f"events.atom: Content-Type {content_type!r}")
    feed = feedparser.parse(data)
    if feed.bozo:
        problem(f"events.atom: feedparser: {feed.bozo_exception}")
    if feed.version != "atom10":
        problem(f"events.atom: version {feed.version!r}, not atom10")
    links = {link.get("href") for entry in feed.entries for link in entry.get("links", [])}
    for event in events:
        if not any(href and href.endswith(f"/e/{event['id']}") for href in links):
            problem(f"events.atom: no entry linking to event {event['id']}")
    for entry in feed.entries:
        updated = entry.get("updated_parsed")
        if updated is None:
            problem(f"events.atom: entry {entry.get('id')} without a date")
        elif (updated.tm_hour, updated.tm_min, updated.tm_sec) != (0, 0, 0):
            problem(f"events.atom: entry {entry.get('id')}: a time of day in a public date")


def main(argv):
    if len([a for a in argv[1:] if not a.startswith("--")]) < 3:
        sys.exit(__doc__)
    args = [a for a in argv[1:] if not a.startswith("--")]
    base, slug, ids = args[0].rstrip("/"), args[1], args[2:]
    events = []
    for event_id in ids:
        data, _ = fetch(f"{base}/api/v1/events/{event_id}")
        if data:
            events.append(json.loads(data))
    campaign = f"{base}/api/v1/campaigns/{slug}"
    data, _ = fetch(f"{campaign}/events.ics")
    if data:
        check_calendar("events.ics", data, events)
    for event in events:
        data, _ = fetch(f"{base}/api/v1/events/{event['id']}.ics")
        if data:
            check_calendar(f"{event['id']}.ics", data, [event])
    data, _ = fetch(f"{campaign}/events.geojson")
    if data:
        check_geojson(data, events)
    data, content_type = fetch(f"{campaign}/events.atom")
    if data:
        check_atom(data, content_type, events)
    if problems:
        print(f"check_exports.py: {len(problems)} problem(s):", file=sys.stderr)
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        return 1
    print(f"check_exports.py: events.ics, {len(events)} event calendar(s), "
          "events.geojson and events.atom read without a problem")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
