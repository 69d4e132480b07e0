/** Escaping for text placed in HTML and SVG: every character that could start markup or end an attribute. */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe inside an element or a double- or single-quoted attribute. Control characters other than tab and newline are dropped. */
export function escapeHtml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '') // eslint-disable-line no-control-regex
    .replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

/** A `#rrggbb` colour as given, or the fallback: a colour from a codebook file never reaches CSS or SVG unchecked. */
export function safeColour(colour: string, fallback = '#64748b'): string {
  return HEX_COLOUR.test(colour) ? colour.toLowerCase() : fallback;
}
