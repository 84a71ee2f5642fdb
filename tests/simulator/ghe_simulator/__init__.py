"""A stateful simulator of the GitHub Enterprise Server admin REST API, for tests of ghe.admin."""

from .server import Simulator
from .state import ADMIN_TOKEN, USER_TOKEN

__all__ = ["Simulator", "ADMIN_TOKEN", "USER_TOKEN"]
