import { StoreError } from '../../core/errors.js';
import { PERIODS, type Period } from '../../core/ruleset/types.js';
import type { AgentSnapshot, ServingCounts } from '../../core/types.js';
import type { AgentProfile } from '../../ports.js';

/** The periods (their starts, ISO-8601) and agents (null: all) of an `agentSnapshots` call. */
export interface SnapshotRequest {
  starts: string[];
  ids: string[] | null;
}

/** An agent's profile as the `agents` table keeps it: everything but the id. */
type StoredProfile = Omit<AgentProfile, 'id'>;

/**
 * What `agent_snapshots` returns: the agents' revision, their profiles as
 * `[id, profile]` in the order asked for (null when the caller said it knows
 * this revision), and, in no particular order, `[id, assigned day … year,
 * serving day … year, serving total, last assigned at]` for each of them that
 * has counts (the last an ISO-8601 instant, or null).
 */
export interface SnapshotPayload {
  revision: number;
  profiles: [string, StoredProfile][] | null;
  counts: CountsRow[];
}

/** `[id, assigned day … year, serving day … year, serving total, last assigned at]`. */
type CountsRow = [string, ...(number | string | null)[]];

/** Profiles read at one agent revision; null for ids that were not agents then. */
interface ProfileEntry {
  revision: number;
  byId: Map<string, StoredProfile | null>;
}

/**
 * Builds agent snapshots from what `agent_snapshots` returns, keeping the
 * agents' profiles between transactions so that most reads fetch only the
 * counts. The database tells whether the profiles changed: every statement
 * that writes agents first moves the agents' revision on (a sequence value,
 * never reused, so a rolled-back change can never be mistaken for the
 * current one), and the profiles are sent again whenever the revision the
 * store names is not the one its transaction sees. Counts are always read
 * afresh. One reader per store; it also remembers the last request, so
 * `lockAssignment` can read the snapshots the service will ask for next.
 *
 * @internal
 * @example
 * ```ts
 * const question = reader.ask(request);
 * const [row] = await session.query(sql.agentSnapshots, [request.starts, request.ids, question.knownRevision]);
 * const snapshots = question.read(row.agents);
 * ```
 */
export class AgentSnapshotReader {
  /** The last request `agentSnapshots` made in this store. */
  last: SnapshotRequest | null = null;
  #profiles: ProfileEntry | null = null;

  /**
   * Prepares a read: the revision whose profiles the store already holds for
   * all the requested agents (null: send them), and how to turn the answer
   * into snapshots.
   *
   * @param request - periods and agents
   * @returns the revision to send, and the function that reads the answer
   */
  ask(request: SnapshotRequest): { knownRevision: number | null; read(payload: SnapshotPayload): AgentSnapshot[] } {
    // Captured now: another transaction may replace the store's profiles before the answer arrives.
    const known = this.#profiles;
    const covered = known !== null && (request.ids?.every((id) => known.byId.has(id)) ?? false);
    return {
      knownRevision: covered ? known.revision : null,
      read: (payload) => {
        let entry: ProfileEntry;
        if (payload.profiles === null) {
          if (!covered || payload.revision !== known.revision) {
            throw new StoreError('PostgreSQL store agentSnapshots: the database sent no profiles for a revision the store does not have');
          }
          entry = known;
        } else {
          entry = this.#remember(request, payload);
        }
        const counts = new Map(payload.counts.map((row) => [row[0], row]));
        // All agents: in the order the profiles came in (they always do, see knownRevision).
        const ids = request.ids ?? payload.profiles!.map(([id]) => id);
        const snapshots: AgentSnapshot[] = [];
        for (const id of ids) {
          const profile = entry.byId.get(id);
          if (profile == null) continue;
          snapshots.push(snapshotOf(id, profile, counts.get(id)));
        }
        return snapshots;
      },
    };
  }

  #remember(request: SnapshotRequest, payload: SnapshotPayload): ProfileEntry {
    const current = this.#profiles;
    // Same revision: the profiles are the same, so the entry can grow.
    const byId: Map<string, StoredProfile | null> = current !== null && current.revision === payload.revision ? new Map(current.byId) : new Map();
    for (const id of request.ids ?? []) byId.set(id, null);
    for (const [id, profile] of payload.profiles!) byId.set(id, profile);
    const entry = { revision: payload.revision, byId };
    this.#profiles = entry;
    return entry;
  }
}

const NO_COUNTS: readonly (number | null)[] = [...Array.from({ length: 11 }, () => 0), null];

/** An agent's snapshot: a copy of its profile (without the display name) and its counts (all 0 and never assigned without a row). */
function snapshotOf(id: string, profile: StoredProfile, row: CountsRow | undefined): AgentSnapshot {
  const counts = row === undefined ? NO_COUNTS : row.slice(1);
  const lastAssignedAt = counts[11];
  const snapshot: Record<string, unknown> = {};
  for (const key of Object.keys(profile)) {
    if (key === 'name') continue;
    const value = (profile as Record<string, unknown>)[key];
    // Nested values (skills, attributes) are copied: the kept profile must not change with the caller's snapshot.
    snapshot[key] = typeof value === 'object' && value !== null ? structuredClone(value) : value;
  }
  const assigned: Partial<Record<Period, number>> = {};
  const serving: ServingCounts = { total: counts[10] as number };
  for (let index = 0; index < PERIODS.length; index++) {
    assigned[PERIODS[index]!] = counts[index] as number;
    serving[PERIODS[index]!] = counts[index + 5] as number;
  }
  snapshot.id = id;
  snapshot.lastAssignedAt = typeof lastAssignedAt === 'string' ? new Date(lastAssignedAt) : null;
  snapshot.assigned = assigned;
  snapshot.serving = serving;
  return snapshot as unknown as AgentSnapshot;
}
