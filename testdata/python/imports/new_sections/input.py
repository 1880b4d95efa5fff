import os

from pydantic_settings import BaseSettings

from app.db import url
