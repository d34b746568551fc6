#!/usr/bin/env python3
"""Measures the resident memory of `zonesite serve` before, during and after a load test.

    serve_memory.py ZONESITE SITE [CONNECTIONS] [PAGES_PER_CONNECTION] [IDLE_SECONDS]

Starts `ZONESITE serve --port 0 --root SITE`, waits until the first build and the search index
are done, and reads VmRSS from /proc/PID/status (Linux). Then CONNECTIONS clients (300 unless
told) connect at once and each fetches PAGES_PER_CONNECTION pages (20) listed in the served
sitemap, keeping its connection open between requests as browsers do (and opening a new one
when the server closes it). VmRSS is read while they run (the peak), right after the last
answer, and after IDLE_SECONDS (5) with no request. Every answer must be a 200 with the whole
page; the script fails otherwise.
"""
import http.client
import re
import subprocess
import sys
import threading
import time
import urllib.request


def resident_kb(pid):
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def wait_until_idle(pid):
    """Waits until the server has used no CPU for a second (the search index and pictures are
    made in the background after the first build)."""
    last = cpu_ticks(pid)
    while True:
        time.sleep(1)
        now = cpu_ticks(pid)
        if now - last <= 1:
            return
        last = now


def fetch_all(host, port, paths, failures):
    """Fetches `paths` in turn over one kept-open connection, reopening it when the server
    closes it; records every answer that is not a whole 200."""
    connection = http.client.HTTPConnection(host, port, timeout=60)
    for path in paths:
        for attempt in range(3):
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                body = response.read()
                if response.status != 200 or b"</html>" not in body:
                    failures.append(f"{path}: {response.status}, {len(body)} bytes")
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError) as e:
                # A kept-open connection the server closed between two requests: browsers ask
                # again on a new one, and so does this.
                connection.close()
                if attempt == 2:
                    failures.append(f"{path}: {e!r}")
            except OSError as e:
                failures.append(f"{path}: {e!r}")
                connection.close()
                break
    connection.close()


def main():
    zonesite, site = sys.argv[1], sys.argv[2]
    connections = int(sys.argv[3]) if len(sys.argv) > 3 else 300
    per_connection = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    idle = float(sys.argv[5]) if len(sys.argv) > 5 else 5
    server = subprocess.Popen([zonesite, "serve", "--port", "0", "--root", site],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        address = server.stdout.readline().split()[4]
        host, port = address.split("//")[1].split("/")[0].split(":")
        port = int(port)
        wait_until_idle(server.pid)
        with urllib.request.urlopen(address + "sitemap.xml") as response:
            sitemap = response.read().decode("utf-8")
        origin = f"http://{host}:{port}"
        pages = [url[len(origin):] for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
        before = resident_kb(server.pid)

        failures = []
        start = threading.Barrier(connections + 1)

        def client(n):
            paths = [pages[(n * per_connection + k) % len(pages)] for k in range(per_connection)]
            start.wait()
            fetch_all(host, port, paths, failures)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(connections)]
        for thread in threads:
            thread.start()
        peak = before
        started = time.perf_counter()
        start.wait()
        while any(thread.is_alive() for thread in threads):
            peak = max(peak, resident_kb(server.pid))
            time.sleep(0.05)
        took = time.perf_counter() - started
        right_after = resident_kb(server.pid)
        peak = max(peak, right_after)
        time.sleep(idle)
        after_idle = resident_kb(server.pid)
        requests = connections * per_connection
        print(f"{len(pages)} pages in the sitemap; {connections} connections x {per_connection} "
              f"pages = {requests} requests in {took:.1f} s, {len(failures)} failed")
        print(f"resident memory: before {before / 1024:.0f} MB, peak {peak / 1024:.0f} MB, "
              f"right after {right_after / 1024:.0f} MB, after {idle:g} s idle "
              f"{after_idle / 1024:.0f} MB")
        if failures:
            sys.exit(f"{len(failures)} requests failed, e.g. {failures[:5]}")
    finally:
        server.kill()


if __name__ == "__main__":
    main()
