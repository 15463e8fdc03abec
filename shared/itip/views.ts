/**
 * Plain-data views of events for people: what the CLI prints and the renderer shows. Text only, ISO times.
 */
import ICAL from 'ical.js';
import type { EventView } from '../model/decisions.js';
import { endOf } from '../ical/recurrence.js';
import { formatIso } from '../ical/time.js';
import { findJoinUrl } from '../calendar/joinLink.js';
import {
  attendeeProps,
  organizerProp,
  param,
  partstatOf,
  propAddress,
  recurrenceIdOf,
  sequenceOf,
  textValue,
  timeValue,
  type Comp,
} from './components.js';

export function eventView(c: Comp, uid: string): EventView {
  const start = safeTime(() => timeValue(c, 'dtstart'));
  const end = start ? safeTime(() => endOf(c, start)) : null;
  const rid = safeTime(() => recurrenceIdOf(c));
  const org = organizerProp(c);
  return {
    uid,
    recurrenceId: rid ? formatIso(rid) : null,
    summary: textValue(c, 'summary') ?? '(no title)',
    start: start ? formatIso(start) : null,
    end: end ? formatIso(end) : null,
    allDay: !!start?.isDate,
    timezone: start && !start.isDate ? tzidOf(c) : null,
    location: textValue(c, 'location'),
    description: textValue(c, 'description'),
    status: textValue(c, 'status')?.toUpperCase() ?? null,
    sequence: sequenceOf(c),
    organizer: org ? withDelivery({ address: propAddress(org), name: param(org, 'cn') }, org) : null,
    attendees: attendeeProps(c).map((p) =>
      withDelivery(
        { address: propAddress(p), name: param(p, 'cn'), partstat: partstatOf(p), role: param(p, 'role') },
        p,
      ),
    ),
    recurring: c.hasProperty('rrule') || c.hasProperty('rdate'),
    ...richFields(c),
  };
}

/** RRULE text, the HTML description and the join link: what the app shows beyond the plain fields. */
function richFields(c: Comp): Pick<EventView, 'rrule' | 'htmlDescription' | 'joinUrl'> {
  const rule = c.getFirstPropertyValue('rrule');
  const htmlDescription = htmlDescriptionOf(c);
  return { rrule: rule ? String(rule) : null, htmlDescription, joinUrl: joinUrlOf(c, htmlDescription) };
}

function htmlDescriptionOf(c: Comp): string | null {
  const alt = c.getAllProperties('x-alt-desc').find((p) => (param(p, 'fmttype') ?? '').toLowerCase() === 'text/html');
  return alt ? String(alt.getFirstValue() ?? '') || null : null;
}

/**
 * The join link of one VEVENT (shared/calendar/joinLink.ts reads the texts): RFC 7986 CONFERENCE, Google's
 * X-GOOGLE-CONFERENCE, Teams' X-MICROSOFT-SKYPETEAMSMEETINGURL, then meeting links in LOCATION, DESCRIPTION and the
 * HTML description. The one place a component's properties are mapped to those texts, for every view.
 */
export function joinUrlOf(c: Comp, htmlDescription: string | null = htmlDescriptionOf(c)): string | null {
  const text = (name: string): string | null => {
    const v = c.getFirstPropertyValue(name);
    return v === null || v === undefined ? null : String(v);
  };
  return findJoinUrl({
    conference: c
      .getAllProperties('conference')
      .map((p) => ({ uri: String(p.getFirstValue() ?? ''), feature: param(p, 'feature') })),
    googleConference: text('x-google-conference'),
    teamsUrl: text('x-microsoft-skypeteamsmeetingurl'),
    location: withLink(textValue(c, 'location')),
    description: withLink(textValue(c, 'description')),
    htmlDescription: withLink(htmlDescription),
  });
}

/**
 * Free text handed to the join-link search only when it holds an https URL at all, the only kind that search
 * returns: most descriptions have none, and the search copies and scans the whole text (every invitation's view).
 */
function withLink(text: string | null): string | null {
  return text !== null && HTTPS.test(text) ? text : null;
}
const HTTPS = /https:\/\//i;

/** Marks a person my last scheduling message to did not reach (SCHEDULE-STATUS 5.x, see deliveryFailure.ts). */
function withDelivery<T extends object>(view: T, p: ICAL.Property): T & { undelivered?: boolean } {
  return param(p, 'schedule-status')?.startsWith('5.') ? { ...view, undelivered: true } : view;
}

function tzidOf(c: Comp): string | null {
  const p = c.getFirstProperty('dtstart');
  const tz = p ? param(p, 'tzid') : null;
  if (tz) return tz;
  const t = timeValue(c, 'dtstart');
  return t && t.zone === ICAL.Timezone.utcTimezone ? 'UTC' : null;
}

function safeTime<T>(f: () => T | null): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

/**
 * The same view, computed only when a field other than the title is read. Most messages are applied without a
 * person and never need times formatted for display; building every view eagerly cost a tenth of the engine's
 * time. `toJSON` gives the plain view, so it is stored and printed like one.
 */
class LazyEventView {
  #full: EventView | null = null;
  readonly #c: Comp;
  readonly uid: string;
  constructor(c: Comp, uid: string) {
    this.#c = c;
    this.uid = uid;
  }
  #get(): EventView {
    return (this.#full ??= eventView(this.#c, this.uid));
  }
  get summary(): string {
    return this.#full?.summary ?? textValue(this.#c, 'summary') ?? '(no title)';
  }
  get recurrenceId(): string | null {
    return this.#get().recurrenceId;
  }
  get start(): string | null {
    return this.#get().start;
  }
  get end(): string | null {
    return this.#get().end;
  }
  get allDay(): boolean {
    return this.#get().allDay;
  }
  get timezone(): string | null {
    return this.#get().timezone;
  }
  get location(): string | null {
    return this.#get().location;
  }
  get description(): string | null {
    return this.#get().description;
  }
  get status(): string | null {
    return this.#get().status;
  }
  get sequence(): number {
    return this.#get().sequence;
  }
  get organizer(): EventView['organizer'] {
    return this.#get().organizer;
  }
  get attendees(): EventView['attendees'] {
    return this.#get().attendees;
  }
  get recurring(): boolean {
    return this.#get().recurring;
  }
  get rrule(): string | null | undefined {
    return this.#get().rrule;
  }
  get htmlDescription(): string | null | undefined {
    return this.#get().htmlDescription;
  }
  get joinUrl(): string | null | undefined {
    return this.#get().joinUrl;
  }
  toJSON(): EventView {
    return this.#get();
  }
}

export function lazyEventView(c: Comp, uid: string): EventView {
  return new LazyEventView(c, uid) satisfies EventView;
}
