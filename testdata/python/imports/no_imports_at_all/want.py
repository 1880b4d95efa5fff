from typing import Literal

from pydantic import SecretStr

X = 1
