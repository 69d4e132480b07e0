/** The local profile (who is annotating, the hotkey pre-roll), kept in the settings table. */
import os from 'node:os';
import type Database from 'better-sqlite3';
import { DEFAULT_PRE_ROLL, type Profile } from '../../../shared/domain/annotation';
import type { Settings } from '../models/settings';

const NAME_KEY = 'profile.name';
const PRE_ROLL_KEY = 'profile.preRoll';

/** The operating system's name for the person logged in, else "Supervisor". */
export function defaultProfileName(): string {
  try {
    const name = os.userInfo().username.trim();
    return name || 'Supervisor';
  } catch {
    return 'Supervisor';
  }
}

export class ProfileStore {
  constructor(
    private readonly db: Database.Database,
    private readonly settings: Settings,
  ) {}

  get(): Profile {
    const preRollText = this.settings.get(PRE_ROLL_KEY);
    const preRoll = preRollText === null ? NaN : Number(preRollText);
    return {
      name: this.settings.get(NAME_KEY) ?? defaultProfileName(),
      preRoll: Number.isFinite(preRoll) && preRoll >= 0 ? preRoll : DEFAULT_PRE_ROLL,
    };
  }

  /** Fields already validated by the contract (name trimmed and non-empty, pre-roll 0–30 s). */
  update(patch: Partial<Profile>): Profile {
    this.db.transaction(() => {
      if (patch.name !== undefined) this.settings.set(NAME_KEY, patch.name.trim());
      if (patch.preRoll !== undefined) this.settings.set(PRE_ROLL_KEY, String(patch.preRoll));
    })();
    return this.get();
  }
}
