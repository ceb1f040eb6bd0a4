"""Live-stream clients that never read, as a phone on the Wi-Fi would be.

Node cannot set TCP_MAXSEG: on loopback the segment size is 64 KB, and the
kernel then grows each socket's send buffer to megabytes, which would hide for
many minutes what the server queues itself. An MSS of 1448 (Ethernet, Wi-Fi)
gives the send buffer a LAN client gets. Usage: silent-clients.py PORT COUNT.
Prints "connected" once all are, then holds them until stdin closes.
"""
import socket
import sys

port, count = int(sys.argv[1]), int(sys.argv[2])
socks = []
for _ in range(count):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, 1448)
    s.connect(("127.0.0.1", port))
    s.sendall(b"GET /api/live HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % port)
    socks.append(s)
print("connected", flush=True)
sys.stdin.read()
