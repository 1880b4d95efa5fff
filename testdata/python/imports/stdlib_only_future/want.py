from __future__ import annotations

import os
from typing import Literal

from pydantic import SecretStr


class S:
    pass
