from typing import Any  # noqa: F401
from pydantic import Field  # fields
