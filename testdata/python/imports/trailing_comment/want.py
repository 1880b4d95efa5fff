from typing import Any, Literal  # noqa: F401
from pydantic import Field, SecretStr  # fields
