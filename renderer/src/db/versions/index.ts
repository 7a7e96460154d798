import type Dexie from 'dexie';
import * as v0001 from './0001-initial';
import * as v0002 from './0002-keys-and-definitions';
import * as v0003 from './0003-evidence';
import * as v0004 from './0004-identities-and-submissions';
import * as v0005 from './0005-reviews';
import * as v0006 from './0006-merge';

/** Every schema version in order. Append new versions at the end; never edit or remove one. */
export const SCHEMA_VERSIONS: readonly { readonly VERSION: number; readonly apply: (db: Dexie) => void }[] = [v0001, v0002, v0003, v0004, v0005, v0006];

export const LATEST_SCHEMA_VERSION = SCHEMA_VERSIONS.length;
