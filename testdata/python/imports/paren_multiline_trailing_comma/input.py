from typing import (
    Annotated,
    Any,
)
from pydantic import (
    Field,
    field_validator,
)
