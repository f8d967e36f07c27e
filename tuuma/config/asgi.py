"""The ASGI entry point: `tuuma serve` runs it under gunicorn with uvicorn workers.

Live workshop feeds (/live/…) are answered by a small async handler of their own, so an open
connection costs a coroutine rather than a thread; so are the dots that the boards' script
sends while voting (/live/piste/), the one write that thousands make within a minute.
Every other request goes to Django's WSGI application on a fixed pool of threads (a2wsgi),
exactly as under a threaded WSGI server: views stay synchronous and keep their persistent
database connections.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuuma.config.settings")
import gc  # noqa: E402

from a2wsgi import WSGIMiddleware  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

from tuuma.workshops import live  # noqa: E402

django_application = WSGIMiddleware(get_wsgi_application(),
                                    workers=int(os.environ.get("WEB_THREADS", "4")))

# Everything loaded so far (Django, the apps, their models and modules, the settings)
# lives as long as the process. Left in the collector's care, each full collection walks all
# of it and pauses every thread for tens of milliseconds: that was most of the catalogue's
# p99. Freezing it moves it out of the collector's sight; later garbage is collected as usual.
gc.collect()
gc.freeze()


async def application(scope, receive, send):
    if scope["type"] == "http" and scope["path"].startswith(live.PREFIX):
        await live.endpoint(scope, receive, send)
    elif scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    else:
        await django_application(scope, receive, send)
