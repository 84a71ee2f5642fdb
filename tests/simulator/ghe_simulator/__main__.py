"""Command line: ``PYTHONPATH=tests/simulator python -m ghe_simulator --port 0 --port-file /tmp/p``."""

import argparse
import json
import os
import signal
import sys
import threading

from .server import Simulator


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m ghe_simulator", description="Stateful GitHub Enterprise Server / Cloud admin API simulator.")
    parser.add_argument("--product", choices=("ghes", "ghec"), default="ghes", help="the product of the main simulator (default ghes)")
    parser.add_argument("--manage", action="store_true", help="GHES: also serve the Manage API (/manage/v1) on its own port")
    parser.add_argument("--with-ghec", action="store_true", help="also start a GitHub Enterprise Cloud simulator in this process")
    parser.add_argument("--ghec-state-file", help="JSON fixture of the --with-ghec simulator")
    parser.add_argument("--urls-file", help="write every URL (and the Manage API password) to this JSON file once listening")
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to bind (127.0.0.0/8, ::1 or localhost)")
    parser.add_argument("--port", type=int, default=0, help="port to bind; 0 picks a free one (default)")
    parser.add_argument("--port-file", help="write the bound port to this file once listening")
    parser.add_argument("--state-file", help="JSON fixture merged over the default state")
    parser.add_argument("--dump-state", help="write the final state to this JSON file on shutdown")
    parser.add_argument("--certfile", help="serve HTTPS with this certificate (PEM)")
    parser.add_argument("--keyfile", help="private key of --certfile (PEM)")
    parser.add_argument("--no-validate", action="store_true", help="do not validate against the OpenAPI descriptions")
    parser.add_argument("--verbose", action="store_true", help="log one line per request to stderr")
    return parser.parse_args(argv)


def _read_fixture(path):
    if not path:
        return None
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def _write_atomically(path, text):
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temporary, path)


def describe(sim, ghec=None):
    """Where everything listens: {"ghes"|"ghec": {"url", "api_url", "sim_url"}, "manage": {"url", "password"}}."""
    urls = {sim.product: {"url": sim.url, "api_url": sim.api_url, "sim_url": sim.url + "/_sim"}}
    if ghec is not None:
        urls["ghec"] = {"url": ghec.url, "api_url": ghec.api_url, "sim_url": ghec.url + "/_sim"}
    if sim.manage_url:
        urls["manage"] = {"url": sim.manage_url, "password": sim.state["settings"]["manage_password"]}
    return urls


def main(argv=None):
    args = parse_args(argv)
    fixture = _read_fixture(args.state_file)
    ghec_fixture = _read_fixture(args.ghec_state_file)
    if args.keyfile and not args.certfile:
        sys.stderr.write("--keyfile needs --certfile\n")
        return 2
    try:
        sim = Simulator(state=fixture, host=args.host, port=args.port, validate=not args.no_validate,
                        certfile=args.certfile, keyfile=args.keyfile, verbose=args.verbose, product=args.product, manage=args.manage)
        ghec = Simulator(state=ghec_fixture, host=args.host, port=0, validate=not args.no_validate, certfile=args.certfile,
                         keyfile=args.keyfile, verbose=args.verbose, product="ghec") if args.with_ghec else None
    except ValueError as exc:
        sys.stderr.write("ghe_simulator: %s\n" % exc)
        return 2
    stop = threading.Event()

    def on_signal(signum, frame):
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        sim.start()
        if ghec is not None:
            ghec.start()
    except (OSError, RuntimeError) as exc:
        sys.stderr.write("ghe_simulator: cannot start: %s\n" % exc)
        return 2
    if args.urls_file:
        _write_atomically(args.urls_file, json.dumps(describe(sim, ghec), indent=2) + "\n")
    if args.port_file:
        _write_atomically(args.port_file, "%d\n" % sim.port)
    print("ghe_simulator listening on %s" % sim.url, flush=True)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        sim.stop()
        if ghec is not None:
            ghec.stop()
        if args.dump_state:
            with open(args.dump_state, "w", encoding="utf-8") as handle:
                json.dump(sim.state, handle, indent=2, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
