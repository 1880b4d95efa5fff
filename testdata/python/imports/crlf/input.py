from typing import Any
from pydantic import Field

X = 1
