"""Encryption at rest (only in the text reference; no OpenAPI description, so not validated).

The key material is never stored, returned or logged: only its SHA-256 is kept.
"""

from . import jobs
from .routing import AUTH_ADMIN_404, Route
from .util import Reply, invalid, not_found, sha256_hex

DOC = "https://docs.github.com/enterprise-server@3.19/rest/enterprise-admin/encryption-at-rest"
KEY_BITS = 2048


def check_key(pem):
    """Return None when ``pem`` is a PEM 2048-bit RSA private key, else a reason."""
    if not isinstance(pem, str) or not pem.strip():
        return "key is required"
    try:
        from cryptography.hazmat.primitives.asymmetric import rsa
        from cryptography.hazmat.primitives.serialization import load_pem_private_key
    except ImportError:
        return _check_key_text(pem)
    try:
        key = load_pem_private_key(pem.encode("utf-8"), password=None)
    except (TypeError, ValueError) as exc:
        return "key is not a PEM private key (%s)" % type(exc).__name__
    except Exception as exc:  # unsupported algorithms and the like
        return "key could not be loaded (%s)" % type(exc).__name__
    if not isinstance(key, rsa.RSAPrivateKey):
        return "key must be an RSA private key"
    if key.key_size != KEY_BITS:
        return "key must be a %d bit RSA private key, not %d bits" % (KEY_BITS, key.key_size)
    return None


def _check_key_text(pem):
    text = pem.strip()
    for kind in ("RSA PRIVATE KEY", "PRIVATE KEY"):
        if text.startswith("-----BEGIN %s-----" % kind) and text.endswith("-----END %s-----" % kind):
            body = text[len("-----BEGIN %s-----" % kind):-len("-----END %s-----" % kind)].strip()
            if len(body) > 1000:
                return None
            return "key is too short to be a %d bit RSA private key" % KEY_BITS
    return "key must be a %d bit RSA private key in PEM format" % KEY_BITS


def _status_url(ctx, job):
    return "%s/enterprise/encryption/status/%s" % (ctx.base_url, job["id"])


def get_encryption(ctx):
    enc = ctx.state["encryption"]
    enabled = enc.get("enabled")
    return Reply(200, {
        "updated_at": enc.get("updated_at") if enabled else None,
        "primary_key_version": enc.get("primary_key_version") if enabled else None,
        "replica_key_version": enc.get("replica_key_version") if enabled else None,
        "backup_key_version": enc.get("backup_key_version") if enabled else None,
    })


def update_key(ctx):
    body = ctx.body_dict()
    reason = check_key(body.get("key"))
    if reason:
        raise invalid("EncryptionKey", "key", "invalid" if body.get("key") else "missing_field", reason)
    job = jobs.create(ctx.state, "encryption_update", {"key_sha256": sha256_hex(body["key"].strip())})
    return Reply(202, {"message": "Started update of private key for encryption at rest.", "status_url": _status_url(ctx, job)})


def disable(ctx):
    job = jobs.create(ctx.state, "encryption_disable", {})
    return Reply(202, {"message": "Started disabling encryption at rest.", "status_url": _status_url(ctx, job)})


def get_status(ctx):
    job = jobs.find(ctx.state, ctx.params["request_id"])
    if job is None or not job["kind"].startswith("encryption_"):
        raise not_found()
    jobs.poll(ctx.state, job)
    return Reply(200, {"result": job["status"], "error": job["error"]})


ROUTES = [
    Route("GET", "/enterprise/encryption", get_encryption, AUTH_ADMIN_404, spec=None, doc=DOC),
    Route("PATCH", "/enterprise/encryption", update_key, AUTH_ADMIN_404, spec=None, doc=DOC),
    Route("DELETE", "/enterprise/encryption", disable, AUTH_ADMIN_404, spec=None, doc=DOC),
    Route("GET", "/enterprise/encryption/status/{request_id}", get_status, AUTH_ADMIN_404, spec=None, doc=DOC),
]
