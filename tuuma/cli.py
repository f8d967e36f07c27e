"""The `tuuma` command: Django's management commands with tuuma's settings.

    tuuma serve           run the platform (gunicorn + background worker)
    tuuma demo            create the demo city and print its logins
    tuuma createorg NAME  create an organization (optionally with its first admin)
    tuuma digest          send the weekly e-mail digests
    tuuma migrate, tuuma createsuperuser, tuuma help, …
"""

import os
import sys


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuuma.config.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    argv[0] = "tuuma"
    if len(argv) == 1:
        argv.append("help")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
