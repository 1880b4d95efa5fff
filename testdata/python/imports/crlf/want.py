from typing import Any, Literal
from pydantic import Field, SecretStr

X = 1
