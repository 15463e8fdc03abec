/**
 * The desktop shell's own words outside the window: a new decision's system notification (`kind` is the rendered
 * `ui.kind.*` label), the tray's tooltip and its menu.
 */
export const desktop = {
  'desktop.decision.title': '{kind}: {summary}',
  'desktop.tray.tooltip':
    '{count, plural, =0 {iMIP Companion: nothing to decide} one {iMIP Companion: # open decision} other {iMIP Companion: # open decisions}}',
  'desktop.tray.status': '{count, plural, =0 {Nothing to decide} one {# open decision} other {# open decisions}}',
  'desktop.tray.open': 'Open iMIP Companion',
  'desktop.tray.quit': 'Quit',
} as const;
