import { useState } from 'react';
import { useCoreQuery } from '../api/useCoreQuery';
import { FolderPicker } from '../components/FolderPicker';

/**
 * Asks where dropped files go (browser mode). The chosen folder is added to the library as a whole,
 * so the dialog opens in the library's first folder rather than the home folder, says plainly that
 * everything in the folder gets indexed, and refuses the home folder itself.
 */
export function UploadFolderPicker({
  onChoose,
  onClose,
}: {
  onChoose: (dir: string) => void;
  onClose: () => void;
}) {
  const status = useCoreQuery('library.status', {});
  const [home, setHome] = useState<string | null>(null);
  if (status.loading && !status.data && !status.error) return null;
  const firstFolder = status.data?.sources[0]?.path;

  return (
    <FolderPicker
      title="Where should dropped files be stored?"
      confirmLabel="Upload here"
      targetLabel="Copies the files into"
      {...(firstFolder ? { startPath: firstFolder } : {})}
      onListing={(listing) => setHome(listing.home)}
      onClose={onClose}
      onChoose={(dir) => {
        if (home && dir.replace(/[\\/]+$/, '') === home.replace(/[\\/]+$/, ''))
          throw new Error(
            'Choose a folder inside your home folder, not the home folder itself: Loci indexes every document in the folder you choose.',
          );
        onChoose(dir);
      }}
    >
      <p className="muted small" data-testid="upload-explainer">
        Dropped files are copied into the folder you choose on the computer running Loci. Loci then indexes
        that folder with everything in it, so choose one meant for documents, such as one already in your
        library. Loci remembers the choice (change it in the Library screen).
      </p>
    </FolderPicker>
  );
}
