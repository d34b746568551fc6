#!/usr/bin/env python3
"""Measures the time from saving a page to the reload event of `zonesite serve`.

    reload_latency.py ZONESITE SITE PAGE [RUNS]

Starts `ZONESITE serve --port 0 --root SITE`, listens on its event stream like a browser tab,
appends a line to SITE/PAGE (restored afterwards) and times each save until the server's event
arrives (the `change` event, sent once the rebuilt site is complete). Prints the median and the
range, then checks that what the server shows after the last save is byte for byte what a clean
`ZONESITE build` of the same files gives (the server's reload script taken out).
"""
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

SCRIPT = "<script>(function(){var run="


def without_injection(body):
    """The page as built: the server adds its reload script before </body>."""
    text = body.decode("utf-8", "replace")
    if text.count(SCRIPT) != 1:
        return body
    start = text.index(SCRIPT)
    end = text.index("</script>\n", start) + len("</script>\n")
    return (text[:start] + text[end:]).encode("utf-8")


def same_as_clean_build(zonesite, site, address):
    """Compares every file of a clean build with what the server at `address` serves."""
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([zonesite, "-q", "build", "--root", site, "--output", out,
                        "--base-url", address], check=True)
        different = []
        count = 0
        for folder, _, names in os.walk(out):
            for name in names:
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, out).replace(os.sep, "/")
                with open(path, "rb") as f:
                    expected = f.read()
                try:
                    with urllib.request.urlopen(address + rel) as response:
                        served = response.read()
                except urllib.error.HTTPError as e:
                    served = e.read()
                count += 1
                if without_injection(served) != expected:
                    different.append(rel)
        return count, different


def main():
    zonesite, site, page = sys.argv[1], sys.argv[2], sys.argv[3]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    server = subprocess.Popen([zonesite, "serve", "--port", "0", "--root", site],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        address = server.stdout.readline().split()[4]
        host, port = address.split("//")[1].split("/")[0].split(":")
        events = socket.create_connection((host, int(port)))
        events.sendall(f"GET /__zonesite/events HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
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
        # The page is put back however the run ends: this may be someone's real site.
        try:
            for run in range(runs):
                started = time.perf_counter()
                with open(path, "w", encoding="utf-8") as f:
                    f.write(original + f"\nSaved {run}.\n")
                kind = next_event()
                times.append((time.perf_counter() - started) * 1000)
                assert kind == "change", kind
                time.sleep(0.2)
            count, different = same_as_clean_build(zonesite, site, address)
        finally:
            with open(path, "w", encoding="utf-8") as f:
                f.write(original)
        print(f"save -> reload for {page}: median {statistics.median(times):.0f} ms "
              f"(min {min(times):.0f}, max {max(times):.0f}, {runs} saves)")
        if different:
            sys.exit(f"{len(different)} of {count} served files differ from a clean build, "
                     f"e.g. {different[:5]}")
        print(f"after the last save, all {count} served files equal a clean build's")
    finally:
        server.kill()


if __name__ == "__main__":
    main()
