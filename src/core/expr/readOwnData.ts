const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;

/**
 * Reads an own data property of a structured condition at compile time:
 * neither the prototype chain nor getters are consulted, so a condition
 * object can neither borrow `Object.prototype`'s properties nor run code
 * while it is being compiled. Compile time only: the descriptor it reads
 * costs an allocation, which the evaluators never pay.
 *
 * @param container - an object or array from the rule set
 * @param key - a property name or array index
 * @returns the own data property's value, or undefined when there is none (or it is an accessor)
 * @example
 * ```ts
 * readOwnData({ op: 'eq' }, 'op'); // 'eq'
 * readOwnData({}, 'toString'); // undefined (inherited)
 * readOwnData({ get op() { return 'eq'; } }, 'op'); // undefined (accessor)
 * ```
 */
export function readOwnData(container: object, key: string | number): unknown {
  const descriptor = getOwnPropertyDescriptor(container, key);
  return descriptor !== undefined && 'value' in descriptor ? descriptor.value : undefined;
}
