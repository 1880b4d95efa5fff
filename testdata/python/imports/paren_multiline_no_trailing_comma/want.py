from typing import (
    Annotated,
    Any,
    Literal
)
from pydantic import (
    AnyUrl,
    Field,
    SecretStr
)
