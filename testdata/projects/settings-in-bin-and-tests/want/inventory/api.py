from fastapi import FastAPI

from inventory.config import Settings

settings = Settings()
app = FastAPI()
