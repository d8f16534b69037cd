import { Dialog } from './Dialog';

interface Shortcut {
  keys: string[][];
  does: string;
}

/**
 * Every key the app itself handles, grouped by where it works. Each entry names a handler in the code
 * (App.tsx, NavBar, SearchScreen, usePageKeys, ViewerToolbar, FolderPicker, Dialog); keep them in step.
 */
const groups: Array<{ title: string; shortcuts: Shortcut[] }> = [
  {
    title: 'Anywhere',
    shortcuts: [
      { keys: [['?']], does: 'Show this list of keyboard shortcuts' },
      { keys: [['/']], does: 'Go to Search and put the cursor in the search box' },
      { keys: [['Esc']], does: 'Close a dialog or a help popup' },
      { keys: [['←'], ['→']], does: 'On the section tabs: move to the previous or next section' },
    ],
  },
  {
    title: 'Search box',
    shortcuts: [
      { keys: [['↑'], ['↓']], does: 'Pick the previous or next result' },
      { keys: [['Enter']], does: 'Open the picked result in the viewer (or search now)' },
      { keys: [['Esc']], does: 'Let go of the picked result' },
    ],
  },
  {
    title: 'Document viewer',
    shortcuts: [
      { keys: [['PageUp'], ['PageDown']], does: 'Previous or next page' },
      { keys: [['Enter']], does: 'In the page number field: go to that page' },
      { keys: [['Esc']], does: 'In the page number field: forget the typed number' },
    ],
  },
  {
    title: 'Folder list (Add folder, upload folder)',
    shortcuts: [
      { keys: [['↑'], ['↓'], ['Home'], ['End']], does: 'Move through the folders' },
      { keys: [['Enter'], ['→']], does: 'Open the highlighted folder' },
      { keys: [['Backspace'], ['←']], does: 'Go up to the parent folder' },
    ],
  },
];

/** The keyboard-shortcut overview (opened with `?` or the navigation bar's button). */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} className="shortcuts-dialog">
      {groups.map((g) => (
        <section key={g.title} aria-label={g.title}>
          <h3>{g.title}</h3>
          <dl className="shortcut-list">
            {g.shortcuts.map((s) => (
              <div key={s.does} className="shortcut-row" data-testid="shortcut">
                <dt>
                  {s.keys.map((combo, i) => (
                    <span key={combo.join('+')}>
                      {i > 0 && <span className="muted"> or </span>}
                      {combo.map((k) => (
                        <kbd key={k}>{k}</kbd>
                      ))}
                    </span>
                  ))}
                </dt>
                <dd>{s.does}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </Dialog>
  );
}
