#!/usr/bin/python3
"""Hostile filters against a running server: opens websocket clients one after another, each with a
distinct filter of TERMS random 16-letter keywords (440 fill the 8 KB query limit), keeps them open, and
prints how many were admitted and how each refusal answered, with the server's heap and heap guard from
/stats. Then closes them and watches the guard take load again.

  bench/hostile-filters.py PORT [CLIENTS [TERMS]]      e.g. bench/hostile-filters.py 4000 450

Start the server with CERTSTREAM_CLIENT_MAX_STREAMS and CERTSTREAM_CLIENT_STREAMS_PER_MINUTE raised (one
address opens all of them); with CERTSTREAM_FILTER_MAX_INDEX_BYTES=1099511627776 the index bound is lifted
and the heap guard must stop them. Needs Debian's python3-websocket.
"""
import json
import random
import string
import sys
import time
import urllib.request

import websocket

port = int(sys.argv[1])
clients = int(sys.argv[2]) if len(sys.argv) > 2 else 450
terms = int(sys.argv[3]) if len(sys.argv) > 3 else 440
rnd = random.Random(7)


def memory():
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/stats", timeout=30) as answer:
        m = json.load(answer)["memory"]
    return m["heap"]["used"] >> 20, m.get("heap_guard", {})


admitted, refused = [], {}
for i in range(clients):
    keywords = ",".join("".join(rnd.choice(string.ascii_lowercase) for _ in range(16)) for _ in range(terms))
    try:
        admitted.append(websocket.create_connection(f"ws://127.0.0.1:{port}/?keyword={keywords}", timeout=60))
    except websocket.WebSocketBadStatusException as e:
        refused[e.status_code] = refused.get(e.status_code, 0) + 1
    except (OSError, websocket.WebSocketException) as e:
        print(f"client {i + 1}: the server did not answer ({type(e).__name__}: {e}); did it die?")
        sys.exit(1)
    if (i + 1) % 50 == 0 or i + 1 == clients:
        used, guard = memory()
        print(f"{i + 1} tried: {len(admitted)} admitted, refused {refused}; heap used {used} MB; guard {guard}", flush=True)
for connection in admitted:
    connection.close()
for second in range(0, 31, 5):
    used, guard = memory()
    print(f"{second} s after closing: heap used {used} MB; shedding {guard.get('shedding')}", flush=True)
    if not guard.get("shedding"):
        break
    time.sleep(5)
