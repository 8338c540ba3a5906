#!/usr/bin/env python3
"""Client side of scripts/bench-connections.sh: holds many TCP connections to a node and reads its memory.

  connections.py PID HOST PORT COUNT PER_SOURCE
Opens COUNT connections to HOST:PORT, PER_SOURCE from each loopback source address (127.0.1.1, 127.0.1.2, ...: the
node caps connections per source), each sending the start of an INVITE and nothing more (a slow sender). Prints the
node's Pss (benchlib.pss, kB) before and once all are open, how many the node kept open (a refused one is closed by
the node at once), then how many are still open after the node's read timeout would have cut them.
"""
import os, socket, sys, time

sys.path.insert(0, os.path.dirname(__file__))
import benchlib

pid, host, port, count, per_source = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
PARTIAL = b"INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bK-slow\r\n"


def still_open(sockets):
    """Connections the node has not closed: a closed one reads as EOF (or reset) without blocking."""
    alive = 0
    for s in sockets:
        try:
            data = s.recv(1, socket.MSG_DONTWAIT | socket.MSG_PEEK)
            if data:
                alive += 1
        except BlockingIOError:
            alive += 1
        except OSError:
            pass
    return alive


before = benchlib.pss(pid)
sockets, failed = [], 0
start = time.monotonic()
for i in range(count):
    source = f"127.0.{1 + (i // per_source) // 250}.{1 + (i // per_source) % 250}"
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind((source, 0))
        s.connect((host, port))
        s.sendall(PARTIAL)
        sockets.append(s)
    except OSError:
        failed += 1
        s.close()
opened = time.monotonic() - start
time.sleep(3)   # the node accepts, reads the partial header and settles
held = still_open(sockets)
after = benchlib.pss(pid)
print(f"opened={len(sockets)} connect_failed={failed} seconds={opened:.1f} held={held} refused={len(sockets) - held} "
      f"pss_before_kb={before} pss_after_kb={after} bytes_per_held={(after - before) * 1024 // max(held, 1)}", flush=True)
time.sleep(float(os.environ.get("WAIT_FOR_TIMEOUT_S", "25")))
print(f"after_read_timeout_held={still_open(sockets)}", flush=True)
