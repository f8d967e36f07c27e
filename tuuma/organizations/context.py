from django.shortcuts import get_object_or_404

from .models import Organization
from .permissions import Action, require


def organization_for(request, slug, action=Action.ORG_VIEW) -> Organization:
    """The organization named in the URL, or 404 for anyone who is not a member."""
    org = get_object_or_404(Organization, slug=slug)
    require(request.user, action, org)
    return org
