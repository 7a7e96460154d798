type Listener = () => void;

/**
 * Listeners per key (a question id) plus listeners to every change: the subscription half of the
 * answer, evidence and validation stores, which let one question re-render alone.
 */
export class KeyedListeners {
  private readonly byKey = new Map<string, Set<Listener>>();
  private readonly everyChange = new Set<Listener>();

  subscribe(key: string, listener: Listener): () => void {
    let listeners = this.byKey.get(key);
    if (!listeners) {
      listeners = new Set();
      this.byKey.set(key, listeners);
    }
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  subscribeAll(listener: Listener): () => void {
    this.everyChange.add(listener);
    return () => this.everyChange.delete(listener);
  }

  notify(key: string): void {
    this.byKey.get(key)?.forEach((listener) => { listener(); });
  }

  notifyAll(): void {
    this.everyChange.forEach((listener) => { listener(); });
  }
}
