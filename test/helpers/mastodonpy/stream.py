"""Mastodon.py's streaming client on the user stream (server-sent events): prints each event as a
JSON line ({"event", "id"}; heartbeats too) and exits after the number of updates given."""

import sys

from mastodon import StreamListener

from parley_client import client, emit

wanted = int(sys.argv[1])


class Enough(Exception):
    pass


class Printer(StreamListener):
    updates = 0

    def on_update(self, status):
        emit({"event": "update", "id": status["id"]})
        self.updates += 1
        if self.updates >= wanted:
            raise Enough()

    def on_status_update(self, status):
        emit({"event": "status.update", "id": status["id"], "content": status["content"]})

    def on_delete(self, status_id):
        emit({"event": "delete", "id": status_id})

    def on_notification(self, notification):
        emit({"event": "notification", "type": notification["type"]})

    def handle_heartbeat(self):
        emit({"event": "heartbeat"})


try:
    client().stream_user(Printer())
    # stream_user returns only when the server ends the stream.
    emit({"event": "end"})
    sys.exit(1)
except Enough:
    pass
except Exception as error:
    emit({"event": "error", "error": repr(error)})
    sys.exit(1)
