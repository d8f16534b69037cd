/**
 * Helper process for `unreadable.test.ts`: walks a folder and extracts the given files, printing the
 * outcome as JSON. The test runs it as an unprivileged user when the suite runs as root, because root
 * reads mode-000 files regardless of permissions. Not a test file itself.
 *
 *   node bin/run-ts.mjs tests/unit/ingest/unprivilegedProbe.ts DIR FILE...
 */
import { extractDocument } from '../../../src/main/core/ingest/extract/extractDocument';
import { walkSources } from '../../../src/main/core/ingest/walkSources';
import type { ExtractResult, WalkEntry } from '../../../src/main/core/ingest/types';

const [dir, ...files] = process.argv.slice(2);
const walk: WalkEntry[] = [];
for await (const entry of walkSources([dir!])) walk.push(entry);
const extracted: ExtractResult[] = [];
for (const file of files) extracted.push(await extractDocument({ path: file }));
process.stdout.write(JSON.stringify({ uid: process.getuid?.(), walk, extracted }));
