import typing
from typing import Literal as Literal
from pydantic import SecretStr
