import { event, type EngineEvent } from '../shared/protocol';
import type { HostPort } from './port';

type OmitEnvelope<T> = T extends unknown ? Omit<T, 'v'> : never;

/** Stamps outgoing events with the protocol version and posts them with their transfer list. */
export class Outbox {
  constructor(private readonly port: HostPort) {}

  send(e: OmitEnvelope<EngineEvent>, transfer?: ArrayBuffer[]): void {
    this.port.post(event(e), transfer && transfer.length > 0 ? transfer : undefined);
  }

  error(command: string | null, message: string, id?: number): void {
    this.send({ type: 'error', command, message, ...(id === undefined ? {} : { id }) });
  }
}
