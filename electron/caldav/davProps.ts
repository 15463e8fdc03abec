/**
 * Reading WebDAV properties as tsdav's XML conversion hands them over (camel-cased names, a single child as an
 * object and several as an array, numbers-looking text as numbers). Owns the few shapes the CalDAV/CardDAV code
 * needs: hrefs, text, resource types, privileges (RFC 3744 §5.4) and supported components (RFC 4791 §5.2.3).
 */

type Props = Record<string, unknown> | undefined;

/** A property by name, ignoring case: tsdav camel-cases `schedule-default-calendar-URL` unpredictably. */
export function prop(props: Props, name: string): unknown {
  if (!props) return undefined;
  if (name in props) return props[name];
  const lower = name.toLowerCase();
  for (const k of Object.keys(props)) if (k.toLowerCase() === lower) return props[k];
  return undefined;
}

export function asArray<T>(v: T | T[] | undefined | null): T[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/**
 * Text of a property, or null when absent/empty (tsdav gives `{}` for an empty element). Text in a CDATA section
 * arrives as `_cdata` (Cyrus sends calendar-data that way), in several pieces when the server split it.
 */
export function textProp(props: Props, name: string): string | null {
  const v = prop(props, name);
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const { _text: t, _cdata: c } = v as { _text?: unknown; _cdata?: unknown };
  const pieces = [...asArray(t), ...asArray(c)].map(String);
  const text = pieces.join('');
  return pieces.length === 0 || text === '' ? null : text;
}

/** The hrefs inside a property such as current-user-principal or calendar-home-set. */
export function hrefsProp(props: Props, name: string): string[] {
  const v = prop(props, name) as { href?: unknown } | undefined;
  if (!v || typeof v !== 'object') return [];
  return asArray(v.href as unknown[] | unknown)
    .map((h) => (typeof h === 'object' && h !== null ? String((h as { _text?: unknown })._text ?? '') : String(h)))
    .filter((h) => h !== '');
}

export function resourceTypes(props: Props): Set<string> {
  const v = prop(props, 'resourcetype');
  return new Set(v && typeof v === 'object' ? Object.keys(v) : []);
}

/** Privilege names the server grants me on a resource; `all` implies everything. */
export function privileges(props: Props): Set<string> {
  const out = new Set<string>();
  const set = prop(props, 'currentUserPrivilegeSet') as { privilege?: unknown } | undefined;
  for (const p of asArray(set?.privilege as object | object[] | undefined)) {
    if (p && typeof p === 'object') for (const k of Object.keys(p)) out.add(k);
  }
  return out;
}

/**
 * Whether I may change objects in a collection. Absent privileges (a server that does not report RFC 3744) are
 * read as writable; the server still refuses with 403 if not, and the write then reports it.
 */
export function mayWrite(props: Props): boolean {
  if (prop(props, 'currentUserPrivilegeSet') === undefined) return true;
  const p = privileges(props);
  return p.has('all') || p.has('write') || p.has('writeContent') || p.has('bind');
}

/** Component names a calendar accepts; empty means "not stated" (RFC 4791 §5.2.3: then any). */
export function supportedComponents(props: Props): string[] {
  const set = prop(props, 'supportedCalendarComponentSet') as { comp?: unknown } | undefined;
  return asArray(set?.comp as object | object[] | undefined)
    .map((c) => String((c as { _attributes?: { name?: unknown } })._attributes?.name ?? '').toUpperCase())
    .filter((n) => n !== '');
}

/** Strips the surrounding quotes some XML layers leave and normalises weak markers away from nothing. */
export function etagText(v: unknown): string | null {
  if (v === undefined || v === null || typeof v === 'object') return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}
