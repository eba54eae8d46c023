"""Benchmark: `evaluator serve` rating one scorecard per request, over HTTP on 127.0.0.1.

    .venv/bin/python scripts/bench_service.py [--requests N] [--seconds S] [--clients C] [--workers 1 2]

For each number of workers it starts `evaluator serve --workers W` on a free port of 127.0.0.1
with a new SQLite store in a temporary folder, makes a committee token for the province of the
example wards, warms every worker up, then sends `POST /v1/rate` with one Regulation 366
scorecard (tn-thanh-hoa of examples/scorecards/thot-not-2025.yaml), on kept-alive connections:

- latency: one client, N requests one after another — p50 and p99 of the time to the whole answer;
- throughput: C clients at once (each a process of its own, so the client is not held by one
  interpreter), N requests in all — answers per second;
- the baseline, in the same run and the same way: ``GET /v1/health`` — the same server, HTTP and
  clients with no token, scorecard or rating behind it.

Every answer must be 200 with the run's JSON (the baseline's, ``{"status": "ok"}``). Bounded: at
most N requests and S seconds per measure; the servers are stopped at the end. It prints a
Markdown table with the machine and its load, ready to paste into README; it reports, it never
asserts a speed. Only 127.0.0.1 is used.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from bench import machine

ROOT = Path(__file__).resolve().parent.parent
EVALUATOR = Path(sys.executable).with_name("evaluator")


def _card() -> bytes:
    data = yaml.safe_load((ROOT / "examples" / "scorecards" / "thot-not-2025.yaml").read_text("utf-8"))
    cards = data["scorecards"] if isinstance(data, dict) else data
    card = next(c for c in cards if c["unit"] == "tn-thanh-hoa")
    return json.dumps({"criteria": "qd366-collective", "scorecards": [card]}, ensure_ascii=False).encode("utf-8")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _send(port: int, token: str, body: bytes | None, count: int, until: float) -> list[float]:
    """``count`` requests on one kept-alive connection (fewer if ``until`` passes); each one's seconds.
    ``body`` None: the baseline, ``GET /v1/health`` — the same HTTP path with no rating behind it.

    A plain HTTP/1.1 client on a socket — the request's bytes made once, the answer read by its
    Content-Length — so that the load's own CPU, on the same two cores, is as small as it can be.
    """
    if body is None:
        request = f"GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode("ascii")
    else:
        request = (
            f"POST /v1/rate HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        ).encode("ascii") + body
    expected = b'"ok"' if body is None else b'"results"'
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    times: list[float] = []
    pending = b""
    try:
        for _ in range(count):
            if time.monotonic() > until:
                break
            start = time.perf_counter()
            sock.sendall(request)
            while b"\r\n\r\n" not in pending:
                pending += _recv(sock)
            head, _, pending = pending.partition(b"\r\n\r\n")
            length = int(_header(head, b"content-length"))
            while len(pending) < length:
                pending += _recv(sock)
            data, pending = pending[:length], pending[length:]
            times.append(time.perf_counter() - start)
            status = head.split(b" ", 2)[1]
            if status != b"200" or expected not in data:
                raise RuntimeError(f"HTTP {status.decode()}: {data[:300]!r}")
    finally:
        sock.close()
    return times


def _recv(sock: socket.socket) -> bytes:
    chunk = sock.recv(1 << 16)
    if not chunk:
        raise RuntimeError("the service closed the connection")
    return chunk


def _header(head: bytes, name: bytes) -> bytes:
    for line in head.split(b"\r\n")[1:]:
        key, _, value = line.partition(b":")
        if key.strip().lower() == name:
            return value.strip()
    raise RuntimeError(f"no {name.decode()} header in the answer")


def _client(args: tuple[int, str, bytes | None, int, float]) -> list[float]:
    return _send(*args)


class Server:
    """`evaluator serve` on 127.0.0.1 with a new store, stopped on leaving."""

    def __init__(self, workers: int, folder: Path):
        self.port = _free_port()
        store = folder / f"bench-{workers}.sqlite"
        made = subprocess.run(
            [EVALUATOR, "token", "create", "--scope", "can-tho", "--role", "committee", "--store", store],
            capture_output=True, text=True, check=True, cwd=ROOT,
        )  # fmt: skip
        self.token = made.stdout.strip()
        self.log = (folder / f"serve-{workers}.log").open("w")
        cmd = [EVALUATOR, "serve", "--port", str(self.port), "--workers", str(workers), "--store", store]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise RuntimeError(f"the service did not start: see {self.log.name}") from None
                time.sleep(0.2)

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _throughput(server: Server, body: bytes | None, args: argparse.Namespace) -> tuple[int, float]:
    """Answers and answers per second from ``args.clients`` client processes at once."""
    share = max(1, args.requests // args.clients)
    until = time.monotonic() + args.seconds
    start = time.perf_counter()
    with multiprocessing.Pool(args.clients) as pool:
        done = pool.map(_client, [(server.port, server.token, body, share, until)] * args.clients)
    elapsed = time.perf_counter() - start
    count = sum(len(d) for d in done)
    return count, count / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests per measure (at most)")
    parser.add_argument("--seconds", type=float, default=30, help="seconds per measure (at most)")
    parser.add_argument("--clients", type=int, default=4, help="client processes for throughput")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    body = _card()
    rows = []
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="evaluator-bench-") as tmp:
        for workers in args.workers:
            with Server(workers, Path(tmp)) as server:
                warm = time.monotonic() + args.seconds
                with multiprocessing.Pool(args.clients) as pool:  # every worker has loaded the criteria
                    pool.map(_client, [(server.port, server.token, body, 20, warm)] * args.clients)
                lat = _send(server.port, server.token, body, args.requests, time.monotonic() + args.seconds)
                count, rate = _throughput(server, body, args)
                _, health = _throughput(server, None, args)  # the baseline, in the same run
                rows.append((workers, len(lat), _pct(lat, 0.5) * 1000, _pct(lat, 0.99) * 1000,
                             statistics.mean(lat) * 1000, count, rate, health))  # fmt: skip
    load = f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
    print(f"Machine: {machine()}; {load}. One scorecard per request; client and server on the same machine.\n")
    print("| workers | latency: requests | p50 ms | p99 ms | mean ms | throughput: requests "
          f"({args.clients} clients) | ratings/s | baseline: health checks/s |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for workers, n, p50, p99, mean, count, rate, health in rows:
        print(f"| {workers} | {n:,} | {p50:.1f} | {p99:.1f} | {mean:.1f} | {count:,} | {rate:,.0f} | {health:,.0f} |")


if __name__ == "__main__":
    main()
