import { EventEmitter } from 'node:events';

export interface QueueEvent {
  type: 'issued' | 'called' | 'recalled' | 'skipped' | 'serving' | 'transferred' | 'done' | 'counter';
  ticket?: { id: number; display: string; areaCode: string; status: string };
  counter?: { code: string; name: string; officerName: string | null } | null;
  at: string;
}

/**
 * In-process fan-out of queue changes to the open server-sent-event streams, published after commit.
 * One process serves the kiosk, counters and board of a ward; several web processes would need a shared
 * channel (PostgreSQL LISTEN/NOTIFY) — see docs/adr/0041-queue-live-updates.md.
 */
export class QueueBus {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  publish(e: QueueEvent): void {
    this.emitter.emit('event', e);
  }
  subscribe(fn: (e: QueueEvent) => void): () => void {
    this.emitter.on('event', fn);
    return () => this.emitter.off('event', fn);
  }
}
