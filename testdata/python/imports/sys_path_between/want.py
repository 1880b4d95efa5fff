import sys
from typing import Literal
sys.path.insert(0, ".")
from pydantic import SecretStr
from pydantic_settings import BaseSettings
