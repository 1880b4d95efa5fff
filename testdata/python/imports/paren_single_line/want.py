from typing import (Annotated, Any, Literal)
from pydantic import (Field, SecretStr,)
