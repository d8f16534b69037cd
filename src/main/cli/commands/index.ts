import type { CliCommand } from '../command';
import { command as serve } from './serve';

/** Every `loci` sub-command, in the order `loci --help` lists them. One file each. */
export const commands: CliCommand[] = [serve];
