from typing import Literal
from pydantic import SecretStr
