/** Placeholder: the library-wide search field (Enter opens #/search?q=…). */
export function SearchBox() {
  return null;
}
