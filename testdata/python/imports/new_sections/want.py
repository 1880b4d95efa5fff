import os
from typing import Literal

from pydantic import SecretStr
from pydantic_settings import BaseSettings

from app.db import url
