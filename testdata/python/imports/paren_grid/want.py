from pydantic import (AnyUrl, Field,
                      HttpUrl, SecretStr, field_validator)
from typing import Any, Literal
