import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { DirListing } from '../../../shared/api/methods/files';
import { useClient } from '../api/ClientContext';
import { Dialog } from './Dialog';
import { formatBytes } from './formatters';
import { pathCrumbs } from './pathCrumbs';

/**
 * Browses folders on the machine running the core (`files.list`): browser mode has no native folder
 * dialog that reveals real paths. Starts at home (or `startPath`); hidden entries stay hidden unless
 * asked for. The choice is the highlighted subfolder, else the folder shown; the footer names it.
 * Keyboard: arrows move, Enter or → opens a folder, Backspace or ← goes up, and the path field takes a
 * typed path.
 */
export function FolderPicker({
  title,
  confirmLabel,
  onChoose,
  onClose,
  startPath,
  targetLabel = 'Chooses',
  onListing,
  children,
}: {
  title: string;
  confirmLabel: string;
  onChoose: (path: string) => void | Promise<void>;
  onClose: () => void;
  startPath?: string;
  /** Footer words before the chosen path, e.g. "Adds" (default "Chooses"). */
  targetLabel?: string;
  /** Called with every listing shown (e.g. to learn the home folder). */
  onListing?: (listing: DirListing) => void;
  children?: React.ReactNode;
}) {
  const client = useClient();
  const [listing, setListing] = useState<DirListing | null>(null);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [showHidden, setShowHidden] = useState(false);
  const [busy, setBusy] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);
  const latest = useRef(0);
  // True while the path field holds something the user typed and has not submitted: a listing that
  // arrives then (e.g. the initial home folder) must not overwrite it.
  const editing = useRef(false);
  const listId = useId();
  const onListingRef = useRef(onListing);
  useEffect(() => {
    onListingRef.current = onListing;
  });

  const open = useCallback(
    async (path: string | undefined, hidden: boolean) => {
      const call = ++latest.current;
      editing.current = false;
      try {
        const next = await client.call('files.list', { path, showHidden: hidden });
        if (call !== latest.current) return;
        setListing(next);
        onListingRef.current?.(next);
        if (!editing.current) setTyped(next.path);
        setActive(0);
        setError(null);
      } catch (err) {
        if (call === latest.current) setError((err as Error).message);
      }
    },
    [client],
  );

  useEffect(() => {
    void open(startPath, false);
  }, [open, startPath]);

  useEffect(() => {
    listRef.current?.focus();
  }, [listing?.path]);

  const entries = listing?.entries ?? [];
  const rows = listing?.parent
    ? [{ name: '..', path: listing.parent, kind: 'dir' as const, size: 0 }, ...entries]
    : entries;

  function onListKey(e: React.KeyboardEvent) {
    const row = rows[active];
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => Math.max(0, Math.min(rows.length - 1, i + step)));
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      setActive(e.key === 'Home' ? 0 : rows.length - 1);
    } else if ((e.key === 'Enter' || e.key === 'ArrowRight') && row?.kind === 'dir') {
      e.preventDefault();
      void open(row.path, showHidden);
    } else if ((e.key === 'Backspace' || e.key === 'ArrowLeft') && listing?.parent) {
      e.preventDefault();
      void open(listing.parent, showHidden);
    }
  }

  useEffect(() => {
    document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, listId]);

  // The highlighted subfolder is the choice (what the user clicked or moved to); with none, or with
  // "..", the folder being shown.
  const highlighted = rows[active];
  const choice =
    listing && highlighted?.kind === 'dir' && highlighted.name !== '..' ? highlighted.path : listing?.path;

  async function confirm() {
    if (!choice) return;
    setBusy(true);
    try {
      await onChoose(choice);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={title}
      onClose={onClose}
      className="folder-picker"
      footer={
        <>
          <span className="picker-target small muted" data-testid="picker-target">
            {choice ? `${targetLabel} ${choice}` : ''}
          </span>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={!choice || busy} onClick={() => void confirm()}>
            {confirmLabel}
          </button>
        </>
      }
    >
      {children}
      <form
        className="path-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed.trim()) void open(typed.trim(), showHidden);
        }}
      >
        <label htmlFor={`${listId}-path`}>Folder path</label>
        <input
          id={`${listId}-path`}
          value={typed}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => {
            editing.current = true;
            setTyped(e.target.value);
          }}
        />
        <button type="submit">Go</button>
      </form>
      {listing && (
        <nav aria-label="Current folder" className="crumbs">
          {pathCrumbs(listing.path).map((crumb, i, all) => (
            <span key={crumb.path}>
              <button
                type="button"
                className="link-button"
                aria-current={i === all.length - 1 ? 'location' : undefined}
                onClick={() => void open(crumb.path, showHidden)}
              >
                {crumb.label}
              </button>
              {i < all.length - 1 && <span aria-hidden="true"> › </span>}
            </span>
          ))}
          <button
            type="button"
            className="link-button home-link"
            onClick={() => void open(listing.home, showHidden)}
          >
            Home
          </button>
        </nav>
      )}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <ul
        ref={listRef}
        role="listbox"
        tabIndex={0}
        aria-label="Folder contents"
        aria-activedescendant={rows.length ? `${listId}-${active}` : undefined}
        className="dir-list"
        onKeyDown={onListKey}
      >
        {rows.map((row, i) => (
          <li
            key={row.path + row.name}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            data-kind={row.kind}
            className={i === active ? 'active' : undefined}
            onClick={() => setActive(i)}
            onDoubleClick={() => row.kind === 'dir' && void open(row.path, showHidden)}
          >
            <EntryIcon kind={row.kind} />
            <span className="dir-name">{row.name === '..' ? '.. (up one folder)' : row.name}</span>
            {row.kind === 'file' && <span className="dir-size">{formatBytes(row.size)}</span>}
          </li>
        ))}
        {listing && rows.length === 0 && <li className="empty-row">This folder is empty.</li>}
      </ul>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={showHidden}
          onChange={(e) => {
            setShowHidden(e.target.checked);
            if (listing) void open(listing.path, e.target.checked);
          }}
        />
        Show hidden files and folders
      </label>
    </Dialog>
  );
}

/** Small inline icons (no icon font, no emoji font needed). */
function EntryIcon({ kind }: { kind: 'dir' | 'file' }) {
  return (
    <svg className="dir-icon" aria-hidden="true" width="16" height="16" viewBox="0 0 16 16">
      {kind === 'dir' ? (
        <path
          d="M1.5 3.5h4.2l1.5 1.6h7.3v7.9H1.5z"
          fill="currentColor"
          opacity="0.35"
          stroke="currentColor"
        />
      ) : (
        <path d="M3.5 1.5h6l3 3v10h-9zM9.5 1.5v3h3" fill="none" stroke="currentColor" />
      )}
    </svg>
  );
}
