import type { Command } from './command';
import { exportCommand } from './export';
import { keygenCommand } from './keygen';
import { mergeCommand } from './merge';
import { sampleCommand } from './sample';
import { validateCommand } from './validate';
import { verifyCommand } from './verify';

export type { Command } from './command';

/** Every command, in the order the help lists them (the order of a focal point's work). */
export const COMMANDS: readonly Command[] = [keygenCommand, sampleCommand, validateCommand, exportCommand, verifyCommand, mergeCommand];
