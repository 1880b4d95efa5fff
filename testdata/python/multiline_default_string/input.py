from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    banner: str = """
Welcome!
    (indented text inside a string)
"""
