"""Routes, the router and the per-request context handed to handlers."""

import re
from urllib.parse import unquote

from .util import DOCS_ROOT
from .validation import operation_doc_url

GHES = "ghes"
GHEC = "ghec"
MANAGE_PREFIX = "/manage/v1"

# auth kinds
AUTH_NONE = "none"            # no token needed (a bad token is still 401)
AUTH_USER = "user"            # any valid token
AUTH_ADMIN_404 = "admin404"   # site admin; ordinary users get 404
AUTH_ADMIN_403 = "admin403"   # site admin; ordinary users get 403
AUTH_ENTERPRISE = "enterprise"  # enterprise owner (GHEC endpoints)
AUTH_FORBIDDEN = "forbidden"  # must NOT be authenticated (POST /credentials/revoke)
AUTH_MANAGE = "manage"        # Manage API: HTTP Basic api_key:<root site administrator password>


class Route:
    """One operation: method + path template -> handler.

    ``spec`` names the description that declares it ("ghes", "ghec"; None: in no description, not
    validated).  ``products`` are the simulators that serve it (default: the product of ``spec``, GHES
    for undescribed routes); a route served by both is validated against each product's own description.
    Templates under ``/manage/v1`` are Manage API routes, served only on the Manage listener.
    """

    def __init__(self, method, template, handler, auth, spec=GHES, doc=None, products=None):
        self.method = method.upper()
        self.template = template
        self.handler = handler
        self.auth = auth
        self.spec = spec
        self.products = tuple(products) if products else (spec or GHES,)
        self._doc = doc
        pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template))
        self.regex = re.compile("^" + pattern + "$")
        self.static_segments = len([part for part in template.split("/") if part and not part.startswith("{")])

    @property
    def manage(self):
        """True for a Manage API route."""
        return self.template.startswith(MANAGE_PREFIX + "/")

    def spec_for(self, product):
        """The description this route is validated against on a product (None: not validated)."""
        if self.spec is None:
            return None
        return product if product in self.products else self.spec

    def doc_for(self, product=None):
        """The documentation URL of the operation (looked up lazily: the descriptions load on first use)."""
        if self._doc:
            return self._doc
        spec = self.spec_for(product or self.products[0])
        return (operation_doc_url(spec, self.template, self.method) if spec else None) or DOCS_ROOT

    @property
    def doc(self):
        return self.doc_for()


class Router:
    """Matches an unprefixed path and method against the registered routes."""

    def __init__(self, routes, product=None, manage=False):
        """All routes, or those a product serves on its API listener (manage=False) or its Manage listener."""
        if product is not None:
            routes = [route for route in routes if route.manage == manage and (manage or product in route.products)]
        self.routes = sorted(routes, key=lambda route: -route.static_segments)

    def match(self, method, path):
        """Return (route, params, path_known)."""
        path_known = False
        for route in self.routes:
            found = route.regex.match(path)
            if found:
                path_known = True
                if route.method == method.upper():
                    return route, {key: unquote(value) for key, value in found.groupdict().items()}, True
        return None, {}, path_known


class Context:
    """Everything a handler needs to know about the request."""

    def __init__(self, sim, method, path, params, query_pairs, body, headers, base_url, root_url, page_url, route):
        self.sim = sim
        self.product = getattr(sim, "product", GHES)
        self.state = sim.state
        self.method = method
        self.path = path
        self.params = params
        self.query_pairs = query_pairs
        self.body = body
        self.headers = headers
        self.base_url = base_url
        self.root_url = root_url
        self.page_url = page_url
        self.route = route
        self.user = None
        self.token = None
        self.seq = None

    @property
    def doc(self):
        """The documentation URL of the operation being served."""
        return self.route.doc_for(self.product) if self.route else DOCS_ROOT

    @property
    def actor(self):
        """The login of the authenticated user, or None."""
        return self.user["login"] if self.user else None

    def query_value(self, name, default=None):
        """The last value of a query parameter."""
        value = default
        for key, item in self.query_pairs:
            if key == name:
                value = item
        return value

    def body_dict(self):
        """The JSON body when it is an object, else an empty dict."""
        return self.body if isinstance(self.body, dict) else {}

    @property
    def is_site_admin(self):
        """True when the authenticated user is a site administrator."""
        return bool(self.user and self.user.get("site_admin"))
