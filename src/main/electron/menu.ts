import type { MenuItemConstructorOptions } from 'electron';

/** What the menu's items do; main.ts wires them to dialogs and the core. */
export interface MenuActions {
  addFolder(): void;
  addFiles(): void;
  openLibrary(): void;
  revealLibrary(): void;
  quit(): void;
}

/**
 * The application menu: File (Add folder…, Add files…, Open library…, Reveal in file manager, Quit),
 * plus the standard Edit/View/Window menus so copy/paste, zoom and full screen work as users expect.
 * No Help links: Loci never opens web pages.
 */
export function buildMenuTemplate(
  actions: MenuActions,
  platform: NodeJS.Platform,
): MenuItemConstructorOptions[] {
  const revealLabel =
    platform === 'darwin'
      ? 'Reveal Library in Finder'
      : platform === 'win32'
        ? 'Show Library in Explorer'
        : 'Reveal Library in File Manager';
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Add Folder…', accelerator: 'CmdOrCtrl+O', click: () => actions.addFolder() },
        { label: 'Add Files…', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.addFiles() },
        { type: 'separator' },
        { label: 'Open Library…', click: () => actions.openLibrary() },
        { label: revealLabel, click: () => actions.revealLibrary() },
        { type: 'separator' },
        { label: 'Quit', accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
}
