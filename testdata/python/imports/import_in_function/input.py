from pydantic_settings import BaseSettings


def f():
    from typing import Literal
    from pydantic import SecretStr
    return Literal, SecretStr
