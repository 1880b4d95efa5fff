from contextlib import asynccontextmanager

from fastapi import FastAPI
from inventory.core.cache import close_redis_client

from inventory.config import Settings

settings = Settings()
@asynccontextmanager
async def lifespan(app: FastAPI):
    yield
    await close_redis_client()


app = FastAPI(lifespan=lifespan)
