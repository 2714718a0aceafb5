/**
 * Runs work one at a time per key and side by side across keys, in the order it was handed in.
 * The send worker uses it so several conversations send at once while each one's messages still
 * leave in order.
 */
export class KeyedLanes {
  private readonly tails = new Map<string | number, Promise<unknown>>();

  run<T>(key: string | number, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    // The next one waits for this one to settle, whether it succeeded or not.
    const result = previous.then(work, work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running (for tests and diagnostics). */
  get size(): number {
    return this.tails.size;
  }
}
