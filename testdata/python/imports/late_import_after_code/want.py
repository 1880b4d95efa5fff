from typing import Literal

from pydantic import SecretStr
from pydantic_settings import BaseSettings

class S(BaseSettings):
    pass

from pydantic import AnyUrl  # re-export
