from typing import (
    Annotated,
    Any
)
from pydantic import (
    AnyUrl,
    Field
)
