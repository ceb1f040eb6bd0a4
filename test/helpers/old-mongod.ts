import { type AddressInfo, type Server, type Socket, createServer } from 'node:net';
import { type Document, deserialize, serialize } from 'bson';

/**
 * A MongoDB 2.x server as far as a driver's first handshake sees it, on 127.0.0.1.
 * It follows the legacy wire protocol ("Legacy Opcodes" in MongoDB's wire protocol
 * reference): a 16-byte MsgHeader (messageLength, requestID, responseTo, opCode),
 * OP_QUERY (2004: flags, cstring fullCollectionName, numberToSkip, numberToReturn,
 * query document) answered by OP_REPLY (1: responseFlags, int64 cursorID,
 * startingFrom, numberReturned, documents). Servers before 3.6 know no OP_MSG
 * (2013): like them, it drops a connection that sends anything else.
 */
export interface OldMongod {
  url: string;
  /** Commands received, by name (isMaster, ...), for the test to check. */
  commands: string[];
  stop: () => Promise<void>;
}

const OP_REPLY = 1;
const OP_QUERY = 2004;

/** The isMaster reply of a 2.4 server (no wire version fields: they came with 2.6) or of a 2.6 one. */
function isMasterReply(version: '2.4' | '2.6'): Document {
  const base = { ismaster: true, maxBsonObjectSize: 16 * 1024 * 1024, maxMessageSizeBytes: 48_000_000, localTime: new Date(), ok: 1 };
  return version === '2.4' ? base : { ...base, maxWriteBatchSize: 1000, maxWireVersion: 2, minWireVersion: 0 };
}

function reply(requestId: number, doc: Document): Buffer {
  const body = Buffer.from(serialize(doc));
  const out = Buffer.alloc(16 + 20 + body.length);
  out.writeInt32LE(out.length, 0);
  out.writeInt32LE(0, 4);
  out.writeInt32LE(requestId, 8);
  out.writeInt32LE(OP_REPLY, 12);
  out.writeInt32LE(0, 16); // responseFlags
  out.writeBigInt64LE(0n, 20); // cursorID
  out.writeInt32LE(0, 28); // startingFrom
  out.writeInt32LE(1, 32); // numberReturned
  body.copy(out, 36);
  return out;
}

/** The query document of an OP_QUERY message: after flags, the collection's cstring, skip and limit. */
function queryOf(msg: Buffer): Document {
  const nameEnd = msg.indexOf(0, 20);
  const at = nameEnd + 1 + 8;
  return deserialize(msg.subarray(at, at + msg.readInt32LE(at)));
}

function serve(socket: Socket, version: '2.4' | '2.6', commands: string[]): void {
  let pending = Buffer.alloc(0);
  socket.on('error', () => undefined);
  socket.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 16 && pending.length >= pending.readInt32LE(0)) {
      const msg = pending.subarray(0, pending.readInt32LE(0));
      pending = pending.subarray(msg.length);
      if (msg.readInt32LE(12) !== OP_QUERY) {
        socket.destroy();
        return;
      }
      const query = queryOf(msg);
      const name = Object.keys(query)[0] ?? '';
      commands.push(name);
      const known = ['ismaster', 'hello'].includes(name.toLowerCase());
      // 2.x knows isMaster only; `hello` came with 4.4 (and 5.0 for its reply shape).
      const doc = name.toLowerCase() === 'ismaster' ? isMasterReply(version) : { ok: 0, errmsg: `no such cmd: ${name}`, code: 59, bad: known };
      socket.write(reply(msg.readInt32LE(4), doc));
    }
  });
}

export async function startOldMongod(version: '2.4' | '2.6'): Promise<OldMongod> {
  const commands: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    serve(s, version, commands);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `mongodb://127.0.0.1:${port}/`,
    commands,
    stop: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
