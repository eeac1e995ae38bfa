import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFieldSlots } from '../../src/core/expr/fieldSlots.js';

// `readFieldSlots` lists a plain object's keys with for…in and remembers the
// order they came in; whatever the order, the number of keys or how a
// property was defined, it must read exactly what a read by name with an
// own-property check reads.

function byName(names: readonly string[], fields: object): unknown[] {
  return names.map((name) => (Object.hasOwn(fields, name) ? (fields as Record<string, unknown>)[name] : undefined));
}

const NAME_POOL = ['region', 'level', 'tags', 'toString', 'constructor', 'valueOf', 'k0', 'k1', 'k2', '0', '7'] as const;

/** A field as a host might define it: enumerable or not, with any value. */
const field = fc.record({
  name: fc.oneof(fc.constantFrom(...NAME_POOL), fc.string({ maxLength: 4 })),
  value: fc.oneof(fc.integer(), fc.string(), fc.constant(undefined), fc.constant(null)),
  enumerable: fc.boolean(),
});

function build(prototype: object | null, fields: readonly { name: string; value: unknown; enumerable: boolean }[], padding: number): object {
  const target = Object.create(prototype) as Record<string, unknown>;
  // Padding before the fields, so some of them sit past the point where listing stops.
  for (let i = 0; i < padding; i++) target[`pad${i}`] = i;
  for (const { name, value, enumerable } of fields) {
    if (name === '__proto__') continue;
    Object.defineProperty(target, name, { value, enumerable, configurable: true, writable: true });
  }
  return target;
}

describe('readFieldSlots', () => {
  it('reads what an own-property read by name reads, whatever the key order, count or enumerability', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...NAME_POOL), { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(fc.array(field, { maxLength: 8 }), fc.constantFrom(0, 3, 40), fc.boolean()), { minLength: 1, maxLength: 6 }),
        (names, subjects) => {
          // Several subjects in a row over the same names: the remembered key order changes between them.
          for (const [fields, padding, nullPrototype] of subjects) {
            const subject = build(nullPrototype ? null : Object.prototype, fields, padding);
            expect(readFieldSlots(names, subject as Record<string, unknown>)).toEqual(byName(names, subject));
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never reads an inherited property, even when Object.prototype has an enumerable one', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.region = 'polluted';
    try {
      expect(readFieldSlots(['region', 'level'], { level: 3 })).toEqual([undefined, 3]);
      expect(readFieldSlots(['region', 'level'], { region: 'north', level: 3 })).toEqual(['north', 3]);
    } finally {
      delete proto.region;
    }
    class Customer {
      level = 4;
      get region(): string {
        throw new Error('an inherited getter was read');
      }
    }
    expect(readFieldSlots(['region', 'level'], new Customer() as unknown as Record<string, unknown>)).toEqual([undefined, 4]);
  });

  it('runs an own getter once, listed or read by name', () => {
    for (const padding of [0, 100]) {
      let calls = 0;
      const fields = build(Object.prototype, [], padding) as Record<string, unknown>;
      Object.defineProperty(fields, 'region', {
        enumerable: true,
        get() {
          calls++;
          return undefined;
        },
      });
      expect(readFieldSlots(['region', 'level'], fields)).toEqual([undefined, undefined]);
      expect(calls).toBe(1);
    }
  });
});
