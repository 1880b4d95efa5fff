"""Example for the docs:

class Settings(BaseSettings):
    redis_url: str
"""
