/**
 * The app's outgoing events (`MainEvents`): the service emits, the transports (Electron IPC, the web host's event
 * stream) forward. A listener that throws never stops the others.
 */
import type { MainEventName, MainEvents } from '../../shared/ipc/contract.js';

type Listener<K extends MainEventName> = (payload: MainEvents[K]) => void;
type AnyListener = <K extends MainEventName>(name: K, payload: MainEvents[K]) => void;

export class EventHub {
  readonly #byName = new Map<MainEventName, Set<(payload: never) => void>>();
  readonly #any = new Set<AnyListener>();
  readonly #onError: (e: unknown) => void;

  constructor(onError: (e: unknown) => void = () => undefined) {
    this.#onError = onError;
  }

  on<K extends MainEventName>(name: K, listener: Listener<K>): () => void {
    let set = this.#byName.get(name);
    if (!set) this.#byName.set(name, (set = new Set()));
    const entry = listener as (payload: never) => void;
    set.add(entry);
    return () => void set.delete(entry);
  }

  /** Every event, for forwarding over a transport. */
  onAny(listener: AnyListener): () => void {
    this.#any.add(listener);
    return () => void this.#any.delete(listener);
  }

  emit<K extends MainEventName>(name: K, payload: MainEvents[K]): void {
    for (const l of [...(this.#byName.get(name) ?? [])]) this.#call(() => (l as Listener<K>)(payload));
    for (const l of [...this.#any]) this.#call(() => l(name, payload));
  }

  #call(f: () => void): void {
    try {
      f();
    } catch (e) {
      this.#onError(e);
    }
  }
}
