/** The moving keys of a single-select grid (arrows, Page Up/Down, Home/End), shared by the virtualised lists. */
export function gridMoveKeys(current: number, count: number, rowsInView: number, moveTo: (index: number) => void): Record<string, () => void> {
  const from = current < 0 ? 0 : current;
  return {
    ArrowDown: () => moveTo(current < 0 ? 0 : current + 1),
    ArrowUp: () => moveTo(current < 0 ? 0 : current - 1),
    PageDown: () => moveTo(from + rowsInView - 1),
    PageUp: () => moveTo(from - (rowsInView - 1)),
    Home: () => moveTo(0),
    End: () => moveTo(count - 1),
  };
}
