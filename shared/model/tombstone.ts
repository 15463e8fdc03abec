/**
 * What the store remembers of a cancellation for an event the calendar never had. The engine reads it (a late
 * REQUEST of that version or older is no live invitation) and the store keeps it, so it is domain vocabulary.
 */

/**
 * A cancellation that arrived before (or without) its invitation. Mail is not delivered in order; remembering the
 * CANCEL keeps a late REQUEST of the same or an older version from appearing as a live invitation.
 */
export interface Tombstone {
  readonly sequence: number;
  /** DTSTAMP, epoch ms. */
  readonly dtstamp: number;
}
