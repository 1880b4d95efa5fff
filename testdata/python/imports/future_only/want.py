"""Doc."""

from __future__ import annotations

from typing import Literal

from pydantic import SecretStr

X = 1
