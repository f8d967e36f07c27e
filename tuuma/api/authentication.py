"""`Authorization: Bearer <key>` (or `Token <key>`) for the API."""

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from .tokens import user_for_key

SCHEMES = (b"bearer", b"token")


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() not in SCHEMES:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Give the API key after the word Bearer."))
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Invalid API key.")) from None
        found = user_for_key(key)
        if found is None:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked API key."))
        return found

    def authenticate_header(self, request):
        # Makes DRF answer 401 (not 403) when a write comes without credentials.
        return 'Bearer realm="api"'
