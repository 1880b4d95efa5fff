from typing import Literal

from pydantic import SecretStr

from .base import Base
from . import util
