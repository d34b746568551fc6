#!/usr/bin/env python3
"""Measures the time from saving a file to the reload event of a live preview, per kind of edit.

    reload_latency.py ZONESITE SITE PAGE [RUNS]
    reload_latency.py ZONESITE SITE [--kinds text,title,new,delete,figure,template] [--runs 20]
        [--page content/section-03/page-000003.md] [--figure turnover]
        [--partial templates/partials/footer.html]
        [--hugo HUGO_SITE] [--zola ZOLA_SITE] [--zola-binary PATH] [--others-runs N]
        [--tools zonesite,Hugo,Zola]

Starts `ZONESITE serve --port 0 --root SITE`, listens on its event stream like a browser tab, and
times each save until the server's `change` event (sent once the rebuilt site is complete). The
edit kinds, each RUNS times (default 20; 10 in the first form, which edits PAGE's text only):

- text: appends a line to PAGE;
- title: changes the title in PAGE's front matter;
- new: writes a new story into PAGE's folder (removed after each run, outside the timing);
- delete: deletes the last other story of PAGE's folder (put back after each run, outside the
  timing);
- figure: changes the value of the figure FIGURE in site.toml (the corpus of bench/gen_site.py
  quotes it on 100 pages);
- template: changes the partial PARTIAL, which every page of that corpus shows.

After each edit it builds the same files with `ZONESITE build` (into one output folder, which
each build brings up to date) and compares every file of that build with what the server serves
(the server's reload script taken out), over one keep-alive connection, byte for byte; files of
the previous comparison that the build no longer has must be gone from the server too. The server
makes the search index (pagefind/) after it announces a build and serves the last one until then:
when only files of the index differ, they are asked for again until they match (at most 30 s),
and the delay is reported. Any difference is named and makes the exit status non-zero. Prints the
median and maximum per kind, and a markdown table.

With --hugo and --zola (the corpora of `gen_site.py --hugo/--zola`), the same edits are timed
against `hugo server` (with --disableFastRender, so that it renders every page an edit changes,
not only those open in a browser) and `zola serve` (with --debounce 30, zonesite's settle wait;
Zola's default waits 1,000 ms), from the save to their LiveReload `reload` message, read with a
small websocket client. Their served files are not compared. Zola is skipped, saying so, when its
binary is absent; --tools measures only some of the three. Neither has a fact sheet: the figure
edit changes Hugo's data file data/facts.toml and Zola's config.toml [extra.facts] (Zola rebuilds
everything on a config change), the closest equivalents; the partial is
layouts/partials/footer.html for Hugo.
Every file is put back at the end, however the run ends.
"""
import argparse
import base64
import glob
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

# The two modules below are imported from this folder: leave no __pycache__ in the repository.
sys.dont_write_bytecode = True
from gen_site import FIGURE  # noqa: E402
from run import ZOLA, hugo_binary, zola_binary  # noqa: E402

KINDS = ("text", "title", "new", "delete", "figure", "template")
SCRIPT = "<script>(function(){var run="
# The longest wait for a server to start, and for a reload: far more than any full build of
# 10,000 pages takes here.
TIMEOUT = 60
# The longest wait for the reload after the restore at the end of a kind.
UNDO_TIMEOUT = 10
# The wait after a reload for any further message of the same edit, before the next step.
SETTLE = 0.3
# zonesite serve makes the search index after it announces a build (a reload never waits for
# it) and serves the last one until then: its files are compared again until they match, this long.
SEARCH_FOLDER, SEARCH_WAIT = "pagefind/", 30
NEW_STORY = "bench-new-story.md"


def without_injection(body):
    """The page as built: the server adds its reload script before </body>."""
    text = body.decode("utf-8", "replace")
    if text.count(SCRIPT) != 1:
        return body
    start = text.index(SCRIPT)
    end = text.index("</script>\n", start) + len("</script>\n")
    return (text[:start] + text[end:]).encode("utf-8")


class Stream:
    """A socket read by lines or by byte counts, each read with a deadline."""

    def __init__(self, sock):
        self.sock, self.buffer = sock, b""

    def _fill(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        self.sock.settimeout(left)
        try:
            data = self.sock.recv(65536)
        except socket.timeout:
            raise TimeoutError from None
        if not data:
            raise ConnectionError("the server closed the connection")
        self.buffer += data

    def exactly(self, count, deadline):
        while len(self.buffer) < count:
            self._fill(deadline)
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def line(self, deadline):
        while b"\n" not in self.buffer:
            self._fill(deadline)
        data, self.buffer = self.buffer.split(b"\n", 1)
        return data.decode("utf-8", "replace").rstrip("\r")


class Server:
    """A preview server run as a child process, its output read (so that it never blocks on a
    full pipe) and kept."""

    def __init__(self, command, ready, cwd=None):
        self.lines, self.address = [], None
        found = threading.Event()
        self.process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True, errors="replace")

        def read():
            for line in self.process.stdout:
                self.lines.append(line.rstrip("\n"))
                match = ready.search(line)
                if match and not found.is_set():
                    self.address = match.group(1)
                    found.set()
            found.set()

        threading.Thread(target=read, daemon=True).start()
        if not found.wait(TIMEOUT) or not self.address:
            self.stop()
            raise RuntimeError(f"{command[0]} did not start: " + " / ".join(self.lines[-5:]))
        self.host, self.port = urllib.parse.urlsplit(self.address).netloc.rsplit(":", 1)
        self.port = int(self.port)

    def stop(self):
        self.process.kill()
        self.process.wait()


class Zonesite(Server):
    """`zonesite serve` and its event stream, as the preview's browser tab reads it."""
    name = "zonesite"

    def __init__(self, zonesite, site, _work):
        super().__init__([zonesite, "serve", "--port", "0", "--root", site],
                         re.compile(r"(http://\S+/)"))
        events = socket.create_connection((self.host, self.port))
        events.sendall(f"GET /__zonesite/events HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n"
                       .encode())
        self.stream = Stream(events)
        if self.next_event(time.monotonic() + TIMEOUT) != "hello":
            raise RuntimeError("the event stream did not start with hello")

    def next_event(self, deadline):
        while True:
            line = self.stream.line(deadline)
            if line.startswith("event: "):
                return line[7:].strip()

    def reloaded(self, deadline):
        kind = self.next_event(deadline)
        if kind != "change":
            raise RuntimeError(f"event {kind}, not change")


class LiveReload(Server):
    """A server speaking the LiveReload protocol over a websocket at /livereload (Hugo, Zola)."""

    def __init__(self, command, cwd=None):
        super().__init__(command, re.compile(r"(?i)web server is available at (\S+)"), cwd)
        sock = socket.create_connection((self.host, self.port))
        key = base64.b64encode(os.urandom(16)).decode()
        sock.sendall((f"GET /livereload HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                      "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                      f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        self.stream = Stream(sock)
        deadline = time.monotonic() + TIMEOUT
        status = self.stream.line(deadline)
        if " 101 " not in status + " ":
            raise RuntimeError(f"{self.name}'s /livereload answered {status!r}")
        while self.stream.line(deadline):
            pass
        # Hugo answers a hello written without spaces only.
        self.send(1, json.dumps({"command": "hello",
                                 "protocols": ["http://livereload.com/protocols/official-7"]},
                                separators=(",", ":")))
        while self.message(deadline).get("command") != "hello":
            pass

    def send(self, opcode, text):
        """One frame from the client: final, masked (RFC 6455, 5.3), shorter than 126 bytes."""
        data, mask = text.encode(), os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
        self.stream.sock.sendall(bytes([0x80 | opcode, 0x80 | len(data)]) + mask + masked)

    def message(self, deadline):
        """The next text message, as JSON; pings are answered on the way."""
        while True:
            first, second = self.stream.exactly(2, deadline)
            length = second & 0x7F
            if length >= 126:
                size = 2 if length == 126 else 8
                length = int.from_bytes(self.stream.exactly(size, deadline), "big")
            payload = self.stream.exactly(length, deadline)
            opcode = first & 0x0F
            if opcode == 9:
                self.send(10, payload.decode("latin-1"))
            elif opcode == 8:
                raise ConnectionError(f"{self.name} closed the websocket")
            elif opcode == 1:
                return json.loads(payload)

    def reloaded(self, deadline):
        while self.message(deadline).get("command") != "reload":
            pass


class Hugo(LiveReload):
    """`hugo server`, rendering every page an edit changes."""
    name = "Hugo"

    def __init__(self, hugo, site, _work):
        super().__init__([hugo, "server", "--source", site, "--bind", "127.0.0.1",
                          "--port", str(free_port()), "--disableFastRender"])


class Zola(LiveReload):
    """`zola serve`, with the settle wait of zonesite."""
    name = "Zola"

    def __init__(self, zola, site, work):
        super().__init__([zola, "--root", site, "serve", "--interface", "127.0.0.1",
                          "--port", str(free_port()), "--debounce", "30", "--force",
                          "--output-dir", os.path.join(work, "public")])


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def drain(server):
    """Reads what else the server says about the last edit, until it is quiet for SETTLE s."""
    while True:
        try:
            server.reloaded(time.monotonic() + SETTLE)
        except TimeoutError:
            return


class Layout:
    """Where a tool's site keeps what the edits change, paths relative to its root."""

    def __init__(self, facts, anchor, partial):
        self.facts, self.anchor, self.partial = facts, anchor, partial


def layouts(args):
    return {"zonesite": Layout("site.toml", f'id = "{args.figure}"', args.partial),
            "Hugo": Layout("data/facts.toml", f"[{args.figure}]",
                           "layouts/partials/footer.html"),
            "Zola": Layout("config.toml", f"[extra.facts.{args.figure}]",
                           "templates/partials/footer.html")}


def read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except FileNotFoundError:
        return None


def put(path, text):
    """Writes `text` to `path`, or deletes it when `text` is None."""
    if text is None:
        os.remove(path)
    else:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


def deleted_story(page):
    """The story the delete edit removes: the last other page of PAGE's folder."""
    folder = os.path.dirname(page)
    others = [p for p in sorted(glob.glob(os.path.join(folder, "*.md")))
              if os.path.basename(p) not in ("_index.md", NEW_STORY, os.path.basename(page))]
    return others[-1] if others else None


def edit(kind, root, layout, page, run):
    """The run-th edit of `kind` in the site at `root`: ({path: new text, None to delete},
    {path: text that undoes it at once}), or a reason it cannot be made there."""
    page_path = os.path.join(root, page)
    original = read(page_path)
    if original is None:
        return f"{page} is missing"
    if kind == "text":
        return {page_path: original + f"\nSaved {run}.\n"}, {}
    if kind == "title":
        edited, count = re.subn(r'^title = ".*"$', f'title = "Edited title {run}"', original,
                                count=1, flags=re.M)
        return ({page_path: edited}, {}) if count else f"{page} has no title line"
    if kind == "new":
        path = os.path.join(os.path.dirname(page_path), NEW_STORY)
        story = (f'+++\ntitle = "New story {run}"\ndescription = "A story the benchmark adds."\n'
                 f"date = 2021-01-{1 + run % 28:02}\n+++\n\nA new story, number {run}.\n")
        return {path: story}, {path: None}
    if kind == "delete":
        path = deleted_story(page_path)
        return ({path: None}, {path: read(path)}) if path else f"{page}'s folder has no other story"
    if kind == "figure":
        path = os.path.join(root, layout.facts)
        text = read(path) or ""
        at = text.find(layout.anchor)
        value = re.compile(r"^value = (\d+)$", re.M).search(text, at) if at >= 0 else None
        if not value:
            return f"{layout.facts} has no figure {layout.anchor} with a value"
        number = int(value.group(1)) + run + 1
        return {path: text[:value.start()] + f"value = {number}" + text[value.end():]}, {}
    path = os.path.join(root, layout.partial)
    text = read(path)
    if text is None:
        return f"{layout.partial} is missing"
    return {path: text + f"<p>Edit {run}.</p>\n"}, {}


class Checker:
    """Compares what the zonesite server serves with a clean build of the same files."""

    def __init__(self, zonesite, site, server, work):
        self.zonesite, self.site = zonesite, site
        # One output folder for every build: each build writes the files that changed and
        # removes those the site no longer has, and gives the same files as one into a new folder
        # (which takes 20-30 s at 10,000 pages on this disk, the build itself under 1 s).
        self.out = os.path.join(work, "clean")
        self.address = server.address
        self.base = urllib.parse.urlsplit(server.address).path
        self.connection = http.client.HTTPConnection(server.host, server.port, timeout=TIMEOUT)
        self.previous = set()

    def get(self, rel):
        """(status, body) of `rel`; the connection is opened again once if the server closed it
        (it closes one left idle between two comparisons)."""
        for attempt in (1, 2):
            try:
                self.connection.request("GET", self.base + urllib.parse.quote(rel))
                response = self.connection.getresponse()
                return response.status, response.read()
            except (http.client.RemoteDisconnected, ConnectionError):
                self.connection.close()
                if attempt == 2:
                    raise

    def compare(self, reloaded):
        """(files compared, the names of those that differ, seconds from `reloaded` (a
        time.monotonic()) until the search index served was this build's, if it was not at once)."""
        out = self.out
        subprocess.run([self.zonesite, "-q", "build", "--root", self.site, "--output", out,
                        "--base-url", self.address], check=True)
        different, files = [], set()
        for folder, _, names in os.walk(out):
            for name in names:
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, out).replace(os.sep, "/")
                files.add(rel)
                with open(path, "rb") as f:
                    expected = f.read()
                if without_injection(self.get(rel)[1]) != expected:
                    different.append(rel)
        gone = self.previous - files
        different += [rel for rel in gone if self.get(rel)[0] != 404]
        self.previous = files
        lag = None
        if different and all(rel.startswith(SEARCH_FOLDER) for rel in different):
            deadline = time.monotonic() + SEARCH_WAIT
            while different and time.monotonic() < deadline:
                time.sleep(0.05)
                different = [rel for rel in different if not self.same(rel, out, rel in gone)]
            lag = time.monotonic() - reloaded
        return len(files), sorted(f"{rel} (still served)" if rel in gone else rel
                                  for rel in different), lag

    def same(self, rel, out, gone):
        """Whether `rel` is served as the clean build in `out` has it (or not at all)."""
        status, body = self.get(rel)
        if gone:
            return status == 404
        with open(os.path.join(out, rel), "rb") as f:
            return without_injection(body) == f.read()


class Result:
    """The times of one kind of edit on one tool, and what went wrong."""

    def __init__(self):
        self.times, self.note, self.checked, self.differences = [], None, 0, []
        # Seconds from a reload until the served search index caught up, where it had not at once.
        self.search_lags = []

    def cell(self):
        if not self.times:
            return self.note or "not measured"
        return f"{statistics.median(self.times):.0f} ms / {max(self.times):.0f} ms"


def measure(server, root, layout, kind, args, runs, checker):
    """Times `runs` edits of `kind`; each file is put back afterwards (outside the timing)."""
    result = Result()
    first = edit(kind, root, layout, args.page, 0)
    if isinstance(first, str):
        result.note = f"no {kind} edit: {first}"
        return result
    originals = {path: read(path) for path in {**first[0], **first[1]}}
    try:
        for run in range(runs):
            changes, undo = edit(kind, root, layout, args.page, run)
            started = time.perf_counter()
            for path, text in changes.items():
                put(path, text)
            server.reloaded(time.monotonic() + TIMEOUT)
            result.times.append((time.perf_counter() - started) * 1000)
            reloaded = time.monotonic()
            drain(server)
            if checker:
                count, different, lag = checker.compare(reloaded)
                result.checked = count
                if lag is not None and not different:
                    result.search_lags.append(lag)
                if different:
                    result.differences.append((run, different))
                    print(f"  {kind} edit {run}: {len(different)} of {count} served files differ "
                          f"from a clean build: {', '.join(different[:10])}", file=sys.stderr)
            if undo:
                for path, text in undo.items():
                    put(path, text)
                # A server that missed one undo (Zola 0.22 misses deleted files) is not waited
                # for again; one that is slow must be, or its late reload would end the next
                # timed edit early.
                if result.note:
                    continue
                try:
                    server.reloaded(time.monotonic() + TIMEOUT)
                    drain(server)
                except TimeoutError:
                    result.note = (f"undoing an edit (outside the timing) brought no reload "
                                   f"within {TIMEOUT} s; later undos were not waited for")
    except (TimeoutError, ConnectionError, RuntimeError) as e:
        result.note = (f"no reload after {len(result.times) + 1} edits: "
                       f"{str(e) or f'none within {TIMEOUT} s'}")
    finally:
        changed = [path for path, text in originals.items() if read(path) != text]
        for path in changed:
            put(path, originals[path])
        if changed:
            try:
                server.reloaded(time.monotonic() + UNDO_TIMEOUT)
                drain(server)
            except (TimeoutError, ConnectionError, RuntimeError):
                pass
    return result


def search_note(result):
    return (f"after {len(result.search_lags)} edits only once it was ready, at most "
            f"{max(result.search_lags):.1f} s after the reload")


def run_tool(name, start, root, layout, args, runs, check):
    """Starts a server, measures every kind on it, stops it."""
    print(f"{name}: starting on {root}", file=sys.stderr)
    results = {}
    with tempfile.TemporaryDirectory() as work:
        server = start(work)
        try:
            checker = Checker(args.zonesite, args.site, server, work) if check else None
            for kind in args.kinds:
                results[kind] = result = measure(server, root, layout, kind, args, runs, checker)
                line = f"{name} {kind}: " + (
                    f"{result.cell()} median / max, {len(result.times)} saves" if result.times
                    else result.cell())
                if checker and result.times:
                    line += (f"; after each, all {result.checked} served files equal a clean "
                             "build's" if not result.differences else
                             f"; served files differ from a clean build after "
                             f"{len(result.differences)} of them")
                    if result.search_lags:
                        line += (f" (the search index {search_note(result)})")
                if name == "zonesite" and server.lines:
                    line += f"\n  serve's last line: {server.lines[-1].strip()}"
                print(line, file=sys.stderr)
        finally:
            server.stop()
    return results


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("zonesite")
    parser.add_argument("site")
    parser.add_argument("old_page", nargs="?", metavar="PAGE")
    parser.add_argument("old_runs", nargs="?", type=int, metavar="RUNS")
    parser.add_argument("--kinds", help=f"comma-separated, of {', '.join(KINDS)} (default: all)")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--others-runs", type=int, help="runs for Hugo and Zola (default: --runs)")
    parser.add_argument("--page", default="content/section-03/page-000003.md")
    parser.add_argument("--figure", default=FIGURE)
    parser.add_argument("--partial", default="templates/partials/footer.html")
    parser.add_argument("--hugo", metavar="HUGO_SITE")
    parser.add_argument("--zola", metavar="ZOLA_SITE")
    parser.add_argument("--zola-binary", default=ZOLA)
    parser.add_argument("--tools", default="zonesite,Hugo,Zola",
                        help="which servers to measure, of those with a site (default: all)")
    args = parser.parse_args()
    if args.old_page:
        # The first form: PAGE's text, RUNS times (10 unless given).
        args.page = args.old_page
        args.kinds = args.kinds or "text"
        args.runs = args.old_runs or 10
    args.kinds = (args.kinds or ",".join(KINDS)).split(",")
    unknown = [k for k in args.kinds if k not in KINDS]
    if unknown:
        parser.error(f"unknown edit kinds {unknown}; known: {', '.join(KINDS)}")
    args.zonesite = os.path.abspath(args.zonesite)
    args.others_runs = args.others_runs or args.runs
    return args


def main():
    args = arguments()
    layout = layouts(args)
    wanted = args.tools.lower().split(",")
    # (name, start(work folder), site, runs, whether served files are compared)
    tools = []
    if "zonesite" in wanted:
        tools.append(("zonesite", lambda work: Zonesite(args.zonesite, args.site, work),
                      args.site, args.runs, True))
    if args.hugo and "hugo" in wanted:
        hugo = hugo_binary()
        tools.append(("Hugo", lambda work: Hugo(hugo, args.hugo, work), args.hugo,
                      args.others_runs, False))
    if args.zola and "zola" in wanted:
        zola = zola_binary(args.zola_binary)
        if zola:
            tools.append(("Zola", lambda work: Zola(zola, args.zola, work), args.zola,
                          args.others_runs, False))
    results = {}
    for name, start, root, runs, check in tools:
        results[name] = run_tool(name, start, root, layout[name], args, runs, check)
    names = [t[0] for t in tools]
    print(f"| edit kind | {' | '.join(n + ' median / max' for n in names)} | "
          "served = clean build (zonesite) |")
    print("| --- | " + "---: | " * len(names) + "--- |")
    failed = False
    for kind in args.kinds:
        ours, check = results.get("zonesite", {}).get(kind), "not measured"
        if ours and ours.differences:
            failed = True
            check = f"differs after {len(ours.differences)} of {len(ours.times)} edits"
        elif ours and ours.times:
            check = f"all {ours.checked} files, after each edit"
            if ours.search_lags:
                check += f" (the search index {search_note(ours)})"
        cells = " | ".join(results[n][kind].cell() for n in names)
        print(f"| {kind} | {cells} | {check} |")
    runs = ", ".join(f"{n} {r} runs" for n, _, _, r, _ in tools)
    print(f"\n{runs}; medians and maxima from the save to the reload message.")
    if "figure" in args.kinds and len(names) > 1:
        print("The figure edit changes zonesite's site.toml, Hugo's data/facts.toml and Zola's "
              "config.toml [extra.facts] (neither has a fact sheet).")
    for name in names:
        for kind, result in results[name].items():
            if result.note:
                print(f"{name} {kind}: {result.note}")
    if failed:
        sys.exit("served files differ from a clean build (listed above)")


if __name__ == "__main__":
    main()
