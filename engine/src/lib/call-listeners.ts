/**
 * Calls every listener with `value`, in order. A listener that throws is handed to `onError` with the
 * value, and the listeners after it still run: one faulty consumer never starves the others.
 * Pass `onError` as a field created once, so the hot paths (ticks, index snapshots) allocate nothing.
 */
export function callListeners<T>(
  listeners: Iterable<(value: T) => void>,
  value: T,
  onError: (err: unknown, value: T) => void,
): void {
  for (const listener of listeners) {
    try {
      listener(value);
    } catch (err) {
      onError(err, value);
    }
  }
}
