"""The named routes of the project, for the permission matrices' "every route has a row"."""

from django.urls import URLPattern, URLResolver, get_resolver

# Namespaces whose routes are specified in a matrix file of their own (each of those files
# checks its namespace is covered), not in test_permissions_matrix.py.
OWN_MATRIX = {"acts": "tests/test_acts_matrix.py", "search": "tests/test_search_matrix.py",
              "api": "tests/test_api_matrix.py", "api_tokens": "tests/test_api_matrix.py",
              "workshops": "tests/test_workshops_matrix.py"}


def route_names(patterns=None, namespace=""):
    """Every named route as "namespace:name"."""
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from route_names(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield namespace + p.name


def routes_in(namespace: str) -> set[str]:
    return {n for n in route_names() if n.split(":", 1)[0] == namespace}


L = "login"  # the expected answer "302 to the sign-in page, coming back here"


def assert_answer(response, url: str, expected) -> None:
    """One matrix cell: the status a role gets, and for redirects where they lead."""
    from urllib.parse import quote

    if expected == L:
        assert response.status_code == 302
        assert response["Location"] == f"/tili/kirjaudu/?next={quote(url, safe='/')}"
        return
    body = b"" if response.streaming else response.content
    assert response.status_code == expected, body.decode(errors="replace")[:2000]
    if expected in (301, 302):
        assert not response["Location"].startswith("/tili/kirjaudu/")
