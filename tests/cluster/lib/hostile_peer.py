#!/usr/bin/env python3
"""Hostile peers for the cluster tests: what a stranger (or a member gone bad) might send to a
tofmap coordinator's published port. Only the standard library.

    hostile_peer.py header4g PORT [TLS_CA TLS_CERT TLS_KEY]
        Two connections. One opens with a BASP client-handshake header announcing a payload of
        0xFFFFFFFF bytes; the other sends a well-formed client handshake, reads the server's, and
        then a direct-message header announcing 0xFFFFFFFF bytes. Each then trickles payload
        bytes. Prints "header4g first: closed" / "... after-handshake: closed" when the
        coordinator hangs up (within 15 s), "... open" otherwise.
    hostile_peer.py random PORT N SEED
        N connections, 50 at a time, each sending 1 to 64 KiB of random bytes (seeded) and
        waiting up to 15 s for the coordinator to hang up. Prints "random: N sent, C closed".
    hostile_peer.py idle PORT N
        Opens N connections that send nothing and holds them until stdin closes (or SIGTERM).
        Prints "idle: N open, F failed" once all connection attempts are done.
"""

import os
import random
import resource
import select
import socket
import ssl
import struct
import sys
import time

HOST = "127.0.0.1"


def header(op, length, flags=0, data=0, source=0, dest=0):
    """A BASP header as CAF 0.17.6 writes it: network byte order, 32 bytes."""
    return struct.pack(">BxxBIQQQ", op, flags, length, data, source, dest)


def node_id_payload():
    """A node id as CAF 0.17.6 serializes it (default data: tag, process id, 20-byte host id)."""
    return bytes.fromhex("00003e9aab9bac79") + struct.pack(">I", os.getpid()) + os.urandom(20)


def connect(port, tls=None):
    s = socket.create_connection((HOST, port), timeout=15)
    if tls:
        ca, cert, key = tls
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.load_verify_locations(ca)
        ctx.load_cert_chain(cert, key)
        s = ctx.wrap_socket(s)
    return s


def read_exactly(s, n):
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data


def closed_by_peer(s, seconds):
    """Trickles a byte a second and waits for the other side to hang up."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            s.sendall(b"\0")
            ready, _, _ = select.select([s], [], [], 1.0)
            if ready and not s.recv(65536):
                return True
        except (ConnectionError, OSError, ssl.SSLError):
            return True
    return False


def header4g(port, tls):
    # 1. The very first bytes announce 4 GiB.
    s = connect(port, tls)
    try:
        s.sendall(header(1, 0xFFFFFFFF))
        closed = closed_by_peer(s, 15)
    except (ConnectionError, OSError, ssl.SSLError):
        closed = True
    print("header4g first:", "closed" if closed else "open", flush=True)
    s.close()
    # 2. A well-formed handshake first, then 4 GiB.
    s = connect(port, tls)
    payload = node_id_payload()
    s.sendall(header(1, len(payload)) + payload)
    try:
        hdr = read_exactly(s, 32)
        op, _, length, _, _, _ = struct.unpack(">BxxBIQQQ", hdr)
        read_exactly(s, length)
        got = "server handshake" if op == 0 else "operation %d" % op
    except (ConnectionError, OSError, ssl.SSLError):
        got = "nothing"
    try:
        s.sendall(header(2, 0xFFFFFFFF, dest=1))
        closed = closed_by_peer(s, 15)
    except (ConnectionError, OSError, ssl.SSLError):
        closed = True
    print("header4g after-handshake (got %s):" % got, "closed" if closed else "open", flush=True)
    s.close()


def random_bytes(port, n, seed):
    rng = random.Random(seed)
    sent = closed = 0
    for start in range(0, n, 50):
        batch = []
        for _ in range(min(50, n - start)):
            try:
                s = socket.create_connection((HOST, port), timeout=15)
                s.sendall(rng.randbytes(rng.randint(1, 64 * 1024)))
                batch.append(s)
                sent += 1
            except OSError:
                pass
        deadline = time.time() + 15
        waiting = list(batch)
        while waiting and time.time() < deadline:
            ready, _, _ = select.select(waiting, [], [], 1.0)
            for s in ready:
                try:
                    data = s.recv(65536)
                except OSError:
                    data = b""
                if not data:
                    closed += 1
                    waiting.remove(s)
        for s in batch:
            s.close()
    print("random: %d sent, %d closed" % (sent, closed), flush=True)


def idle(port, n):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = min(hard, n + 256) if hard != resource.RLIM_INFINITY else n + 256
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, want), hard))
    held = []
    failed = 0
    for _ in range(n):
        s = socket.socket()
        s.setblocking(False)
        err = s.connect_ex((HOST, port))
        if err not in (0, 115):  # EINPROGRESS
            failed += 1
            s.close()
            continue
        held.append(s)
    # Wait until every attempt is connected or has failed (poll: descriptors above 1023).
    deadline = time.time() + 30
    pending = {s.fileno(): s for s in held}
    poller = select.poll()
    for fd in pending:
        poller.register(fd, select.POLLOUT)
    while pending and time.time() < deadline:
        for fd, _ in poller.poll(1000):
            s = pending.pop(fd, None)
            poller.unregister(fd)
            if s is not None and s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) != 0:
                failed += 1
    print("idle: %d open, %d failed" % (n - failed, failed), flush=True)
    sys.stdin.read()  # hold until told to stop
    for s in held:
        s.close()


def main():
    mode, port = sys.argv[1], int(sys.argv[2])
    if mode == "header4g":
        tls = tuple(sys.argv[3:6]) if len(sys.argv) >= 6 else None
        header4g(port, tls)
    elif mode == "random":
        random_bytes(port, int(sys.argv[3]), int(sys.argv[4]))
    elif mode == "idle":
        idle(port, int(sys.argv[3]))
    else:
        sys.exit("unknown mode " + mode)


if __name__ == "__main__":
    main()
