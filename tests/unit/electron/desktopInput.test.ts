import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import {
  droppedPathsChannel,
  installDropForwarder,
  type DragEventLike,
} from '../../../src/preload/dropForwarder';
import { buildMenuTemplate } from '../../../src/main/electron/menu';

// FAKE drop target and menu actions stand in for Electron's window and dialogs.
class FakeDropTarget {
  listeners = new Map<string, (e: DragEventLike) => void>();
  addEventListener(type: string, listener: (e: DragEventLike) => void) {
    this.listeners.set(type, listener);
  }
  fire(type: string, files: Array<{ name: string }>) {
    let prevented = false;
    const dataTransfer = { files, dropEffect: 'none' };
    this.listeners.get(type)?.({
      preventDefault: () => (prevented = true),
      dataTransfer: dataTransfer as unknown as DragEventLike['dataTransfer'],
    });
    return { prevented, dataTransfer };
  }
}

describe('desktop drag and drop (preload, with FakeDropTarget)', () => {
  it('sends the dropped files’ paths to the main process and stops navigation to the file', () => {
    const target = new FakeDropTarget();
    const sent: Array<[string, string[]]> = [];
    installDropForwarder(target, {
      getPathForFile: (f) => `/home/ada/${(f as unknown as { name: string }).name}`,
      send: (channel, paths) => sent.push([channel, paths]),
    });
    const over = target.fire('dragover', []);
    expect(over.prevented).toBe(true);
    expect(over.dataTransfer.dropEffect).toBe('copy');
    expect(target.fire('drop', [{ name: 'papers' }, { name: 'notes.pdf' }]).prevented).toBe(true);
    expect(sent).toEqual([[droppedPathsChannel, ['/home/ada/papers', '/home/ada/notes.pdf']]]);
  });

  it('sends nothing for a drop without files (e.g. dragged text)', () => {
    const target = new FakeDropTarget();
    const sent: unknown[] = [];
    installDropForwarder(target, { getPathForFile: () => '', send: (...a) => sent.push(a) });
    target.fire('drop', [{ name: 'x' }]);
    expect(sent).toEqual([]);
  });
});

describe('application menu', () => {
  it('offers add folder/files, open library, reveal and quit, wired to the actions', () => {
    const called: string[] = [];
    const actions = {
      addFolder: () => called.push('addFolder'),
      addFiles: () => called.push('addFiles'),
      openLibrary: () => called.push('openLibrary'),
      revealLibrary: () => called.push('revealLibrary'),
      quit: () => called.push('quit'),
    };
    const template = buildMenuTemplate(actions, 'linux');
    const file = template.find((m) => m.label === 'File')!;
    const items = (file.submenu as MenuItemConstructorOptions[]).filter((i) => i.type !== 'separator');
    expect(items.map((i) => i.label)).toEqual([
      'Add Folder…',
      'Add Files…',
      'Open Library…',
      'Reveal Library in File Manager',
      'Quit',
    ]);
    for (const item of items) (item.click as () => void)();
    expect(called).toEqual(['addFolder', 'addFiles', 'openLibrary', 'revealLibrary', 'quit']);
    expect(buildMenuTemplate(actions, 'darwin')[0]).toEqual({ role: 'appMenu' });
  });
});
