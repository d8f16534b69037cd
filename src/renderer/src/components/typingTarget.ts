/**
 * Is the key event aimed at something the user types into? Then `/` and `?` are characters, not
 * shortcuts. Checkboxes and radios take no text, so shortcuts still work on them.
 */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return (
    el.isContentEditable ||
    el.tagName === 'TEXTAREA' ||
    el.tagName === 'SELECT' ||
    (el.tagName === 'INPUT' &&
      (el as HTMLInputElement).type !== 'checkbox' &&
      (el as HTMLInputElement).type !== 'radio')
  );
}
