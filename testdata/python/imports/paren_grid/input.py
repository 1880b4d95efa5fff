from pydantic import (AnyUrl, Field,
                      HttpUrl, field_validator)
from typing import Any
