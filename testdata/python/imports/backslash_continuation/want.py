from pydantic import Field, \
    AnyUrl, SecretStr
from typing import Any, Literal
