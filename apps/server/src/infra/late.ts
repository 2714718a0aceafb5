/**
 * A dependency that exists only after a later start step (the web-chat namespace needs the
 * Socket.IO server, which starts after HTTP). It is bound once, in the composition root; using it
 * before that fails loudly instead of silently doing nothing.
 */
export class Late<T> {
  private value: T | undefined;

  constructor(private readonly what: string) {}

  bind(value: T): void {
    if (this.value !== undefined) throw new Error(`${this.what} bound twice`);
    this.value = value;
  }

  get(): T {
    if (this.value === undefined) throw new Error(`${this.what} not started`);
    return this.value;
  }
}
