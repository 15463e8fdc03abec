/**
 * A calendar's colour as a small square (hidden from screen readers: the name says which calendar it is). Servers
 * send CSS-like colours (Apple's `calendar-color`: "#RRGGBB" or "#RRGGBBAA"); anything else is not drawn, so no
 * server text ever reaches a style other than a checked colour.
 */
export function safeColour(color: string | null | undefined): string | null {
  if (!color) return null;
  const c = color.trim();
  return /^#(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(c) ? c : null;
}

export function ColourSwatch({ color }: { readonly color: string | null | undefined }) {
  const c = safeColour(color);
  return <span className="colour-swatch" aria-hidden="true" style={c ? { background: c } : undefined} />;
}
