/**
 * A deep copy of an ical.js component for editing, cheaper than a parse of its text. Used by the engine and by the
 * store, which edits the objects it keeps (so it lives with the iCalendar helpers, not inside the engine).
 */
import ICAL from 'ical.js';

type Comp = ICAL.Component;

/**
 * A deep copy for editing. VTIMEZONE subtrees are shared, not copied: the engine never edits a time zone
 * definition, and sharing lets the serializer reuse their text (see shared/ical/serialize.ts).
 */
export function cloneComponent(c: Comp): Comp {
  return new ICAL.Component(copyJcal(c.jCal) as unknown[]);
}

/** A component's jCal: [name, properties, subcomponents]; VTIMEZONE subtrees shared (see above). */
function copyJcal(c: unknown[]): unknown[] {
  if (c[0] === 'vtimezone') return c;
  const props = c[1] as unknown[][];
  const subs = c[2] as unknown[][];
  const p2 = new Array<unknown>(props.length);
  for (let i = 0; i < props.length; i++) p2[i] = copyProperty(props[i] as unknown[]);
  const s2 = new Array<unknown>(subs.length);
  for (let i = 0; i < subs.length; i++) s2[i] = copyJcal(subs[i] as unknown[]);
  return [c[0], p2, s2];
}

/** A property: [name, parameters, type, ...values]; values are strings, numbers, booleans or small structures. */
export function copyProperty(p: unknown[]): unknown[] {
  const out = p.slice();
  out[1] = copyValue(p[1]);
  for (let i = 3; i < out.length; i++) {
    const v = out[i];
    if (v !== null && typeof v === 'object') out[i] = copyValue(v);
  }
  return out;
}

function copyValue(v: unknown): unknown {
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = copyValue(v[i]);
    return out;
  }
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k in v) out[k] = copyValue((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}
