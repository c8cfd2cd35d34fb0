// Expands every event of iCal files with two third-party parsers, as calendar
// apps would, and prints each instance as wall-clock time in one zone.
//
//   node expand.mjs ZONE FILE.ics [FILE.ics ...]
//
// prints {"FILE.ics": {"ical.js": [...], "node-ical": [...]}, ...} where an
// instance is {"uid", "start", "end"}: "YYYY-MM-DD" for all-day instances,
// "YYYY-MM-DDTHH:MM:SS" in ZONE otherwise. ical.js (Thunderbird and many web
// calendars) converts times with the file's own VTIMEZONE; node-ical with its
// own reading of it. Used by tests/events/test_clients.py.
import { readFileSync } from "node:fs";

import ICAL from "ical.js";
import nodeIcal from "node-ical";

// Every series the package writes ends (COUNT or UNTIL), after at most 260
// dates; a runaway expansion is a bug the tests should see, not a hang.
const MAX_INSTANCES = 1000;
const FROM = new Date(Date.UTC(1970, 0, 1));
const TO = new Date(Date.UTC(2200, 0, 1));

const [zone, ...files] = process.argv.slice(2);
if (!zone || files.length === 0) {
  console.error("usage: node expand.mjs ZONE FILE.ics [FILE.ics ...]");
  process.exit(2);
}

const wallClock = new Intl.DateTimeFormat("sv-SE", {
  timeZone: zone,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});
const dayOnly = new Intl.DateTimeFormat("sv-SE", {
  timeZone: zone,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

function local(date) {
  const parts = Object.fromEntries(
    wallClock.formatToParts(date).map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

function byStart(a, b) {
  return a.uid.localeCompare(b.uid) || a.start.localeCompare(b.start);
}

// --- ical.js -----------------------------------------------------------------

function icaljsTime(time) {
  if (time.isDate) return time.toString();
  // toUnixTime converts with the VTIMEZONE of the file (getTimeZoneByID).
  return local(new Date(time.toUnixTime() * 1000));
}

function expandIcaljs(text) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = new Map();
  const exceptions = [];
  for (const vevent of calendar.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(vevent);
    if (event.isRecurrenceException()) exceptions.push(event);
    else events.set(event.uid, event);
  }
  for (const exception of exceptions) {
    const main = events.get(exception.uid);
    if (!main) throw new Error(`RECURRENCE-ID without its event: ${exception.uid}`);
    main.relateException(exception);
  }
  const instances = [];
  for (const event of events.values()) {
    if (!event.isRecurring()) {
      instances.push({
        uid: event.uid,
        start: icaljsTime(event.startDate),
        end: icaljsTime(event.endDate),
      });
      continue;
    }
    const iterator = event.iterator();
    let next;
    let count = 0;
    while ((next = iterator.next())) {
      if (++count > MAX_INSTANCES) throw new Error(`runaway series ${event.uid}`);
      const details = event.getOccurrenceDetails(next);
      instances.push({
        uid: event.uid,
        start: icaljsTime(details.startDate),
        end: icaljsTime(details.endDate),
      });
    }
  }
  return instances.sort(byStart);
}

// --- node-ical ---------------------------------------------------------------

function nodeIcalTime(date, fullDay) {
  // All-day values are floating dates, read on the process's clock (TZ=zone).
  return fullDay ? dayOnly.format(date) : local(date);
}

function expandNodeIcal(text) {
  const parsed = nodeIcal.sync.parseICS(text);
  const instances = [];
  for (const item of Object.values(parsed)) {
    if (item.type !== "VEVENT") continue;
    const expanded = nodeIcal.expandRecurringEvent(item, { from: FROM, to: TO });
    if (expanded.length > MAX_INSTANCES) throw new Error(`runaway series ${item.uid}`);
    for (const instance of expanded) {
      instances.push({
        uid: item.uid,
        start: nodeIcalTime(instance.start, instance.isFullDay),
        end: nodeIcalTime(instance.end, instance.isFullDay),
      });
    }
  }
  return instances.sort(byStart);
}

const result = {};
for (const file of files) {
  const text = readFileSync(file, "utf8");
  result[file] = { "ical.js": expandIcaljs(text), "node-ical": expandNodeIcal(text) };
}
process.stdout.write(JSON.stringify(result));
