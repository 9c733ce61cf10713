"""What the Mastodon.py scripts share: a client from the environment, and JSON out for Node."""

import datetime
import json
import os
import sys

from mastodon import Mastodon

# Past this, a JavaScript number is not exact: such ints (Mastodon.py turns ids into ints) are
# printed as strings, so the test reads the same digits the server sent.
MAX_SAFE_INTEGER = 2**53 - 1


def client():
    return Mastodon(access_token=os.environ["PARLEY_TOKEN"], api_base_url=os.environ["PARLEY_URL"], request_timeout=60)


def plain(value):
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value) if abs(value) > MAX_SAFE_INTEGER else value
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


def emit(value):
    """One JSON document on one line."""
    sys.stdout.write(json.dumps(plain(value)) + "\n")
    sys.stdout.flush()
