/** Where a key press belongs to the focused control rather than to an app-wide shortcut. */

/** True when the target edits text (or is a select/range whose arrow keys matter): shortcuts must stay out. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['button', 'submit', 'reset', 'checkbox', 'radio', 'file', 'color'].includes(type);
  }
  return false;
}

/** True when Space/Enter would activate the focused control (a button, link, checkbox…). */
export function activatesOnSpace(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  if (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY') return true;
  if (tag === 'INPUT') return ['button', 'submit', 'reset', 'checkbox', 'radio', 'file'].includes((target as HTMLInputElement).type);
  const role = target.getAttribute('role');
  return role === 'button' || role === 'link' || role === 'checkbox' || role === 'switch' || role === 'menuitem' || role === 'tab';
}

let dialogs: HTMLCollectionOf<HTMLDialogElement> | null = null;

/**
 * True when an open modal dialog should receive keys instead of the page. Asked on every key press,
 * so it reads the browser's live list of dialogs rather than searching the whole page (a long
 * transcript makes that search cost a millisecond or more).
 */
export function modalIsOpen(): boolean {
  dialogs ??= document.getElementsByTagName('dialog');
  for (const dialog of dialogs) if (dialog.open) return true;
  return false;
}
