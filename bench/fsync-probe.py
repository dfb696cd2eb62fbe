#!/usr/bin/env python3
"""The disk's flush latency as a WAL flush sees it: fdatasync after an 8 KB write into a preallocated 16 MB file.

With synchronous_commit on, every acknowledged assessment waits for such a flush (the ledger's group commit
makes it one flush per batch, but a request may wait for the flush in progress and then its own). So the p99
of this probe bounds what the server's p99 can be; run it beside bench/serve-load.sh on the same disk.
    bench/fsync-probe.py [DIR] [COUNT]      defaults: /tmp 1000 (one flush every 2 ms)
"""
import os
import sys
import time

d = sys.argv[1] if len(sys.argv) > 1 else "/tmp"
n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
path = os.path.join(d, "fsync-probe.%d" % os.getpid())
fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
try:
    os.write(fd, b"\0" * (16 << 20))
    os.fsync(fd)
    block = os.urandom(8192)
    times = []
    for i in range(n):
        os.lseek(fd, (i * 8192) % (16 << 20), 0)
        os.write(fd, block)
        t0 = time.perf_counter()
        os.fdatasync(fd)
        times.append((time.perf_counter() - t0) * 1000)
        time.sleep(0.002)
finally:
    os.close(fd)
    os.unlink(path)
times.sort()


def q(x):
    return times[min(len(times) - 1, int(x * len(times)))]


print("fdatasync of 8 KB, %d times, 2 ms apart: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms;"
      " over 10 ms: %d; load %s" % (n, q(.5), q(.9), q(.99), q(.999), times[-1], sum(t > 10 for t in times),
                                     " ".join(open("/proc/loadavg").read().split()[:3])))
