"""Mastodon.py's markers_set (it sends ids as JSON numbers), then markers_get: prints both."""

import sys

from parley_client import client, emit

api = client()
timeline, last_read_id = sys.argv[1], int(sys.argv[2])
emit({"set": api.markers_set(timeline, last_read_id), "get": api.markers_get(timeline)})
