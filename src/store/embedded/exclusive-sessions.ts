import type { PGlite } from "@electric-sql/pglite";

// PGlite is one PostgreSQL session. The owner's own code and every process
// connected through its socket take turns on it: a guest holds it from its
// first message until it is idle again (its transaction, or its extended-
// protocol exchange up to Sync, finished), so no statement of anyone else
// ever lands inside a guest's transaction, nor a guest's inside the owner's.
// Turns are taken on PGlite's own transaction lock, which the owner's
// queries and transactions also take.

/** Message types that leave an exchange open until the Sync that follows. */
const MID_EXCHANGE = new Set(["P", "B", "D", "E", "C", "H"]);
const TERMINATE = "X".charCodeAt(0);
const ROLLBACK = simpleQuery("ROLLBACK");
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

interface Turn {
  guest: number;
  end(): void;
}

/** The queue PGLiteSocketHandler calls (pglite-socket's own lets a guest's statements into the owner's transactions). */
export function exclusiveSessions(db: PGlite) {
  let turn: Turn | undefined;
  /** Guests waiting for a turn, and guests whose socket has closed (a late turn is given straight back). */
  const waiting = new Set<number>();
  const gone = new Set<number>();

  async function takeTurn(guest: number): Promise<void> {
    if (turn?.guest === guest) return;
    waiting.add(guest);
    await new Promise<void>((started) => {
      void db._runExclusiveTransaction(
        () =>
          new Promise<void>((end) => {
            turn = { guest, end };
            started();
          }),
      );
    });
    waiting.delete(guest);
  }

  function endTurn(): void {
    const ending = turn;
    turn = undefined;
    ending?.end();
  }

  /** For a guest gone: Sync closes an exchange left half-way, ROLLBACK an open transaction; then the session is free. */
  async function giveBack(guest: number): Promise<void> {
    if (turn?.guest !== guest) return;
    try {
      await db.runExclusive(async () => {
        await db.execProtocolRaw(SYNC);
        if (db.isInTransaction()) await db.execProtocolRaw(ROLLBACK);
      });
    } finally {
      gone.delete(guest);
      endTurn();
    }
  }

  return {
    async enqueue(guest: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
      // Terminate is the guest's, not the session's: the socket closing ends its turn.
      if (message[0] === TERMINATE) return 0;
      await takeTurn(guest);
      if (gone.has(guest)) {
        await giveBack(guest);
        return 0;
      }
      let bytes = 0;
      try {
        await db.runExclusive(() =>
          db.execProtocolRawStream(message, {
            onRawData: (data) => {
              bytes += data.length;
              onData(data);
            },
          }),
        );
      } finally {
        const type = String.fromCharCode(message[0] ?? 0);
        if (gone.has(guest)) await giveBack(guest);
        else if (!MID_EXCHANGE.has(type) && !db.isInTransaction()) endTurn();
      }
      return bytes;
    },
    /** The guest's socket closed: a turn it is still waiting for will be given straight back. */
    clearQueueForHandler(guest: number): void {
      gone.add(guest);
    },
    /** A guest gone mid-transaction: its work is rolled back and the session given back. */
    async clearTransactionIfNeeded(guest: number): Promise<void> {
      gone.add(guest);
      if (turn?.guest === guest) await giveBack(guest);
      else if (!waiting.has(guest)) gone.delete(guest);
    },
  };
}

/** A simple-protocol Query message: 'Q', its length, the text, a zero byte. */
function simpleQuery(text: string): Uint8Array {
  const body = Buffer.from(`${text}\0`, "utf8");
  const message = Buffer.alloc(5 + body.length);
  message.write("Q", 0, "latin1");
  message.writeInt32BE(4 + body.length, 1);
  body.copy(message, 5);
  return message;
}
