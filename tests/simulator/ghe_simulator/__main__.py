"""Command line: ``PYTHONPATH=tests/simulator python -m ghe_simulator --port 0 --port-file /tmp/p``."""

import argparse
import json
import os
import signal
import sys
import threading

from .server import Simulator


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m ghe_simulator", description="Stateful GitHub Enterprise Server admin API simulator.")
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


def main(argv=None):
    args = parse_args(argv)
    fixture = None
    if args.state_file:
        with open(args.state_file, encoding="utf-8") as handle:
            fixture = json.load(handle)
    if args.keyfile and not args.certfile:
        sys.stderr.write("--keyfile needs --certfile\n")
        return 2
    try:
        sim = Simulator(state=fixture, host=args.host, port=args.port, validate=not args.no_validate,
                        certfile=args.certfile, keyfile=args.keyfile, verbose=args.verbose)
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
    except (OSError, RuntimeError) as exc:
        sys.stderr.write("ghe_simulator: cannot start: %s\n" % exc)
        return 2
    if args.port_file:
        temporary = args.port_file + ".tmp"
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write("%d\n" % sim.port)
        os.replace(temporary, args.port_file)
    print("ghe_simulator listening on %s" % sim.url, flush=True)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        sim.stop()
        if args.dump_state:
            with open(args.dump_state, "w", encoding="utf-8") as handle:
                json.dump(sim.state, handle, indent=2, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
