import type { EgovDeskDatabase } from '../database';

/** App settings kept with the data, so they travel with a backup and survive a reload. */
export class SettingsRepository {
  constructor(private readonly db: EgovDeskDatabase) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.db.settings.get(key))?.value;
  }

  async set(key: string, value: string): Promise<void> {
    await this.db.settings.put({ key, value });
  }
}
