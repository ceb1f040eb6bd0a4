import type { Duplex } from 'node:stream';

const CLOSE_AFTER_MS = 2000;

const RESPONSES: Record<string, string> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  HPE_REQUEST_TIMEOUT: '408 Request Timeout',
};

/**
 * A request the parser refused (headers over 16 KiB, garbage). Node's default
 * writes the status and closes at once, while the client is still sending: the
 * unread bytes make the kernel answer with a reset, and the client sees
 * "connection reset" instead of the status. So: answer, half-close, and read
 * and drop what is still coming for a moment before closing.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  const status = RESPONSES[err.code ?? ''] ?? '400 Bad Request';
  if (!socket.writable) return void socket.destroy();
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.resume();
  setTimeout(() => socket.destroy(), CLOSE_AFTER_MS).unref();
}
