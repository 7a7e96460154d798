import { AppError } from '../../../../shared/errors';
import type { EgovDeskDatabase } from '../database';
import type { DefinitionRow } from '../records';

export const definitionKey = (id: string, version: string): string => `${id}@${version}`;

/** Imported questionnaire editions: the only code that reads or writes the `definitions` table. */
export class DefinitionsRepository {
  constructor(private readonly db: EgovDeskDatabase) {}

  async list(): Promise<DefinitionRow[]> {
    return this.db.definitions.orderBy('importedAt').toArray();
  }

  async get(id: string, version: string): Promise<DefinitionRow | undefined> {
    return this.db.definitions.get(definitionKey(id, version));
  }

  /** Stores a new edition; an edition already stored is never replaced (published files are immutable). */
  async add(row: DefinitionRow): Promise<void> {
    await this.db.transaction('rw', this.db.definitions, async () => {
      if (await this.db.definitions.get(row.key)) {
        throw new AppError('INVALID_DEFINITION', `Version ${row.version} of "${row.id}" is already stored.`);
      }
      await this.db.definitions.add(row);
    });
  }
}
