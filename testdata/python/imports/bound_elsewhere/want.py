from typing_extensions import Literal
from pydantic.types import SecretStr
