from pydantic import Field, \
    AnyUrl
from typing import Any
