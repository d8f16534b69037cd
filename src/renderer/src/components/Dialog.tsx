import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal built on the native <dialog> element: the browser traps focus, makes the page behind it
 * inert and closes it on Escape. `onClose` runs for Escape, the close button and backdrop clicks.
 */
export function Dialog({
  title,
  onClose,
  children,
  footer,
  className,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  className?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog ${className ?? ''}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      // Chromium may close a dialog on a repeated Escape even when `cancel` is prevented; keep the
      // owner's state in step with what is on screen.
      onClose={onClose}
      onMouseDown={(e) => {
        // A click on the backdrop lands on the <dialog> itself, outside its content box.
        if (e.target === ref.current) onClose();
      }}
    >
      <div className="dialog-body">
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="dialog-content">{children}</div>
        {footer && <footer className="dialog-footer">{footer}</footer>}
      </div>
    </dialog>
  );
}
