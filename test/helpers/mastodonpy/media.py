"""Media through Mastodon.py, one step per call (the test looks at the files in between):

  media.py post PATH=DESCRIPTION...   upload each file (media_post), wait until processed, post the
                                      first four, read the post back (status, account, timelines)
  media.py edit STATUS_ID MEDIA_ID... status_update with these media, then status_history
  media.py delete STATUS_ID           status_delete, then whether status() still finds it

Each prints one JSON document of what Mastodon.py returned."""

import sys
import time

from mastodon import MastodonNotFoundError

from parley_client import client, emit

api = client()


def within(probe, what, seconds=120):
    """probe() until it returns something, polling (uploads and fan-out finish in the background)."""
    deadline = time.monotonic() + seconds
    while True:
        value = probe()
        if value is not None:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(what)
        time.sleep(0.1)


def processed(media):
    # v2 uploads answer before processing ends: url stays null until GET /api/v1/media/:id says 200.
    def ready():
        current = api.media(media)
        return current if current["url"] is not None else None

    return media if media["url"] is not None else within(ready, "media %s processed" % media["id"])


def post(files):
    uploads = []
    for arg in files:
        path, description = arg.split("=", 1)
        uploads.append(processed(api.media_post(path, description=description)))
    me = api.account_verify_credentials()
    status = api.status_post("Media through Mastodon.py", media_ids=uploads[:4])
    find = lambda statuses: next((s for s in statuses if s["id"] == status["id"]), None)
    read = {
        "status": api.status(status),
        "account": within(lambda: find(api.account_statuses(me, only_media=True)), "the post on the account"),
        "home": within(lambda: find(api.timeline_home()), "the post at home"),
        "local": within(lambda: find(api.timeline_local()), "the post on the local timeline"),
    }
    return {"uploads": uploads, "status": status, "read": read}


def edit(status_id, media_ids):
    edited = api.status_update(int(status_id), status="Edited through Mastodon.py", media_ids=[int(m) for m in media_ids])
    return {"edited": edited, "history": api.status_history(int(status_id))}


def delete(status_id):
    deleted = api.status_delete(int(status_id))
    try:
        api.status(int(status_id))
        gone = False
    except MastodonNotFoundError:
        gone = True
    return {"deleted": deleted, "gone": gone}


command, args = sys.argv[1], sys.argv[2:]
if command == "post":
    emit(post(args))
elif command == "edit":
    emit(edit(args[0], args[1:]))
elif command == "delete":
    emit(delete(args[0]))
else:
    sys.exit("unknown command %s" % command)
