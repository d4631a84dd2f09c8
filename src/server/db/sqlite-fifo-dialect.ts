import { type DatabaseConnection, type Driver, SqliteDialect, SqliteDriver } from 'kysely';

/**
 * SQLite has one connection, so every query and transaction waits its turn for it. Kysely's own SqliteDriver
 * makes the waiters share one promise and re-check in a loop: each release wakes every waiter and all but one
 * go back to sleep, so with n requests waiting a release costs n resumptions (n² per batch). Under the public
 * lookup's 50 concurrent clients that herd cost more CPU than the statement (docs/benchmarks-notes.md).
 * This driver hands the connection to the waiters one at a time, first come first served: one resumption
 * per release. The inner driver's own lock is then always free when taken.
 */
export class FifoMutex {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  lock(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  unlock(): void {
    const next = this.waiting.shift();
    // The lock passes straight to the next waiter (`held` stays true), or is free.
    if (next) next();
    else this.held = false;
  }

  /** Waiters not yet given the lock (tests). */
  get queued(): number {
    return this.waiting.length;
  }
}

class FifoSqliteDriver extends SqliteDriver {
  readonly #turn = new FifoMutex();

  override async acquireConnection(): Promise<DatabaseConnection> {
    await this.#turn.lock();
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    this.#turn.unlock();
  }
}

export class FifoSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];

  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new FifoSqliteDriver(this.#config);
  }
}
