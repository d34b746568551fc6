#!/usr/bin/env python3
"""Measures the time from saving a page to the reload event of `zonesite serve`.

    reload_latency.py ZONESITE SITE PAGE [RUNS]

Starts `ZONESITE serve --port 0 --root SITE`, listens on its event stream like a browser tab,
appends a line to SITE/PAGE (restored afterwards) and times each save until the server's event
arrives (the `change` event, sent once the rebuilt site is complete). Prints the median and the range.
"""
import socket
import statistics
import subprocess
import sys
import time


def main():
    zonesite, site, page = sys.argv[1], sys.argv[2], sys.argv[3]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    server = subprocess.Popen([zonesite, "serve", "--port", "0", "--root", site],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        address = server.stdout.readline().split()[4]
        host, port = address.split("//")[1].split("/")[0].split(":")
        events = socket.create_connection((host, int(port)))
        events.sendall(b"GET /__zonesite/events HTTP/1.1\r\nHost: x\r\n\r\n")
        stream = events.makefile("rb")

        def next_event():
            while True:
                line = stream.readline().decode()
                if line.startswith("event: "):
                    return line[7:].strip()

        assert next_event() == "hello"
        path = f"{site}/{page}"
        original = open(path, encoding="utf-8").read()
        times = []
        for run in range(runs):
            started = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:
                f.write(original + f"\nSaved {run}.\n")
            kind = next_event()
            times.append((time.perf_counter() - started) * 1000)
            assert kind == "change", kind
            time.sleep(0.2)
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
        print(f"save -> reload for {page}: median {statistics.median(times):.0f} ms "
              f"(min {min(times):.0f}, max {max(times):.0f}, {runs} saves)")
    finally:
        server.kill()


if __name__ == "__main__":
    main()
