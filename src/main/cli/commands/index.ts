import type { CliCommand } from '../command';
import { command as add } from './add';
import { command as doctor } from './doctor';
import { command as embed } from './embed';
import { command as evalCommand } from './eval';
import { command as models } from './models';
import { command as ocr } from './ocr';
import { command as remove } from './remove';
import { command as search } from './search';
import { command as serve } from './serve';
import { command as settings } from './settings';
import { command as status } from './status';
import { command as sync } from './sync';

/** Every `loci` sub-command, in the order `loci --help` lists them. One file each. */
export const commands: CliCommand[] = [
  add,
  sync,
  ocr,
  remove,
  status,
  doctor,
  search,
  serve,
  embed,
  models,
  settings,
  evalCommand,
];
