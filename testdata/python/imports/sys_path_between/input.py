import sys
sys.path.insert(0, ".")
from pydantic_settings import BaseSettings
