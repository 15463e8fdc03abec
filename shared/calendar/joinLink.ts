/**
 * The link that joins an event's online meeting, for a "Join" button. Clients put it in different places:
 * RFC 7986 §5.11 CONFERENCE (a URI, FEATURE=VIDEO/AUDIO), Google's X-GOOGLE-CONFERENCE, Outlook's
 * X-MICROSOFT-SKYPETEAMSMEETINGURL, and otherwise only the LOCATION or DESCRIPTION text (Zoom and Webex write the
 * link into the description; Teams adds it there too, wrapped in "<…>"). Pure: text in, one https URL or null out.
 */

/** The texts of an event that may carry the link, as they were written. */
export interface JoinLinkSources {
  /** CONFERENCE values with their FEATURE parameter (comma-separated, upper or lower case), in file order. */
  readonly conference?: readonly { readonly uri: string; readonly feature?: string | null }[];
  readonly googleConference?: string | null;
  readonly teamsUrl?: string | null;
  readonly location?: string | null;
  readonly description?: string | null;
  /** X-ALT-DESC (text/html): links sit in href attributes there. */
  readonly htmlDescription?: string | null;
}

/** Hosts of the meeting services people join from a calendar, matched against the URL's host name. */
const MEETING_HOSTS: readonly RegExp[] = [
  /(^|\.)teams\.microsoft\.com$/i,
  /(^|\.)teams\.live\.com$/i,
  /(^|\.)zoom\.us$/i,
  /(^|\.)zoomgov\.com$/i,
  /^meet\.google\.com$/i,
  /(^|\.)webex\.com$/i,
  /^meet\.jit\.si$/i,
  /(^|\.)whereby\.com$/i,
  /(^|\.)gotomeeting\.com$/i,
  /(^|\.)chime\.aws$/i,
];

const URL_IN_TEXT = /https:\/\/[^\s<>"'()\\]+/gi;

/** An https URL split into what this module reads (shared/ has no WHATWG URL: it is not part of ES2023). */
interface HttpsUrl {
  readonly href: string;
  readonly hostname: string;
}

/** https://host[:port][/path?query#fragment], no user info, no spaces. */
const HTTPS_URL = /^https:\/\/([a-z0-9.-]+)(?::\d{1,5})?(?:[/?#][^\s<>"]*)?$/i;

/** The URL when it is https (a Join button never opens other schemes), trailing punctuation removed. */
function httpsUrl(text: string | null | undefined): HttpsUrl | null {
  if (!text) return null;
  const href = text.trim().replace(/[.,;:!?>]+$/, '');
  const m = HTTPS_URL.exec(href);
  return m?.[1] ? { href, hostname: m[1].toLowerCase() } : null;
}

function isMeetingHost(url: HttpsUrl): boolean {
  return MEETING_HOSTS.some((re) => re.test(url.hostname));
}

/** Meeting links found in free text (location, description, HTML), in the order written. */
function meetingLinksIn(text: string | null | undefined): HttpsUrl[] {
  if (!text) return [];
  const out: HttpsUrl[] = [];
  for (const match of text.replace(/&amp;/g, '&').matchAll(URL_IN_TEXT)) {
    const url = httpsUrl(match[0]);
    if (url && isMeetingHost(url)) out.push(url);
  }
  return out;
}

/** RFC 7986 §5.11: prefer a CONFERENCE with FEATURE=VIDEO, then any https CONFERENCE (a phone dial-in is tel:). */
function fromConference(list: JoinLinkSources['conference']): HttpsUrl | null {
  const usable = (list ?? [])
    .map((c) => ({ url: httpsUrl(c.uri), feature: (c.feature ?? '').toUpperCase() }))
    .filter((c): c is { url: HttpsUrl; feature: string } => c.url !== null);
  const video = usable.find((c) => c.feature.split(',').includes('VIDEO'));
  return (video ?? usable[0])?.url ?? null;
}

/** The join link of an event, or null when it has none that can be opened safely. */
export function findJoinUrl(sources: JoinLinkSources): string | null {
  const found =
    fromConference(sources.conference) ??
    httpsUrl(sources.teamsUrl) ??
    httpsUrl(sources.googleConference) ??
    meetingLinksIn(sources.location)[0] ??
    meetingLinksIn(sources.description)[0] ??
    meetingLinksIn(sources.htmlDescription)[0] ??
    null;
  return found ? found.href : null;
}
