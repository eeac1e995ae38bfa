import { AssignmentError, StoreError } from '../core/errors.js';

/**
 * Calls a store method, turning a failure that is not an `AssignmentError`
 * into a `StoreError` with the original as `cause`.
 *
 * @internal
 * @param what - the method, for the message (e.g. `'queryRecords'`)
 * @param call - the call
 * @returns what the store returned
 * @throws AssignmentError as thrown by the store; StoreError for anything else
 * @example
 * ```ts
 * const page = await callStore('queryRecords', () => store.queryRecords(query));
 * ```
 */
export async function callStore<T>(what: string, call: () => T | Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AssignmentError) throw error;
    throw new StoreError(`Store ${what} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
